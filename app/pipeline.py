"""The whole pipeline in one place: project → markup → Document → bytes → files.

The GUI, the CLI and the tests all call these functions, so a brief built in
one is the same as a brief built in another.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path

from app.context import build_context
from app.document import Document, DocumentMeta
from app.errors import ExportError
from app.export import write_atomically
from app.markup import parse_markup
from app.model import BriefProject, Source, slugify
from app.render.docx import render_docx
from app.render.pdf import render_pdf
from app.style import Style
from app.templating import TemplateInfo, render_template_text

Writer = Callable[[Document, Style], bytes]

WRITERS: dict[str, Writer] = {"docx": render_docx, "pdf": render_pdf}
FORMATS = tuple(WRITERS)


@dataclass(frozen=True)
class BuiltBrief:
    """A brief ready to render: its markup (for debugging templates) and its Document."""

    markup: str
    document: Document
    style: Style


def build_brief(project: BriefProject, sources: Mapping[str, Source], template: TemplateInfo) -> BuiltBrief:
    context = build_context(project, sources)
    markup = render_template_text(template, context)
    meta = DocumentMeta(
        title=context.meta["title"],
        subtitle=context.meta["subtitle"],
        author=context.meta["author"],
        organisation=context.meta["organisation"],
        date=context.meta["date"],
        classification=context.meta["classification"],
        recipient=context.meta["recipient"],
        subject=context.meta["subtitle"] or context.meta["title"],
        keywords=sorted({s.outlet for s in context.sources if s.outlet}),
    )
    return BuiltBrief(markup, parse_markup(markup, meta), template.style())


def render(brief: BuiltBrief, fmt: str) -> bytes:
    writer = WRITERS.get(fmt)
    if writer is None:
        raise ExportError(f"unknown output format {fmt!r}; choose from {', '.join(FORMATS)}")
    return writer(brief.document, brief.style)


def output_name(title: str) -> str:
    """A file name from the brief's title: readable, and safe on every file system."""
    slug = slugify(title, max_words=8) if re.search(r"\w", title) else ""
    return slug.strip("-_") or "brief"


def export(
    brief: BuiltBrief, folder: Path, formats: list[str], name: str | None = None
) -> Iterator[tuple[int, int, Path]]:
    """Write each format atomically, yielding (done, total, path) so callers can show progress."""
    unknown = [f for f in formats if f not in WRITERS]
    if unknown:
        raise ExportError(f"unknown output format {unknown[0]!r}; choose from {', '.join(FORMATS)}")
    stem = name or output_name(brief.document.meta.title)
    for done, fmt in enumerate(formats, start=1):
        path = folder / f"{stem}.{fmt}"
        write_atomically(path, render(brief, fmt))
        yield done, len(formats), path
