"""Export a project as the window does: build, write every format (all or none), then check what was written.

The window runs this in a bounded child process (app.pipeline.jobs.deliver_bounded): writing a
long brief is seconds of pure-Python work that would otherwise hold the
interpreter the window paints with, and a template or file that runs away is
stopped like any other.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

from app.assemble.catalog import find_template
from app.core.model import BriefProject, Source
from app.pipeline.build import build_brief, export_style
from app.pipeline.checks import brief_checks
from app.pipeline.export import export


def deliver(
    project: BriefProject,
    sources: Mapping[str, Source],
    folder: Path,
    formats: list[str],
    name: str,
    citation_style: str | None = None,
) -> tuple[list[Path], list[str]]:
    """The files written and what the analyst should know of them (build warnings, then failed checks);
    ``citation_style`` stands in for the template's (an export preset's)."""
    template = find_template(project.template)
    brief = build_brief(project, sources, template, style=export_style(template, citation_style))
    written = [path for _done, _total, path in export(brief, folder, formats, name)]
    checked = brief_checks(project, sources, template, built=brief if "pdf" in formats else None)
    return written, list(brief.warnings) + [problem.message for problem in checked]
