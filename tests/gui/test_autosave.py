"""Autosave while the analyst keeps working: at least once per interval, however steady the typing, and at once
when the window or the application loses focus.

The interval is ``app.gui.autosave_schedule.INTERVAL_MS``; these tests shorten
(or lengthen) it the way the subprocess test in test_autosave_process.py does.
"""

from __future__ import annotations

import threading
import time

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QLineEdit, QWidget

from app.brief.autosave import Autosaver, autosave_dir, find_recoverable
from app.gui import autosave_schedule
from app.gui.main_window import MainWindow

pytestmark = pytest.mark.gui

WORDS = "steady typing never pauses long enough for a restarted timer "


def autosaved_title() -> str | None:
    """The title in this session's autosave, read the way recovery reads it (as if the session had died)."""
    found = find_recoverable(autosave_dir(), alive=lambda _pid: False)
    return found[0].load().meta.title if found else None


def title_field(qtbot, window: MainWindow) -> QLineEdit:
    window.tabs.setCurrentWidget(window.details_form)
    field = window.details_form.lines["title"]
    field.setFocus()
    qtbot.keyClick(field, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)  # typing replaces "Untitled brief"
    return field


def test_steady_typing_is_autosaved_every_interval(qtbot, window: MainWindow, monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setattr(autosave_schedule, "INTERVAL_MS", 300)
    field = title_field(qtbot, window)
    typed = ""
    seen: list[str] = []
    end = time.monotonic() + 2.0  # several intervals, with never more than 60 ms between keys
    for char in WORDS * 3:
        if time.monotonic() > end:
            break
        qtbot.keyClicks(field, char)
        typed += char
        qtbot.wait(60)
        title = autosaved_title()
        if title is not None and (not seen or seen[-1] != title):
            seen.append(title)
    assert seen, "nothing was autosaved while the analyst kept typing"
    assert len(seen) >= 3, f"expected an autosave every 300 ms, saw {seen}"
    assert all(typed.startswith(title) for title in seen)  # each one what had been typed by then
    qtbot.waitUntil(lambda: autosaved_title() == typed, timeout=3000)  # and the last keystrokes follow


def test_losing_focus_to_another_window_autosaves_at_once(qtbot, window: MainWindow, monkeypatch):
    monkeypatch.setattr(autosave_schedule, "INTERVAL_MS", 60_000)
    qtbot.waitUntil(window.isActiveWindow)
    qtbot.keyClicks(title_field(qtbot, window), "Before the switch")
    assert autosaved_title() is None  # the interval has not passed

    other = QWidget()  # the analyst switches to another window
    qtbot.addWidget(other)
    other.show()
    other.activateWindow()
    qtbot.waitUntil(lambda: not window.isActiveWindow())
    qtbot.waitUntil(lambda: autosaved_title() == "Before the switch", timeout=1000)


def test_the_application_going_inactive_autosaves_at_once(qtbot, window: MainWindow, monkeypatch):
    monkeypatch.setattr(autosave_schedule, "INTERVAL_MS", 60_000)
    qtbot.keyClicks(title_field(qtbot, window), "Before the laptop lid closed")
    assert autosaved_title() is None
    # What the platform reports when the analyst switches to another application (offscreen never does).
    app = QGuiApplication.instance()
    assert isinstance(app, QGuiApplication)
    app.applicationStateChanged.emit(Qt.ApplicationState.ApplicationInactive)
    qtbot.waitUntil(lambda: autosaved_title() == "Before the laptop lid closed", timeout=1000)  # on its thread


def test_nothing_unsaved_means_no_autosave_on_focus_loss(qtbot, window: MainWindow, monkeypatch, answers, tmp_path):
    monkeypatch.setattr(autosave_schedule, "INTERVAL_MS", 60_000)
    qtbot.keyClicks(title_field(qtbot, window), "Saved")
    answers.save_name = str(tmp_path / "saved.brief")
    window.save_action.trigger()
    app = QGuiApplication.instance()
    assert isinstance(app, QGuiApplication)
    app.applicationStateChanged.emit(Qt.ApplicationState.ApplicationInactive)
    assert autosaved_title() is None


def test_an_autosave_is_written_while_the_analyst_goes_on_typing(qtbot, window: MainWindow, monkeypatch):
    """The window hands the brief over and goes on: a write that takes its time holds up no keystroke, a later
    autosave is never overwritten by an earlier one, and saving the brief removes the autosave once written."""
    monkeypatch.setattr(autosave_schedule, "INTERVAL_MS", 60_000)
    release = threading.Event()
    real_save = Autosaver.save
    writes: list[str] = []

    def slow_save(self, project, project_path):
        release.wait(10)
        writes.append(project.meta.title)
        real_save(self, project, project_path)

    monkeypatch.setattr(Autosaver, "save", slow_save)
    field = title_field(qtbot, window)
    qtbot.keyClicks(field, "First")
    window.autosave()  # returns although the write is held up
    qtbot.keyClicks(field, " and second")  # the window takes keystrokes meanwhile
    assert field.text() == "First and second" and writes == []
    window.autosave()
    release.set()
    qtbot.waitUntil(lambda: autosaved_title() == "First and second", timeout=3000)
    assert writes == ["First", "First and second"]  # in the order asked for: the later one last
    window.autosave_writer.discard()
    assert autosaved_title() is None
