"""The window as a desktop app: it fits small screens, answers the keys hands know, prints, and says what to do."""

from __future__ import annotations

from pathlib import Path

import pytest
from pypdf import PdfReader
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtPrintSupport import QPrinter, QPrintPreviewDialog, QPrintPreviewWidget
from PySide6.QtWidgets import QApplication, QComboBox, QLineEdit, QPlainTextEdit, QScrollArea

from app.gui import dialogs
from app.gui.main_window import SAMPLE_HINT, MainWindow
from tests.conftest import SAMPLE
from tests.gui.helpers import load_by_drop, menu_action, tick

pytestmark = pytest.mark.gui

RENDER = 15_000


def open_sample(qtbot, window: MainWindow) -> None:
    """Help › Open Sample Brief, its pages drawn."""
    with qtbot.waitSignal(window.preview_panel.rendered, timeout=RENDER):
        menu_action(window, "Help", "Open Sample Brief").trigger()


def fully_shown_rows(window: MainWindow) -> int:
    view = window.outline_panel.list
    area = view.viewport().rect()
    model = view.model()
    return sum(area.contains(view.visualRect(model.index(row, 0))) for row in range(model.rowCount()))


def test_the_window_fits_1024_by_700_with_every_field_whole(qtbot, window: MainWindow):
    open_sample(qtbot, window)
    window.resize(1024, 700)
    qtbot.waitUntil(lambda: window.width() == 1024 and window.height() == 700)
    qtbot.wait(200)  # the splitter hands out the room again once the preview's page count has widened its tools
    for tab in (window.outline_panel, window.details_form):
        window.tabs.setCurrentWidget(tab)
        QApplication.processEvents()
        for area in tab.findChildren(QScrollArea) + ([tab] if isinstance(tab, QScrollArea) else []):
            assert not area.horizontalScrollBar().isVisible(), f"{tab.objectName()} scrolls sideways"
        for field in [*tab.findChildren(QComboBox), *tab.findChildren(QLineEdit), *tab.findChildren(QPlainTextEdit)]:
            if field.isVisibleTo(window):
                hint = field.minimumSizeHint().width()
                assert field.width() >= hint, f"{field.objectName()} clipped: {field.width()} < {hint}"
                area = next((a for a in tab.findChildren(QScrollArea) if a.widget().isAncestorOf(field)), None)
                if area is not None:  # inside a scroll area that never scrolls sideways: its right edge in view
                    right = field.mapTo(area.viewport(), QPoint(field.width(), 0)).x()
                    assert right <= area.viewport().width(), f"{field.objectName()} cut off at the right"
    for panel in (window.sources_panel, window.tabs, window.preview_panel):
        assert panel.width() >= panel.minimumSizeHint().width()


def test_the_outline_shows_eight_items_at_1280_by_800(qtbot, window: MainWindow):
    open_sample(qtbot, window)
    window.resize(1280, 800)
    qtbot.waitUntil(lambda: window.height() == 800)
    assert window.outline_panel.list.model().rowCount() == 9
    assert fully_shown_rows(window) >= 8


def test_tab_leaves_the_summary_and_the_note_instead_of_typing_a_tab(qtbot, window: MainWindow):
    open_sample(qtbot, window)
    window.tabs.setCurrentWidget(window.details_form)
    summary = window.details_form.summary
    before = summary.toPlainText()
    summary.setFocus()
    qtbot.keyClick(summary, Qt.Key.Key_Tab)
    assert not summary.hasFocus() and summary.toPlainText() == before and "\t" not in before

    window.tabs.setCurrentWidget(window.outline_panel)
    note = window.outline_panel.note_edit
    note.setFocus()
    qtbot.keyClick(note, Qt.Key.Key_Tab)
    assert not note.hasFocus() and "\t" not in note.toPlainText()


def test_redo_answers_both_ctrl_y_and_ctrl_shift_z(qtbot, window: MainWindow):
    shortcuts = {key.toString() for key in window.redo_action.shortcuts()}
    assert {"Ctrl+Y", "Ctrl+Shift+Z"} <= shortcuts
    load_by_drop(qtbot, window, [SAMPLE])
    tick(qtbot, window, "Judicial Warnings")
    title = window.details_form.lines["title"]
    window.tabs.setCurrentWidget(window.details_form)
    title.setFocus()
    qtbot.keyClick(title, Qt.Key.Key_End)
    qtbot.keyClicks(title, " today")
    for redo in ("Ctrl+Y", "Ctrl+Shift+Z"):
        qtbot.keyClick(title, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)  # Undo, in the field
        assert window.session.project.meta.title == "Untitled brief"
        sequence = QKeySequence(redo)[0]
        qtbot.keyClick(title, sequence.key(), sequence.keyboardModifiers())
        assert window.session.project.meta.title == "Untitled brief today", redo


def test_the_edit_menu_cuts_copies_pastes_and_finds(qtbot, window: MainWindow):
    edit_menu = next(a.menu() for a in window.menuBar().actions() if a.text() == "&Edit")
    entries = [a.text().replace("&", "") for a in edit_menu.actions()]
    assert [e for e in entries if e] == ["Undo", "Redo", "Cut", "Copy", "Paste", "Select All", "Find in Sources"]
    window.tabs.setCurrentWidget(window.details_form)
    author = window.details_form.lines["author"]
    author.setFocus()
    qtbot.keyClicks(author, "A. Analyst")
    menu_action(window, "Edit", "Select All").trigger()
    menu_action(window, "Edit", "Cut").trigger()
    assert author.text() == "" and QApplication.clipboard().text() == "A. Analyst"
    recipient = window.details_form.lines["recipient"]
    recipient.setFocus()
    menu_action(window, "Edit", "Paste").trigger()
    assert recipient.text() == "A. Analyst"
    window.preview_panel.setFocus()
    assert not menu_action(window, "Edit", "Paste").isEnabled()  # nothing there takes text
    qtbot.keyClick(window, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert window.sources_panel.search.hasFocus()


def test_undo_names_the_template_as_the_analyst_sees_it(qtbot, window: MainWindow):
    combo = window.preview_panel.template_combo
    combo.setFocus()
    target = combo.findData("situation-report")
    while combo.currentIndex() != target:
        qtbot.keyClick(combo, Qt.Key.Key_Down if combo.currentIndex() < target else Qt.Key.Key_Up)
    assert window.undo_action.text() == "&Undo Use template Situation report"


def test_print_sends_every_page_of_the_brief(qtbot, window: MainWindow, monkeypatch, tmp_path: Path):
    open_sample(qtbot, window)
    out = tmp_path / "printed.pdf"
    asked: list[int] = []

    def to_file(_parent, printer: QPrinter, pages: int) -> bool:  # the print dialog, answered "Print to file"
        asked.append(pages)
        printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
        printer.setOutputFileName(str(out))
        return True

    monkeypatch.setattr(dialogs, "ask_print", to_file)
    qtbot.keyClick(window, Qt.Key.Key_P, Qt.KeyboardModifier.ControlModifier)
    pages = window.preview_panel.preview.page_count
    assert asked == [pages]
    printed = PdfReader(out)
    assert len(printed.pages) == pages
    width, height = (float(v) for v in printed.pages[0].mediabox[2:])
    assert (round(width), round(height)) == (595, 842)  # the policy brief's A4, not the printer's default
    assert window.statusBar().currentMessage() == f"Sent {pages} pages to {out}."


def test_print_preview_shows_the_brief_s_pages(qtbot, window: MainWindow):
    open_sample(qtbot, window)
    menu_action(window, "File", "Print Preview…").trigger()
    dialog = next(d for d in window.findChildren(QPrintPreviewDialog) if d.isVisible())
    preview = dialog.findChild(QPrintPreviewWidget)
    qtbot.waitUntil(lambda: preview.pageCount() == window.preview_panel.preview.page_count, timeout=RENDER)
    dialog.reject()


def test_the_first_start_says_what_to_do_next(qtbot):
    first = MainWindow()
    qtbot.addWidget(first)
    with qtbot.waitSignal(first.projectOpened, timeout=RENDER):
        first.start()
    assert first.statusBar().currentMessage() == SAMPLE_HINT
    arabic = next(p for p in first.session.project.sources if "arabic" in p)
    assert all(getattr(item, "source", None) != arabic for item in first.session.project.items)  # loaded, not used
    first.session.undo_stack.setClean()
    first.close()


def test_a_newer_status_message_replaces_the_export_note(qtbot, window: MainWindow, tmp_path: Path):
    window.export_result.show_paths([tmp_path / "brief.pdf"])
    assert window.export_result.isVisible()
    window.statusBar().showMessage("Saved somewhere.", 4000)
    assert not window.export_result.isVisible()


def test_tab_reaches_every_control_the_analyst_works_with(qtbot, window: MainWindow):
    open_sample(qtbot, window)
    outline, details = window.outline_panel, window.details_form
    wanted = {
        "source search": window.sources_panel.search,
        "sources": window.sources_panel.tree,
        "reader": window.sources_panel.reader,
        "outline": outline.list,
        "role": outline.role_combo,
        "item text": outline.text_edit,
        "note": outline.note_edit,
        "page": window.preview_panel.pages.page_spin,
        "zoom": window.preview_panel.pages.zoom_combo,
        "template": window.preview_panel.template_combo,
    }
    window.sources_panel.search.setFocus()
    reached = set()
    for _ in range(200):  # Tab, as a keyboard user moves on, round the whole window
        reached.add(QApplication.focusWidget())
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
    missing = [name for name, widget in wanted.items() if widget not in reached]
    assert missing == []
    window.tabs.setCurrentWidget(details)
    details.lines["title"].setFocus()
    reached = set()
    for _ in range(40):
        reached.add(QApplication.focusWidget())
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
    assert {details.lines["title"], details.summary, details.scheme, details.portion_marks} <= reached
