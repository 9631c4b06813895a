"""A plain-text editor for template files: monospace, line numbers, and a marked problem line.

Template errors are reported by line, so the editor numbers its lines and can
tint the line an error points at (without moving the cursor while the analyst
types) or jump to it when asked.
"""

from __future__ import annotations

from functools import cache

from PySide6.QtCore import QRect, QSize, Qt
from PySide6.QtGui import QColor, QFont, QFontDatabase, QPainter, QPaintEvent, QResizeEvent, QTextCursor, QTextFormat
from PySide6.QtWidgets import QPlainTextEdit, QTextEdit, QWidget

from app.core.paths import ASSETS_DIR
from app.gui.theme import colours

TAB_SPACES = 4


@cache
def monospace_font() -> QFont:
    """The bundled DejaVu Sans Mono, so code looks the same on every desktop; the system's fixed font otherwise."""
    font_id = QFontDatabase.addApplicationFont(str(ASSETS_DIR / "fonts" / "DejaVuSansMono-Regular.ttf"))
    families = QFontDatabase.applicationFontFamilies(font_id) if font_id >= 0 else []
    font = QFont(families[0]) if families else QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont)
    font.setStyleHint(QFont.StyleHint.Monospace)
    font.setPointSizeF(9.5)
    return font


class _Gutter(QWidget):
    """The strip left of the text where line numbers are painted (by the editor, which knows the layout)."""

    def __init__(self, editor: CodeEditor) -> None:
        super().__init__(editor)
        self._editor = editor

    def sizeHint(self) -> QSize:
        return QSize(self._editor.gutter_width(), 0)

    def paintEvent(self, event: QPaintEvent) -> None:
        self._editor.paint_gutter(event)


class CodeEditor(QPlainTextEdit):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._problem_line: int | None = None
        self._gutter = _Gutter(self)
        self.setFont(monospace_font())
        self.setLineWrapMode(QPlainTextEdit.LineWrapMode.NoWrap)
        self.setTabStopDistance(self.fontMetrics().horizontalAdvance(" ") * TAB_SPACES)
        self.blockCountChanged.connect(self._update_margin)
        self.updateRequest.connect(self._scroll_gutter)
        self.cursorPositionChanged.connect(self._update_selections)
        self._update_margin()
        self._update_selections()

    # --- problem line and navigation --------------------------------------------------------
    @property
    def problem_line(self) -> int | None:
        """The line (from 1) tinted as the one an error points at, if any."""
        return self._problem_line

    def mark_problem_line(self, line: int | None) -> None:
        self._problem_line = line
        self._update_selections()
        self._gutter.update()

    def go_to_line(self, line: int) -> None:
        """Put the cursor at the start of ``line`` (from 1), select the line and show it."""
        block = self.document().findBlockByNumber(max(0, min(line, self.blockCount()) - 1))
        cursor = QTextCursor(block)
        cursor.movePosition(QTextCursor.MoveOperation.EndOfBlock, QTextCursor.MoveMode.KeepAnchor)
        self.setTextCursor(cursor)
        self.centerCursor()
        self.setFocus()

    def _update_selections(self) -> None:
        current = QTextEdit.ExtraSelection()
        current.format.setBackground(QColor(colours().current_line))
        current.format.setProperty(QTextFormat.Property.FullWidthSelection, True)
        current.cursor = self.textCursor()
        current.cursor.clearSelection()
        selections = [current]
        if self._problem_line is not None:
            problem = QTextEdit.ExtraSelection()
            problem.format.setBackground(QColor(colours().problem_line))
            problem.format.setProperty(QTextFormat.Property.FullWidthSelection, True)
            problem.cursor = QTextCursor(self.document().findBlockByNumber(self._problem_line - 1))
            selections.append(problem)
        self.setExtraSelections(selections)

    # --- line numbers -----------------------------------------------------------------------
    def gutter_width(self) -> int:
        digits = max(3, len(str(self.blockCount())))
        return 16 + self.fontMetrics().horizontalAdvance("9") * digits

    def _update_margin(self) -> None:
        self.setViewportMargins(self.gutter_width(), 0, 0, 0)
        self._place_gutter()

    def _place_gutter(self) -> None:
        area = self.contentsRect()
        self._gutter.setGeometry(QRect(area.left(), area.top(), self.gutter_width(), area.height()))

    def _scroll_gutter(self, rect: QRect, dy: int) -> None:
        if dy:
            self._gutter.scroll(0, dy)
        else:
            self._gutter.update(0, rect.y(), self._gutter.width(), rect.height())
        if rect.contains(self.viewport().rect()):
            self._update_margin()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._place_gutter()

    def paint_gutter(self, event: QPaintEvent) -> None:
        painter = QPainter(self._gutter)
        painter.fillRect(event.rect(), QColor(colours().gutter))
        current = self.textCursor().blockNumber()
        block = self.firstVisibleBlock()
        top = round(self.blockBoundingGeometry(block).translated(self.contentOffset()).top())
        height = self.fontMetrics().height()
        width = self._gutter.width() - 8
        theme = colours()
        while block.isValid() and top <= event.rect().bottom():
            bottom = top + round(self.blockBoundingRect(block).height())
            if block.isVisible() and bottom >= event.rect().top():
                number = block.blockNumber()
                if number + 1 == self._problem_line:
                    colour = theme.problem_text
                else:
                    colour = theme.text if number == current else theme.gutter_text
                painter.setPen(QColor(colour))
                painter.drawText(0, top, width, height, Qt.AlignmentFlag.AlignRight, str(number + 1))
            block = block.next()
            top = bottom
        painter.end()
