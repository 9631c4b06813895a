"""A brief open in one Briefgen is locked: another warns who has it and since when before opening it, a lock left by
a Briefgen that died is taken over without a word, and the lock follows the window's file until it closes.

"Another Briefgen" is a process of its own holding the lock as the window does (QLockFile), so the warning names a
real process; killing it leaves its lock behind as a crash does.
"""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path

import pytest

from app.brief.project_file import load_project, save_project
from app.core.model import BriefMeta, BriefProject
from app.gui.main_window import MainWindow
from app.gui.project_lock import LockHolder, lock_path
from tests.gui.helpers import load_by_drop

pytestmark = pytest.mark.gui

HOLD_LOCK = (
    "import sys\n"
    "from PySide6.QtCore import QLockFile\n"
    "lock = QLockFile(sys.argv[1])\n"
    "lock.setStaleLockTime(0)\n"
    "print(lock.tryLock(0), flush=True)\n"
    "sys.stdin.read()\n"
)


class OtherBriefgen:
    """Other processes holding briefs' locks; each keeps its lock until it is killed."""

    def __init__(self) -> None:
        self.processes: list[subprocess.Popen[str]] = []

    def hold(self, brief: Path) -> subprocess.Popen[str]:
        process = subprocess.Popen(
            [sys.executable, "-c", HOLD_LOCK, str(lock_path(brief))],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
        )
        self.processes.append(process)
        assert process.stdout is not None and process.stdout.readline().strip() == "True"
        return process

    def crash(self) -> None:
        for process in self.processes:
            process.kill()
            process.wait()


@pytest.fixture
def other() -> Iterator[OtherBriefgen]:
    others = OtherBriefgen()
    yield others
    others.crash()


def a_brief(folder: Path, name: str = "case.brief", title: str = "Case") -> Path:
    path = folder / name
    save_project(BriefProject(meta=BriefMeta(title=title)), path)
    return path


def lock_owner(brief: Path) -> int:
    """The process its lock file names."""
    return int(lock_path(brief).read_text(encoding="utf-8").split("\n")[0])


def open_brief(qtbot, window: MainWindow, brief: Path) -> None:
    with qtbot.waitSignal(window.projectOpened, timeout=10_000):
        window.open_project(brief)


def test_a_brief_open_in_another_briefgen_warns_who_and_since_when(qtbot, window, answers, tmp_path, other):
    brief = a_brief(tmp_path)
    holder = other.hold(brief)
    taken = datetime.fromtimestamp(lock_path(brief).stat().st_mtime)

    answers.lock_answer = False  # Cancel
    window.open_project(brief)
    (warning,) = answers.lock_warnings
    assert warning.startswith(
        f"“case.brief” is already open in another Briefgen window on this computer (process {holder.pid}), "
        f"since {taken:%H:%M} "
    )
    assert "whichever is saved last replaces the other's changes" in warning
    assert window.session.path is None  # still the untitled brief

    answers.lock_answer = True  # Open Anyway
    open_brief(qtbot, window, brief)
    assert window.session.path == brief.resolve()
    assert window.project_lock.held is None  # the other window keeps the lock …
    window.new_action.trigger()
    assert lock_owner(brief) == holder.pid  # … and closing the brief here leaves it alone


def test_a_lock_left_by_a_briefgen_that_died_is_taken_over_without_a_question(qtbot, window, answers, tmp_path, other):
    brief = a_brief(tmp_path)
    holder = other.hold(brief)
    other.crash()
    assert lock_owner(brief) == holder.pid  # left behind, naming a process that is gone
    open_brief(qtbot, window, brief)
    assert answers.lock_warnings == []
    assert lock_owner(brief) == os.getpid()


def test_a_lock_file_that_names_no_process_is_taken_over(qtbot, window, answers, tmp_path):
    brief = a_brief(tmp_path)
    lock_path(brief).write_text("", encoding="utf-8")  # emptied, say by a sync client; no process holds it
    open_brief(qtbot, window, brief)
    assert answers.lock_warnings == []
    assert lock_owner(brief) == os.getpid()


def test_the_lock_follows_the_brief_and_goes_when_the_window_closes(qtbot, answers, tmp_path):
    first = a_brief(tmp_path, "first.brief")
    window = MainWindow()
    qtbot.addWidget(window)
    window.show()
    open_brief(qtbot, window, first)
    assert lock_path(first).name == ".~lock.first.brief#"  # hidden, beside the brief
    assert lock_owner(first) == os.getpid()

    answers.save_name = str(tmp_path / "second")
    window.save_as_action.trigger()
    second = tmp_path / "second.brief"
    assert not lock_path(first).exists()
    assert lock_owner(second) == os.getpid()

    window.new_action.trigger()
    assert not lock_path(second).exists()

    open_brief(qtbot, window, second)
    assert lock_path(second).exists()
    window.close()
    assert not lock_path(second).exists()
    assert answers.lock_warnings == []


def test_saving_over_a_brief_open_elsewhere_warns_first(qtbot, window, answers, tmp_path, other):
    theirs = a_brief(tmp_path, "theirs.brief", title="Theirs")
    other.hold(theirs)
    qtbot.keyClicks(window.details_form.lines["title"], "Mine")
    answers.save_name = str(theirs)
    answers.lock_answer = False
    window.save_as_action.trigger()
    (warning,) = answers.lock_warnings
    assert warning.startswith("“theirs.brief” is open in another Briefgen window on this computer")
    assert warning.endswith("Save over it anyway?")
    assert load_project(theirs).meta.title == "Theirs"
    assert window.session.path is None and window.isWindowModified()


def test_the_lock_file_is_never_read_as_a_source(qtbot, window, answers, tmp_path):
    brief = a_brief(tmp_path)
    (tmp_path / "notes.md").write_text("# Notes\n\nIntro.\n\n## Finding\n\nText.\n", encoding="utf-8")
    open_brief(qtbot, window, brief)
    assert lock_path(brief).exists()
    load_by_drop(qtbot, window, [tmp_path])  # the brief's folder, lock and all
    assert [Path(source.path).name for source in window.session.sources] == ["notes.md"]
    assert answers.errors == []


def test_the_warning_names_another_user_and_computer():
    holder = LockHolder(4242, "ws-12", "alice", datetime(2026, 3, 3, 14, 5))
    # A process number on another computer means nothing here.
    assert holder.describe() == "Briefgen by alice on ws-12, since 14:05 on 03 Mar 2026"
    assert LockHolder(0, "", "", None).describe() == "another Briefgen window on this computer"
