"""Inline content → reportlab Paragraph markup.

reportlab parses Paragraph text as XML-ish markup, so every piece of document
text is escaped here and nowhere else: an analyst's ``<tag>`` or ``&`` must be
printed, not interpreted.

Line breaks inside a run (Markdown hard breaks, the lines of a code block)
become ``<br/>``, where reportlab would read them as spaces.  Code keeps its
spacing as the DOCX does: a tab moves to the next multiple of four columns,
and spaces at the start of a line or beyond the first of a row become
no-break spaces, which reportlab neither drops nor collapses (the last space of
a row stays breakable, so a long code line still wraps).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from xml.sax.saxutils import escape, quoteattr

from reportlab.lib.colors import HexColor
from reportlab.lib.fonts import ps2tt, tt2ps
from reportlab.lib.styles import ParagraphStyle

from app.core.document import Citation, Inline, Run
from app.core.style import Style
from app.render.pdf.bidi import Piece
from app.render.pdf.styles import CITATION_SCALE

TAB_COLUMNS = 4
NBSP = "\xa0"
#: Spaces at the start of a line, and all but the last of two or more elsewhere.
_HELD_SPACES = re.compile(r"^ +| +(?= )", re.MULTILINE)


@dataclass(frozen=True)
class Segment:
    """A stretch of a paragraph's text as shown (code spacing applied, not escaped) and the tags around it."""

    text: str
    before: str = ""
    after: str = ""

    def markup(self, start: int = 0, end: int | None = None) -> str:
        """Markup for characters ``start``–``end`` of the text, in this segment's tags."""
        return self.before + escape(self.text[start:end]).replace("\n", "<br/>") + self.after


def inline_markup(inlines: list[Inline], style: Style, mono_font: str, font_size: float) -> str:
    """Markup for ``inlines`` in a paragraph whose text is ``font_size`` points."""
    return "".join(segment.markup() for segment in inline_segments(inlines, style, mono_font, font_size))


def inline_segments(inlines: list[Inline], style: Style, mono_font: str, font_size: float) -> list[Segment]:
    """``inline_markup`` in pieces, for cutting a paragraph's markup anywhere in its text."""
    segments: list[Segment] = []
    previous = ""
    for inline in inlines:
        if isinstance(inline, Citation):
            if previous and not previous[-1].isspace():
                segments.append(Segment(" "))
            segments.append(_citation(inline, style, font_size))
            previous = inline.label
        else:
            segments.append(_run(inline, style, mono_font))
            previous = inline.text or previous
    return segments


def inline_pieces(inlines: list[Inline], style: Style, mono_font: str, para: ParagraphStyle) -> list[Piece]:
    """The same content as ``inline_markup`` for a BidiParagraph: the fonts, sizes and colours markup would give."""
    pieces: list[Piece] = []
    previous = ""
    family, bold, italic = ps2tt(para.fontName)
    mono = ps2tt(mono_font)[0]
    for inline in inlines:
        if isinstance(inline, Citation):
            if previous and not previous[-1].isspace():
                pieces.append(Piece(" ", para.fontName, para.fontSize, para.textColor))
            size = round(para.fontSize * CITATION_SCALE, 2)
            pieces.append(Piece(inline.label, para.fontName, size, HexColor(style.colours.accent)))
            previous = inline.label
            continue
        font = tt2ps(
            mono if inline.code else family, 1 if bold or inline.bold else 0, 1 if italic or inline.italic else 0
        )
        text = code_text(inline.text) if inline.code else inline.text
        if inline.href and _is_clickable(inline.href):
            pieces.append(Piece(text, font, para.fontSize, HexColor(style.colours.link), inline.href))
        else:
            pieces.append(Piece(text, font, para.fontSize, para.textColor))
        previous = inline.text or previous
    return pieces


def _citation(citation: Citation, style: Style, font_size: float) -> Segment:
    size = round(font_size * CITATION_SCALE, 2)
    return Segment(citation.label, f'<font color="{style.colours.accent}" size="{size}">', "</font>")


def code_text(text: str) -> str:
    """Code as laid out in the DOCX: tabs expanded, leading and repeated spaces kept as no-break spaces."""
    if "\t" in text:
        text = "\n".join(line.expandtabs(TAB_COLUMNS) for line in text.split("\n"))
    return _HELD_SPACES.sub(lambda m: NBSP * len(m.group()), text)


def _run(run: Run, style: Style, mono_font: str) -> Segment:
    before, after = "", ""
    if run.code:
        before, after = f"<font face={quoteattr(mono_font)}>", "</font>"
    if run.bold:
        before, after = "<b>" + before, after + "</b>"
    if run.italic:
        before, after = "<i>" + before, after + "</i>"
    if run.href and _is_clickable(run.href):
        link = f'<a href={quoteattr(run.href)} color="{style.colours.link}" underline="1">'
        before, after = link + before, after + "</a>"
    return Segment(code_text(run.text) if run.code else run.text, before, after)


def _is_clickable(href: str) -> bool:
    """Internal targets (``#x``, ``document:x``) would need a destination we never define: reportlab fails on save."""
    return not href.startswith("#") and not href.lower().startswith("document:")
