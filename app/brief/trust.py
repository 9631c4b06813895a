"""Which projects may read files outside their own folder without asking again.

A .brief from someone else can name ``/home/you/secret.txt`` or ``../../x``;
before Briefgen reads such files the analyst is shown them and asked (the CLI
warns).  Asking every time about one's own projects would teach people to click
yes, so a project is trusted when Briefgen saved it here, or when the analyst
said yes, for exactly the outside files it named then: if the list changes, it
asks again.  The record lives in the user data folder.
"""

from __future__ import annotations

import contextlib
import json
from pathlib import Path

from platformdirs import user_data_dir

from app.core.atomic import write_atomically


def _store() -> Path:
    return Path(user_data_dir("briefgen", appauthor=False)) / "trusted-projects.json"


def _read() -> dict[str, list[str]]:
    with contextlib.suppress(OSError, ValueError):
        data = json.loads(_store().read_text(encoding="utf-8"))
        if isinstance(data, dict):
            return {k: v for k, v in data.items() if isinstance(k, str) and isinstance(v, list)}
    return {}


def _key(project_path: str | Path) -> str:
    return str(Path(project_path).resolve())


def is_trusted(project_path: str | Path, outside: list[str]) -> bool:
    """Whether reading ``outside`` for this project file was allowed before (nothing outside needs no trust)."""
    return not outside or _read().get(_key(project_path)) == sorted(outside)


def remember_trust(project_path: str | Path, outside: list[str]) -> None:
    """Allow this project file to read exactly ``outside``; forgotten when it names nothing outside."""
    records = _read()
    key = _key(project_path)
    if outside:
        records[key] = sorted(outside)
    elif key in records:
        del records[key]
    else:
        return
    with contextlib.suppress(Exception):  # failing to remember only means being asked again
        write_atomically(_store(), json.dumps(records, indent=1).encode("utf-8"))
