"""The brief through a template's unsaved text: what Save then Export would give, built without writing anything.

The template editor previews on every pause in typing, so a preview writes
nothing: the edited ``brief.md.j2`` is served to Jinja from memory under its
real file name (errors and the sandbox's time limit see the usual path and
line), while partials, fonts and the logo still come from the template's
folder.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from app.assemble.catalog import TemplateInfo
from app.core.formats import BuiltBrief
from app.core.model import BriefProject, Source
from app.pipeline.build import build_brief
from app.pipeline.export import render
from app.pipeline.pages import Preview, preview_of
from app.template_tools.editing import TemplateText, parse_style_text


@dataclass(frozen=True)
class EditedPreview:
    """The brief built through edited text (its markup and Document, for checking) and its pages."""

    brief: BuiltBrief
    preview: Preview


def build_edited_brief(
    project: BriefProject, sources: Mapping[str, Source], info: TemplateInfo, text: TemplateText
) -> BuiltBrief:
    """The brief an export would build if the edited text were saved; raises the same TemplateErrors."""
    return build_brief(project, sources, info, markup=text.markup, style=parse_style_text(info, text.style))


def build_edited_preview(
    project: BriefProject, sources: Mapping[str, Source], info: TemplateInfo, text: TemplateText
) -> EditedPreview:
    """The brief through unsaved template text and its PDF, built in this process: what Save then Export gives."""
    brief = build_edited_brief(project, sources, info, text)
    return EditedPreview(brief, preview_of(render(brief, "pdf")))
