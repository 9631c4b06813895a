"""Inline content → reportlab Paragraph markup.

reportlab parses Paragraph text as XML-ish markup, so every piece of document
text is escaped here and nowhere else: an analyst's ``<tag>`` or ``&`` must be
printed, not interpreted.
"""

from __future__ import annotations

from xml.sax.saxutils import escape, quoteattr

from reportlab.lib.colors import HexColor
from reportlab.lib.fonts import ps2tt, tt2ps
from reportlab.lib.styles import ParagraphStyle

from app.document import Citation, Inline, Run
from app.render.pdf_bidi import Piece
from app.render.pdf_styles import CITATION_SCALE
from app.style import Style


def inline_markup(inlines: list[Inline], style: Style, mono_font: str, font_size: float) -> str:
    """Markup for ``inlines`` in a paragraph whose text is ``font_size`` points."""
    parts: list[str] = []
    previous = ""
    for inline in inlines:
        if isinstance(inline, Citation):
            if previous and not previous[-1].isspace():
                parts.append(" ")
            parts.append(_citation(inline, style, font_size))
            previous = inline.label
        else:
            parts.append(_run(inline, style, mono_font))
            previous = inline.text or previous
    return "".join(parts)


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
        font = tt2ps(mono if inline.code else family, bold or inline.bold, italic or inline.italic)
        if inline.href and _is_clickable(inline.href):
            pieces.append(Piece(inline.text, font, para.fontSize, HexColor(style.colours.link), inline.href))
        else:
            pieces.append(Piece(inline.text, font, para.fontSize, para.textColor))
        previous = inline.text or previous
    return pieces


def _citation(citation: Citation, style: Style, font_size: float) -> str:
    size = round(font_size * CITATION_SCALE, 2)
    return f'<font color="{style.colours.accent}" size="{size}">{escape(citation.label)}</font>'


def _run(run: Run, style: Style, mono_font: str) -> str:
    text = escape(run.text)
    if run.code:
        text = f"<font face={quoteattr(mono_font)}>{text}</font>"
    if run.bold:
        text = f"<b>{text}</b>"
    if run.italic:
        text = f"<i>{text}</i>"
    if run.href and _is_clickable(run.href):
        text = f'<a href={quoteattr(run.href)} color="{style.colours.link}" underline="1">{text}</a>'
    return text


def _is_clickable(href: str) -> bool:
    """Internal targets (``#x``, ``document:x``) would need a destination we never define: reportlab fails on save."""
    return not href.startswith("#") and not href.lower().startswith("document:")
