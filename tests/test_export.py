"""Atomic export: a failed write leaves the earlier file untouched and no temporary files behind."""

from __future__ import annotations

from pathlib import Path

import pytest

import app.export as export_module
from app import pipeline
from app.errors import ExportError
from app.export import write_atomically
from app.pipeline import build_brief, export
from app.select import project_from_sources
from app.templating import find_template


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

    def failing_writer(document, style):
        raise ExportError("renderer failed")

    monkeypatch.setitem(pipeline.WRITERS, "pdf", failing_writer)
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
