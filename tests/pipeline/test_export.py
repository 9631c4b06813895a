"""Atomic export: a failed write leaves the earlier file untouched and no temporary files behind."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest

import app.core.atomic as export_module
from app.assemble.catalog import find_template
from app.brief.select import project_from_sources
from app.core.atomic import write_atomically
from app.core.errors import ExportError
from app.pipeline import export as pipeline
from app.pipeline.build import build_brief
from app.pipeline.export import export
from app.render.pdf import writer as pdf_writer


def test_write_replaces_whole_file(tmp_path: Path):
    target = tmp_path / "a.pdf"
    write_atomically(target, b"first")
    write_atomically(target, b"second")
    assert target.read_bytes() == b"second"
    assert [p.name for p in tmp_path.iterdir()] == ["a.pdf"]


def test_failed_write_keeps_earlier_file(tmp_path: Path, monkeypatch):
    target = tmp_path / "a.pdf"
    target.write_bytes(b"precious")

    def broken_replace(src, dst):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(export_module.os, "replace", broken_replace)
    with pytest.raises(ExportError, match="No space left on device"):
        write_atomically(target, b"new")
    assert target.read_bytes() == b"precious"
    assert [p.name for p in tmp_path.iterdir()] == ["a.pdf"]


def test_failed_render_keeps_earlier_export(tmp_path: Path, monkeypatch, sample_source):
    brief = build_brief(
        project_from_sources([sample_source]), {sample_source.path: sample_source}, find_template("policy-brief")
    )
    list(export(brief, tmp_path, ["pdf"], "brief"))
    earlier = (tmp_path / "brief.pdf").read_bytes()

    def failing_writer(brief):
        raise ExportError("renderer failed")

    monkeypatch.setattr(pdf_writer, "write_pdf", failing_writer)
    with pytest.raises(ExportError, match="renderer failed"):
        list(export(brief, tmp_path, ["pdf"], "brief"))
    assert (tmp_path / "brief.pdf").read_bytes() == earlier
    assert sorted(p.name for p in tmp_path.iterdir()) == ["brief.pdf"]


def test_export_reports_progress(tmp_path: Path, sample_source):
    brief = build_brief(
        project_from_sources([sample_source]), {sample_source.path: sample_source}, find_template("policy-brief")
    )
    progress = list(export(brief, tmp_path, ["docx", "pdf"], "b"))
    assert [(done, total) for done, total, _ in progress] == [(1, 2), (2, 2)]
    assert all(path.stat().st_size > 1000 for _, _, path in progress)


@pytest.mark.parametrize(
    ("title", "name"),
    [
        ("Iraq: a *test* brief!", "iraq-a-test-brief"),
        ("العراق يتحرك لمكافحة التجنيد", "العراق-يتحرك-لمكافحة-التجنيد"),
        ("***", "brief"),
        ("../../etc/passwd", "etcpasswd"),
    ],
)
def test_output_names_are_readable_and_safe(title: str, name: str):
    assert pipeline.output_name(title) == name


def test_new_files_follow_the_umask_and_replaced_files_keep_their_mode(tmp_path: Path):
    old = os.umask(0o022)
    try:
        write_atomically(tmp_path / "new.pdf", b"x")
        shared = tmp_path / "shared.pdf"
        shared.write_bytes(b"old")
        shared.chmod(0o664)
        write_atomically(shared, b"new")
    finally:
        os.umask(old)
    assert stat.S_IMODE((tmp_path / "new.pdf").stat().st_mode) == 0o644
    assert stat.S_IMODE(shared.stat().st_mode) == 0o664


def test_a_format_that_fails_to_render_leaves_every_earlier_file(tmp_path: Path, monkeypatch, sample_source):
    brief = build_brief(
        project_from_sources([sample_source]), {sample_source.path: sample_source}, find_template("policy-brief")
    )
    list(export(brief, tmp_path, ["docx", "pdf"], "brief"))
    before = {p.name: p.read_bytes() for p in tmp_path.iterdir()}

    def failing_layout(document, style):
        raise ExportError("font not found")

    monkeypatch.setattr(pdf_writer, "lay_out_pdf", failing_layout)  # every PDF, and the DOCX's layout, come from it
    with pytest.raises(ExportError, match="font not found"):
        list(export(brief, tmp_path, ["docx", "pdf"], "brief"))
    assert {p.name: p.read_bytes() for p in tmp_path.iterdir()} == before


def test_long_titles_give_names_the_file_system_accepts(tmp_path: Path):
    name = pipeline.output_name("Recruitment" * 40 + " " + "العراق " * 60)
    assert len(name.encode("utf-8")) <= pipeline.MAX_NAME_BYTES
    write_atomically(tmp_path / f"{name}.docx", b"x")
