"""What files dropped on the window ask for: a dropped brief is opened, anything else is read as sources.

A brief is no source: dropped, it takes the open brief's place (after the usual question about unsaved changes),
as it does when opened from the file manager or with Open. A brief dropped together with other files opens on its
own and the others are named and left: adding them to the brief just opened would change it before the analyst
has even seen it, and one window holds one brief, so a second brief dropped with it is not opened either.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from app.core.formats import is_project_file
from app.ingest.collect import is_readable_drop


@dataclass(frozen=True)
class Drop:
    #: The brief to open: the first one dropped; None when no brief was dropped.
    brief: Path | None
    #: The files and folders to read as sources: everything dropped, when no brief was.
    sources: list[Path] = field(default_factory=list)
    #: What was dropped with the brief and is left as it is.
    left: list[Path] = field(default_factory=list)


def left_message(brief: Path, left: Sequence[Path]) -> str:
    """What the analyst is told when files were dropped with ``brief``: which were left, and how to add sources."""
    names = ", ".join(f"“{path.name}”" for path in left)
    one = len(left) == 1
    return (
        f"A brief opens on its own, so only “{brief.name}” was opened; "
        f"{names} {'was' if one else 'were'} left as {'it was' if one else 'they were'}.\n\n"
        "To add sources to the brief, drop them on the window without a brief."
    )


def is_brief(path: Path) -> bool:
    return is_project_file(path) and not path.is_dir()


def accepts(paths: Sequence[Path]) -> bool:
    """Whether a drag is worth accepting: a brief, a folder, or a file in a format Briefgen reads."""
    return any(is_brief(path) or is_readable_drop(path) for path in paths)


def sort_drop(paths: Sequence[Path]) -> Drop:
    """The brief to open, or the sources to read, of the paths dropped together."""
    brief = next((path for path in paths if is_brief(path)), None)
    if brief is None:
        return Drop(None, sources=list(paths))
    return Drop(brief, left=[path for path in paths if path != brief])
