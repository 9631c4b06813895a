"""Small widgets and helpers the panels share."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QKeyEvent, QKeySequence, QPainter, QPaintEvent
from PySide6.QtWidgets import QHBoxLayout, QLabel, QListView, QTreeView, QWidget


def panel_title(text: str) -> QLabel:
    label = QLabel(text)
    label.setProperty("role", "panelTitle")
    return label


def muted_label(text: str = "") -> QLabel:
    label = QLabel(text)
    label.setProperty("role", "muted")
    return label


def header_row(*widgets: QWidget, stretch_after: int = 1) -> QHBoxLayout:
    """A panel's top row: title (and any widgets) on the left, the rest pushed to the right."""
    row = QHBoxLayout()
    row.setContentsMargins(0, 0, 0, 0)
    row.setSpacing(6)
    for position, widget in enumerate(widgets):
        if position == stretch_after:
            row.addStretch(1)
        row.addWidget(widget)
    if len(widgets) <= stretch_after:
        row.addStretch(1)
    return row


def _paint_hint(view: QListView | QTreeView, hint: str) -> None:
    painter = QPainter(view.viewport())
    painter.setPen(view.palette().color(view.palette().ColorRole.PlaceholderText))
    rect = view.viewport().rect().adjusted(24, 24, -24, -24)
    painter.drawText(rect, Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop | Qt.TextFlag.TextWordWrap, hint)
    painter.end()


class _EmptyHint:
    """Says what to do when the view is empty, instead of showing a blank box."""

    def __init__(self, hint: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.hint = hint

    def paintEvent(self, event: QPaintEvent) -> None:
        super().paintEvent(event)
        if self.model() is not None and self.model().rowCount() == 0:
            _paint_hint(self, self.hint)


class HintListView(_EmptyHint, QListView):
    pass


class HintTreeView(_EmptyHint, QTreeView):
    pass


class UndoShortcutFilter(QObject):
    """Let Ctrl+Z / Ctrl+Shift+Z in a text field reach the window's undo stack.

    Text fields claim those keys for their own private undo; refusing the claim
    makes the window's Undo/Redo actions fire, so typing is undone in the same
    history as every other change.
    """

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ShortcutOverride and isinstance(event, QKeyEvent):
            undo_keys = (QKeySequence.StandardKey.Undo, QKeySequence.StandardKey.Redo)
            if any(event.matches(key) for key in undo_keys):
                event.ignore()
                return True
        return super().eventFilter(watched, event)
