"""When to autosave: within one interval of the first unsaved change, and at once when the analyst looks away.

A timer restarted by every change only fires once the analyst pauses, so
someone who keeps typing would never be autosaved at all. Here the first change
after an autosave starts the timer and later changes leave it running: unsaved
work is at most one interval old on disk however steady the typing. Switching
to another window or application is when a crash, a closed lid or a killed
session is most likely to go unnoticed, so pending work is saved then without
waiting. The save itself (atomic, in the user data folder) is the caller's.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, Qt, QTimer
from PySide6.QtGui import QGuiApplication

#: The longest unsaved work waits before it is autosaved, in milliseconds. Read at each start, so tests can shorten it.
INTERVAL_MS = 5000


class AutosaveSchedule(QObject):
    """Calls ``save`` at most one interval after the first change it was told of, or sooner on focus loss."""

    def __init__(self, save: Callable[[], None], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._save = save
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self._save)
        app = QGuiApplication.instance()
        if isinstance(app, QGuiApplication):
            app.applicationStateChanged.connect(self._application_state_changed)

    @property
    def pending(self) -> bool:
        """Whether there are changes the last autosave does not hold."""
        return self._timer.isActive()

    def changed(self) -> None:
        """Something unsaved changed: make sure a save is due, without pushing back one already due."""
        if not self._timer.isActive():
            self._timer.start(INTERVAL_MS)

    def save_now(self) -> None:
        """Save pending changes without waiting (the window lost focus); nothing to do when none are pending."""
        if self._timer.isActive():
            self._timer.stop()
            self._save()

    def cancel(self) -> None:
        """Forget pending changes: the brief was saved, or the window is closing and removes its autosave."""
        self._timer.stop()

    def _application_state_changed(self, state: Qt.ApplicationState) -> None:
        if state != Qt.ApplicationState.ApplicationActive:
            self.save_now()
