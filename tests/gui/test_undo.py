"""Undo and redo through the Edit menu's actions: ticking, reordering, text, notes and details."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from app.gui.main_window import MainWindow
from tests.conftest import SAMPLE
from tests.gui.helpers import load_by_drop, outline_headings, tick

pytestmark = pytest.mark.gui

A, B = "Judicial Warnings", "Lead"


@pytest.fixture
def loaded(qtbot, window: MainWindow) -> MainWindow:
    load_by_drop(qtbot, window, [SAMPLE])
    return window


def test_undo_redo_every_kind_of_change(qtbot, loaded: MainWindow):
    window, undo, redo = loaded, loaded.undo_action.trigger, loaded.redo_action.trigger
    project = window.session.project
    tick(qtbot, window, A)
    tick(qtbot, window, B)
    window.outline_panel.select_row(1)
    window.outline_panel.move_up_action.trigger()
    assert outline_headings(window) == [B, A]

    title = window.details_form.lines["title"]
    title.setFocus()
    qtbot.keyClick(title, Qt.Key.Key_End)
    qtbot.keyClicks(title, " (draft)")
    window.outline_panel.select_row(1)
    qtbot.keyClicks(window.outline_panel.note_edit, "Check dates.")
    assert project.meta.title == "Untitled brief (draft)"
    assert project.items[1].note == "Check dates."

    undo()  # the note, typed in one burst, goes in one step
    assert project.items[1].note == ""
    assert window.outline_panel.note_edit.toPlainText() == ""
    undo()
    assert project.meta.title == "Untitled brief"
    assert title.text() == "Untitled brief"
    undo()
    assert outline_headings(window) == [A, B]
    undo()
    assert outline_headings(window) == [A]
    undo()
    assert outline_headings(window) == []
    assert window.session.undo_stack.undoText() == "Add source"  # the drop itself
    assert window.isWindowModified()
    undo()
    assert window.sources_model.rowCount() == 0
    assert not window.undo_action.isEnabled()
    assert not window.isWindowModified()

    for _ in range(6):
        redo()
    assert outline_headings(window) == [B, A]
    assert project.meta.title == "Untitled brief (draft)"
    assert project.items[1].note == "Check dates."
    assert window.isWindowModified()


def test_ctrl_z_in_a_text_field_uses_the_brief_history(qtbot, loaded: MainWindow):
    """Text fields give up their private undo, so Ctrl+Z there undoes the same steps as Edit › Undo."""
    tick(qtbot, loaded, A)
    note = loaded.outline_panel.note_edit
    note.setFocus()
    qtbot.keyClicks(note, "First thought.")
    qtbot.keyClick(note, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert loaded.session.project.items[0].note == ""
    qtbot.keyClick(note, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert outline_headings(loaded) == []  # the tick before it
    assert not note.isEnabled()  # nothing to annotate now; the user presses Ctrl+Shift+Z in the outline
    redo_keys = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier
    qtbot.keyClick(loaded.outline_panel.list, Qt.Key.Key_Z, redo_keys)
    assert outline_headings(loaded) == [A]


def test_unticking_and_the_date_picker_are_undoable(qtbot, loaded: MainWindow):
    tick(qtbot, loaded, A)
    tick(qtbot, loaded, A)  # untick
    assert outline_headings(loaded) == []
    loaded.undo_action.trigger()
    assert outline_headings(loaded) == [A]

    date = loaded.details_form.date
    before = loaded.session.project.meta.date
    date.setFocus()
    date.setCurrentSection(date.Section.YearSection)
    qtbot.keyClick(date, Qt.Key.Key_Down)
    after = loaded.session.project.meta.date
    assert after != before and after.endswith(str(int(before[-4:]) - 1))
    loaded.undo_action.trigger()
    assert loaded.session.project.meta.date == before
