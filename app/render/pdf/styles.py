"""ParagraphStyles for every role in the visual spec, derived from one Style.

All sizes, colours and spacings come from ``app.core.style.Style`` so the PDF and
the DOCX writer (which follows the same spec) stay the same document.
"""

from __future__ import annotations

from typing import TypedDict, Unpack

from reportlab.lib.colors import Color, HexColor
from reportlab.lib.enums import TA_LEFT
from reportlab.lib.styles import ParagraphStyle

from app.core.style import Style
from app.render.pdf.fonts import FontSet

#: Citation labels are set slightly smaller than the text around them.
CITATION_SCALE = 0.85


class _Changes(TypedDict, total=False):
    """What a variant of a role's style may change."""

    textColor: Color
    leftIndent: float
    bulletIndent: float


class _HeadingLook(TypedDict):
    """What the title and the heading styles share (the colour varies: h3 takes the text colour)."""

    fontName: str
    keepWithNext: int
    textColor: Color


class StyleSheet:
    """The ParagraphStyles of one render, plus indented variants made on demand for lists."""

    def __init__(self, style: Style, fonts: FontSet) -> None:
        self.style = style
        self.fonts = fonts
        self.roles = _role_styles(style, fonts)
        self._variants: dict[tuple[str, float, float], ParagraphStyle] = {}

    def role(self, name: str) -> ParagraphStyle:
        """The style of a paragraph role or heading ("h1".."h3"); unknown roles read as body."""
        return self.roles.get(name, self.roles["body"])

    def marking(self, marking: str) -> ParagraphStyle:
        """The marking role coloured like the banner of that marking (SECRET is red, ...)."""
        colour = self.style.banner.colour_for(marking)
        return self._variant(self.roles["marking"], ("marking-" + colour, 0, 0), textColor=HexColor(colour))

    def indented(self, base: ParagraphStyle, indent: float, bullet_indent: float = 0) -> ParagraphStyle:
        """``base`` moved right by ``indent`` points, its bullet (if any) at ``bullet_indent``."""
        if not indent and not bullet_indent:
            return base
        key = (base.name, indent, bullet_indent)
        return self._variant(base, key, leftIndent=base.leftIndent + indent, bulletIndent=bullet_indent)

    def _variant(
        self, base: ParagraphStyle, key: tuple[str, float, float], **changes: Unpack[_Changes]
    ) -> ParagraphStyle:
        if key not in self._variants:
            name = f"{key[0]}@{key[1]}/{key[2]}"
            self._variants[key] = ParagraphStyle(name, parent=base, **changes)
        return self._variants[key]


def _role_styles(style: Style, fonts: FontSet) -> dict[str, ParagraphStyle]:
    s, c = style.sizes, style.colours
    body = ParagraphStyle(
        "body",
        fontName=fonts.body,
        fontSize=s.body,
        leading=s.body * s.line_spacing,
        spaceAfter=s.paragraph_space_after,
        textColor=HexColor(c.text),
        alignment=TA_LEFT,
        bulletFontName=fonts.body,
        bulletFontSize=s.body,
    )
    small = s.small + 0.5

    def heading(colour: str) -> _HeadingLook:
        return _HeadingLook(fontName=fonts.bold(fonts.heading), keepWithNext=1, textColor=HexColor(colour))

    return {
        "body": body,
        "title": ParagraphStyle(
            "title",
            parent=body,
            **heading(c.heading),
            fontSize=s.title,
            leading=s.title * 1.2,
            spaceAfter=s.title * 0.25,
        ),
        "subtitle": ParagraphStyle(
            "subtitle",
            parent=body,
            fontName=fonts.heading,
            fontSize=s.subtitle,
            leading=s.subtitle * 1.3,
            spaceAfter=8,
            textColor=HexColor(c.muted),
        ),
        "marking": ParagraphStyle(
            "marking",
            parent=body,
            fontName=fonts.bold(fonts.heading),
            fontSize=s.small + 1,
            leading=(s.small + 1) * 1.3,
        ),
        "meta": ParagraphStyle(
            "meta", parent=body, fontSize=small, leading=small * 1.4, spaceAfter=0, textColor=HexColor(c.muted)
        ),
        "attribution": ParagraphStyle(
            "attribution", parent=body, fontSize=small, leading=small * 1.4, textColor=HexColor(c.muted)
        ),
        "quote": ParagraphStyle("quote", parent=body, fontName=fonts.italic(fonts.body)),
        "caption": ParagraphStyle(
            "caption", parent=body, fontSize=s.body - 1, leading=(s.body - 1) * 1.3, spaceBefore=0, spaceAfter=1
        ),
        "h1": ParagraphStyle(
            "h1",
            parent=body,
            **heading(c.heading),
            fontSize=s.heading1,
            leading=s.heading1 * 1.25,
            spaceBefore=16,
            spaceAfter=0,
        ),
        "h2": ParagraphStyle(
            "h2",
            parent=body,
            **heading(c.heading),
            fontSize=s.heading2,
            leading=s.heading2 * 1.25,
            spaceBefore=12,
            spaceAfter=4,
        ),
        "h3": ParagraphStyle(
            "h3",
            parent=body,
            **heading(c.text),
            fontSize=s.heading3,
            leading=s.heading3 * 1.25,
            spaceBefore=10,
            spaceAfter=3,
        ),
        "toc1": ParagraphStyle("toc1", parent=body, fontName=fonts.heading, spaceBefore=5, spaceAfter=1),
        "toc2": ParagraphStyle("toc2", parent=body, spaceBefore=0, spaceAfter=1),
        "toc3": ParagraphStyle("toc3", parent=body, spaceBefore=0, spaceAfter=1),
        "footnote": ParagraphStyle(
            "footnote", parent=body, fontSize=s.small + 1, leading=(s.small + 1) * 1.3, spaceAfter=1.5
        ),
        "table_cell": ParagraphStyle("table_cell", parent=body, spaceAfter=0),
        "table_header": ParagraphStyle("table_header", parent=body, fontName=fonts.bold(fonts.body), spaceAfter=0),
    }
