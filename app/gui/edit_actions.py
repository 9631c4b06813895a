"""The Edit menu's Cut, Copy, Paste and Select All, acting on whichever field has the keyboard focus.

Text fields already answer these keys themselves; the menu entries make the
commands visible and reachable by mouse, and act on the field that was focused
when the menu opened (a menu takes no focus from it).
"""

from __future__ import annotations

from PySide6.QtCore import QObject
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QApplication, QComboBox, QLineEdit, QPlainTextEdit, QTextEdit, QWidget

#: The commands, each with its standard key and what it needs of the field.
_COMMANDS = (
    ("cut", "Cu&t", QKeySequence.StandardKey.Cut, True),
    ("copy", "&Copy", QKeySequence.StandardKey.Copy, False),
    ("paste", "&Paste", QKeySequence.StandardKey.Paste, True),
    ("selectAll", "Select &All", QKeySequence.StandardKey.SelectAll, False),
)


def _target() -> QWidget | None:
    """The focused text field (an editable combo box's line), or None."""
    widget = QApplication.focusWidget()
    if isinstance(widget, QComboBox) and widget.isEditable():
        return widget.lineEdit()
    return widget if isinstance(widget, QLineEdit | QPlainTextEdit | QTextEdit) else None


def _read_only(widget: QWidget) -> bool:
    return bool(widget.isReadOnly()) if isinstance(widget, QLineEdit | QPlainTextEdit | QTextEdit) else True


class EditActions(QObject):
    """Cut, Copy, Paste and Select All for the focused field, enabled only where they can act."""

    def __init__(self, parent: QObject) -> None:
        super().__init__(parent)
        self.actions: dict[str, QAction] = {}
        for method, text, key, writes in _COMMANDS:
            action = QAction(text, self)
            action.setShortcut(QKeySequence(key))
            action.triggered.connect(lambda _=False, m=method: self._run(m))
            action.setProperty("writes", writes)
            self.actions[method] = action
        app = QApplication.instance()
        if isinstance(app, QApplication):
            app.focusChanged.connect(self._focus_changed)  # a method: Qt disconnects it when this object goes
        self.update()

    def _focus_changed(self, _old: QWidget | None, _new: QWidget | None) -> None:
        self.update()

    def update(self) -> None:
        """Enable each command the focused field can carry out (nothing to paste into a read-only one)."""
        target = _target()
        for action in self.actions.values():
            action.setEnabled(target is not None and not (action.property("writes") and _read_only(target)))

    @staticmethod
    def _run(method: str) -> None:
        target = _target()
        if target is not None:
            getattr(target, method)()
