"""Document → DOCX bytes, built on assets/reference.docx with python-docx.

The reference document carries every style the writer names; at render time
those styles take their fonts, sizes and colours from the template's Style, so
the exported file stays editable in Word with the look defined once.
"""

from __future__ import annotations

import io
from dataclasses import dataclass, replace
from datetime import datetime

import docx
from docx.document import Document as DocxDocument
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.opc.coreprops import CoreProperties
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Length, Pt, RGBColor, Twips
from docx.styles.style import BaseStyle, ParagraphStyle
from docx.table import Table as DocxTable
from docx.text.paragraph import Paragraph as DocxParagraph

from app.core.clock import build_time
from app.core.collection import collection_paused
from app.core.document import (
    Block,
    Callout,
    Contents,
    Document,
    DocumentMeta,
    Figure,
    Footnote,
    Heading,
    Inline,
    ListBlock,
    PageBreak,
    PageLayout,
    Paragraph,
    ParagraphRole,
    Quote,
    Table,
    plain_text,
)
from app.core.errors import BriefgenError, ExportError
from app.core.formats import BuiltBrief
from app.core.paths import ASSETS_DIR
from app.core.style import Style
from app.render import figures
from app.render.contents import ContentsEntry, contents_entries, place_contents
from app.render.docx.cached_fields import Deferred, FieldValues, LaidOut
from app.render.docx.embedded_fonts import embed_fonts
from app.render.docx.footnotes import attach_footnotes
from app.render.docx.inline import InlineContext, add_inlines
from app.render.docx.package import repack
from app.render.docx.page import setup_section
from app.render.docx.picture import add_picture
from app.render.docx.styles import (
    ATTRIBUTION,
    BODY,
    BOX_EXTRA_SPACE_AFTER_PT,
    BULLETS,
    CAPTION,
    CONTENTS_LEVELS,
    CONTENTS_TITLE,
    CONTINUES,
    FOOTNOTE_REFERENCE,
    FOOTNOTE_TEXT,
    HEADINGS,
    LIST_STEP_PT,
    MARKING,
    META,
    NOTE,
    NUMBERS,
    QUOTE,
    QUOTE_INDENT_PT,
    SUBTITLE,
    SUMMARY,
    TABLE,
    TITLE,
    StyleIds,
    apply_style,
    named_style,
    quote_bar,
    text_height_pt,
    text_width_pt,
)
from app.render.docx.xml import (
    BodyAppender,
    add_bookmark,
    field_begin,
    field_end,
    hex_colour,
    internal_link,
    restarted_num,
    set_bidi,
    set_cell_shading,
    set_num,
    set_paragraph_borders,
    text_run,
)
from app.render.logo import SPACE_AFTER_PT, LogoImage, style_logo
from app.render.numbering import number_headings
from app.text.bidi import has_rtl, is_rtl
from app.text.controls import xml_safe

REFERENCE_DOCX = ASSETS_DIR / "reference.docx"

#: Paragraph style per role; "body" takes the style of its surroundings (normal text, quote, callout).
ROLE_STYLES: dict[ParagraphRole, str] = {
    "title": TITLE,
    "subtitle": SUBTITLE,
    "marking": MARKING,
    "meta": META,
    "attribution": ATTRIBUTION,
}

#: Styles of paragraphs in a box with a bar on the left (quotes and callouts).
BOX_STYLES = (QUOTE, SUMMARY, NOTE)

#: Core properties hold at most 255 characters; python-docx refuses longer values.
CORE_PROPERTY_LIMIT = 255


def write_docx(brief: BuiltBrief) -> bytes:
    """The format registry's entry point (``app.core.formats``)."""
    return render_docx(brief.document, brief.style, brief.layout)


def render_docx(
    document: Document, style: Style, layout: PageLayout | None = None, fields: Deferred | None = None
) -> bytes:
    """The brief as a .docx file's bytes; any failure becomes an ExportError with a readable message.

    ``layout`` is the PDF's layout of the same document, whose page count and heading pages the fields cache
    (the page count, the contents' page numbers); it is laid out here when the fields need it and none is given,
    unless ``fields`` asks for tokens in their place (``cached_fields.fill_fields`` puts the numbers in later).

    Python's cycle collector is paused while the document is built: python-docx makes hundreds of thousands
    of small objects that reference counting frees, and each collection would walk every live one, so the
    time would grow faster than the brief (500 × 5 sections: 7.7 s with it, 5.3 s without).
    """
    values: FieldValues
    if fields is not None:
        values = fields
    elif layout is None and needs_layout(document, style):
        from app.render.pdf.writer import lay_out_pdf  # only for the fields: the PDF stack loads when they need it

        values = LaidOut(lay_out_pdf(document, style)[1])
    else:
        values = LaidOut(layout) if layout else LaidOut()
    with collection_paused():
        return _render_docx(document, style, values)


def write_docx_deferred(brief: BuiltBrief) -> tuple[bytes, str]:
    """The DOCX with tokens for its fields' values, and their nonce: for a writer working beside the PDF's, which
    sends the layout the tokens are filled from (app/pipeline/writer_processes.py)."""
    fields = Deferred()
    return render_docx(brief.document, brief.style, fields=fields), fields.nonce


def needs_layout(document: Document, style: Style) -> bool:
    """Whether the DOCX's fields need the page layout: a page count in the running text, or a contents."""
    running = (style.header.left, style.header.right, style.footer.left, style.footer.right)
    placed = place_contents(document, style).blocks
    return any("{pages}" in text for text in running) or any(isinstance(block, Contents) for block in placed)


def _render_docx(document: Document, style: Style, values: FieldValues) -> bytes:
    document = place_contents(document, style)
    if style.headings.numbering:
        document = number_headings(document)
    try:
        logo = style_logo(style)
        target = _open_reference()
        apply_style(target, style, document.meta)
        setup_section(target, style, document.meta, values.pages)
        if logo:
            _add_logo(target, logo, style.logo_height_mm)
        writer = _BlockWriter(target, style, values)
        writer.write_document(document.blocks)
        ids = writer.ids
        attach_footnotes(target, writer.notes, ids.id(FOOTNOTE_TEXT), ids.id(FOOTNOTE_REFERENCE))
        moment = build_time()
        _set_properties(target.core_properties, document.meta, moment)
        buffer = io.BytesIO()
        target.save(buffer)
        return repack(embed_fonts(buffer.getvalue(), style), moment)
    except BriefgenError:
        raise
    except Exception as exc:
        raise ExportError(f"could not write the Word document: {exc}") from exc


def _open_reference() -> DocxDocument:
    if not REFERENCE_DOCX.is_file():
        raise ExportError(f"{REFERENCE_DOCX} is missing; rebuild it with tools/make_reference_docx.py")
    return docx.Document(str(REFERENCE_DOCX))


def _add_logo(target: DocxDocument, logo: LogoImage, height_mm: float) -> None:
    """The logo as an inline picture in a right-aligned paragraph before the first block, as the PDF places it."""
    add_picture(
        target.add_paragraph(), logo.data, logo.size_pt(height_mm), WD_ALIGN_PARAGRAPH.RIGHT, (0, SPACE_AFTER_PT)
    )


@dataclass(frozen=True)
class _Context:
    """Where a block sits: the style body paragraphs take there, and how deep in lists it is."""

    body_style: str = BODY
    in_quote: bool = False
    list_depth: int = 0


class _BlockWriter:
    """Walks the blocks in order, appending to the document body."""

    def __init__(self, document: DocxDocument, style: Style, values: FieldValues) -> None:
        self.document = document
        self.values = values
        #: Top-level headings a contents lists, which get a bookmark for its links and page references.
        self.listed: set[int] = set()
        #: The footnotes marked, in order (``attach_footnotes`` writes them).
        self.notes: list[Footnote] = []
        self.last_paragraph: DocxParagraph | None = None
        #: The paragraphs of the box being written, if any (``_box``).
        self.box_paragraphs: list[DocxParagraph] | None = None
        self.body = BodyAppender(document)
        self.style = style
        self.ids = StyleIds(document)
        self.break_pending = False
        #: A heading was just written: the next paragraph is kept whole with it (``w:keepLines``), as the PDF keeps
        #: a heading with all of the block after it. Word and LibreOffice would otherwise split that paragraph at a
        #: page's foot where the PDF moves heading and paragraph on, and the two formats' pages drift apart.
        self.keep_next_whole = False
        self._box_indents: dict[str, tuple[Length, Length]] = {}

    def write(self, blocks: list[Block], context: _Context) -> None:
        for block in blocks:
            self._block(block, context)

    def write_document(self, blocks: list[Block]) -> None:
        """The document's own blocks: each contents lists the headings after it, which are bookmarked for it."""
        contents = contents_entries(blocks, self.style.contents.depth)
        self.listed = {entry.heading for entries in contents.values() for entry in entries}
        headings = 0
        for index, block in enumerate(blocks):
            if isinstance(block, Contents):
                self._contents(contents[index])
            elif isinstance(block, Heading):
                paragraph = self._heading(block)
                if headings in self.listed:
                    add_bookmark(paragraph, headings, contents_bookmark(headings))
                headings += 1
            else:
                self._block(block, _Context())

    def _heading(self, block: Heading) -> DocxParagraph:
        level = min(max(block.level, 1), len(HEADINGS))
        paragraph = self._paragraph(HEADINGS[level - 1])
        self._inlines(paragraph, block.inlines)
        self.keep_next_whole = True
        return paragraph

    def _contents(self, entries: list[ContentsEntry]) -> None:
        """The contents' title, then a TOC field whose cached result is the entries as Word would make them,
        each with its page number from the layout: right before anyone updates the field."""
        title = self._paragraph(CONTENTS_TITLE)
        title.add_run(xml_safe(self.style.contents.title))
        self.keep_next_whole = False
        for number, entry in enumerate(entries):
            paragraph = self._paragraph(CONTENTS_LEVELS[min(entry.level, len(CONTENTS_LEVELS)) - 1])
            if number == 0:
                field_begin(paragraph._p, f'TOC \\o "1-{self.style.contents.depth}" \\h \\z \\u')
            bookmark = contents_bookmark(entry.heading)
            link = internal_link(paragraph, bookmark)
            text_run(link, xml_safe(plain_text(entry.inlines)))
            text_run(link, "\t")
            field_begin(link, f"PAGEREF {bookmark} \\h")
            text_run(link, self.values.heading_page(entry.heading))
            field_end(link)
            if number == len(entries) - 1:
                field_end(paragraph._p)

    def _block(self, block: Block, context: _Context) -> None:
        match block:
            case Heading():
                self._heading(block)
                return
            case Contents():
                pass  # a contents inside a box or list lists nothing: only the document's own is placed
            case Paragraph():
                self._body_paragraph(block, context)
            case ListBlock():
                self._list(block, context)
            case Quote():
                self._box(block.blocks, replace(context, body_style=QUOTE, in_quote=True))
            case Callout():
                self._box(block.blocks, replace(context, body_style=SUMMARY if block.kind == "summary" else NOTE))
            case Table():
                self._table(block)
            case PageBreak():
                self.break_pending = True
            case Figure():
                self._figure(block, context)
            case _:
                raise ExportError(f"the Word writer cannot place a {type(block).__name__} block")
        self.keep_next_whole = False  # a block without paragraphs of its own (a table) took the heading's keep

    def _box(self, blocks: list[Block], context: _Context) -> None:
        """A quotation or callout. It leaves more room under it than a paragraph does, as in the PDF: set on its
        last paragraph, since a space after on every one would widen the gaps inside the box. Right after a
        heading, the whole box is kept on one page with it, as the PDF keeps a heading with the block after it."""
        whole = self.keep_next_whole
        outer, self.box_paragraphs = self.box_paragraphs, []
        self.write(blocks, context)
        written, self.box_paragraphs = self.box_paragraphs, outer
        if outer is not None:
            outer += written
        if whole:
            for paragraph in written:
                paragraph.paragraph_format.keep_together = True
                paragraph.paragraph_format.keep_with_next = paragraph is not written[-1]
        if self.last_paragraph is not None:
            after = self.style.sizes.paragraph_space_after + BOX_EXTRA_SPACE_AFTER_PT
            self.last_paragraph.paragraph_format.space_after = Pt(after)

    def _paragraph(self, style_name: str) -> DocxParagraph:
        """A new body paragraph; a page break asked for just before it becomes "page break before"."""
        paragraph = self.last_paragraph = self.body.add_paragraph(self.ids.id(style_name))
        if self.box_paragraphs is not None:
            self.box_paragraphs.append(paragraph)
        self._take_break(paragraph)
        if self.keep_next_whole:
            paragraph.paragraph_format.keep_together = True
            self.keep_next_whole = False
        return paragraph

    def _take_break(self, paragraph: DocxParagraph) -> None:
        """A property of the next paragraph rather than an empty paragraph, so no blank line tops the page."""
        if self.break_pending:
            paragraph.paragraph_format.page_break_before = True
            self.break_pending = False

    def _inlines(self, paragraph: DocxParagraph, inlines: list[Inline], bold: bool = False) -> bool:
        """Fill a paragraph; one whose text is mostly right-to-left (see ``bidi.base_direction``) becomes bidi.

        Returns whether it did.
        """
        size = self.ids.text_size(paragraph._p.style)
        context = InlineContext(self.style.fonts.mono, size, self.ids, self.style.fonts.arabic, bold, self.notes)
        add_inlines(paragraph, inlines, context)
        text = plain_text(inlines)
        rtl = has_rtl(text) and is_rtl(text)
        if rtl:
            set_bidi(paragraph._p.get_or_add_pPr())
        return rtl

    def _body_paragraph(self, block: Paragraph, context: _Context) -> None:
        style_name = ROLE_STYLES.get(block.role, context.body_style)
        paragraph = self._paragraph(style_name)
        in_box = style_name in BOX_STYLES
        if block.role == "attribution" and context.in_quote:
            paragraph.paragraph_format.left_indent = Pt(QUOTE_INDENT_PT)
            set_paragraph_borders(paragraph._p.get_or_add_pPr(), {"left": quote_bar(self.style)})
            in_box = True
        if self._inlines(paragraph, block.inlines) and in_box:
            self._mirror_indents(paragraph, style_name)
        if block.role == "marking":
            self._colour_marking(paragraph, plain_text(block.inlines))

    def _mirror_indents(self, paragraph: DocxParagraph, style_name: str) -> None:
        """Keep a quote's or callout's bar on the left for a right-to-left paragraph.

        Word and LibreOffice measure a bidi paragraph's "left" indent from the
        right edge, but draw its left border on the left: swapped indents keep
        the text clear of the bar, as in the PDF.
        """
        if style_name not in self._box_indents:
            fmt = named_style(self.document, style_name, ParagraphStyle).paragraph_format
            self._box_indents[style_name] = (fmt.left_indent or Pt(0), fmt.right_indent or Pt(0))
        left, right = self._box_indents[style_name]
        fmt = paragraph.paragraph_format
        left = fmt.left_indent if fmt.left_indent is not None else left
        fmt.left_indent, fmt.right_indent = right, left

    def _colour_marking(self, paragraph: DocxParagraph, marking: str) -> None:
        """A marking line takes the banner colour of its own text, which may differ from the brief's marking."""
        colour = RGBColor.from_string(hex_colour(self.style.banner.colour_for(marking)))
        for run in paragraph.runs:
            run.font.color.rgb = colour

    def _list(self, block: ListBlock, context: _Context) -> None:
        """Level 1–3 list styles by depth; each ordered list gets its own numbering that starts at ``start``."""
        level = min(context.list_depth, len(BULLETS) - 1)
        style_name = (NUMBERS if block.ordered else BULLETS)[level]
        num_id = restarted_num(self.document, style_name, block.start) if block.ordered else None
        inner = replace(context, list_depth=context.list_depth + 1)
        for item in block.items:
            self._list_item(item, style_name, num_id, CONTINUES[level], inner)

    def _list_item(
        self, item: list[Block], style_name: str, num_id: int | None, continued: str, inner: _Context
    ) -> None:
        """The item's first paragraph carries the marker; later paragraphs align with its text."""
        first, rest = (item[0], item[1:]) if item and isinstance(item[0], Paragraph) else (Paragraph([]), item)
        paragraph = self._paragraph(style_name)
        if num_id is not None:
            set_num(paragraph, num_id)
        self._inlines(paragraph, first.inlines)
        for block in rest:
            if isinstance(block, Paragraph) and block.role == "body":
                self._inlines(self._paragraph(continued), block.inlines)
            else:
                self._block(block, inner)

    def _figure(self, figure: Figure, context: _Context) -> None:
        """The image centred, the caption and credit under it, kept on one page, sized as in the PDF."""
        width = text_width_pt(self.style) - LIST_STEP_PT * context.list_depth
        size = figures.figure_size_pt(figure, width, text_height_pt(self.style))
        space = (figures.SPACE_BEFORE_PT, figures.CAPTION_GAP_PT)
        add_picture(self._paragraph(BODY), figure.data, size, WD_ALIGN_PARAGRAPH.CENTER, space)
        lines = [(figures.caption_inlines(figure), CAPTION), (figures.credit_inlines(figure), ATTRIBUTION)]
        lines = [line for line in lines if line[0]]
        for number, (inlines, style_name) in enumerate(lines, 1):
            paragraph = self._paragraph(style_name)
            self._inlines(paragraph, inlines)
            last = number == len(lines)
            paragraph.paragraph_format.keep_with_next = not last
            if last:  # the figure's last line carries the gap to what follows
                after = self.style.sizes.paragraph_space_after + figures.SPACE_AFTER_EXTRA_PT
                paragraph.paragraph_format.space_after = Pt(after)

    def _table(self, block: Table) -> None:
        """A full-width grid; the header row is bold, shaded and repeats on every page the table spans."""
        rows = [block.header, *block.rows] if block.header else list(block.rows)
        columns = max((len(row) for row in rows), default=0)
        if not columns:
            return
        table = self.document.add_table(rows=len(rows), cols=columns)
        table.style = named_style(self.document, TABLE, BaseStyle)
        self._full_width(table, columns)
        for r, row in enumerate(rows):
            for c in range(columns):
                self._cell(table, r, c, row[c] if c < len(row) else [], header=bool(block.header) and r == 0)
        if block.header:
            table.rows[0]._tr.get_or_add_trPr().append(OxmlElement("w:tblHeader"))
        self._take_break(table.cell(0, 0).paragraphs[0])
        self._spacer()

    def _full_width(self, table: DocxTable, columns: int) -> None:
        """Fixed, equal columns that add up to the text width (Word would otherwise size them to content)."""
        table.autofit = False
        total = round(Pt(text_width_pt(self.style)).twips)
        table_width = table._tbl.tblPr.find(qn("w:tblW"))
        table_width.set(qn("w:type"), "dxa")
        table_width.set(qn("w:w"), str(total))
        width = Twips(total // columns)
        for column in table.columns:
            column.width = width
            for cell in column.cells:
                cell.width = width

    def _cell(self, table: DocxTable, row: int, column: int, inlines: list[Inline], header: bool) -> None:
        cell = table.cell(row, column)
        paragraph = cell.paragraphs[0]
        paragraph.paragraph_format.space_after = Pt(0)
        self._inlines(paragraph, inlines, bold=header)
        if header:
            set_cell_shading(cell._tc.get_or_add_tcPr(), self.style.colours.summary_background)

    def _spacer(self) -> None:
        """A short empty paragraph after a table: the gap before the next text, and it keeps two tables apart."""
        paragraph = self.body.add_paragraph(self.ids.id(BODY))
        paragraph.paragraph_format.line_spacing = Pt(self.style.sizes.paragraph_space_after)
        paragraph.paragraph_format.space_after = Pt(0)


def contents_bookmark(heading: int) -> str:
    """The bookmark of top-level heading ``heading``: "_Toc" names, as Word's own, are hidden from its bookmark list."""
    return f"_Toc{heading + 1}"


def _set_properties(props: CoreProperties, meta: DocumentMeta, moment: datetime) -> None:
    """File properties Word shows under File ▸ Info; nothing left over from the reference document."""
    props.title = _property(meta.title)
    props.author = props.last_modified_by = _property(meta.author)
    props.subject = _property(meta.subject)
    props.keywords = _property(", ".join(meta.keywords))
    props.language = meta.language
    props.comments = props.category = ""
    props.created = props.modified = moment
    props.revision = 1


def _property(text: str) -> str:
    return xml_safe(text)[:CORE_PROPERTY_LIMIT]
