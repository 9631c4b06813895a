"""A .brief dropped on the window opens it, after the question about unsaved changes; dropped with other files, it
opens on its own and the others are named, not added."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from app.brief.project_file import save_project
from app.brief.select import item_for
from app.core.model import BriefMeta, BriefProject
from app.gui.main_window import MainWindow
from app.ingest import ingest
from tests.conftest import SAMPLE
from tests.gui.helpers import drop_files, outline_headings, type_into

pytestmark = pytest.mark.gui


def saved_brief(folder: Path) -> Path:
    """A brief over a copy of the sample beside it, with one section in it."""
    source = ingest(shutil.copy(SAMPLE, folder / SAMPLE.name))
    section = next(s for s in source.sections if s.display_heading == "Judicial Warnings")
    path = folder / "recruitment.brief"
    project = BriefProject(
        meta=BriefMeta(title="Recruitment"), sources=[source.path], items=[item_for(source, section)]
    )
    save_project(project, path)
    return path


def test_dropping_a_brief_opens_it_after_asking_about_unsaved_changes(qtbot, window: MainWindow, answers, tmp_path):
    brief = saved_brief(tmp_path)
    type_into(qtbot, window.details_form.lines["title"], "Draft")

    answers.save_choice = "cancel"
    drop_files(window.sources_panel.tree.viewport(), [brief])
    qtbot.waitUntil(lambda: answers.questions == ["save Untitled brief?"])
    assert window.session.path is None and window.session.project.meta.title == "Draft"  # kept

    answers.save_choice = "discard"
    with qtbot.waitSignal(window.projectOpened, timeout=10_000):
        drop_files(window, [brief])
    assert answers.questions == ["save Untitled brief?"] * 2
    assert window.session.path == brief.resolve()
    assert window.session.project.meta.title == "Recruitment"
    assert outline_headings(window) == ["Judicial Warnings"]
    assert not window.isWindowModified() and answers.infos == []


def test_a_brief_dropped_with_other_files_opens_alone_and_names_them(qtbot, window: MainWindow, answers, tmp_path):
    brief = saved_brief(tmp_path)
    notes = tmp_path / "notes.md"
    notes.write_text("# Notes\n\nIntro.\n\n## Finding\n\nText.\n", encoding="utf-8")
    other = tmp_path / "other.brief"
    save_project(BriefProject(meta=BriefMeta(title="Other")), other)

    with qtbot.waitSignal(window.projectOpened, timeout=10_000):
        drop_files(window, [notes, brief, other])
    assert window.session.path == brief.resolve()
    assert [Path(s.path).name for s in window.session.sources] == [SAMPLE.name]  # notes.md was not added
    assert not window.isWindowModified()
    assert answers.infos == ["Only the brief was opened"]
    assert answers.info_messages[0].startswith(
        "A brief opens on its own, so only “recruitment.brief” was opened; “notes.md”, “other.brief” were left as "
        "they were."
    )
