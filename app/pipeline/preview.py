"""The exact pages of a brief: build the PDF the export would write, with its page sizes.

Previewing the real PDF (rather than an HTML approximation) means what the
analyst sees is what the reader gets.  Building it is the slow, pure-Python
part, so the window has it done in another process (app/pipeline/jobs.py):
its thread never waits on it, not even for the interpreter lock, and a
template that runs away is stopped like any other.  Only the PDF and its page
sizes come back; app/pipeline/pages.py draws the pages in view.
"""

from __future__ import annotations

from collections.abc import Mapping

from app.assemble.catalog import find_template
from app.core.model import BriefProject, Source
from app.pipeline.export import render
from app.pipeline.last_build import build_brief_once
from app.pipeline.pages import Preview, preview_of


def build_preview(project: BriefProject, sources: Mapping[str, Source]) -> Preview:
    """The brief's PDF and page sizes, built in this process; raises the same BriefgenErrors an export would."""
    return preview_of(render(build_brief_once(project, sources, find_template(project.template)), "pdf"))
