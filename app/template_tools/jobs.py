"""The template editor's work for its worker process, named where the editor can reach it cheaply.

Like app.pipeline.jobs: pickling a job imports its module in the sender, so
this entry point imports the build only when it runs, in the worker, and the
editor's window never loads the pipeline.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING

from app.assemble.catalog import TemplateInfo
from app.core.model import BriefProject, Source
from app.template_tools.editing import TemplateText

if TYPE_CHECKING:
    from app.template_tools.edited_build import EditedPreview


def edited_preview(
    project: BriefProject, sources: Mapping[str, Source], info: TemplateInfo, text: TemplateText
) -> EditedPreview:
    """The brief through unsaved template text, and its PDF (app.template_tools.edited_build)."""
    from app.template_tools.edited_build import build_edited_preview

    return build_edited_preview(project, sources, info, text)
