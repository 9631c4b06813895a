"""Reopening a brief shows the current item's text once its source is read, and never edits text it did not show.

A brief opens at once and its sources arrive from a worker afterwards, so the
item editor must fill in when they do; until then (or for good, when a source
is missing) the editor is read-only, because typing into an editor that shows
nothing would replace the section's whole text.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from app.brief.autosave import autosave_dir
from app.gui.main_window import MainWindow
from tests.gui.helpers import load_by_drop, pretend_crashed, recent_action, tick

pytestmark = pytest.mark.gui

FINDINGS = "The courts warned recruits.\n\nA second paragraph."


def write_source(folder: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    source = folder / "notes.md"
    source.write_text(f"# Notes\n\nIntro.\n\n## Findings\n\n{FINDINGS}\n", encoding="utf-8")
    return source


def build_and_save(qtbot, window: MainWindow, answers, tmp_path: Path) -> Path:
    """Drop a source, tick its Findings section (it becomes the selected item) and save the brief."""
    load_by_drop(qtbot, window, [write_source(tmp_path / "sources")])
    tick(qtbot, window, "Findings")
    assert window.outline_panel.text_edit.toPlainText() == FINDINGS
    answers.save_name = str(tmp_path / "brief.brief")
    qtbot.keyClick(window, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    return tmp_path / "brief.brief"


def assert_editor_shows_the_section(window: MainWindow) -> None:
    panel = window.outline_panel
    assert panel.current_key() is not None
    assert panel.text_edit.toPlainText() == FINDINGS
    assert not panel.text_edit.isReadOnly()
    assert "Source not loaded" not in panel.origin_label.text()
    assert "Findings" in panel.origin_label.text()


def type_at_the_end(qtbot, window: MainWindow, text: str) -> None:
    edit = window.outline_panel.text_edit
    edit.setFocus()
    qtbot.keyClick(edit, Qt.Key.Key_End, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(edit, text)


def test_open_recent_shows_the_items_text_and_typing_edits_it(qtbot, window: MainWindow, answers, tmp_path: Path):
    saved = build_and_save(qtbot, window, answers, tmp_path)
    window.new_action.trigger()
    with qtbot.waitSignal(window.projectOpened, timeout=10_000):
        recent_action(window, saved).trigger()
    assert_editor_shows_the_section(window)
    type_at_the_end(qtbot, window, " Checked.")
    assert window.session.project.items[0].text == FINDINGS + " Checked."  # added to, never replaced


def test_a_window_started_with_a_project_shows_the_items_text(qtbot, window: MainWindow, answers, tmp_path: Path):
    saved = build_and_save(qtbot, window, answers, tmp_path)
    started = MainWindow()  # what `briefgen gui brief.brief` makes
    qtbot.addWidget(started)
    started.show()
    with qtbot.waitSignal(started.projectOpened, timeout=10_000):
        started.start(saved)
    assert_editor_shows_the_section(started)
    type_at_the_end(qtbot, started, " Checked.")
    assert started.session.project.items[0].text == FINDINGS + " Checked."
    started.session.undo_stack.setClean()


def test_a_recovered_brief_shows_the_items_text(qtbot, window: MainWindow, answers, tmp_path: Path):
    build_and_save(qtbot, window, answers, tmp_path)
    qtbot.keyClicks(window.outline_panel.note_edit, "Unsaved note.")
    window.autosave()
    window.autosave_writer.wait()  # it writes on its own thread
    (autosave,) = autosave_dir().glob("session-*.json")
    pretend_crashed(autosave)

    answers.recover_answer = True
    recovered = MainWindow()
    qtbot.addWidget(recovered)
    recovered.show()
    with qtbot.waitSignal(recovered.projectOpened, timeout=10_000):
        recovered.start()
    assert recovered.session.project.items[0].note == "Unsaved note."
    assert_editor_shows_the_section(recovered)
    recovered.session.undo_stack.setClean()


def test_the_editor_is_read_only_until_the_source_arrives(qtbot, window: MainWindow, answers, tmp_path: Path):
    saved = build_and_save(qtbot, window, answers, tmp_path)
    window.new_action.trigger()
    with qtbot.waitSignal(window.projectOpened, timeout=10_000):
        window.open_project(saved)
        # The brief shows at once; its source is still being read on a worker.
        edit = window.outline_panel.text_edit
        assert window.outline_panel.current_key() is not None
        assert edit.isReadOnly()
        qtbot.keyClicks(edit, "typed blind")
        assert window.session.project.items[0].text is None
    assert_editor_shows_the_section(window)


def test_a_missing_source_leaves_the_editor_read_only_until_it_is_added_again(
    qtbot, window: MainWindow, answers, tmp_path: Path
):
    saved = build_and_save(qtbot, window, answers, tmp_path)
    source = tmp_path / "sources" / "notes.md"
    hidden = source.rename(tmp_path / "notes.md.away")
    window.new_action.trigger()
    with qtbot.waitSignal(window.projectOpened, timeout=10_000):
        window.open_project(saved)
    panel = window.outline_panel
    assert "Source not loaded" in panel.origin_label.text()
    assert panel.text_edit.isReadOnly() and panel.text_edit.toPlainText() == ""
    assert "source is not loaded" in panel.text_edit.placeholderText()
    panel.text_edit.setFocus()
    qtbot.keyClicks(panel.text_edit, "Replacement")
    assert window.session.project.items[0].text is None  # the section's text was not replaced
    assert not window.isWindowModified()

    # The analyst finds the file and drops it on the window: the item's text shows up, editable.
    hidden.rename(source)
    load_by_drop(qtbot, window, [source])
    assert_editor_shows_the_section(window)
    assert window.session.project.sources == [str(source)]
    assert not window.isWindowModified()  # loading a file the brief already names changes nothing in it
