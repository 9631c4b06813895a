"""Which files an opened project may make the window read, and keeping a "no" a "no" after saving.

A .brief from someone else can name any file on this machine. Before the
window reads files outside the project's folder, the analyst sees them and is
asked, unless Briefgen saved the project here or they said yes before
(app.brief.trust keeps that record). Saving a project trusts what it names, so
saving one whose outside files the analyst refused would quietly turn that
refusal into trust: then the record is dropped and the next open asks again.
"""

from __future__ import annotations

from collections.abc import Collection
from pathlib import Path

from PySide6.QtWidgets import QWidget

from app.brief.project_file import sources_outside
from app.brief.trust import is_trusted, remember_trust
from app.core.model import BriefProject
from app.gui import dialogs


def files_not_to_read(parent: QWidget, project: BriefProject, project_path: Path) -> list[str]:
    """The project's files outside its folder that must not be read: none when trusted or allowed now."""
    outside = sources_outside(project, project_path)
    if is_trusted(project_path, outside):
        return []
    if dialogs.ask_read_outside(parent, project_path, outside):
        remember_trust(project_path, outside)
        return []
    return outside


def keep_refusal(project: BriefProject, project_path: Path, refused: Collection[str], loaded: Collection[str]) -> None:
    """After saving ``project`` at ``project_path``: forget its trust if it names refused files still not loaded.

    A refused file the analyst later added by hand (``loaded``) was their own choice, and stays trusted.
    """
    still_refused = set(refused) - set(loaded)
    if still_refused & set(sources_outside(project, project_path)):
        remember_trust(project_path, [])
