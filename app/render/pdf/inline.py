"""Inline content → the pieces a PDF paragraph is laid out from (``paragraph_text.Piece``).

Document text is never parsed as markup, so an analyst's ``<tag>`` or ``&``
is printed as typed.  Line breaks inside a run (Markdown hard breaks, the
lines of a code block) stay line breaks.  Code keeps its spacing as the DOCX
does: a tab moves to the next multiple of four columns, and spaces at the
start of a line or beyond the first of a row become no-break spaces, which
layout neither drops nor collapses (the last space of a row stays breakable, so
a long code line still wraps).
"""

from __future__ import annotations

import re

from reportlab.lib.colors import HexColor
from reportlab.lib.fonts import ps2tt, tt2ps
from reportlab.lib.styles import ParagraphStyle

from app.core.document import Citation, Footnote, Inline
from app.core.style import Style
from app.render.pdf.paragraph_text import Piece
from app.render.pdf.styles import CITATION_SCALE

TAB_COLUMNS = 4
#: A note's number in the text: this much of the text's size, raised this much of it, as LibreOffice sets superscript.
NOTE_MARK_SCALE, NOTE_MARK_RISE = 0.58, 0.33
NBSP = "\xa0"
#: Spaces at the start of a line, and all but the last of two or more elsewhere.
_HELD_SPACES = re.compile(r"^ +| +(?= )", re.MULTILINE)


def inline_pieces(inlines: list[Inline], style: Style, mono_font: str, para: ParagraphStyle) -> list[Piece]:
    """The paragraph of ``inlines`` as pieces of one format each: fonts, sizes, colours and links."""
    pieces: list[Piece] = []
    previous = ""
    family, bold, italic = ps2tt(para.fontName)
    mono = ps2tt(mono_font)[0]
    for inline in inlines:
        if isinstance(inline, Footnote):
            size = round(para.fontSize * NOTE_MARK_SCALE, 2)
            rise = round(para.fontSize * NOTE_MARK_RISE, 2)
            pieces.append(Piece(inline.label, para.fontName, size, para.textColor, rise=rise, note=inline.number))
            previous = inline.label
            continue
        if isinstance(inline, Citation):
            if previous and not previous[-1].isspace():
                pieces.append(Piece(" ", para.fontName, para.fontSize, para.textColor))
            # an author-date label is prose ("(Reuters, 2026)"): the text's size; a number is set smaller
            size = para.fontSize if inline.text else round(para.fontSize * CITATION_SCALE, 2)
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


def code_text(text: str) -> str:
    """Code as laid out in the DOCX: tabs expanded, leading and repeated spaces kept as no-break spaces."""
    if "\t" in text:
        text = "\n".join(line.expandtabs(TAB_COLUMNS) for line in text.split("\n"))
    return _HELD_SPACES.sub(lambda m: NBSP * len(m.group()), text)


def _is_clickable(href: str) -> bool:
    """Internal targets (``#x``, ``document:x``) would need a destination we never define: reportlab fails on save."""
    return not href.startswith("#") and not href.lower().startswith("document:")
