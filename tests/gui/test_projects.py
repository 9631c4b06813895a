"""Projects: save and open, recent briefs, unsaved-change prompts, autosave and crash recovery, first start."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from app.brief.autosave import autosave_dir
from app.brief.project_file import load_project
from app.core.formats import input_extensions
from app.core.paths import SEEDS_DIR
from app.gui.main_window import MainWindow
from app.gui.models import Roles
from tests.conftest import SAMPLE, SAMPLE_HEADINGS
from tests.gui.helpers import load_by_drop, outline_headings, pretend_crashed, tick

pytestmark = pytest.mark.gui


def build_small_brief(qtbot, window: MainWindow) -> None:
    load_by_drop(qtbot, window, [SAMPLE])
    tick(qtbot, window, "Judicial Warnings")
    tick(qtbot, window, "Lead")
    qtbot.keyClicks(window.details_form.lines["author"], "A. Analyst")
    window.outline_panel.select_row(0)
    qtbot.keyClicks(window.outline_panel.note_edit, "Key judgement.")


def test_save_and_open_round_trip(qtbot, window: MainWindow, answers, tmp_path: Path):
    build_small_brief(qtbot, window)
    answers.save_name = str(tmp_path / "recruitment")  # the dialog's name without the extension
    qtbot.keyClick(window, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    saved = tmp_path / "recruitment.brief"
    assert saved.is_file()
    assert not window.isWindowModified()
    assert window.windowTitle() == "recruitment[*] — Briefgen"
    assert load_project(saved).meta.author == "A. Analyst"

    window.new_action.trigger()
    assert outline_headings(window) == [] and window.sources_model.rowCount() == 0
    assert window.details_form.lines["author"].text() == ""

    answers.open_name = str(saved)
    with qtbot.waitSignal(window.projectOpened, timeout=10_000):
        qtbot.keyClick(window, Qt.Key.Key_O, Qt.KeyboardModifier.ControlModifier)
    assert outline_headings(window) == ["Judicial Warnings", "Lead"]
    assert window.session.project.items[0].note == "Key judgement."
    assert window.details_form.lines["author"].text() == "A. Analyst"
    assert window.sources_model.rowCount() == 1
    assert not window.isWindowModified() and not window.undo_action.isEnabled()
    assert window.settings.recent_projects() == [str(saved)]

    # Open Recent lists it; choosing it (after New) opens it again.
    window.new_action.trigger()
    window.recent_menu.aboutToShow.emit()
    entry = next(a for a in window.recent_menu.actions() if a.text().endswith("recruitment.brief"))
    with qtbot.waitSignal(window.projectOpened, timeout=10_000):
        entry.trigger()
    assert outline_headings(window) == ["Judicial Warnings", "Lead"]


def test_a_broken_project_file_is_reported(qtbot, window: MainWindow, answers, tmp_path: Path):
    broken = tmp_path / "broken.brief"
    broken.write_text("{ not json", encoding="utf-8")
    window.open_project(broken)
    assert answers.errors == [("Cannot open the brief", f"{broken}: not a Briefgen project (invalid JSON at line 1)")]


def test_missing_sources_are_reported_and_the_brief_still_opens(qtbot, window: MainWindow, answers, tmp_path):
    source = tmp_path / "gone.md"
    source.write_text("# Notes\n\nIntro.\n\n## Gone\n\nSoon deleted.\n", encoding="utf-8")
    load_by_drop(qtbot, window, [source])
    tick(qtbot, window, "Gone")
    answers.save_name = str(tmp_path / "b.brief")
    window.save_action.trigger()
    source.unlink()
    window.new_action.trigger()
    with qtbot.waitSignal(window.projectOpened, timeout=10_000):
        window.open_project(tmp_path / "b.brief")
    assert len(answers.errors) == 1 and "gone.md: file not found" in answers.errors[0][1]
    assert window.outline_panel.list.model().index(0, 0).data(Roles.SUBTITLE).startswith("Source not loaded")


def test_closing_with_unsaved_changes_asks(qtbot, window: MainWindow, answers, tmp_path: Path):
    qtbot.keyClicks(window.details_form.lines["recipient"], "Director")
    assert window.isWindowModified()

    answers.save_choice = "cancel"
    assert not window.close()
    assert window.isVisible() and answers.questions == ["save Untitled brief?"]

    answers.save_choice = "save"
    answers.save_name = ""  # the user cancels the Save As dialog: still not closed
    assert not window.close()

    answers.save_name = str(tmp_path / "final.brief")
    assert window.close()
    assert load_project(tmp_path / "final.brief").meta.recipient == "Director"


def test_autosave_and_recovery_after_a_crash(qtbot, window: MainWindow, answers):
    build_small_brief(qtbot, window)
    window.autosave()
    window.autosave_writer.wait()  # it writes on its own thread
    files = list(autosave_dir().glob("session-*.json"))
    assert len(files) == 1
    crashed = pretend_crashed(files[0])  # the process that wrote it is gone: a crash

    answers.recover_answer = True
    second = MainWindow()
    qtbot.addWidget(second)
    with qtbot.waitSignal(second.projectOpened, timeout=10_000):
        second.start()
    assert outline_headings(second) == ["Judicial Warnings", "Lead"]
    assert second.session.project.meta.author == "A. Analyst"
    assert second.isWindowModified()  # recovered work is unsaved work
    assert not crashed.exists()
    second.session.undo_stack.setClean()


def test_saving_discards_the_autosave(qtbot, window: MainWindow, answers, tmp_path: Path):
    qtbot.keyClicks(window.details_form.lines["title"], "!")
    window.autosave()
    window.autosave_writer.wait()  # it writes on its own thread
    assert list(autosave_dir().glob("session-*.json"))
    answers.save_name = str(tmp_path / "x.brief")
    window.save_action.trigger()
    assert not list(autosave_dir().glob("session-*.json"))


def test_first_start_shows_the_sample_and_later_starts_do_not(qtbot):
    first = MainWindow()
    qtbot.addWidget(first)
    with qtbot.waitSignal(first.projectOpened, timeout=10_000):
        first.start()
    seeds = sorted(str(p.resolve()) for p in SEEDS_DIR.iterdir() if p.suffix in input_extensions())
    assert sorted(first.session.project.sources) == seeds
    project = first.session.project  # the sample brief: the analyst's parts, an excerpt, a quote and a figure
    assert project.meta.title == "Iraq Moves to Curb Recruitment into the Russian Military"
    assert {item.kind for item in project.items} == {"section", "analyst", "quote", "figure"}
    assert first.session.path is None and first.windowTitle().startswith("Untitled")  # Save asks where
    tree = first.sources_panel.tree.model()
    row = next(r for r in range(tree.rowCount()) if tree.index(r, 0).data(Roles.SOURCE).path == str(SAMPLE))
    sample = tree.index(row, 0)
    assert [tree.index(r, 0, sample).data() for r in range(tree.rowCount(sample))] == ["Lead", *SAMPLE_HEADINGS]
    assert not first.isWindowModified()  # nothing the user did: closing does not ask
    first.splitter.setSizes([300, 500, 480])
    sizes = first.splitter.sizes()
    first.close()

    later = MainWindow()
    qtbot.addWidget(later)
    later.start()
    assert later.sources_model.rowCount() == 0
    assert later.splitter.sizes() == sizes  # the layout is remembered
