"""Customising templates from the window: duplicate, edit with a live preview, save, export; built-ins stay intact."""

from __future__ import annotations

import shutil
from io import BytesIO
from pathlib import Path

import pytest
from docx import Document as open_docx
from pypdf import PdfReader
from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication

from app.assemble.catalog import user_templates_dir
from app.core.paths import TEMPLATES_DIR
from app.gui.main_window import MainWindow
from app.gui.page_view import PageView
from app.gui.template_editor import TemplateEditor
from tests.conftest import SAMPLE
from tests.gui.helpers import click_action_button, load_by_drop, menu_action, open_export_dialog, tick

pytestmark = pytest.mark.gui

RENDER_TIMEOUT = 15_000


def pdf_text(pdf: bytes) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(BytesIO(pdf)).pages)


def shown_pages(view: PageView) -> int:
    """How many pages the view lays out, once the first one is drawn."""
    return view.page_count() if 0 in view.drawn_pages() else 0


def duplicate_through_menu(qtbot, window: MainWindow, answers, name: str) -> TemplateEditor:
    """Template → Duplicate Template…, answering ``name``; the copy opens in the editor, which renders once."""
    answers.text_answer = name
    with qtbot.waitSignal(window.template_actions.editorOpened, timeout=15_000) as opened:
        menu_action(window, "Template", "Duplicate Template…").trigger()
    editor = opened.args[0]
    qtbot.waitExposed(editor)
    qtbot.waitUntil(lambda: editor.preview is not None, timeout=RENDER_TIMEOUT)
    return editor


def activate(qtbot, widget) -> None:
    """Bring a window to the front, as a click on it would, so its keyboard shortcuts apply."""
    widget.activateWindow()
    qtbot.waitUntil(widget.isActiveWindow, timeout=15_000)


def line_of(editor, text: str) -> int:
    return editor.toPlainText().splitlines().index(text) + 1


def test_duplicate_edit_with_live_preview_save_and_export(qtbot, window: MainWindow, answers, tmp_path: Path):
    load_by_drop(qtbot, window, [SAMPLE])
    tick(qtbot, window, "Judicial Warnings")
    builtin = (TEMPLATES_DIR / "policy-brief" / "brief.md.j2").read_text(encoding="utf-8")

    editor = duplicate_through_menu(qtbot, window, answers, "house")
    house = user_templates_dir() / "house" / "brief.md.j2"
    assert answers.questions[-1].endswith("[policy-brief-copy]")  # a free name is suggested
    assert house.read_text(encoding="utf-8") == builtin
    assert window.preview_panel.template_combo.currentData() == "house"  # the copy is in use
    assert window.session.project.template == "house"
    assert editor.markup_edit.toPlainText() == builtin
    assert "Key points" in pdf_text(editor.preview.preview.pdf)

    # Replace the "Key points" heading by typing over it; the preview follows, nothing is written yet.
    markup = editor.markup_edit
    markup.setFocus()
    assert markup.find("# Key points")  # the heading, not the words in a comment (find ignores case)
    qtbot.keyClicks(markup, "# Main findings")
    qtbot.waitUntil(lambda: "# Main findings" in editor.preview.brief.markup, timeout=RENDER_TIMEOUT)
    good = editor.preview
    assert "Main findings" in pdf_text(good.preview.pdf) and "Key points" not in pdf_text(good.preview.pdf)
    # labels of the pages replaced go with deleteLater: wait for the event loop to delete them
    qtbot.waitUntil(lambda: shown_pages(editor.pages) == good.preview.page_count, timeout=RENDER_TIMEOUT)
    assert editor.isWindowModified() and editor.tabs.tabText(0) == "brief.md.j2 •"
    assert house.read_text(encoding="utf-8") == builtin

    # A syntax error: shown with its line, the line tinted, the last good pages kept.
    line = line_of(markup, "# Main findings")
    with qtbot.waitSignal(editor.problemFound, timeout=RENDER_TIMEOUT) as problem:
        qtbot.keyClicks(markup, " {{ }}")
    assert problem.args[0].startswith(f"brief.md.j2:{line}: syntax error: ")
    assert editor.error_bar.isVisible() and editor.error_bar.text() == problem.args[0]
    assert markup.problem_line == line
    assert editor.preview is good
    qtbot.waitUntil(lambda: shown_pages(editor.pages) == good.preview.page_count, timeout=RENDER_TIMEOUT)
    assert editor.status_label.text() == "Showing the last good preview"

    # Clicking the error goes to the line, from wherever the analyst was.
    editor.tabs.setCurrentWidget(editor.style_edit)
    qtbot.mouseClick(editor.error_bar, Qt.MouseButton.LeftButton)
    assert editor.tabs.currentWidget() is markup
    assert markup.textCursor().blockNumber() + 1 == line
    assert markup.textCursor().selectedText() == "# Main findings {{ }}"

    # Fixing it clears the error.
    qtbot.keyClick(markup, Qt.Key.Key_End)
    with qtbot.waitSignal(editor.rendered, timeout=RENDER_TIMEOUT):
        for _ in " {{ }}":
            qtbot.keyClick(markup, Qt.Key.Key_Backspace)
    assert not editor.error_bar.isVisible() and markup.problem_line is None
    assert "# Main findings" in editor.preview.brief.markup

    # Ctrl+S writes the file; the main window's preview picks the change up.
    activate(qtbot, editor)
    with qtbot.waitSignal(window.preview_panel.rendered, timeout=RENDER_TIMEOUT):
        qtbot.keyClick(markup, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    assert house.read_text(encoding="utf-8") == builtin.replace("# Key points", "# Main findings")
    assert not editor.isWindowModified() and editor.tabs.tabText(0) == "brief.md.j2"
    assert "Main findings" in pdf_text(window.preview_panel.preview.pdf)
    assert (TEMPLATES_DIR / "policy-brief" / "brief.md.j2").read_text(encoding="utf-8") == builtin

    # An export from the main window uses the saved template.
    activate(qtbot, window)
    dialog = open_export_dialog(qtbot, window, tmp_path, "house-brief", ["docx"])
    with qtbot.waitSignal(window.exported, timeout=RENDER_TIMEOUT) as done:
        qtbot.mouseClick(dialog.export_button, Qt.MouseButton.LeftButton)
    document = open_docx(done.args[0][0])
    headings = [p.text for p in document.paragraphs if p.style.name == "Heading 1"]
    assert "Main findings" in headings and "Key points" not in headings
    assert answers.errors == []


def test_style_errors_point_at_the_key(qtbot, window: MainWindow, answers):
    editor = duplicate_through_menu(qtbot, window, answers, "house")
    style = editor.style_edit
    editor.tabs.setCurrentWidget(style)
    style.setFocus()
    assert style.find('size = "A4"')
    qtbot.keyClick(style, Qt.Key.Key_End)
    with qtbot.waitSignal(editor.problemFound, timeout=RENDER_TIMEOUT) as problem:
        qtbot.keyClick(style, Qt.Key.Key_Return)
        qtbot.keyClicks(style, 'colour = "red"')
    line = line_of(style, 'colour = "red"')
    assert problem.args[0] == f"style.toml:{line}: page.colour: unknown key"
    assert style.problem_line == line and editor.markup_edit.problem_line is None


def test_revert_asks_then_restores_the_files_on_disk(qtbot, window: MainWindow, answers):
    editor = duplicate_through_menu(qtbot, window, answers, "house")
    on_disk = (user_templates_dir() / "house" / "brief.md.j2").read_text(encoding="utf-8")
    markup = editor.markup_edit
    markup.setFocus()
    qtbot.keyClick(markup, Qt.Key.Key_End, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(markup, "An added line")

    answers.confirm_answer = False
    click_action_button(qtbot, editor, "&Revert")
    assert "unsaved changes to “house”" in answers.questions[-1]
    assert markup.toPlainText().endswith("An added line")

    answers.confirm_answer = True
    click_action_button(qtbot, editor, "&Revert")
    assert markup.toPlainText() == on_disk
    assert not editor.isWindowModified()


def test_closing_with_unsaved_edits_asks(qtbot, window: MainWindow, answers):
    editor = duplicate_through_menu(qtbot, window, answers, "house")
    markup = editor.markup_edit
    markup.setFocus()
    qtbot.keyClicks(markup, "{# a thought #}")

    answers.save_choice = "cancel"
    assert not editor.close()
    assert editor.isVisible() and answers.questions[-1] == "save house?"
    assert not window.close()  # nor does the main window close over the edits
    assert window.isVisible() and editor.isVisible() and answers.questions[-1] == "save house?"

    answers.save_choice = "discard"
    with qtbot.waitSignal(editor.closed):
        assert editor.close()
    assert window.template_actions.editors == {}
    assert "a thought" not in (user_templates_dir() / "house" / "brief.md.j2").read_text(encoding="utf-8")


def test_builtin_templates_are_offered_as_a_copy_or_read_only(qtbot, window: MainWindow, answers):
    builtin = TEMPLATES_DIR / "policy-brief" / "brief.md.j2"
    before = builtin.read_text(encoding="utf-8")
    edit = menu_action(window, "Template", "Edit Template…")

    answers.builtin_choice = "cancel"
    edit.trigger()
    assert answers.questions == ["built-in policy-brief?"]
    assert window.template_actions.editors == {}

    answers.builtin_choice = "view"
    with qtbot.waitSignal(window.template_actions.editorOpened) as opened:
        edit.trigger()
    editor = opened.args[0]
    markup = editor.markup_edit
    assert markup.isReadOnly() and editor.style_edit.isReadOnly()
    assert not editor.save_action.isEnabled() and not editor.revert_action.isEnabled()
    activate(qtbot, editor)
    markup.setFocus()
    qtbot.keyClicks(markup, "typed")
    qtbot.keyClick(markup, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    assert markup.toPlainText() == before and builtin.read_text(encoding="utf-8") == before

    answers.builtin_choice = "duplicate"
    answers.text_answer = "house"
    with qtbot.waitSignal(window.template_actions.editorOpened) as opened:
        edit.trigger()
    assert opened.args[0].info.folder == user_templates_dir() / "house"
    assert not opened.args[0].markup_edit.isReadOnly()


def test_bad_copy_name_is_reported_in_a_dialog(qtbot, window: MainWindow, answers):
    answers.text_answer = "Not Allowed!"
    menu_action(window, "Template", "Duplicate Template…").trigger()
    assert answers.errors[0][0] == "Cannot duplicate the template"
    assert "'Not Allowed!' is not allowed" in answers.errors[0][1]
    assert window.template_actions.editors == {}


def test_export_and_import_a_template(qtbot, window: MainWindow, answers, tmp_path: Path):
    duplicate_through_menu(qtbot, window, answers, "house").close()
    answers.save_name = str(tmp_path / "shared")
    menu_action(window, "Template", "Export Template…").trigger()
    archive = tmp_path / "shared.zip"
    assert archive.is_file()

    answers.open_name = str(archive)
    menu_action(window, "Template", "Import Template…").trigger()
    assert answers.errors[-1][0] == "Cannot import the template"
    assert "already exists" in answers.errors[-1][1]

    shutil.rmtree(user_templates_dir() / "house")
    menu_action(window, "Template", "Import Template…").trigger()
    assert (user_templates_dir() / "house" / "brief.md.j2").is_file()
    assert len(answers.errors) == 1
    assert window.preview_panel.template_combo.currentData() == "house"


def test_saving_a_style_with_errors_says_so_and_the_main_preview_keeps_its_pages(qtbot, window: MainWindow, answers):
    load_by_drop(qtbot, window, [SAMPLE])
    panel = window.preview_panel
    with qtbot.waitSignal(panel.rendered, timeout=RENDER_TIMEOUT):
        tick(qtbot, window, "Judicial Warnings")
    editor = duplicate_through_menu(qtbot, window, answers, "broken")
    assert window.session.project.template == "broken"  # the brief now uses the copy
    qtbot.waitUntil(lambda: not panel.status_label.isVisible(), timeout=RENDER_TIMEOUT)  # and shows it
    pages_before = panel.preview.pdf if panel.preview else b""
    style = editor.style_edit
    editor.tabs.setCurrentWidget(style)
    style.setFocus()
    assert style.find('size = "A4"')
    qtbot.keyClick(style, Qt.Key.Key_End)
    qtbot.keyClick(style, Qt.Key.Key_Return)
    qtbot.keyClicks(style, "margin_gutter_mm = 3")
    activate(qtbot, editor)
    qtbot.keyClick(style, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)  # Ctrl+S, as a user saves
    line = line_of(style, "margin_gutter_mm = 3")
    said = editor.statusBar().currentMessage()
    assert said == f"Saved with errors: style.toml:{line}: page.margin_gutter_mm: unknown key"
    qtbot.waitUntil(panel.error_label.isVisible, timeout=RENDER_TIMEOUT)
    assert "margin_gutter_mm" in panel.error_label.text()
    assert panel.preview is not None and panel.preview.pdf == pages_before  # the last good pages stay
    assert panel.pages.page_count() > 0


def test_the_editor_has_its_menus_find_and_replace_and_closes_with_escape(qtbot, window: MainWindow, answers):
    editor = duplicate_through_menu(qtbot, window, answers, "memo")
    assert [a.text() for a in editor.menuBar().actions()] == ["&File", "&Edit", "&View"]
    markup = editor.markup_edit
    markup.setFocus()
    activate(qtbot, editor)
    qtbot.keyClick(markup, Qt.Key.Key_H, Qt.KeyboardModifier.ControlModifier)  # Ctrl+H: find and replace
    bar = editor.find_bar
    assert bar.isVisible() and bar.replace_edit.isVisible()
    bar.find_edit.setFocus()
    qtbot.keyClicks(bar.find_edit, "item.note")
    assert markup.textCursor().selectedText() == "item.note"
    count = markup.toPlainText().count("item.note")
    assert count > 0
    qtbot.keyClicks(bar.replace_edit, "item.remark")
    qtbot.mouseClick(next(b for b in bar.replace_buttons if b.text() == "Replace All"), Qt.MouseButton.LeftButton)
    assert "item.note" not in markup.toPlainText() and markup.toPlainText().count("item.remark") == count
    assert bar.result_label.text() == f"Replaced {count} match{'es' if count != 1 else ''}"
    markup.undo()  # one step takes every replacement back
    assert markup.toPlainText().count("item.note") == count
    qtbot.keyClick(bar.find_edit, Qt.Key.Key_Escape)  # Esc closes the bar first …
    assert not bar.isVisible()
    editor.markup_edit.document().setModified(False)
    with qtbot.waitSignal(editor.closed, timeout=5000):
        qtbot.keyClick(markup, Qt.Key.Key_Escape)  # … then the editor


def test_the_editor_s_syntax_colours_follow_the_system_s_scheme(qtbot, window: MainWindow, answers):
    editor = duplicate_through_menu(qtbot, window, answers, "night")
    markup = editor.markup_edit
    block = markup.document().findBlock(markup.toPlainText().index("{%"))

    def tag_colour() -> str:
        start = block.text().index("{%")
        format_range = next(r for r in block.layout().formats() if r.start <= start < r.start + r.length)
        return format_range.format.foreground().color().name()

    light = tag_colour()
    hints = QGuiApplication.styleHints()
    try:
        hints.colorSchemeChanged.emit(Qt.ColorScheme.Dark)  # what the desktop says when it turns dark
        dark = tag_colour()
    finally:
        hints.colorSchemeChanged.emit(Qt.ColorScheme.Light)
    assert light != dark and tag_colour() == light
