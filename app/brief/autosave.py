"""Autosave and crash recovery: a running session keeps a copy of its unsaved brief in the user data folder.

Each session writes its own file (named after its process), and removes it on a
clean exit or once the brief is saved. A file left behind by a process that is
no longer running is what a crash leaves, and is offered back on the next start.

No step of recovery loses the recovered work: accepting it makes it this
session's autosave before the old file goes (so a second crash still finds
it), and declining it keeps it as a dated ``.brief`` in the ``recovered``
folder, where File › Open reaches it later.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import os
import re
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from platformdirs import user_data_dir

from app.brief.project_file import EXTENSION, project_from_json, project_to_json, save_project
from app.core.atomic import write_atomically
from app.core.errors import ProjectError
from app.core.model import BriefProject

FORMAT_NAME = "briefgen-autosave"


def autosave_dir() -> Path:
    return Path(user_data_dir("briefgen", appauthor=False)) / "autosave"


def recovered_dir() -> Path:
    """Where declined recoveries are kept as ordinary project files."""
    return Path(user_data_dir("briefgen", appauthor=False)) / "recovered"


def pid_alive(pid: int) -> bool:
    """Whether a process is running; on systems without a safe check, assume it is not."""
    if os.name != "posix":
        return False  # os.kill(pid, 0) would terminate the process on Windows
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    except OSError:
        return False
    return True


class Autosaver:
    """The autosave file of this session."""

    def __init__(self, folder: Path | None = None) -> None:
        self.folder = folder or autosave_dir()
        self.path = self.folder / f"session-{os.getpid()}-{uuid.uuid4().hex[:8]}.json"

    def save(self, project: BriefProject, project_path: Path | None) -> None:
        record = {
            "format": FORMAT_NAME,
            "pid": os.getpid(),
            "project_path": str(project_path) if project_path else None,
            "saved_at": dt.datetime.now().isoformat(timespec="seconds"),
            "title": project.meta.title,
            "project": project_to_json(project, self.path),
        }
        write_atomically(self.path, json.dumps(record, ensure_ascii=False).encode("utf-8"))

    def discard(self) -> None:
        with contextlib.suppress(FileNotFoundError):
            self.path.unlink()


@dataclass(frozen=True)
class Recovery:
    """An autosave left by a session that ended without saving."""

    path: Path
    title: str
    saved_at: dt.datetime
    project_path: Path | None

    def load(self) -> BriefProject:
        try:
            record = json.loads(self.path.read_text(encoding="utf-8"))
        except (OSError, ValueError) as exc:
            raise ProjectError(f"{self.path}: the autosaved brief cannot be read ({exc})") from exc
        return project_from_json(record["project"], self.path)

    def discard(self) -> None:
        with contextlib.suppress(FileNotFoundError):
            self.path.unlink()

    def adopt(self, autosaver: Autosaver) -> BriefProject:
        """Take the recovered brief into this session: it becomes ``autosaver``'s file before this one is removed."""
        project = self.load()
        autosaver.save(project, self.project_path)
        self.discard()
        return project

    def set_aside(self, folder: Path | None = None) -> Path:
        """Keep the recovered brief as a dated project file the analyst can open later; returns its path."""
        project = self.load()
        folder = folder or recovered_dir()
        stem = re.sub(r"[^\w -]+", "", self.title).strip()[:60] or "Untitled brief"
        path = folder / f"{self.saved_at:%Y-%m-%d %H%M} {stem}{EXTENSION}"
        number = 2
        while path.exists():
            path, number = folder / f"{self.saved_at:%Y-%m-%d %H%M} {stem} ({number}){EXTENSION}", number + 1
        save_project(project, path)
        self.discard()
        return path


def find_recoverable(folder: Path | None = None, alive: Callable[[int], bool] = pid_alive) -> list[Recovery]:
    """Autosaves whose session is gone, newest first; unreadable ones are skipped, not fatal."""
    folder = folder or autosave_dir()
    found: list[Recovery] = []
    for path in sorted(folder.glob("session-*.json")) if folder.is_dir() else []:
        try:
            record = json.loads(path.read_text(encoding="utf-8"))
            if record.get("format") != FORMAT_NAME or alive(int(record["pid"])):
                continue
            found.append(
                Recovery(
                    path=path,
                    title=str(record.get("title") or "Untitled brief"),
                    saved_at=dt.datetime.fromisoformat(record["saved_at"]),
                    project_path=Path(record["project_path"]) if record.get("project_path") else None,
                )
            )
        except (OSError, ValueError, KeyError, TypeError):
            continue
    return sorted(found, key=lambda r: r.saved_at, reverse=True)
