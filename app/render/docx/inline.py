"""Runs, links and citations inside one DOCX paragraph."""

from __future__ import annotations

from dataclasses import dataclass, field

from docx.text.paragraph import Paragraph as DocxParagraph

from app.core.document import Citation, Footnote, Inline, Run
from app.render.docx.footnotes import add_footnote_mark
from app.render.docx.styles import CITATION, CITATION_SCALE, CODE, FOOTNOTE_REFERENCE, LINK, StyleIds
from app.render.docx.xml import add_hyperlink_run, add_styled_run, mark_rtl_run, set_fonts, set_run_text
from app.text.bidi import has_rtl, split_by_direction
from app.text.controls import xml_safe


@dataclass(frozen=True)
class InlineContext:
    """What runs need to know about their paragraph."""

    mono_font: str
    #: Size of the paragraph's text in points; citations are set a little smaller than it.
    text_size: float
    #: Style ids by name, looked up once per render.
    ids: StyleIds
    #: Font for right-to-left (complex-script) text: the style's Arabic family.
    complex_font: str
    #: Every run bold (table header cells).
    bold: bool = False
    #: The footnotes marked so far, in order: the writer puts them in the footnotes part at the end.
    notes: list[Footnote] = field(default_factory=list)


def add_inlines(paragraph: DocxParagraph, inlines: list[Inline], context: InlineContext) -> None:
    previous = ""
    for inline in inlines:
        if isinstance(inline, Footnote):
            add_footnote_mark(paragraph, inline, context.ids.id(FOOTNOTE_REFERENCE))
            context.notes.append(inline)
            previous = inline.label
        elif isinstance(inline, Citation):
            _add_citation(paragraph, inline, previous, context)
            previous = inline.label
        else:
            _add_run(paragraph, inline, context)
            previous = inline.text or previous


def _add_citation(paragraph: DocxParagraph, citation: Citation, previous: str, context: InlineContext) -> None:
    """The label in the citation style, set off by a plain space so "text[1]" reads "text [1]".

    Its size is set on the run because a Word style cannot say "85 % of the
    surrounding text", and citations also occur in smaller attribution lines.
    """
    if previous and not previous[-1].isspace():
        paragraph.add_run(" ")
    # an author-date label is prose ("(Reuters, 2026)"): the text's size; a number is set smaller
    size = round(context.text_size * 2) if citation.text else citation_half_points(context.text_size)
    add_styled_run(paragraph, citation.label, context.ids.id(CITATION), size)


def citation_half_points(text_size: float) -> int:
    """A citation's size in Word's half points: CITATION_SCALE of the text it follows, to the nearest half point."""
    return round(text_size * CITATION_SCALE * 2)


def _add_run(paragraph: DocxParagraph, inline: Run, context: InlineContext) -> None:
    """One run, or one per stretch of right-to-left and other text (see ``bidi.rtl_spans``)."""
    if not has_rtl(inline.text):
        _add_piece(paragraph, inline, inline.text, False, context)
        return
    for text, rtl in split_by_direction(inline.text):
        _add_piece(paragraph, inline, text, rtl, context)


def _add_piece(paragraph: DocxParagraph, inline: Run, text: str, rtl: bool, context: InlineContext) -> None:
    """One run of ``inline``'s formatting; text goes in verbatim, so markup characters stay literal.

    A code run inside a link keeps the link style (colour, underline) and gets
    the mono font directly, because a Word run carries only one character style.
    Right-to-left text gets ``w:rtl`` and the complex-script font, size and weight.
    """
    link = inline.href if inline.href and is_external_link(inline.href) else None
    run = add_hyperlink_run(paragraph, link) if link else paragraph.add_run()
    set_run_text(run, xml_safe(text))
    if link:
        run._r.style = context.ids.id(LINK)
        if inline.code:
            set_fonts(run._r.get_or_add_rPr(), context.mono_font, context.mono_font)
    elif inline.code:
        run._r.style = context.ids.id(CODE)
    if inline.bold or context.bold:
        run.bold = True
    if inline.italic:
        run.italic = True
    if rtl:
        mark_rtl_run(run._r.get_or_add_rPr(), context.complex_font)


def is_external_link(href: str) -> bool:
    """Targets inside the brief (``#x``, ``document:x``) have no bookmark to land on: plain text, as in the PDF."""
    return not href.startswith("#") and not href.lower().startswith("document:")
