"""Page geometry, running header and footer, and classification banners of the DOCX.

Banners and running text live in the header and footer parts, so Word repeats
them on every page and keeps them there when the analyst edits the body.  Their
distance from the paper's edge is worked out from the margins (see furniture),
so they sit as close to the text as in the PDF whatever the margins.
"""

from __future__ import annotations

from docx.document import Document as DocxDocument
from docx.section import Section, _Footer, _Header
from docx.shared import Mm, Pt
from docx.text.paragraph import Paragraph as DocxParagraph

from app.core.document import DocumentMeta
from app.core.style import HeaderFooterStyle, Style, expand_fields
from app.render.docx.styles import BANNER, FOOTER, HEADER, PAGE_SIZES_MM
from app.render.docx.xml import (
    Border,
    add_field,
    mark_rtl_run,
    set_paragraph_borders,
    set_paragraph_shading,
)
from app.render.furniture import block_margin, furniture_extent
from app.text.bidi import split_by_direction
from app.text.controls import xml_safe

#: Left and right pieces of a running header or footer, as ``expand_fields`` returns them.
Running = tuple[list[str], list[str]]

#: Word field for each page placeholder ``expand_fields`` leaves to the writer.
PAGE_FIELDS = {"{page}": "PAGE", "{pages}": "NUMPAGES"}
#: What each page placeholder's field shows before it is updated. The header is one part shared by every page,
#: so its page number can only be the first page's; the page count is the layout's.
Fields = dict[str, str]

#: Padding above and below the banner text, drawn as borders in the band's own colour.
BANNER_PADDING_PT = 1


def setup_section(document: DocxDocument, style: Style, meta: DocumentMeta, pages: str = "1") -> None:
    """One section for the whole brief: paper, margins, and the same header and footer on every page.

    ``pages``, the page count of the PDF's layout (or its token), is what the page-count field shows before it is
    updated."""
    section = document.sections[0]
    header = _running_text(style.header, meta)
    footer = _running_text(style.footer, meta)
    banner = meta.classification.strip() if style.banner.show else ""
    _set_geometry(section, style, bool(header), bool(footer), bool(banner))
    fields = {"{page}": "1", "{pages}": pages}
    if header or banner:
        _fill_header(section.header, banner, header, style, fields)
    if footer or banner:
        _fill_footer(section.footer, banner, footer, style, fields)


def _set_geometry(section: Section, style: Style, header: bool, footer: bool, banner: bool) -> None:
    """Paper, the PDF's text block, and header and footer as far from the paper's edge as the PDF's."""
    width, height = PAGE_SIZES_MM[style.page.size]
    section.page_width, section.page_height = Mm(width), Mm(height)
    top_reach = furniture_extent(style, running_text=header, banner=banner)
    bottom_reach = furniture_extent(style, running_text=footer, banner=banner)
    top, bottom = (
        block_margin(style.page.margin_top_mm, top_reach),
        block_margin(style.page.margin_bottom_mm, bottom_reach),
    )
    section.top_margin, section.bottom_margin = Pt(top), Pt(bottom)
    section.header_distance, section.footer_distance = Pt(top - top_reach), Pt(bottom - bottom_reach)
    section.left_margin = Mm(style.page.margin_left_mm)
    section.right_margin = Mm(style.page.margin_right_mm)
    section.different_first_page_header_footer = False


def _running_text(side: HeaderFooterStyle, meta: DocumentMeta) -> Running | None:
    """Left and right pieces of a running header/footer, or None when the style leaves both empty."""
    left, right = expand_fields(side.left, meta), expand_fields(side.right, meta)
    return (left, right) if left or right else None


def _fill_header(header: _Header, banner: str, running: Running | None, style: Style, fields: Fields) -> None:
    """Banner on top, running text under it."""
    first = header.paragraphs[0]
    if banner:
        _banner(first, banner, style)
    if running:
        _running(header.add_paragraph() if banner else first, HEADER, running, style, fields)


def _fill_footer(footer: _Footer, banner: str, running: Running | None, style: Style, fields: Fields) -> None:
    """Running text first, the banner as the last line of the page."""
    first = footer.paragraphs[0]
    if running:
        _running(first, FOOTER, running, style, fields)
    if banner:
        _banner(footer.add_paragraph() if running else first, banner, style)


def _banner(paragraph: DocxParagraph, marking: str, style: Style) -> None:
    """The classification band: centred marking on a full-width fill in the marking's colour."""
    colour = style.banner.colour_for(marking)
    paragraph.style = BANNER
    ppr = paragraph._p.get_or_add_pPr()
    pad = Border(colour, 0.5, BANNER_PADDING_PT)
    set_paragraph_borders(ppr, {"top": pad, "bottom": pad})
    set_paragraph_shading(ppr, colour)
    _add_text(paragraph, marking, style.fonts.arabic)


def _running(paragraph: DocxParagraph, style_name: str, running: Running, style: Style, fields: Fields) -> None:
    """Left pieces, a tab to the style's right-aligned stop, right pieces."""
    left, right = running
    paragraph.style = style_name
    _add_pieces(paragraph, left, style.fonts.arabic, fields)
    if right:
        paragraph.add_run("\t")
        _add_pieces(paragraph, right, style.fonts.arabic, fields)


def _add_pieces(paragraph: DocxParagraph, pieces: list[str], complex_font: str, fields: Fields) -> None:
    for piece in pieces:
        if piece in PAGE_FIELDS:
            add_field(paragraph, PAGE_FIELDS[piece], fields[piece])
        else:
            _add_text(paragraph, piece, complex_font)


def _add_text(paragraph: DocxParagraph, text: str, complex_font: str) -> None:
    """Runs of ``text``; an Arabic title keeps its run right-to-left in the left-to-right header line."""
    for piece, rtl in split_by_direction(xml_safe(text)):
        run = paragraph.add_run(piece)
        if rtl:
            mark_rtl_run(run._r.get_or_add_rPr(), complex_font)
