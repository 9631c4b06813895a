"""One window per brief file: a lock beside the open brief, and a warning before a second window opens it.

Two windows saving one brief replace each other's work without a word, so while a window has a brief open it
holds ``.~lock.NAME#`` beside it: LibreOffice's naming, which sync clients and .gitignore templates already skip,
hidden, and read by no source reader. The lock is a QLockFile: it records the process, host and program, and a
lock whose process is gone (Briefgen crashed, the machine restarted) is stale and taken over without a question.
The lock follows the window's file: released when another brief is opened, a new one started or the window
closed, and taken anew when the brief is saved under another name.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Literal

from PySide6.QtCore import QLockFile, QObject, QSysInfo
from PySide6.QtWidgets import QWidget

from app.gui import dialogs
from app.gui.session import BriefSession

#: Opening a brief, or saving the open one under the name of another.
Action = Literal["open", "save"]


def lock_path(project: Path) -> Path:
    """Where the lock of the brief at ``project`` is kept: beside it, hidden."""
    return project.with_name(f".~lock.{project.name}#")


@dataclass(frozen=True)
class LockHolder:
    """Who has a brief open, as far as its lock file tells."""

    #: The holding process; 0 when its lock file does not say.
    pid: int
    #: The computer it runs on; "" when not recorded.
    host: str
    #: The user who took the lock, when another than this one; "" for this user or when unknown.
    other_user: str
    #: When the lock was taken (its file's time), if known.
    since: datetime | None

    def describe(self) -> str:
        """Where the brief is open, to follow "open in": "another Briefgen window on this computer (process 4242),
        since 14:05 today" or "Briefgen by alice on ws-12, since 14:05 on 03 Mar 2026"."""
        here = self.host in ("", QSysInfo.machineHostName())
        who = f"Briefgen by {self.other_user}" if self.other_user else "another Briefgen window"
        where = "on this computer" if here else f"on {self.host}"
        process = f" (process {self.pid})" if here and self.pid else ""
        text = f"{who} {where}{process}"
        if self.since is not None:
            day = "today" if self.since.date() == datetime.now().date() else f"on {self.since:%d %b %Y}"
            text += f", since {self.since:%H:%M} {day}"
        return text


def _lock(project: Path) -> QLockFile:
    lock = QLockFile(str(lock_path(project)))
    lock.setStaleLockTime(0)  # a brief stays open for hours: only a holder that is gone makes a lock stale
    return lock


def _holder(lock: QLockFile) -> LockHolder:
    pid, host, _program = lock.getLockInfo()
    path = Path(lock.fileName())
    try:
        status = path.stat()
    except OSError:  # released meanwhile: nothing more to tell
        return LockHolder(pid, host, "", None)
    other_user = ""
    if hasattr(os, "getuid") and status.st_uid != os.getuid():
        try:
            other_user = path.owner()
        except (KeyError, NotImplementedError):  # a user this computer does not know by name
            other_user = f"user {status.st_uid}"
    return LockHolder(pid, host, other_user, datetime.fromtimestamp(status.st_mtime))


def holder_of(project: Path) -> LockHolder | None:
    """Who else has ``project`` open; None when nobody does or no lock can be kept beside it (a read-only folder).

    Taking the lock removes a stale one on the way. A lock file that names no process (empty or damaged) is
    removed too, when no live process holds it: QLockFile keeps a system lock on the file while it holds it.
    """
    lock = _lock(project)
    if not lock.tryLock(0):
        if lock.error() != QLockFile.LockError.LockFailedError:
            return None
        holder = _holder(lock)
        if holder.pid:
            return holder
        lock.removeStaleLockFile()  # names no process, or was released meanwhile: gone unless a process holds it
        if not lock.tryLock(0):
            return holder
    lock.unlock()
    return None


class ProjectLock(QObject):
    """The lock on the file of the brief a window has open, following the session's path."""

    def __init__(self, session: BriefSession, window: QWidget) -> None:
        super().__init__(window)
        self._session = session
        self._window = window
        self._held: tuple[Path, QLockFile] | None = None
        session.pathChanged.connect(self._follow)

    @property
    def held(self) -> Path | None:
        """The brief whose lock this window holds (None after opening one "anyway")."""
        return self._held[0] if self._held else None

    def may_take(self, path: Path, action: Action) -> bool:
        """Whether the window may open ``path``, or save under it: yes when no other Briefgen has it open, else
        when the analyst, warned who has it and since when, chooses to go on."""
        path = path.resolve()
        if path == self.held:
            return True
        holder = holder_of(path)
        if holder is None:
            return True
        where = holder.describe()
        if action == "open":
            button = "Open Anyway"
            message = (
                f"“{path.name}” is already open in {where}.\n\n"
                "If it is changed in both places, whichever is saved last replaces the other's changes. "
                "Open it here anyway?"
            )
        else:
            button = "Save Anyway"
            message = (
                f"“{path.name}” is open in {where}.\n\n"
                "Saving over it here replaces that brief, and whichever window saves last replaces the other's "
                "changes. Save over it anyway?"
            )
        return dialogs.ask_despite_lock(self._window, "Brief open elsewhere", message, button)

    def release(self) -> None:
        """Let the brief go (the window closes): another window may now open it without a warning."""
        if self._held is not None:
            self._held[1].unlock()
            self._held = None

    def _follow(self) -> None:
        """The session's file changed: hold its lock instead, when nobody else does (else, opened anyway, none)."""
        path = self._session.path
        if path == self.held:
            return
        self.release()
        if path is not None:
            lock = _lock(path)
            if lock.tryLock(0):
                self._held = (path, lock)
