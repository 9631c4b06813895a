"""An analyst's whole session through the real widgets: drop the sample, pick, reorder, edit, export, read back."""

from __future__ import annotations

from pathlib import Path

import pytest
from docx import Document as open_docx
from pypdf import PdfReader
from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtWidgets import QApplication

from app.gui.main_window import MainWindow
from app.gui.models import Roles
from tests.conftest import SAMPLE
from tests.gui.helpers import click_action_button, load_by_drop, open_export_dialog, outline_headings, tick, type_into

pytestmark = pytest.mark.gui

FIRST, SECOND = "Judicial Warnings", "Recruitment Tactics and Economic Drivers"
TITLE = "Iraqi recruitment into Russian forces"
NOTE = "Courts are now the main lever."


def test_analyst_builds_and_exports_a_brief(qtbot, window: MainWindow, tmp_path: Path, answers):
    load_by_drop(qtbot, window, [SAMPLE])
    assert window.sources_model.rowCount() == 1

    tick(qtbot, window, SECOND)
    tick(qtbot, window, FIRST)
    assert outline_headings(window) == [SECOND, FIRST]

    # Reorder with the Move Up button: the first-ticked section goes second.
    window.outline_panel.select_row(1)
    click_action_button(qtbot, window.outline_panel, "Move Up")
    assert outline_headings(window) == [FIRST, SECOND]

    window.tabs.setCurrentWidget(window.details_form)
    type_into(qtbot, window.details_form.lines["title"], TITLE)
    window.tabs.setCurrentWidget(window.outline_panel)
    window.outline_panel.select_row(0)
    type_into(qtbot, window.outline_panel.note_edit, NOTE)
    assert window.session.project.meta.title == TITLE
    assert window.session.project.items[0].note == NOTE
    assert window.windowTitle().endswith("[*] — Briefgen") and window.isWindowModified()

    dialog = open_export_dialog(qtbot, window, tmp_path / "out", "recruitment", ["docx", "pdf"])
    with qtbot.waitSignal(window.exported, timeout=15_000) as done:
        qtbot.mouseClick(dialog.export_button, Qt.MouseButton.LeftButton)
    docx_path, pdf_path = done.args[0]
    assert (docx_path, pdf_path) == (tmp_path / "out" / "recruitment.docx", tmp_path / "out" / "recruitment.pdf")
    assert answers.errors == []

    document = open_docx(docx_path)
    paragraphs = [(p.style.name, p.text) for p in document.paragraphs]
    assert ("Title", TITLE) in paragraphs
    assert [text for style, text in paragraphs if style == "Heading 2"] == [FIRST, SECOND]
    notes = [text for style, text in paragraphs if style == "Brief Note"]
    assert len(notes) == 1 and NOTE in notes[0]
    assert paragraphs.index(next(p for p in paragraphs if NOTE in p[1])) < paragraphs.index(("Heading 2", SECOND))

    text = "\n".join(page.extract_text() for page in PdfReader(pdf_path).pages)
    assert TITLE in text
    assert text.index(FIRST, text.index("Discussion")) < text.index(SECOND, text.index("Discussion"))
    assert NOTE in " ".join(text.split())

    # The status bar offers the file; its Open button hands the PDF to the desktop.
    result = window.export_result
    assert result.isVisible() and "recruitment.docx" in result.label.text()
    qtbot.mouseClick(result.open_button, Qt.MouseButton.LeftButton)
    assert answers.opened == [pdf_path]


def test_keyboard_shortcuts_reorder_and_remove(qtbot, window: MainWindow):
    load_by_drop(qtbot, window, [SAMPLE])
    for heading in ("Lead", FIRST, SECOND):
        tick(qtbot, window, heading)
    view = window.outline_panel.list
    view.setFocus()
    window.outline_panel.select_row(0)
    qtbot.keyClick(view, Qt.Key.Key_Down, Qt.KeyboardModifier.ControlModifier)
    assert outline_headings(window) == [FIRST, "Lead", SECOND]
    qtbot.keyClick(view, Qt.Key.Key_Down, Qt.KeyboardModifier.ControlModifier)
    assert outline_headings(window) == [FIRST, SECOND, "Lead"]
    qtbot.keyClick(view, Qt.Key.Key_Up, Qt.KeyboardModifier.ControlModifier)
    assert outline_headings(window) == [FIRST, "Lead", SECOND]
    qtbot.keyClick(view, Qt.Key.Key_Delete)
    assert outline_headings(window) == [FIRST, SECOND]
    assert QApplication.focusWidget() is view


def test_drag_and_drop_reorders_the_outline(qtbot, window: MainWindow):
    load_by_drop(qtbot, window, [SAMPLE])
    for heading in ("Lead", FIRST, SECOND):
        tick(qtbot, window, heading)
    model = window.outline_panel.list.model()
    # What the list view does on a drop: the dragged row's data, dropped before row 0.
    data = model.mimeData([model.index(2, 0)])
    assert model.dropMimeData(data, Qt.DropAction.MoveAction, 0, 0, QModelIndex())
    assert outline_headings(window) == [SECOND, "Lead", FIRST]
    # QListView's own internal move goes through moveRow: Lead to the end.
    assert model.moveRow(QModelIndex(), 1, QModelIndex(), 3)
    assert outline_headings(window) == [SECOND, FIRST, "Lead"]
    window.session.undo_stack.undo()
    assert outline_headings(window) == [SECOND, "Lead", FIRST]


def test_item_role_and_text_with_reset_to_source(qtbot, window: MainWindow):
    load_by_drop(qtbot, window, [SAMPLE])
    tick(qtbot, window, FIRST)
    panel = window.outline_panel
    panel.select_row(0)
    assert panel.role_combo.currentText() == "Discussion"
    assert "Faiq Zaidan" in panel.text_edit.toPlainText()
    assert not panel.reset_action.isEnabled()

    panel.role_combo.setFocus()
    qtbot.keyClick(panel.role_combo, Qt.Key.Key_Down)
    assert window.session.project.items[0].role == "assessment"  # the role after Discussion

    type_into(qtbot, panel.text_edit, "Only the judiciary matters here.")
    item = window.session.project.items[0]
    assert item.text == "Only the judiciary matters here."
    assert "Edited" in panel.edited_label.text()
    assert "edited" in panel.list.model().index(0, 0).data(Roles.SUBTITLE)  # the outline marks it too

    click_action_button(qtbot, panel, "Reset to Source")
    assert window.session.project.items[0].text is None
    assert "Faiq Zaidan" in panel.text_edit.toPlainText()
    assert not panel.reset_action.isEnabled()
