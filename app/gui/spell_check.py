"""Spell checking while typing in the fields where the analyst writes the brief's own text.

``attach_spell_check(widget, speller)`` is all a panel calls: a multi-line field
(QPlainTextEdit) gets a QSyntaxHighlighter that underlines misspelt words with
the red wave of ``SpellCheckUnderline``; a one-line field (QLineEdit, which has
no highlighter) gets the same underline through the text formats Qt lets an
input method set on it. Both get a context menu whose top offers up to five
suggestions, *Add to Dictionary* (the personal dictionary, saved) and *Ignore*
(for this session), above the field's usual entries.

The ``Speller`` they share decides the language (the brief's, kept up to date by
``follow_writing_language``; a paragraph long enough to tell is checked in its
own, app.text.spelling.paragraph_language) and loads each language's word list
on a worker thread the first time it is needed: until it arrives nothing is
underlined, then every field is checked again. The words themselves are judged
in app.text.spelling, with no Qt.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from itertools import accumulate

from PySide6.QtCore import QEvent, QObject, QPoint, Signal
from PySide6.QtGui import (
    QAction,
    QColor,
    QContextMenuEvent,
    QFont,
    QInputMethodEvent,
    QSyntaxHighlighter,
    QTextCharFormat,
    QTextCursor,
    QTextDocument,
)
from PySide6.QtWidgets import QApplication, QLineEdit, QMenu, QPlainTextEdit

from app.brief.personal_dictionary import PersonalDictionary
from app.brief.writing_language import DEFAULT_LANGUAGE, writing_language
from app.core.errors import BriefgenError
from app.gui.session import BriefSession
from app.gui.workers import JobRunner
from app.text.spell_words import Word, spell_words
from app.text.spelling import LANGUAGES, Checker, WordList, load_word_list, paragraph_language

log = logging.getLogger(__name__)

ADD_TO_DICTIONARY = "Add to Dictionary"
IGNORE = "Ignore"
NO_SUGGESTIONS = "No Suggestions"


def misspelt_format() -> QTextCharFormat:
    """The red wavy underline word processors draw under a misspelt word."""
    char_format = QTextCharFormat()
    char_format.setUnderlineStyle(QTextCharFormat.UnderlineStyle.SpellCheckUnderline)
    char_format.setUnderlineColor(QColor("#d32f2f"))
    return char_format


class Speller(QObject):
    """The spell checker every field of the window shares: language, word lists, the analyst's words."""

    #: What counts as misspelt may have changed (a word list arrived, a word was added or ignored, the brief's
    #: language changed): fields check their text again.
    changed = Signal()

    def __init__(
        self, runner: JobRunner, personal: PersonalDictionary | None = None, parent: QObject | None = None
    ) -> None:
        super().__init__(parent)
        self._runner = runner
        self._personal = personal or PersonalDictionary()
        self._checkers: dict[str, Checker] = {}
        #: Languages whose list was asked for: loaded, loading, or failed (not asked for again).
        self._requested: set[str] = set()
        self._ignored: set[str] = set()
        self.language = DEFAULT_LANGUAGE

    def set_language(self, language: str) -> None:
        """Check the brief in ``language`` (an ISO 639 code; one without a word list is not checked)."""
        if language != self.language:
            self.language = language
            self.changed.emit()

    def checker_for(self, text: str) -> Checker | None:
        """The checker for a paragraph; None while its word list loads, or when its language has none."""
        language = paragraph_language(text, self.language)
        checker = self._checkers.get(language)
        if checker is None and language in LANGUAGES and language not in self._requested:
            self._requested.add(language)
            self._runner.start(lambda _progress: load_word_list(language), self._loaded, self._load_failed)
        return checker

    def add_to_dictionary(self, word: str, language: str) -> None:
        """Count ``word`` as right in ``language`` and save it in the personal dictionary.

        A file that cannot be written is logged: the word still counts for this session.
        """
        if language in self._checkers:
            self._checkers[language].accept(word)
        try:
            self._personal.add(language, word)
        except BriefgenError as exc:
            log.warning("the personal dictionary was not saved: %s", exc)
        self.changed.emit()

    def ignore(self, word: str) -> None:
        """Count ``word`` as right in every language until Briefgen closes."""
        self._ignored.add(word)
        for checker in self._checkers.values():
            checker.accept(word)
        self.changed.emit()

    def _loaded(self, words: WordList) -> None:
        self._checkers[words.language] = Checker(words, [*self._personal.words(words.language), *self._ignored])
        self.changed.emit()

    def _load_failed(self, error: BriefgenError) -> None:
        log.warning("a spelling word list could not be loaded: %s", error)


def follow_writing_language(session: BriefSession, speller: Speller) -> None:
    """Keep the speller in the language of the brief's own words (app.brief.writing_language).

    Worked out again on every change to the brief: it reads only the analyst's own text, and identifying its
    language takes a fraction of a millisecond, so there is nothing to save by waiting.
    """

    def update() -> None:
        speller.set_language(writing_language(session.project))

    session.contentChanged.connect(update)
    session.replaced.connect(update)
    update()


def attach_spell_check(widget: QPlainTextEdit | QLineEdit, speller: Speller) -> None:
    """Underline the misspelt words of ``widget`` as the analyst types, and offer corrections in its menu."""
    if isinstance(widget, QPlainTextEdit):
        _TextSpelling(widget, speller)
    else:
        _LineSpelling(widget, speller)


class _Highlighter(QSyntaxHighlighter):
    def __init__(self, document: QTextDocument, speller: Speller) -> None:
        super().__init__(document)
        self._speller = speller
        self._format = misspelt_format()

    def highlightBlock(self, text: str) -> None:
        checker = self._speller.checker_for(text)
        if checker is None:
            return
        units = _Utf16(text)
        for word in checker.misspelt(text):
            start = units.at(word.start)
            self.setFormat(start, units.at(word.end) - start, self._format)


class _TextSpelling(QObject):
    """A multi-line field's highlighter and spelling menu."""

    def __init__(self, edit: QPlainTextEdit, speller: Speller) -> None:
        super().__init__(edit)
        self._edit = edit
        self._speller = speller
        self._highlighter = _Highlighter(edit.document(), speller)
        speller.changed.connect(self._recheck)
        # A mouse's menu is asked for on the viewport, the keyboard's (Menu key, Shift+F10) on the field itself.
        edit.installEventFilter(self)
        edit.viewport().installEventFilter(self)

    def _recheck(self) -> None:
        # Re-highlighting marks the document changed, and the field would announce the same text as typed again.
        blocked = self._edit.blockSignals(True)
        try:
            self._highlighter.rehighlight()
        finally:
            self._edit.blockSignals(blocked)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() != QEvent.Type.ContextMenu or not isinstance(event, QContextMenuEvent):
            return False
        edit = self._edit
        if event.reason() == QContextMenuEvent.Reason.Mouse:
            point = event.pos() if watched is edit.viewport() else edit.viewport().mapFrom(edit, event.pos())
            cursor = edit.cursorForPosition(point)
        else:
            point = edit.cursorRect().center()
            cursor = edit.textCursor()
        menu = edit.createStandardContextMenu(point)
        block = cursor.block()
        text = block.text()
        checker = self._speller.checker_for(text)
        word = _word_at(text, cursor.positionInBlock())
        if checker is not None and word is not None and not edit.isReadOnly() and not checker.is_right(word.text):
            units = _Utf16(text)

            def replace(suggestion: str) -> None:
                change = QTextCursor(block)
                change.setPosition(block.position() + units.at(word.start))
                change.setPosition(block.position() + units.at(word.end), QTextCursor.MoveMode.KeepAnchor)
                change.insertText(suggestion)

            _add_spelling_actions(menu, word.text, checker, self._speller, replace)
        _show(menu, event.globalPos())
        return True


class _LineSpelling(QObject):
    """A one-line field's underline and spelling menu.

    QLineEdit has no highlighter, but it draws the text formats an input method
    gives it with the text being composed; an input method event that composes
    nothing and carries only formats underlines words of the committed text. It
    is sent again whenever the text changes, as the field forgets the formats then.
    """

    def __init__(self, line: QLineEdit, speller: Speller) -> None:
        super().__init__(line)
        self._line = line
        self._speller = speller
        self._format = misspelt_format()
        line.textChanged.connect(self._recheck)
        speller.changed.connect(self._recheck)
        line.installEventFilter(self)

    def _recheck(self) -> None:
        line = self._line
        if line.isReadOnly():
            return
        text = line.text()
        checker = self._speller.checker_for(text)
        words = checker.misspelt(text) if checker is not None else []
        units = _Utf16(text)
        cursor = line.cursorPosition()  # an input method's formats start where the cursor is
        underlines = [
            QInputMethodEvent.Attribute(
                QInputMethodEvent.AttributeType.TextFormat,
                units.at(word.start) - cursor,
                units.at(word.end) - units.at(word.start),
                self._format,
            )
            for word in words
        ]
        QApplication.sendEvent(line, QInputMethodEvent("", underlines))

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() != QEvent.Type.ContextMenu or not isinstance(event, QContextMenuEvent):
            return False
        line = self._line
        menu = line.createStandardContextMenu()
        text = line.text()
        mouse = event.reason() == QContextMenuEvent.Reason.Mouse
        position = line.cursorPositionAt(event.pos()) if mouse else line.cursorPosition()
        checker = self._speller.checker_for(text)
        word = _word_at(text, position)
        if checker is not None and word is not None and not line.isReadOnly() and not checker.is_right(word.text):
            units = _Utf16(text)

            def replace(suggestion: str) -> None:
                line.setSelection(units.at(word.start), units.at(word.end) - units.at(word.start))
                line.insert(suggestion)  # as typed: the field announces the edit

            _add_spelling_actions(menu, word.text, checker, self._speller, replace)
        _show(menu, event.globalPos())
        return True


def _add_spelling_actions(
    menu: QMenu, word: str, checker: Checker, speller: Speller, replace: Callable[[str], None]
) -> None:
    """Suggestions (bold, as word processors show them), Add to Dictionary and Ignore above the menu's entries.

    Suggestions are looked for only now, when the menu opens: finding them is what takes time, not checking.
    """
    first = menu.actions()[0]  # a field's own menu always has entries (Copy, Select All …)
    entries: list[QAction] = []
    suggestions = checker.suggestions(word)
    bold = QFont(menu.font())
    bold.setBold(True)
    for suggestion in suggestions:
        action = QAction(suggestion, menu)
        action.setFont(bold)
        action.triggered.connect(lambda _checked=False, chosen=suggestion: replace(chosen))
        entries.append(action)
    if not suggestions:
        nothing = QAction(NO_SUGGESTIONS, menu)
        nothing.setEnabled(False)
        entries.append(nothing)
    add = QAction(ADD_TO_DICTIONARY, menu)
    add.triggered.connect(lambda: speller.add_to_dictionary(word, checker.language))
    ignore = QAction(IGNORE, menu)
    ignore.triggered.connect(lambda: speller.ignore(word))
    entries += [add, ignore]
    menu.insertActions(first, entries)
    menu.insertSeparator(first)


def _show(menu: QMenu, where: QPoint) -> None:
    try:
        menu.exec(where)
    finally:
        menu.deleteLater()


def _word_at(text: str, unit: int) -> Word | None:
    """The checked word of ``text`` at UTF-16 position ``unit`` (touching its start or end), if any."""
    units = _Utf16(text)
    return next((word for word in spell_words(text) if units.at(word.start) <= unit <= units.at(word.end)), None)


class _Utf16:
    """Python's positions in a text as Qt counts them: characters beyond the first 65,536 (emoji, some CJK) take
    two UTF-16 units, so a word after one starts one unit later in Qt than in Python."""

    def __init__(self, text: str) -> None:
        wide = not text.isascii() and max(text) > "\uffff"
        self._units = list(accumulate((2 if char > "\uffff" else 1 for char in text), initial=0)) if wide else None

    def at(self, position: int) -> int:
        return self._units[position] if self._units is not None else position
