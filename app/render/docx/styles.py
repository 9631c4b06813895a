"""The named Word styles the DOCX writer uses, and how a Style restyles them.

Formatting lives in styles, not on runs, so an analyst who edits the exported
file in Word can restyle the whole brief from the Styles pane.  The styles must
already exist in ``assets/reference.docx`` (python-docx cannot create them
well); at render time this module sets their fonts, sizes and colours from the
template's ``style.toml``.

Fonts are named, not embedded: a family from ``assets/fonts`` or the template
folder (``[fonts]`` in style.toml) appears under its family name in the styles,
and Word or LibreOffice use it only if it is installed on the reader's
machine, substituting a similar font otherwise.  The PDF embeds the files, so
it alone looks the same everywhere; the font files are still read here, for
their line height (see docx_metrics).
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import TypeVar

from docx.document import Document as DocxDocument
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_TAB_ALIGNMENT, WD_TAB_LEADER
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls
from docx.shared import Mm, Pt, RGBColor
from docx.styles.style import BaseStyle, CharacterStyle, ParagraphStyle

from app.core.document import DocumentMeta
from app.core.errors import ExportError
from app.core.style import Style
from app.render.contents import LEVEL_INDENT_PT
from app.render.docx.metrics import word_line_multiple
from app.render.docx.xml import (
    STYLE_ORDER,
    Border,
    hex_colour,
    insert_in_order,
    mirror_complex_script,
    set_fonts,
    set_paragraph_borders,
    set_paragraph_shading,
)

BODY = "Normal"
TITLE = "Title"
SUBTITLE = "Subtitle"
MARKING = "Brief Marking"
META = "Brief Meta"
ATTRIBUTION = "Brief Attribution"
SUMMARY = "Brief Summary"
NOTE = "Brief Note"
BANNER = "Brief Banner"
QUOTE = "Quote"
HEADER = "Header"
FOOTER = "Footer"
HEADINGS = ("Heading 1", "Heading 2", "Heading 3")
BULLETS = ("List Bullet", "List Bullet 2", "List Bullet 3")
NUMBERS = ("List Number", "List Number 2", "List Number 3")
CONTINUES = ("List Continue", "List Continue 2", "List Continue 3")
CITATION = "Brief Citation"
CODE = "Brief Code"
LINK = "Hyperlink"
TABLE = "Brief Table"
CAPTION = "Caption"
#: Word's own names: Word and LibreOffice know them as the footnotes' and the contents' styles.
FOOTNOTE_TEXT = "footnote text"
FOOTNOTE_REFERENCE = "footnote reference"
CONTENTS_TITLE = "TOC Heading"
CONTENTS_LEVELS = ("toc 1", "toc 2", "toc 3")

#: Styles the reference document must add to python-docx's default template, with the style each is based on.
ADDED_PARAGRAPH_STYLES = {
    MARKING: BODY, META: BODY, ATTRIBUTION: BODY, SUMMARY: BODY, NOTE: BODY, BANNER: BODY,
    **{name: BODY for name in CONTENTS_LEVELS}, FOOTNOTE_TEXT: BODY,
}  # fmt: skip
ADDED_CHARACTER_STYLES = (CITATION, CODE, LINK, FOOTNOTE_REFERENCE)

#: Every style name the writer may put in a document; all must exist in reference.docx.
PARAGRAPH_STYLES = (
    BODY, TITLE, SUBTITLE, QUOTE, CAPTION, HEADER, FOOTER, *HEADINGS, *BULLETS, *NUMBERS, *CONTINUES,
    CONTENTS_TITLE, *ADDED_PARAGRAPH_STYLES,
)  # fmt: skip
USED_STYLES = (*PARAGRAPH_STYLES, *ADDED_CHARACTER_STYLES, TABLE)

#: Left indent of quoted text, shared with attributions inside a quote so they line up.
QUOTE_INDENT_PT = 12
#: Indent of each list level (bullet position + hanging text), in points.
LIST_STEP_PT = 18
LIST_HANGING_PT = 18

#: Space above a box (quotation or callout), and how much more than a paragraph's it leaves under it, as in the PDF.
BOX_SPACE_BEFORE_PT = 4.0
BOX_EXTRA_SPACE_AFTER_PT = 4.0

#: Citation labels are set this much smaller than the text around them.
CITATION_SCALE = 0.85

PAGE_SIZES_MM = {"A4": (210, 297), "Letter": (215.9, 279.4)}

_Kind = TypeVar("_Kind", bound=BaseStyle)


@dataclass(frozen=True)
class Look:
    """What one Word style should look like; ``None`` leaves a property to the base style."""

    font: str | None = None
    size: float | None = None
    colour: str | None = None
    bold: bool | None = None
    italic: bool | None = None
    underline: bool | None = None
    before: float | None = None
    after: float | None = None
    #: Line spacing as a multiple of the font size, as in style.toml (converted to Word's meaning when applied).
    line: float | None = None
    keep_next: bool | None = None
    align: WD_ALIGN_PARAGRAPH | None = None
    left: float | None = None
    right: float | None = None
    borders: dict[str, Border] = field(default_factory=dict)
    fill: str | None = None
    right_tab: float | None = None
    #: Dots lead to the right tab (a contents entry's page number).
    dot_leader: bool = False
    superscript: bool | None = None


def text_width_pt(style: Style) -> float:
    """Width between the margins, where right-aligned header text and full-width tables end."""
    width_mm = PAGE_SIZES_MM[style.page.size][0] - style.page.margin_left_mm - style.page.margin_right_mm
    return Mm(width_mm).pt


def text_height_pt(style: Style) -> float:
    """Height between the top and bottom margins: the text block a figure's height is capped against."""
    height_mm = PAGE_SIZES_MM[style.page.size][1] - style.page.margin_top_mm - style.page.margin_bottom_mm
    return Mm(height_mm).pt


def quote_bar(style: Style) -> Border:
    """The bar left of quoted text; attributions inside a quote get it too, so it runs down the whole quote."""
    return Border(style.colours.quote_border, 3, round(QUOTE_INDENT_PT - 3))


def text_size_pt(paragraph_style: CharacterStyle) -> float:
    """The font size a paragraph style ends up with, following its base styles (Normal always has one)."""
    style = paragraph_style
    while style.font.size is None:
        style = style.base_style
    return style.font.size.pt


def looks(style: Style, meta: DocumentMeta) -> dict[str, Look]:
    """The brief's visual spec (the PDF writer follows the same one), as one Look per Word style."""
    f, s, c = style.fonts, style.sizes, style.colours
    rule = Border(c.rule, 0.5, 3)
    heading = Look(font=f.heading, bold=True, italic=False, line=1.25, keep_next=True)
    return {
        BODY: Look(f.body, s.body, c.text, False, False, before=0, after=s.paragraph_space_after,
                   line=s.line_spacing, align=WD_ALIGN_PARAGRAPH.LEFT),
        TITLE: Look(f.heading, s.title, c.heading, True, False, before=0, after=s.title / 4, line=1.2, keep_next=True),
        SUBTITLE: Look(f.heading, s.subtitle, c.muted, False, False, before=0, after=8, line=1.3, keep_next=True),
        MARKING: Look(f.heading, s.small + 1, style.banner.colour_for(meta.classification), True, False, before=0,
                      after=s.paragraph_space_after, line=1.3, keep_next=True),
        META: Look(f.body, s.small + 0.5, c.muted, False, False, before=0, after=10, line=1.4, keep_next=True,
                   borders={"bottom": Border(c.rule, 0.5, 6)}),
        ATTRIBUTION: Look(f.body, s.small + 0.5, c.muted, False, False, before=0, after=s.paragraph_space_after,
                          line=1.4),
        HEADINGS[0]: replace(heading, size=s.heading1, colour=c.heading, before=16, after=6, borders={"bottom": rule}),
        HEADINGS[1]: replace(heading, size=s.heading2, colour=c.heading, before=12, after=4),
        HEADINGS[2]: replace(heading, size=s.heading3, colour=c.text, before=10, after=3),
        CONTENTS_TITLE: replace(heading, size=s.heading1, colour=c.heading, before=16, after=6,
                                borders={"bottom": rule}),
        **{name: _contents_entry(style, n) for n, name in enumerate(CONTENTS_LEVELS, 1)},
        CAPTION: Look(f.body, s.body - 1, c.text, False, False, before=0, after=1, line=1.3, keep_next=False,
                      align=WD_ALIGN_PARAGRAPH.LEFT),
        QUOTE: Look(italic=True, colour=c.text, before=BOX_SPACE_BEFORE_PT, left=QUOTE_INDENT_PT,
                    borders={"left": quote_bar(style)}),
        SUMMARY: _box(c.summary_background, c.summary_border, s.paragraph_space_after),
        NOTE: _box(c.note_background, c.note_border, s.paragraph_space_after),
        **{name: Look(left=LIST_STEP_PT * n) for n, name in enumerate(CONTINUES, 1)},
        HEADER: _furniture(style, {"bottom": Border(c.rule, 0.5, 3)}, before=3, after=0),
        FOOTER: _furniture(style, {"top": Border(c.rule, 0.5, 3)}, before=0, after=3),
        BANNER: Look(f.heading, s.small + 1, style.banner.text_colour, True, False, before=0, after=0, line=1.2,
                     align=WD_ALIGN_PARAGRAPH.CENTER),
        CITATION: Look(colour=c.accent, size=round(s.body * CITATION_SCALE * 2) / 2),
        CODE: Look(font=f.mono),
        LINK: Look(colour=c.link, underline=True),
        FOOTNOTE_TEXT: Look(f.body, s.small + 1, c.text, False, False, before=0, after=1.5, line=1.3,
                            align=WD_ALIGN_PARAGRAPH.LEFT),
        FOOTNOTE_REFERENCE: Look(superscript=True),
    }  # fmt: skip


def _box(background: str, border: str, after: float) -> Look:
    """A callout paragraph: consecutive ones share identical borders, so Word draws one box around them.

    As in the PDF, the text sits 8 pt inside the box (a 1 pt border in the box's own colour and 7 pt of space:
    Word counts border space in whole points) and the box stands 4 pt below what comes before; the space under
    the box is set on its last paragraph (``_BlockWriter``)."""
    pad = Border(background, 1, 7)
    return Look(
        before=BOX_SPACE_BEFORE_PT, after=after, left=12, right=8, fill=background,
        borders={"top": pad, "left": Border(border, 4, 8), "bottom": pad, "right": pad},
    )  # fmt: skip


def _contents_entry(style: Style, level: int) -> Look:
    """A contents entry as the PDF sets it (app/render/pdf/styles.py): the first level in the heading font."""
    s = style.sizes
    return Look(
        style.fonts.heading if level == 1 else style.fonts.body, s.body, style.colours.text, False, False,
        before=5 if level == 1 else 0, after=1, line=s.line_spacing, keep_next=False, align=WD_ALIGN_PARAGRAPH.LEFT,
        left=LEVEL_INDENT_PT * (level - 1), right_tab=text_width_pt(style), dot_leader=True,
    )  # fmt: skip


def _furniture(style: Style, borders: dict[str, Border], before: float, after: float) -> Look:
    """Running header or footer text: small, muted, a hairline towards the body, right text on a right tab."""
    return Look(
        style.fonts.heading, style.sizes.small, style.colours.muted, False, False, before=before, after=after,
        line=1.2, align=WD_ALIGN_PARAGRAPH.LEFT, borders=borders, right_tab=text_width_pt(style),
    )  # fmt: skip


def apply_style(document: DocxDocument, style: Style, meta: DocumentMeta) -> None:
    """Restyle the document's named styles from ``style`` (and the marking colour from ``meta``)."""
    _apply_defaults(document, style)
    for name, look in looks(style, meta).items():
        _apply_look(named_style(document, name, CharacterStyle), look, style)
    _apply_table_style(named_style(document, TABLE, BaseStyle), style.colours.rule)


class StyleIds:
    """Style ids and text sizes looked up once per render.

    python-docx finds a style by name by scanning every style in the document,
    once per paragraph or run; for a 500-section brief that scan was most of
    the render time, so the writer sets style ids directly from this cache.
    """

    def __init__(self, document: DocxDocument) -> None:
        self._document = document
        self._ids: dict[str, str] = {}
        self._sizes: dict[str | None, float] = {}

    def id(self, name: str) -> str:
        if name not in self._ids:
            self._ids[name] = named_style(self._document, name, BaseStyle).style_id
        return self._ids[name]

    def text_size(self, style_id: str | None) -> float:
        """Text size of the paragraph style with this id (None: the default paragraph style)."""
        if style_id not in self._sizes:
            styles = self._document.styles
            found = (s for s in styles if isinstance(s, CharacterStyle) and s.style_id == style_id)
            match = next(found, None) if style_id else None
            self._sizes[style_id] = text_size_pt(match or styles.default(WD_STYLE_TYPE.PARAGRAPH))
        return self._sizes[style_id]


def named_style(document: DocxDocument, name: str, kind: type[_Kind]) -> _Kind:
    """The style called ``name``, of ``kind`` (paragraph and character styles have fonts, paragraph styles
    paragraph formats); an ExportError saying the reference document is out of date if it has no such style."""
    try:
        found = document.styles[name]
    except KeyError as exc:
        raise ExportError(
            f"assets/reference.docx has no style {name!r}; rebuild it with tools/make_reference_docx.py"
        ) from exc
    if not isinstance(found, kind):
        raise ExportError(
            f"assets/reference.docx's style {name!r} is of the wrong type; rebuild it with tools/make_reference_docx.py"
        )
    return found


def _apply_defaults(document: DocxDocument, style: Style) -> None:
    """Document-wide font, so text outside any of our styles does not fall back to the theme's Calibri."""
    for rpr in document.styles.element.xpath("./w:docDefaults/w:rPrDefault/w:rPr"):
        set_fonts(rpr, style.fonts.body, style.fonts.arabic)


def _apply_look(target: CharacterStyle, look: Look, style: Style) -> None:
    if look.font:
        set_fonts(target.element.get_or_add_rPr(), look.font, style.fonts.arabic)
    _apply_font(target, look)
    mirror_complex_script(target.element.get_or_add_rPr())
    if isinstance(target, ParagraphStyle):
        _apply_paragraph(target, look, style)


def _apply_font(target: CharacterStyle, look: Look) -> None:
    font = target.font
    if look.size is not None:
        font.size = Pt(look.size)
    if look.colour is not None:
        font.color.rgb = _rgb(look.colour)
    if look.bold is not None:
        font.bold = look.bold
    if look.italic is not None:
        font.italic = look.italic
    if look.underline is not None:
        font.underline = look.underline
    if look.superscript is not None:
        font.superscript = look.superscript


def _apply_paragraph(target: ParagraphStyle, look: Look, style: Style) -> None:
    fmt = target.paragraph_format
    if look.line is not None:
        family = look.font or style.fonts.body
        fmt.line_spacing = word_line_multiple(look.line, family, style.folder)
    for attr, value in (("space_before", look.before), ("space_after", look.after)):
        if value is not None:
            setattr(fmt, attr, Pt(value))
    for attr, value in (("left_indent", look.left), ("right_indent", look.right)):
        if value is not None:
            setattr(fmt, attr, Pt(value))
    if look.keep_next is not None:
        fmt.keep_with_next = look.keep_next
    if look.align is not None:
        fmt.alignment = look.align
    if look.right_tab is not None:
        fmt.tab_stops.clear_all()
        leader = WD_TAB_LEADER.DOTS if look.dot_leader else WD_TAB_LEADER.SPACES
        fmt.tab_stops.add_tab_stop(Pt(look.right_tab), WD_TAB_ALIGNMENT.RIGHT, leader)
    ppr = target.element.get_or_add_pPr()
    set_paragraph_borders(ppr, look.borders)
    set_paragraph_shading(ppr, look.fill)


def _apply_table_style(target: BaseStyle, rule: str) -> None:
    """Grid borders in the rule colour and comfortable cell padding for the table style."""
    colour = hex_colour(rule)
    sides = "".join(
        f'<w:{side} w:val="single" w:sz="4" w:space="0" w:color="{colour}"/>'
        for side in ("top", "left", "bottom", "right", "insideH", "insideV")
    )
    tbl_pr = parse_xml(
        f"<w:tblPr {nsdecls('w')}><w:tblBorders>{sides}</w:tblBorders>"
        '<w:tblCellMar><w:top w:w="60" w:type="dxa"/><w:left w:w="100" w:type="dxa"/>'
        '<w:bottom w:w="80" w:type="dxa"/><w:right w:w="100" w:type="dxa"/></w:tblCellMar></w:tblPr>'
    )
    insert_in_order(target.element, tbl_pr, STYLE_ORDER)


def _rgb(colour: str) -> RGBColor:
    return RGBColor.from_string(hex_colour(colour))
