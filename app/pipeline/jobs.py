"""The work the window hands to its worker processes, named where the window can reach it cheaply.

A job crosses to a worker as a reference to a module-level function, and
pickling one imports its module in the sender.  These entry points import the
pipeline only when they run — in a worker, whose fork server has it loaded
already — so the window starts, and stays, without Jinja2, reportlab,
python-docx or the template machinery in its own process.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from app.core.bounded import run_bounded
from app.core.model import BriefProject, Source
from app.core.problems import Problem

if TYPE_CHECKING:
    from app.pipeline.pages import Preview

#: What drawing a preview may take: a brief of a few hundred pages builds in well under this.
PREVIEW_SECONDS = 120.0
#: What an export may take: a brief of several hundred pages writes both formats in well under this.
EXPORT_SECONDS = 600.0


def warm_up_preview() -> None:
    """Load the PDF writer, register the default template's fonts and write a small brief, so that the first
    preview finds them ready (app.pipeline.writer_processes.warm_up)."""
    from app.pipeline.export import render
    from app.pipeline.writer_processes import warm_up

    warm_up(render, "pdf")


def preview(project: BriefProject, sources: Mapping[str, Source]) -> Preview:
    """The brief's PDF and its page sizes (app.pipeline.preview.build_preview)."""
    from app.pipeline.preview import build_preview

    return build_preview(project, sources)


def checks(
    project: BriefProject,
    sources: Mapping[str, Source],
    unreadable: Mapping[str, str],
    pages: int | None,
) -> list[Problem]:
    """The Checks panel's list (app.pipeline.checks.checks_with_build); a template that cannot be found is one
    more problem."""
    from app.assemble.catalog import find_template
    from app.core.errors import BriefgenError
    from app.pipeline.checks import checks_with_build

    try:
        template = find_template(project.template)
    except BriefgenError as exc:
        return [Problem(str(exc), "template")]
    return checks_with_build(project, sources, template, unreadable, pages)


def repeats(sources: Sequence[Source]) -> dict[tuple[str, str], list[tuple[str, str]]]:
    """Which loaded sections carry each other's passages (app.pipeline.repeats.section_repeats)."""
    from app.pipeline.repeats import section_repeats

    return section_repeats(sources)


def deliver(
    project: BriefProject,
    sources: Mapping[str, Source],
    folder: Path,
    formats: list[str],
    name: str,
    citation_style: str | None = None,
) -> tuple[list[Path], list[str]]:
    """Build, write every format, check (app.pipeline.deliver.deliver)."""
    from app.pipeline.deliver import deliver as deliver_here

    return deliver_here(project, sources, folder, formats, name, citation_style)


def deliver_bounded(
    project: BriefProject,
    sources: Mapping[str, Source],
    folder: Path,
    formats: list[str],
    name: str,
    citation_style: str | None = None,
) -> tuple[list[Path], list[str]]:
    """``deliver`` in a bounded child process: seconds of work for a long brief, stopped if it runs away."""
    return run_bounded(
        deliver,
        project,
        dict(sources),
        folder,
        list(formats),
        name,
        citation_style,
        what="the export",
        seconds=EXPORT_SECONDS,
    )
