"""Crash recovery never loses work: an accepted recovery is this session's autosave before the old one goes, and a
declined one is kept as a dated .brief the analyst is told about and can open later."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from app.brief.autosave import Autosaver, autosave_dir, find_recoverable, recovered_dir
from app.gui.main_window import MainWindow
from tests.conftest import SAMPLE
from tests.gui.helpers import load_by_drop, menu_action, outline_headings, pretend_crashed, tick, type_into

pytestmark = pytest.mark.gui


def crashed_session(qtbot, window: MainWindow) -> Path:
    """An unsaved brief autosaved by a session that then died; returns its autosave file."""
    load_by_drop(qtbot, window, [SAMPLE])
    tick(qtbot, window, "Judicial Warnings")
    type_into(qtbot, window.details_form.lines["title"], "Lost in a crash")
    window.autosave()
    window.autosave_writer.wait()  # it writes on its own thread
    (autosave,) = autosave_dir().glob("session-*.json")
    window.session.undo_stack.setClean()  # this window is done with: it autosaves no more
    return pretend_crashed(autosave)


def starting_window(qtbot) -> MainWindow:
    started = MainWindow()
    qtbot.addWidget(started)
    started.show()
    return started


def test_accepting_makes_the_recovered_brief_this_sessions_autosave_at_once(qtbot, window: MainWindow, answers):
    old = crashed_session(qtbot, window)
    answers.recover_answer = True
    started = starting_window(qtbot)
    with qtbot.waitSignal(started.projectOpened, timeout=10_000):
        started.start()
        # Before anything else happens (even before its sources are read), the work is safe in the new autosave.
        assert not old.exists()
        assert started.autosaver.path.is_file()
        record = json.loads(started.autosaver.path.read_text(encoding="utf-8"))
        assert record["title"] == "Lost in a crash"
    # A second crash right now would still offer it.
    (again,) = find_recoverable(autosave_dir(), alive=lambda _pid: False)
    assert again.load().meta.title == "Lost in a crash"
    assert outline_headings(started) == ["Judicial Warnings"]
    assert started.isWindowModified()
    assert not list(recovered_dir().glob("*.brief"))
    started.session.undo_stack.setClean()


def test_declining_keeps_the_brief_and_says_where(qtbot, window: MainWindow, answers):
    old = crashed_session(qtbot, window)
    answers.recover_answer = False
    started = starting_window(qtbot)
    started.start()
    assert not old.exists()
    (kept,) = recovered_dir().glob("*.brief")
    assert "Lost in a crash" in kept.name
    assert any(str(kept) in message for message in answers.info_messages)

    # File › Open reaches it later, with the work in it.
    answers.open_name = str(kept)
    with qtbot.waitSignal(started.projectOpened, timeout=10_000):
        menu_action(started, "File", "Open…").trigger()
    assert started.session.project.meta.title == "Lost in a crash"
    assert outline_headings(started) == ["Judicial Warnings"]
    assert answers.trust_questions == []  # Briefgen wrote it: nothing to ask


def test_a_recovery_that_cannot_be_read_is_reported_and_left_in_place(qtbot, answers):
    broken = Autosaver()
    broken.path.parent.mkdir(parents=True, exist_ok=True)
    record = {
        "format": "briefgen-autosave",
        "pid": 0,
        "project_path": None,
        "saved_at": "2026-01-02T03:04:05",
        "title": "Damaged",
        "project": "{ not json",
    }
    broken.path.write_text(json.dumps(record), encoding="utf-8")
    crashed = pretend_crashed(broken.path)
    for answer in (True, False):
        answers.recover_answer = answer
        answers.errors.clear()
        started = starting_window(qtbot)
        started.start()
        assert [title for title, _ in answers.errors] == ["Cannot recover the brief"]
        assert crashed.exists()  # never deleted while it cannot be kept elsewhere
        started.close()
