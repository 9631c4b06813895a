"""Build a brief: project + sources + template → assembled markup → Document, ready for any writer.

The GUI, the CLI and the tests all call this, so a brief built in one is the
same as a brief built in another.  The template, untrusted code, runs in a
worker process bounded in time and memory (app/assemble/worker.py).
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

from app.assemble.catalog import TemplateInfo
from app.assemble.citation_styles import style_ids
from app.assemble.context import BriefContext, build_context
from app.assemble.worker import render_template_bounded
from app.core.collection import collection_paused
from app.core.document import Document, DocumentMeta, Heading, Paragraph, iter_blocks, plain_text
from app.core.errors import CitationStyleError, ProjectError
from app.core.formats import BuiltBrief
from app.core.images import CheckedImage, read_figure
from app.core.model import BriefProject, FigureItem, Source
from app.core.style import Style
from app.parse.markup import parse_markup
from app.pipeline.citations import apply_citation_style
from app.pipeline.portions import mark_unmarked_portions
from app.pipeline.repeats import section_repeats
from app.text.language import detect_language


def document_meta(context: BriefContext) -> DocumentMeta:
    """The brief's facts as the writers put them in headers, footers and file properties.

    A classified brief says so in its file's subject and keywords too: a file listing or a document store shows
    those without opening the file.
    """
    meta = context.meta
    classification = meta["classification"]
    subject = meta["subtitle"] or meta["title"]
    return DocumentMeta(
        title=meta["title"],
        subtitle=meta["subtitle"],
        author=meta["author"],
        organisation=meta["organisation"],
        date=meta["date"],
        classification=classification,
        recipient=meta["recipient"],
        subject=f"{classification} — {subject}" if classification and subject else classification or subject,
        keywords=([classification] if classification else []) + sorted({s.outlet for s in context.sources if s.outlet}),
    )


def brief_language(document: Document) -> str:
    """The language most of the brief's own text is in (app.text.language), "" when unsure."""
    blocks = iter_blocks(document.blocks)
    text = "\n".join(plain_text(block.inlines) for block in blocks if isinstance(block, Heading | Paragraph))
    return detect_language(text)


def build_brief(
    project: BriefProject,
    sources: Mapping[str, Source],
    template: TemplateInfo,
    markup: str | None = None,
    style: Style | None = None,
) -> BuiltBrief:
    """Assemble and parse the brief; ``markup`` and ``style`` stand in for a template's unsaved edits.

    The style is read first: it is cheap, and a broken one is reported without starting a worker; the
    figures' images next, so a missing one is reported before the template runs.  The cycle collector
    waits: what a build makes is kept until it ends (app/core/collection.py).
    """
    style = style or template.style()
    images = figure_images(project, sources)
    with collection_paused():
        repeats = section_repeats(list(sources.values()))
        citations = style.citations
        context = build_context(project, sources, style.markings, repeats, citations.style, citations.locale)
        markings = context.markings
        assembled = render_template_bounded(template, context, markup)
        document = parse_markup(assembled, document_meta(context), images)
        apply_citation_style(document, context)
        document.meta.language = brief_language(document)
        warnings = mark_unmarked_portions(document, markings)
    return BuiltBrief(assembled, document, style.with_marking_scheme(markings.scheme), tuple(warnings))


def export_style(template: TemplateInfo, citation_style: str | None = None) -> Style:
    """The template's style, citing in ``citation_style`` when one is given (an export preset's, or the command
    line's); CitationStyleError naming the styles there are for an unknown one."""
    style = template.style()
    if not citation_style:
        return style
    if citation_style not in style_ids():
        raise CitationStyleError(f"unknown citation style {citation_style!r}; use one of {', '.join(style_ids())}")
    return style.model_copy(update={"citations": style.citations.model_copy(update={"style": citation_style})})


def figure_images(project: BriefProject, sources: Mapping[str, Source]) -> dict[str, CheckedImage]:
    """Each figure item's checked image by item id: the only images the markup may show (by id, never by path).

    An image file is read and checked now; a source's figure was checked when the source was read.
    ProjectError naming the figure (by caption) if an image is missing or unusable.
    """
    images: dict[str, CheckedImage] = {}
    for item in project.items:
        if isinstance(item, FigureItem):
            try:
                images[item.id] = _source_figure(item, sources) if item.from_source else read_figure(Path(item.image))
            except ValueError as exc:
                name = f"figure {item.caption.strip()!r}" if item.caption.strip() else "a figure without a caption"
                raise ProjectError(f"{name}: {exc}") from exc
    return images


def _source_figure(item: FigureItem, sources: Mapping[str, Source]) -> CheckedImage:
    source = sources.get(item.source or "")
    if source is None:
        raise ValueError(f"its source {item.source} is not loaded")
    figure = source.figure(item.figure_id or "")
    if figure is None:
        shown = ", ".join(f.id for f in source.figures) or "none"
        raise ValueError(f"{source.path} has no {item.figure_id} (its figures: {shown})")
    return CheckedImage(figure.data, figure.width_px, figure.height_px, figure.format)
