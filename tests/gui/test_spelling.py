"""Spell checking while typing, through the main window's own fields: misspelt words underlined, corrected
from the context menu, added to the personal dictionary or ignored, in the language of the brief."""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtCore import QEvent, QPoint, Qt, QTimer
from PySide6.QtGui import QContextMenuEvent, QKeyEvent, QTextCharFormat, QTextCursor
from PySide6.QtWidgets import QApplication, QLineEdit, QMenu, QPlainTextEdit, QWidget

from app.brief.personal_dictionary import PersonalDictionary
from app.gui.main_window import MainWindow
from app.gui.spell_check import Speller
from tests.gui.helpers import type_into

pytestmark = pytest.mark.gui

CTRL_SHIFT = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier
WAVE = QTextCharFormat.UnderlineStyle.SpellCheckUnderline


def personal_file(language: str) -> Path:
    return Path(os.environ["XDG_DATA_HOME"]) / "briefgen" / "dictionaries" / f"{language}.txt"


def underlined(edit: QPlainTextEdit) -> list[str]:
    """The words the field draws with the spelling wave, read from each block's layout formats."""
    words = []
    block = edit.document().firstBlock()
    while block.isValid():
        for found in block.layout().formats():
            if found.format.underlineStyle() == WAVE:
                words.append(block.text()[found.start : found.start + found.length])
        block = block.next()
    return words


def wave_pixels(line: QLineEdit) -> int:
    """How many pixels of the one-line field are drawn in the underline's red."""
    image = line.grab().toImage()
    colours = (image.pixelColor(x, y) for x in range(image.width()) for y in range(image.height()))
    return sum(1 for colour in colours if colour.red() - max(colour.green(), colour.blue()) > 60)


def type_text(qtbot, widget: QWidget, text: str) -> None:
    """Select all and type ``text`` as a keyboard in its language does: one key event a character, carrying it.

    qtbot.keyClicks only knows the characters of a Latin keyboard (it aborts on others).
    """
    widget.setFocus()
    qtbot.keyClick(widget, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    for char in text:
        if char == "\n":
            qtbot.keyClick(widget, Qt.Key.Key_Return)
            continue
        for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
            QApplication.sendEvent(widget, QKeyEvent(kind, Qt.Key.Key_unknown, Qt.KeyboardModifier.NoModifier, char))


def add_analyst_section(qtbot, window: MainWindow) -> QPlainTextEdit:
    panel = window.outline_panel
    panel.list.setFocus()
    qtbot.keyClick(panel.list, Qt.Key.Key_N, CTRL_SHIFT)
    return panel.text_edit


def open_menu(
    qtbot,
    target: QWidget,
    point: QPoint,
    act: Callable[[QMenu], None],
    reason: QContextMenuEvent.Reason = QContextMenuEvent.Reason.Mouse,
) -> list[str]:
    """Right-click ``target`` at ``point`` (or press the Menu key); ``act`` gets the menu while it is open.
    Returns its entries."""
    entries: list[str] = []

    def in_menu() -> None:
        menu = QApplication.activePopupWidget()
        assert isinstance(menu, QMenu), "no context menu opened"
        entries.extend(action.text() for action in menu.actions())
        act(menu)

    QTimer.singleShot(0, in_menu)
    event = QContextMenuEvent(reason, point, target.mapToGlobal(point))
    QApplication.sendEvent(target, event)
    return entries


def choose(qtbot, text: str) -> Callable[[QMenu], None]:
    """Highlight the entry ``text`` and press Enter, as a user picks from a menu."""

    def act(menu: QMenu) -> None:
        action = next(action for action in menu.actions() if action.text() == text)
        menu.setActiveAction(action)
        qtbot.keyClick(menu, Qt.Key.Key_Return)

    return act


def dismiss(qtbot) -> Callable[[QMenu], None]:
    return lambda menu: qtbot.keyClick(menu, Qt.Key.Key_Escape)


def inside_word(edit: QPlainTextEdit, word: str) -> QPoint:
    """A point on the viewport in the middle of the first ``word`` of the field."""
    found = edit.document().find(word)
    assert not found.isNull(), f"{word!r} is not in the field"
    cursor = QTextCursor(edit.document())
    cursor.setPosition(found.selectionStart() + len(word) // 2)
    return edit.cursorRect(cursor).center()


def in_line(line: QLineEdit, word: str) -> QPoint:
    """A point in the one-line field over the middle of ``word`` (the field is wide enough to show it all)."""
    before = line.text()[: line.text().index(word) + len(word) // 2]
    margins = line.textMargins()
    x = line.contentsRect().left() + margins.left() + 2 + line.fontMetrics().horizontalAdvance(before)
    return QPoint(x, line.height() // 2)


def test_a_misspelt_word_is_underlined_as_typed_and_corrected_from_the_menu(qtbot, window: MainWindow):
    edit = add_analyst_section(qtbot, window)
    type_into(qtbot, edit, "The governmnet announced sanctions (S//NF) against NATO [@1].")
    qtbot.waitUntil(lambda: underlined(edit) == ["governmnet"], timeout=10_000)

    entries = open_menu(qtbot, edit.viewport(), inside_word(edit, "governmnet"), choose(qtbot, "government"))

    assert entries[0] == "government"
    assert entries[entries.index("") - 2 : entries.index("")] == ["Add to Dictionary", "Ignore"]
    assert "Copy" in "".join(entries[entries.index("") :]).replace("&", "")  # the field's own entries below
    assert edit.toPlainText() == "The government announced sanctions (S//NF) against NATO [@1]."
    assert window.session.project.items[0].text == edit.toPlainText()
    assert underlined(edit) == []
    window.undo_action.trigger()  # the window's undo takes it back (with the typing it merges with)
    assert "government" not in window.session.project.items[0].text


def test_a_right_word_gets_only_the_fields_own_menu(qtbot, window: MainWindow):
    edit = add_analyst_section(qtbot, window)
    type_into(qtbot, edit, "Courts are the main lever wrogn.")
    qtbot.waitUntil(lambda: underlined(edit) == ["wrogn"], timeout=10_000)
    entries = open_menu(qtbot, edit.viewport(), inside_word(edit, "Courts"), dismiss(qtbot))
    assert "Add to Dictionary" not in entries and "Ignore" not in entries
    assert entries


def test_add_to_dictionary_clears_the_mark_everywhere_and_saves_the_word(qtbot, window: MainWindow):
    edit = add_analyst_section(qtbot, window)
    note = window.outline_panel.note_edit
    type_into(qtbot, note, "Peregraf says so.")
    type_into(qtbot, edit, "Peregraf reported it first.")
    qtbot.waitUntil(lambda: underlined(edit) == ["Peregraf"] and underlined(note) == ["Peregraf"], timeout=10_000)

    open_menu(qtbot, edit.viewport(), inside_word(edit, "Peregraf"), choose(qtbot, "Add to Dictionary"))

    assert underlined(edit) == [] and underlined(note) == []
    assert personal_file("en").read_text(encoding="utf-8") == "Peregraf\n"
    assert window.session.project.items[0].text == "Peregraf reported it first."  # the text itself is untouched


def test_the_personal_dictionary_is_read_when_a_word_list_loads(qtbot, window: MainWindow):
    personal_file("fr").parent.mkdir(parents=True)
    personal_file("fr").write_text("Peregraf\n", encoding="utf-8")
    speller = Speller(window.runner)  # as the next session's window starts
    speller.set_language("fr")
    with qtbot.waitSignal(speller.changed, timeout=10_000):
        assert speller.checker_for("Peregraf") is None  # asked for now, loaded on a worker thread
    checker = speller.checker_for("Peregraf")
    assert checker is not None and checker.language == "fr"
    assert checker.is_right("Peregraf") and not checker.is_right("Zorblax")


def test_a_dictionary_that_cannot_be_saved_still_accepts_the_word(qtbot, window: MainWindow, tmp_path: Path):
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("", encoding="utf-8")
    speller = Speller(window.runner, PersonalDictionary(blocker / "dictionaries"))
    with qtbot.waitSignal(speller.changed, timeout=10_000):
        speller.checker_for("Zorblax")
    speller.add_to_dictionary("Zorblax", "en")
    checker = speller.checker_for("Zorblax")
    assert checker is not None and checker.is_right("Zorblax")


def test_ignore_clears_the_mark_for_this_session_only(qtbot, window: MainWindow):
    edit = add_analyst_section(qtbot, window)
    type_into(qtbot, edit, "Zorblax reported it.")
    qtbot.waitUntil(lambda: underlined(edit) == ["Zorblax"], timeout=10_000)
    open_menu(qtbot, edit.viewport(), inside_word(edit, "Zorblax"), choose(qtbot, "Ignore"))
    assert underlined(edit) == []
    assert not personal_file("en").exists()


def test_the_title_is_underlined_and_corrected_in_its_one_line_field(qtbot, window: MainWindow):
    window.tabs.setCurrentWidget(window.details_form)
    title = window.details_form.lines["title"]
    type_into(qtbot, title, "Iraqi recruitment")
    qtbot.waitUntil(lambda: window.speller.checker_for("Iraqi recruitment") is not None, timeout=10_000)
    assert wave_pixels(title) == 0
    type_into(qtbot, title, "Iraqi recruitmnet")
    assert wave_pixels(title) > 0

    open_menu(qtbot, title, in_line(title, "recruitmnet"), choose(qtbot, "recruitment"))

    assert title.text() == "Iraqi recruitment"
    assert window.session.project.meta.title == "Iraqi recruitment"  # an edit like typing, for the undo stack
    assert wave_pixels(title) == 0


def test_the_language_follows_the_briefs_own_words(qtbot, window: MainWindow):
    window.tabs.setCurrentWidget(window.details_form)
    summary = window.details_form.summary
    type_text(qtbot, summary, "Le gouvernement irakien a confirmé que des milliers de citoyens ont été recrutés.")
    assert window.speller.language == "fr"
    type_text(qtbot, summary, "Le gouvernment français a confirmé que l'État a recruté des milliers de citoyens.")
    qtbot.waitUntil(lambda: underlined(summary) == ["gouvernment"], timeout=10_000)
    entries = open_menu(qtbot, summary.viewport(), inside_word(summary, "gouvernment"), dismiss(qtbot))
    assert entries[0] == "gouvernement"


def test_arabic_is_checked_right_to_left_word_by_word(qtbot, window: MainWindow):
    edit = add_analyst_section(qtbot, window)
    type_text(qtbot, edit, "أعلنت الحكومت يوم الخميس فرض عقوبات جديدة على المسؤولين عن الهجوم.")
    assert window.speller.language == "ar"
    qtbot.waitUntil(lambda: underlined(edit) == ["الحكومت"], timeout=10_000)
    assert edit.document().firstBlock().textDirection() == Qt.LayoutDirection.RightToLeft

    open_menu(qtbot, edit.viewport(), inside_word(edit, "الحكومت"), choose(qtbot, "الحكومة"))

    assert edit.toPlainText().startswith("أعلنت الحكومة يوم")
    assert underlined(edit) == []


def test_an_excerpt_in_another_language_is_checked_in_its_own(qtbot, window: MainWindow):
    edit = add_analyst_section(qtbot, window)
    type_text(
        qtbot,
        edit,
        "The ministry said the figures were confirmed by the courts on Thursday.\n"
        "Правительство говорит, что эти люди были в городе и говорили с нашими друзьями вчира.",
    )
    assert window.speller.language == "en"
    qtbot.waitUntil(lambda: underlined(edit) == ["вчира"], timeout=10_000)


def test_marking_words_never_edits_the_brief(qtbot, window: MainWindow):
    edit = add_analyst_section(qtbot, window)
    window.tabs.setCurrentWidget(window.details_form)
    type_into(qtbot, window.details_form.lines["title"], "Zorblax recruitment")
    type_into(qtbot, edit, "Zorblax reported it.")
    qtbot.waitUntil(lambda: underlined(edit) == ["Zorblax"], timeout=10_000)
    edits = window.session.undo_stack.count()
    window.speller.ignore("Zorblax")  # every field checks its text again
    assert underlined(edit) == []
    window.speller.set_language("fr")  # and again when the French list arrives: English words are wrong in French
    qtbot.waitUntil(lambda: "reported" in underlined(edit), timeout=10_000)
    assert window.session.undo_stack.count() == edits
    assert window.session.project.meta.title == "Zorblax recruitment"


def test_the_menu_key_offers_corrections_for_the_word_at_the_cursor(qtbot, window: MainWindow):
    window.tabs.setCurrentWidget(window.details_form)
    summary = window.details_form.summary
    type_into(qtbot, summary, "Courts are the main levre.")
    qtbot.waitUntil(lambda: underlined(summary) == ["levre"], timeout=10_000)
    cursor = summary.textCursor()
    cursor.setPosition(summary.toPlainText().index("levre") + 2)
    summary.setTextCursor(cursor)
    keyboard = QContextMenuEvent.Reason.Keyboard
    entries = open_menu(qtbot, summary, summary.cursorRect().center(), choose(qtbot, "lever"), keyboard)
    assert "lever" in entries
    assert window.session.project.meta.summary == "Courts are the main lever."
