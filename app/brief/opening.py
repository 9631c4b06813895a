"""Opening a brief: its project file and the sources it names, read together.

The window and the command line both need a project with its sources loaded,
and they must agree on what happens when a source cannot be read: the brief
still opens (its items from that source show as not loaded), and each failure
is kept as the IngestError that names the file, for the caller to report in its
own way. Only a project file that cannot be read stops the opening.

Loading the file is quick and reading sources can be slow, so the two steps are
also offered apart: ``read_sources`` reads the sources of a project already
loaded (the CLI, after warning about files outside the project's folder).
The window shows the loaded project at once and lets each source join it as a
worker thread reads it.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from app.brief.project_file import load_project
from app.brief.records import with_details
from app.core.errors import IngestError
from app.core.model import BriefProject, Source
from app.ingest import ingest_many_bounded


@dataclass(frozen=True)
class OpenedProject:
    """A project with the sources that loaded, in the project's order, and the failures of the rest."""

    project: BriefProject
    #: The .brief file, absolute; None for a brief never saved (a recovered untitled one).
    path: Path | None
    sources: list[Source]
    errors: list[IngestError]

    def sources_by_path(self) -> dict[str, Source]:
        """The loaded sources keyed as the project's items name them, as building a brief wants them."""
        return {source.path: source for source in self.sources}


def read_sources(project: BriefProject, path: Path | None = None) -> OpenedProject:
    """Read every source ``project`` names; a source that fails is reported in ``errors``, never raised.

    Each source carries the analyst's corrections to its title, outlet, author, date and URL.
    The project's source paths are absolute already (project files store them
    relative to themselves and loading resolves them), so the loaded sources
    carry exactly the paths the items refer to.
    """
    sources, errors = ingest_many_bounded(project.sources)
    corrected = [with_details(source, project.record(source.path)) for source in sources]
    return OpenedProject(project, path.resolve() if path is not None else None, corrected, errors)


def open_project(path: str | Path) -> OpenedProject:
    """Load the .brief file at ``path`` and read its sources.

    Raises ProjectError when the file itself is missing or not a project;
    sources that cannot be read are in the result's ``errors``.
    """
    return read_sources(load_project(path), Path(path))
