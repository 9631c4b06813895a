"""What an export should tell the analyst about its files, without stopping it.

An export that leaves something out must say so: text in a script the PDF's
fonts cannot draw, and what the brief itself leaves out or shortens because the
analyst has not filled it in (app/assemble/gaps.py).  The CLI prints these on
stderr; the window shows them with the export's result.
"""

from __future__ import annotations

from collections.abc import Mapping

from app.assemble.context import build_context
from app.assemble.gaps import brief_gaps, figures_left_out, shortened
from app.assemble.templating import TemplateInfo
from app.core.formats import BuiltBrief
from app.core.model import AnalystItem, BriefProject, Source
from app.render.pdf.coverage import coverage_warnings


def export_warnings(brief: BuiltBrief, formats: list[str]) -> list[str]:
    """Warnings about writing ``brief`` in ``formats``; empty when every format holds everything."""
    if "pdf" in formats:
        return coverage_warnings(brief.document, brief.style)
    return []


def brief_warnings(project: BriefProject, sources: Mapping[str, Source], template: TemplateInfo) -> list[str]:
    """Items ``template`` shortens or leaves out, and — once the analyst writes parts of their own — what is
    left to fill in.

    A brief of chosen sections only is still a reading of the sources; telling
    its reader's author that the Assessment is empty would be noise.
    """
    context = build_context(project, sources)
    drafting = any(isinstance(item, AnalystItem) for item in project.items)
    gaps = brief_gaps(context, template.layout) if drafting else []
    return gaps + figures_left_out(context, template.layout) + shortened(context, template.layout)
