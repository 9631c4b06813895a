"""The whole pipeline in one place: project → markup → Document → bytes → files.

The GUI, the CLI and the tests all call these functions, so a brief built in
one is the same as a brief built in another.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path

from app.assemble.context import BriefContext, build_context
from app.assemble.templating import TemplateInfo, render_template_text
from app.core.atomic import write_atomically
from app.core.document import Document, DocumentMeta
from app.core.errors import ExportError
from app.core.model import BriefProject, Source, slugify
from app.core.style import Style
from app.parse.markup import parse_markup
from app.render.docx.writer import render_docx
from app.render.pdf.writer import render_pdf

Writer = Callable[[Document, Style], bytes]

WRITERS: dict[str, Writer] = {"docx": render_docx, "pdf": render_pdf}
FORMATS = tuple(WRITERS)
MAX_NAME_BYTES = 120


@dataclass(frozen=True)
class BuiltBrief:
    """A brief ready to render: its markup (for debugging templates) and its Document."""

    markup: str
    document: Document
    style: Style


def document_meta(context: BriefContext) -> DocumentMeta:
    """The brief's facts as the writers put them in headers, footers and file properties."""
    meta = context.meta
    return DocumentMeta(
        title=meta["title"],
        subtitle=meta["subtitle"],
        author=meta["author"],
        organisation=meta["organisation"],
        date=meta["date"],
        classification=meta["classification"],
        recipient=meta["recipient"],
        subject=meta["subtitle"] or meta["title"],
        keywords=sorted({s.outlet for s in context.sources if s.outlet}),
    )


def build_brief(
    project: BriefProject,
    sources: Mapping[str, Source],
    template: TemplateInfo,
    markup: str | None = None,
    style: Style | None = None,
) -> BuiltBrief:
    """Assemble and parse the brief; ``markup`` and ``style`` stand in for a template's unsaved edits."""
    context = build_context(project, sources)
    assembled = render_template_text(template, context, markup)
    return BuiltBrief(assembled, parse_markup(assembled, document_meta(context)), style or template.style())


def render(brief: BuiltBrief, fmt: str) -> bytes:
    writer = WRITERS.get(fmt)
    if writer is None:
        raise ExportError(f"unknown output format {fmt!r}; choose from {', '.join(FORMATS)}")
    return writer(brief.document, brief.style)


def output_name(title: str) -> str:
    """A file name from the brief's title: readable, and safe on every file system."""
    slug = slugify(title, max_words=8) if re.search(r"\w", title) else ""
    while len(slug.encode("utf-8")) > MAX_NAME_BYTES:  # file systems allow 255 bytes, less the temp-file affixes
        slug = slug[:-1]
    return slug.strip("-_") or "brief"


def export(
    brief: BuiltBrief, folder: Path, formats: list[str], name: str | None = None
) -> Iterator[tuple[int, int, Path]]:
    """Render every format, then write each atomically, yielding (done, total, path) for progress.

    Rendering all formats before writing any means a format that fails to
    render leaves every earlier file as it was, not a new DOCX beside an old PDF.
    """
    unknown = [f for f in formats if f not in WRITERS]
    if unknown:
        raise ExportError(f"unknown output format {unknown[0]!r}; choose from {', '.join(FORMATS)}")
    stem = name or output_name(brief.document.meta.title)
    rendered = [(fmt, render(brief, fmt)) for fmt in formats]
    for done, (fmt, data) in enumerate(rendered, start=1):
        path = folder / f"{stem}.{fmt}"
        write_atomically(path, data)
        yield done, len(formats), path
