"""Autosave files: written per session, found again only when their session has ended."""

from __future__ import annotations

import json
from pathlib import Path

from app.brief.autosave import Autosaver, find_recoverable
from app.core.model import BriefItem, BriefProject


def test_autosave_round_trip_and_crash_detection(tmp_path: Path):
    project = BriefProject(
        sources=[str(tmp_path / "src.txt")], items=[BriefItem(source=str(tmp_path / "src.txt"), section_id="lead")]
    )
    project.meta.title = "Draft"
    saver = Autosaver(tmp_path / "auto")
    saver.save(project, tmp_path / "draft.brief")
    assert find_recoverable(saver.folder) == []  # this process is alive: not a crash
    found = find_recoverable(saver.folder, alive=lambda pid: False)
    assert len(found) == 1 and found[0].title == "Draft"
    assert found[0].project_path == tmp_path / "draft.brief"
    recovered = found[0].load()
    assert recovered.sources == project.sources and recovered.items == project.items
    found[0].discard()
    assert find_recoverable(saver.folder, alive=lambda pid: False) == []


def test_discard_and_damaged_files(tmp_path: Path):
    saver = Autosaver(tmp_path)
    saver.discard()  # nothing written yet: no error
    saver.save(BriefProject(), None)
    (tmp_path / "session-1-bad.json").write_text("{ broken", encoding="utf-8")
    (tmp_path / "session-2-other.json").write_text(json.dumps({"format": "else"}), encoding="utf-8")
    found = find_recoverable(tmp_path, alive=lambda pid: False)
    assert [r.path for r in found] == [saver.path] and found[0].project_path is None
    saver.discard()
    assert not saver.path.exists()
