"""Small widgets and helpers the panels share."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QKeyEvent, QKeySequence, QPainter, QPaintEvent
from PySide6.QtWidgets import QAbstractItemView, QComboBox, QHBoxLayout, QLabel, QListView, QTreeView, QWidget


def panel_title(text: str) -> QLabel:
    label = QLabel(text)
    label.setProperty("role", "panelTitle")
    return label


def muted_label(text: str = "") -> QLabel:
    label = QLabel(text)
    label.setProperty("role", "muted")
    return label


def describe(widget: QWidget, name: str, tip: str) -> QWidget:
    """Give ``widget`` the name a screen reader says and the tooltip a mouse shows: every control has both."""
    widget.setAccessibleName(name)
    widget.setToolTip(tip)
    return widget


def shrinkable(combo: QComboBox, characters: int = 12) -> QComboBox:
    """Let ``combo`` be as narrow as ``characters`` letters: a long entry ("United Kingdom (Government Security
    Classifications)") otherwise sets the least width of its whole panel, and the window no longer fits a small
    screen. The open list still shows every entry whole."""
    combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
    combo.setMinimumContentsLength(characters)
    return combo


def status_label(*shown: str) -> QLabel:
    """A muted label for a panel's passing status, as wide as the longest of the texts it is ``shown`` to show.

    Its width never follows the text of the moment: a status appearing on every keystroke ("Updating…") made the
    layout hand out the room again, resizing the page view and the sources tree beside it, 50 ms of the window's
    thread with a long brief.
    """
    label = muted_label()
    label.setMinimumWidth(max(label.fontMetrics().horizontalAdvance(text) for text in shown))
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


def _paint_empty_hint(view: QAbstractItemView, hint: str) -> None:
    """Say what to do in a view that is empty, instead of showing a blank box."""
    model = view.model()
    if model is None or model.rowCount() != 0:
        return
    painter = QPainter(view.viewport())
    painter.setPen(view.palette().color(view.palette().ColorRole.PlaceholderText))
    rect = view.viewport().rect().adjusted(24, 24, -24, -24)
    painter.drawText(rect, Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop | Qt.TextFlag.TextWordWrap, hint)
    painter.end()


# Two classes rather than one mixin: a mixin over Qt classes cannot be typed, and one deriving from
# QAbstractItemView cannot be combined with QListView or QTreeView (the binding crashes).
class HintListView(QListView):
    def __init__(self, hint: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.hint = hint

    def paintEvent(self, event: QPaintEvent) -> None:
        super().paintEvent(event)
        _paint_empty_hint(self, self.hint)


class HintTreeView(QTreeView):
    def __init__(self, hint: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.hint = hint

    def paintEvent(self, event: QPaintEvent) -> None:
        super().paintEvent(event)
        _paint_empty_hint(self, self.hint)


def redo_keys() -> list[QKeySequence]:
    """Redo's keys on every platform: Qt gives Linux only Ctrl+Shift+Z and Windows only Ctrl+Y, and hands know
    both. Asked of the running application (the platform's own bindings come from it)."""
    both = [QKeySequence("Ctrl+Shift+Z"), QKeySequence("Ctrl+Y")]
    return both + [key for key in QKeySequence.keyBindings(QKeySequence.StandardKey.Redo) if key not in both]


class UndoShortcutFilter(QObject):
    """Let Ctrl+Z / Ctrl+Shift+Z in a text field reach the window's undo stack.

    Text fields claim those keys for their own private undo; refusing the claim
    makes the window's Undo/Redo actions fire, so typing is undone in the same
    history as every other change.
    """

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ShortcutOverride and isinstance(event, QKeyEvent):
            pressed = QKeySequence(event.keyCombination())
            if event.matches(QKeySequence.StandardKey.Undo) or pressed in redo_keys():
                event.ignore()
                return True
        return super().eventFilter(watched, event)
