"""Offering back the autosaves of sessions that crashed, so that no answer the analyst gives loses work.

An accepted brief becomes this session's autosave before its old file goes
(a second crash still finds it); a declined one is kept as a dated .brief in
the user data folder and the analyst is told where, since "No" at start-up is
often a reflex; one that cannot be read is reported and left where it is.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QWidget

from app.brief.autosave import Autosaver, Recovery, find_recoverable
from app.core.errors import BriefgenError
from app.core.model import BriefProject
from app.gui import dialogs

#: A recovered brief and the project file it was saved as before (None when it never was).
Recovered = tuple[BriefProject, Path | None]


def offer_recoveries(parent: QWidget, autosaver: Autosaver) -> Recovered | None:
    """Ask about each left-behind autosave, newest first; the one accepted, now ``autosaver``'s, or None.

    Older autosaves after an accepted one are left on disk for the next start.
    """
    accepted: Recovered | None = None
    kept: list[Path] = []
    for recovery in find_recoverable(autosaver.folder):
        if dialogs.ask_recover(parent, recovery):
            accepted = _adopt(parent, recovery, autosaver)
            if accepted is not None:
                break
        else:
            kept += _set_aside(parent, recovery)
    if kept:
        dialogs.show_info(
            parent,
            "Unsaved work kept",
            f"The unsaved brief{'s' if len(kept) != 1 else ''} you did not recover "
            f"{'were' if len(kept) != 1 else 'was'} kept, and can be opened with File › Open:\n\n"
            + "\n".join(str(path) for path in kept),
        )
    return accepted


def _adopt(parent: QWidget, recovery: Recovery, autosaver: Autosaver) -> Recovered | None:
    try:
        return recovery.adopt(autosaver), recovery.project_path
    except BriefgenError as exc:
        dialogs.report(parent, "Cannot recover the brief", [exc])
        return None


def _set_aside(parent: QWidget, recovery: Recovery) -> list[Path]:
    try:
        return [recovery.set_aside()]
    except BriefgenError as exc:
        dialogs.report(parent, "Cannot recover the brief", [exc])
        return []
