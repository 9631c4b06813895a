"""A two-line list row: a heading with a small badge, and a muted line under it with search matches marked.

The style still draws the row's background, focus and check box, so clicking
and Space on the check box behave exactly as in a plain Qt view.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Callable

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QRect, QSize, Qt
from PySide6.QtGui import QColor, QFont, QFontMetrics, QPainter
from PySide6.QtWidgets import QStyle, QStyledItemDelegate, QStyleOptionViewItem, QWidget

from app.brief.search import split_highlights
from app.gui.models import Roles
from app.gui.theme import colours

Index = QModelIndex | QPersistentModelIndex
PADDING = 6


def is_right_to_left(text: str) -> bool:
    """Whether the first letter with a strong direction is right-to-left, as Qt decides a paragraph's direction."""
    for char in text:
        direction = unicodedata.bidirectional(char)
        if direction in ("R", "AL"):
            return True
        if direction == "L":
            return False
    return False


class TwoLineDelegate(QStyledItemDelegate):
    def __init__(self, parent: QWidget, query: Callable[[], str] = lambda: "", bold_top_level: bool = False) -> None:
        super().__init__(parent)
        self._query = query
        self._bold_top_level = bold_top_level
        #: Row sizes by font and boldness: a view asks for every row's, and only the fonts decide it.
        self._sizes: dict[tuple[str, bool], QSize] = {}

    def _fonts(self, option: QStyleOptionViewItem, index: Index) -> tuple[QFont, QFont, QFont]:
        title = QFont(option.font)
        top_level = not index.parent().isValid()
        title.setWeight(QFont.Weight.Bold if self._bold_top_level and top_level else QFont.Weight.DemiBold)
        subtitle = QFont(option.font)
        subtitle.setPointSizeF(option.font.pointSizeF() * 0.92)
        badge = QFont(option.font)
        badge.setPointSizeF(option.font.pointSizeF() * 0.85)
        return title, subtitle, badge

    def sizeHint(self, option: QStyleOptionViewItem, index: Index) -> QSize:
        key = (option.font.toString(), self._bold_top_level and not index.parent().isValid())
        size = self._sizes.get(key)
        if size is None:
            title, subtitle, _ = self._fonts(option, index)
            height = QFontMetrics(title).height() + QFontMetrics(subtitle).height() + 2 * PADDING + 2
            size = self._sizes[key] = QSize(200, height)
        return size

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: Index) -> None:
        opt = QStyleOptionViewItem(option)
        self.initStyleOption(opt, index)
        title_text = opt.text
        opt.text = ""
        widget = opt.widget
        style = widget.style() if widget else None
        if style is None:
            return
        style.drawControl(QStyle.ControlElement.CE_ItemViewItem, opt, painter, widget)
        rect = style.subElementRect(QStyle.SubElement.SE_ItemViewItemText, opt, widget).adjusted(4, PADDING, -6, 0)
        title_font, subtitle_font, badge_font = self._fonts(opt, index)
        query = self._query()
        painter.save()
        badge = index.data(Roles.BADGE)
        if badge:
            metrics = QFontMetrics(badge_font)
            width = metrics.horizontalAdvance(badge) + 12
            pill = QRect(rect.right() - width, rect.top() + 1, width, metrics.height() + 2)
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(QColor(colours().hover))
            painter.setRenderHint(QPainter.RenderHint.Antialiasing)
            painter.drawRoundedRect(pill, pill.height() / 2, pill.height() / 2)
            painter.setFont(badge_font)
            painter.setPen(QColor(colours().muted))
            painter.drawText(pill, Qt.AlignmentFlag.AlignCenter, badge)
            title_rect = rect.adjusted(0, 0, -width - 8, 0)
        else:
            title_rect = rect
        title_height = QFontMetrics(title_font).height()
        text_colour = opt.palette.color(opt.palette.ColorRole.Text)
        self._draw_marked(painter, title_rect, title_text, query, title_font, text_colour)
        subtitle_rect = rect.adjusted(0, title_height + 2, 0, 0)
        subtitle = index.data(Roles.SUBTITLE) or ""
        self._draw_marked(painter, subtitle_rect, subtitle, query, subtitle_font, QColor(colours().muted))
        painter.restore()

    @staticmethod
    def _draw_marked(painter: QPainter, rect: QRect, text: str, query: str, font: QFont, colour: QColor) -> None:
        """Draw one line, eliding at the end, with the query's matches on a highlight.

        Right-to-left text (Arabic, Hebrew) is drawn whole and right-aligned, so the
        bidi algorithm orders it; piece-by-piece drawing would scramble it, so its
        matches are marked in the reader only.
        """
        metrics = QFontMetrics(font)
        painter.setFont(font)
        painter.setPen(colour)
        if is_right_to_left(text):
            shown = metrics.elidedText(text, Qt.TextElideMode.ElideRight, rect.width())
            painter.drawText(rect, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop, shown)
            return
        x, right = rect.left(), rect.right()
        for piece, matched in split_highlights(text, query):
            if x >= right:
                break
            shown = metrics.elidedText(piece, Qt.TextElideMode.ElideRight, right - x)
            width = metrics.horizontalAdvance(shown)
            box = QRect(x, rect.top(), width, metrics.height())
            if matched:
                painter.fillRect(box.adjusted(-1, 0, 1, 0), QColor(colours().match_background))
            painter.drawText(box, Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop, shown)
            if shown != piece:
                break
            x += width
