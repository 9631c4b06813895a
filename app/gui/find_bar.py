"""Find and Replace under a text editor, as code and text editors have it: a bar that opens with Ctrl+F / Ctrl+H,
finds as you type, wraps around, and closes with Esc."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence, QTextCursor, QTextDocument
from PySide6.QtWidgets import QCheckBox, QGridLayout, QLabel, QLineEdit, QPlainTextEdit, QPushButton, QWidget


class FindBar(QWidget):
    """Finds in (and replaces in) whichever editor ``editor()`` gives: the one on screen."""

    def __init__(self, editor: Callable[[], QPlainTextEdit], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("findBar")
        self._editor = editor
        self.find_edit = QLineEdit()
        self.find_edit.setObjectName("findText")
        self.find_edit.setPlaceholderText("Find")
        self.find_edit.setAccessibleName("Find")
        self.find_edit.setClearButtonEnabled(True)
        self.find_edit.textEdited.connect(lambda _: self.find_next(from_start_of_selection=True))
        self.find_edit.returnPressed.connect(self.find_next)
        self.replace_edit = QLineEdit()
        self.replace_edit.setObjectName("replaceText")
        self.replace_edit.setPlaceholderText("Replace with")
        self.replace_edit.setAccessibleName("Replace with")
        self.replace_edit.returnPressed.connect(self.replace)
        self.case_box = QCheckBox("Match case")
        self.case_box.setToolTip("Find only text with the same capitals")
        self.result_label = QLabel()
        self.result_label.setProperty("role", "muted")
        buttons = []
        for text, tip, slot in (
            ("Next", "Find the next match (Enter, F3)", self.find_next),
            ("Previous", "Find the match before (Shift+F3)", lambda: self.find_next(backward=True)),
            ("Replace", "Replace this match and find the next", self.replace),
            ("Replace All", "Replace every match in this file", self.replace_all),
        ):
            button = QPushButton(text)
            button.setToolTip(tip)
            button.setAutoDefault(False)
            button.clicked.connect(slot)
            buttons.append(button)
        self.replace_buttons = buttons[2:]
        close = QPushButton("Close")
        close.setToolTip("Close the find bar (Esc)")
        close.setAutoDefault(False)
        close.clicked.connect(self.close_bar)
        grid = QGridLayout(self)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.setHorizontalSpacing(6)
        grid.addWidget(self.find_edit, 0, 0)
        grid.addWidget(buttons[0], 0, 1)
        grid.addWidget(buttons[1], 0, 2)
        grid.addWidget(self.case_box, 0, 3)
        grid.addWidget(close, 0, 4)
        grid.addWidget(self.replace_edit, 1, 0)
        grid.addWidget(buttons[2], 1, 1)
        grid.addWidget(buttons[3], 1, 2)
        grid.addWidget(self.result_label, 1, 3, 1, 2)
        grid.setColumnStretch(0, 1)
        escape = QAction(self)
        escape.setShortcut(QKeySequence(Qt.Key.Key_Escape))
        escape.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        escape.triggered.connect(self.close_bar)
        self.addAction(escape)
        self.hide()

    def open_bar(self, replacing: bool) -> None:
        """Show the bar with the editor's selection to find (Ctrl+F), and the replace row (Ctrl+H)."""
        for widget in (self.replace_edit, *self.replace_buttons):
            widget.setVisible(replacing)
        selected = self._editor().textCursor().selectedText()
        if selected and "\u2029" not in selected:  # a selection within one line is what to look for
            self.find_edit.setText(selected)
        self.result_label.clear()
        self.show()
        target = self.replace_edit if replacing and self.find_edit.text() else self.find_edit
        target.setFocus()
        target.selectAll()

    def close_bar(self) -> None:
        self.hide()
        self._editor().setFocus()

    def _flags(self, backward: bool = False) -> QTextDocument.FindFlag:
        flags = QTextDocument.FindFlag(0)
        if self.case_box.isChecked():
            flags |= QTextDocument.FindFlag.FindCaseSensitively
        if backward:
            flags |= QTextDocument.FindFlag.FindBackward
        return flags

    def find_next(self, backward: bool = False, from_start_of_selection: bool = False) -> bool:
        """Select the next match (or the one before), wrapping round the file; say when there is none."""
        text, editor = self.find_edit.text(), self._editor()
        if not text:
            self.result_label.clear()
            return False
        if from_start_of_selection:  # typing refines the match in place rather than skipping past it
            cursor = editor.textCursor()
            cursor.setPosition(cursor.selectionStart())
            editor.setTextCursor(cursor)
        found = editor.find(text, self._flags(backward))
        if not found:
            cursor = editor.textCursor()
            cursor.movePosition(QTextCursor.MoveOperation.End if backward else QTextCursor.MoveOperation.Start)
            editor.setTextCursor(cursor)
            found = editor.find(text, self._flags(backward))
        self.result_label.setText("" if found else f"“{text}” is not in this file")
        return found

    def _selection_matches(self) -> bool:
        selected = self._editor().textCursor().selectedText()
        wanted = self.find_edit.text()
        return bool(wanted) and (
            selected == wanted if self.case_box.isChecked() else selected.lower() == wanted.lower()
        )

    def replace(self) -> None:
        """Replace the selected match, then find the next."""
        editor = self._editor()
        if editor.isReadOnly():
            return
        if self._selection_matches():
            editor.textCursor().insertText(self.replace_edit.text())
        self.find_next()

    def replace_all(self) -> int:
        """Replace every match in the editor as one step to undo; how many."""
        editor, wanted = self._editor(), self.find_edit.text()
        if editor.isReadOnly() or not wanted:
            return 0
        document = editor.document()
        edit = QTextCursor(document)
        edit.beginEditBlock()
        count = 0
        cursor = document.find(wanted, 0, self._flags())
        while not cursor.isNull():
            cursor.insertText(self.replace_edit.text())
            count += 1
            cursor = document.find(wanted, cursor.position(), self._flags())
        edit.endEditBlock()
        self.result_label.setText(f"Replaced {count} match{'es' if count != 1 else ''}")
        return count
