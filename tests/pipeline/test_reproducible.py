"""Reproducible output: with SOURCE_DATE_EPOCH two builds are byte for byte the same; without it they differ only
in their dates."""

from __future__ import annotations

import datetime as dt
import io
import re
import time
import zipfile
from pathlib import Path

import pytest
from docx import Document as open_docx

from app.cli.main import main
from tests.conftest import SAMPLE

EPOCH = 1_700_000_000  # 14 November 2023, 22:13:20 UTC


def _build(folder: Path) -> dict[str, bytes]:
    assert main(["build", str(SAMPLE), "-o", str(folder), "--name", "b"]) == 0
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir())}


def test_source_date_epoch_makes_builds_byte_identical(tmp_path: Path, monkeypatch, capsys):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", str(EPOCH))
    first = _build(tmp_path / "one")
    time.sleep(1.1)  # a second later: any clock reading would now differ
    second = _build(tmp_path / "two")
    assert first == second
    moment = dt.datetime.fromtimestamp(EPOCH, dt.UTC)
    with zipfile.ZipFile(tmp_path / "one" / "b.docx") as package:
        assert {info.date_time for info in package.infolist()} == {moment.timetuple()[:6]}
    props = open_docx(str(tmp_path / "one" / "b.docx")).core_properties
    assert props.created == props.modified == moment
    assert b"/CreationDate (D:20231114221320+00'00')" in first["b.pdf"]
    body = "\n".join(p.text for p in open_docx(str(tmp_path / "one" / "b.docx")).paragraphs)
    assert "14 November 2023" in body  # the brief's own date, when the analyst set none


def _without_dates(name: str, data: bytes) -> object:
    if name.endswith(".pdf"):
        data = re.sub(rb"/(CreationDate|ModDate) \(D:[^)]*\)", b"", data)
        data = re.sub(rb"<xmp:(CreateDate|ModifyDate|MetadataDate)>[^<]*<", b"<", data)  # the XMP's copies
        return re.sub(rb"/ID\s*\[<[0-9a-fA-F]+><[0-9a-fA-F]+>\]", b"", data)
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        parts = {info.filename: package.read(info) for info in package.infolist()}
    parts["docProps/core.xml"] = re.sub(rb"<dcterms:(created|modified)[^>]*>[^<]*<", b"<", parts["docProps/core.xml"])
    return parts


def test_without_it_builds_differ_only_in_their_dates(tmp_path: Path, monkeypatch, capsys):
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    first = _build(tmp_path / "one")
    time.sleep(1.1)
    second = _build(tmp_path / "two")
    assert first != second
    for name in first:
        assert _without_dates(name, first[name]) == _without_dates(name, second[name]), name


@pytest.mark.parametrize("value", ["soon", "-5", "1e9"])
def test_an_unusable_epoch_is_ignored(tmp_path: Path, monkeypatch, capsys, value: str):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", value)
    assert main(["build", str(SAMPLE), "-o", str(tmp_path), "--name", "b", "--format", "docx"]) == 0
    props = open_docx(str(tmp_path / "b.docx")).core_properties
    assert props.created is not None
    assert abs((props.created - dt.datetime.now(dt.UTC)).total_seconds()) < 120
    assert "SOURCE_DATE_EPOCH" in capsys.readouterr().err
