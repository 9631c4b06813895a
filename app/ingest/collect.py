"""Which files a set of chosen or dropped paths stands for: a folder stands for the sources directly inside it."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from app.core.formats import input_format_for


def files_to_read(paths: Iterable[str | Path]) -> list[Path]:
    """Files in the order given; a folder becomes its readable files (not its sub-folders), sorted by name.

    Files named one by one are kept whatever their extension, so the reader
    can say why one is refused; inside a folder only what Briefgen reads counts.
    """
    files: list[Path] = []
    for path in map(Path, paths):
        if path.is_dir():
            files += sorted(p for p in path.iterdir() if p.is_file() and input_format_for(p) is not None)
        else:
            files.append(path)
    return files


def is_readable_drop(path: Path) -> bool:
    """Whether a dragged path is worth accepting: a folder, or a file in a format Briefgen reads."""
    return path.is_dir() or input_format_for(path) is not None
