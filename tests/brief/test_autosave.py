"""Autosave files: written per session, found again only when their session has ended."""

from __future__ import annotations

import json
import os
from pathlib import Path

from app.brief.autosave import Autosaver, Recovery, find_recoverable
from app.brief.project_file import load_project
from app.core.model import BriefProject, SectionItem


def test_autosave_round_trip_and_crash_detection(tmp_path: Path):
    project = BriefProject(
        sources=[str(tmp_path / "src.txt")], items=[SectionItem(source=str(tmp_path / "src.txt"), section_id="lead")]
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


def _crashed_session(tmp_path: Path, title: str = "Draft: the week") -> tuple[BriefProject, Recovery]:
    source = tmp_path / "src.txt"
    project = BriefProject(sources=[str(source)], items=[SectionItem(source=str(source), section_id="lead", note="n")])
    project.meta.title = title
    Autosaver(tmp_path / "auto").save(project, None)
    (found,) = find_recoverable(tmp_path / "auto", alive=lambda pid: False)
    return project, found


def test_accepting_a_recovery_keeps_the_work_on_disk_as_this_sessions_autosave(tmp_path: Path):
    project, recovery = _crashed_session(tmp_path)
    mine = Autosaver(tmp_path / "auto")
    recovered = recovery.adopt(mine)
    assert recovered.items == project.items
    assert not recovery.path.exists() and mine.path.exists()
    record = json.loads(mine.path.read_text(encoding="utf-8"))
    assert record["pid"] == os.getpid()  # not offered again while this session runs …
    (again,) = find_recoverable(tmp_path / "auto", alive=lambda pid: False)  # … but found after a second crash
    assert again.load().items == project.items


def test_declining_a_recovery_keeps_it_as_a_dated_project_file(tmp_path: Path):
    project, recovery = _crashed_session(tmp_path)
    kept = recovery.set_aside(tmp_path / "recovered")
    assert kept.parent == tmp_path / "recovered"
    assert kept.name == f"{recovery.saved_at:%Y-%m-%d %H%M} Draft the week.brief"
    assert load_project(kept).items == project.items
    assert find_recoverable(tmp_path / "auto", alive=lambda pid: False) == []
    _, second = _crashed_session(tmp_path)
    assert second.set_aside(tmp_path / "recovered") != kept  # never overwrites an earlier one
