"""What the commands that read sources share: the files named, a project's sources, and the warnings on the way."""

from __future__ import annotations

import sys
from collections.abc import Sequence
from pathlib import Path

from app.brief.opening import OpenedProject, read_sources
from app.brief.project_file import load_project, sources_outside
from app.brief.trust import is_trusted
from app.core.errors import BriefgenError
from app.core.model import Source
from app.ingest import ingest_many_bounded, load_readers
from app.ingest.collect import files_to_read
from app.text.controls import printable


def open_brief(project_path: str) -> OpenedProject:
    """The project at ``project_path`` with its sources read (those that fail are in ``errors``), after saying
    which files outside its folder it reads."""
    project = load_project(project_path)
    warn_outside(project_path, sources_outside(project, project_path))
    load_readers(project.sources)
    return read_sources(project, Path(project_path))


def read_all(files: list[Path]) -> list[Source]:
    """Every file read (by a few bounded workers at once); the first that cannot be read stops the command."""
    load_readers(files)
    sources, errors = ingest_many_bounded(files)
    if errors:
        raise errors[0]
    return sources


def warn_outside(project_path: str, outside: list[str]) -> None:
    """A shared project may name files anywhere on this machine: say which, before reading them."""
    if not is_trusted(project_path, outside):
        names = "\n  ".join(printable(path) for path in outside)
        print(
            f"briefgen: warning: {printable(project_path)} reads files outside its folder:\n  {names}", file=sys.stderr
        )


def source_files(inputs: Sequence[str]) -> list[Path]:
    """The files named, with each folder standing for the sources directly inside it."""
    files = files_to_read(inputs)
    if not files:
        raise BriefgenError(f"no sources to read in {', '.join(inputs)}")
    return files
