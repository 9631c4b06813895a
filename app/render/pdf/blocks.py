"""Document blocks → reportlab flowables.

Boxes (quotes, callouts) are tables with one row per inner flowable, so a
long box splits across pages; their coloured bar is a narrow first column
rather than a cell border, which reportlab would centre on the box edge and so
push half into the margin.  A page break inside a box ends the box, starts a
new page and continues the box there, as the DOCX does.
"""

from __future__ import annotations

import io
from dataclasses import dataclass, replace
from itertools import pairwise

from reportlab.lib.colors import HexColor
from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Flowable, HRFlowable, Image, Indenter, PageBreak, Spacer
from reportlab.platypus import Table as RLTable

from app.core.document import (
    Block,
    Callout,
    Contents,
    Figure,
    Footnote,
    Heading,
    Inline,
    ListBlock,
    Quote,
    Run,
    Table,
    plain_text,
)
from app.core.document import PageBreak as DocPageBreak
from app.core.document import Paragraph as DocParagraph
from app.render import figures
from app.render.contents import LEVEL_INDENT_PT, ContentsEntry, contents_entries
from app.render.pdf.contents import ContentsLine
from app.render.pdf.inline import inline_pieces
from app.render.pdf.paragraph import BriefParagraph, OutlineEntry, paragraph_text
from app.render.pdf.styles import StyleSheet

BULLET = "•"
#: Narrowest hanging indent of a list item; wider labels ("100.") widen it.
MIN_HANG = 18.0
RULE_WIDTH = 0.5
CELL_PAD_X, CELL_PAD_TOP, CELL_PAD_BOTTOM = 5.0, 3.0, 4.0
#: Distance from a box's left edge (its bar) to its text, for quotes and callouts alike.
TEXT_INSET = 12.0
_EMPTY = DocParagraph([])


@dataclass(frozen=True)
class Context:
    """Where blocks are being laid out: the container's width, list indent, and whether inside a quote."""

    avail: float
    indent: float = 0.0
    in_quote: bool = False

    @property
    def width(self) -> float:
        return self.avail - self.indent


@dataclass(frozen=True)
class BoxLook:
    bar_width: float
    bar_colour: str
    background: str | None
    #: Space above, below and right of the text.
    padding: float


class FlowableBuilder:
    """Turns the block tree into flowables for one render."""

    def __init__(self, sheet: StyleSheet, page_height: float) -> None:
        self.sheet = sheet
        self.page_height = page_height
        self.colours = sheet.style.colours

    def build(self, blocks: list[Block], ctx: Context) -> list[Flowable]:
        return [f for block in blocks for f in self.block(block, ctx)]

    def build_document(self, blocks: list[Block], ctx: Context) -> list[Flowable]:
        """The document's own blocks: its top-level headings numbered for the outline and the contents, each
        contents block listing the headings after it."""
        contents = contents_entries(blocks, self.sheet.style.contents.depth)
        flowables: list[Flowable] = []
        headings = 0
        for index, block in enumerate(blocks):
            if isinstance(block, Heading):
                flowables += self._heading(block, ctx, headings)
                headings += 1
            elif isinstance(block, Contents):
                flowables += self._contents(contents[index], ctx)
            else:
                flowables += self.block(block, ctx)
        return flowables

    def block(self, block: Block, ctx: Context) -> list[Flowable]:
        match block:
            case Heading():
                return self._heading(block, ctx)
            case DocParagraph():
                return self._paragraph(block, ctx)
            case ListBlock():
                return self._list(block, ctx)
            case DocPageBreak():
                return [PageBreak()]
            case Figure():
                return self._indented(self._figure(block, ctx.width), ctx.indent)
            case Contents():
                return []  # a contents inside a box or list lists nothing: only the document's own is placed
            case Quote() | Callout() | Table():
                return self._indented(self._boxlike(block, ctx), ctx.indent)
        raise TypeError(f"unknown block type {type(block).__name__}")

    def note(self, footnote: Footnote) -> BriefParagraph:
        """A footnote as printed at the foot of the page: its number raised, then its text."""
        style = self.sheet.role("footnote")
        return self.paragraph([replace(footnote, inlines=()), Run(" "), *footnote.inlines], style)

    def paragraph(self, inlines: list[Inline], style: ParagraphStyle, bullet: str | None = None) -> BriefParagraph:
        """The one place paragraphs are made."""
        pieces = inline_pieces(inlines, self.sheet.style, self.sheet.fonts.mono, style)
        return BriefParagraph(paragraph_text(pieces, self.sheet.fonts), style, bullet)

    def _heading(self, heading: Heading, ctx: Context, number: int | None = None) -> list[Flowable]:
        """A heading; ``number`` is its place among the document's top-level headings, if it is one."""
        level = min(max(heading.level, 1), 3)
        para = self.paragraph(heading.inlines, self.sheet.indented(self.sheet.role(f"h{level}"), ctx.indent))
        title = plain_text(heading.inlines).strip()
        if title:
            para.outline_entry = OutlineEntry(heading.level, title, number)
        if level > 1:
            return [para]
        return [para, self._rule(space_before=3, space_after=6, keep_with_next=True)]

    def _contents(self, entries: list[ContentsEntry], ctx: Context) -> list[Flowable]:
        """The contents' title, set as a first-level heading but not itself in the outline, and its entries."""
        title = self.paragraph([Run(self.sheet.style.contents.title)], self.sheet.role("h1"))
        flowables: list[Flowable] = [title, self._rule(space_before=3, space_after=6, keep_with_next=True)]
        muted = self.colours.muted
        for entry in entries:
            style = self.sheet.indented(self.sheet.role(f"toc{entry.level}"), LEVEL_INDENT_PT * (entry.level - 1))
            flowables.append(ContentsLine(self.paragraph(entry.inlines, style), entry.heading, muted))
        return flowables

    def _paragraph(
        self, para: DocParagraph, ctx: Context, bullet: str | None = None, bullet_indent: float = 0
    ) -> list[Flowable]:
        if para.role == "marking":
            style = self.sheet.marking(plain_text(para.inlines))
        elif para.role == "body" and ctx.in_quote:
            style = self.sheet.role("quote")
        else:
            style = self.sheet.role(para.role)
        style = self.sheet.indented(style, ctx.indent, bullet_indent)
        paragraph = self.paragraph(para.inlines, style, bullet)
        title = plain_text(para.inlines).strip() if para.role == "title" else ""
        if title:  # the viewer's outline starts with the brief's title, the headings beside it
            paragraph.outline_entry = OutlineEntry(1, title)
        flowables: list[Flowable] = [paragraph]
        if para.role == "meta":
            return [*flowables, self._rule(space_before=5, space_after=10)]
        return flowables

    def _rule(self, space_before: float, space_after: float, keep_with_next: bool = False) -> HRFlowable:
        rule = HRFlowable(
            width="100%",
            thickness=RULE_WIDTH,
            color=HexColor(self.colours.rule),
            spaceBefore=space_before,
            spaceAfter=space_after,
            hAlign="LEFT",
        )
        rule.keepWithNext = int(keep_with_next)
        return rule

    def _figure(self, figure: Figure, width: float) -> list[Flowable]:
        """The image centred, the caption and credit under it (see app.render.figures).

        Each but the last is kept with the next, rather than all put in a KeepTogether: reportlab then groups
        the figure with a heading kept with it too, which it does not do with a KeepTogether.
        """
        image_width, image_height = figures.figure_size_pt(figure, width, self.page_height)
        image = Image(io.BytesIO(figure.data), image_width, image_height, mask="auto", hAlign="CENTER")
        image.spaceBefore, image.spaceAfter = figures.SPACE_BEFORE_PT, figures.CAPTION_GAP_PT
        lines = [(figures.caption_inlines(figure), "caption"), (figures.credit_inlines(figure), "attribution")]
        lines = [line for line in lines if line[0]]
        after = self.sheet.style.sizes.paragraph_space_after + figures.SPACE_AFTER_EXTRA_PT
        flowables: list[Flowable] = [image]
        for number, (inlines, role) in enumerate(lines, 1):
            style = self.sheet.role(role)
            if number == len(lines):  # the figure's last line carries the gap to what follows
                style = ParagraphStyle(f"{role}-last", parent=style, spaceAfter=after)
            flowables.append(self.paragraph(inlines, style))
        for flowable in flowables[:-1]:
            flowable.keepWithNext = 1
        return flowables

    def _list(self, block: ListBlock, ctx: Context) -> list[Flowable]:
        """Items hang from their label; nested lists get the next indent because they sit in an item."""
        labels = [f"{block.start + n}." if block.ordered else BULLET for n in range(len(block.items))]
        body = self.sheet.role("body")
        widest = max((stringWidth(label, body.bulletFontName, body.bulletFontSize) for label in labels), default=0)
        inner = replace(ctx, indent=ctx.indent + max(MIN_HANG, widest + 6))
        flowables: list[Flowable] = []
        for label, item in zip(labels, block.items, strict=True):
            # The label hangs from the item's first paragraph; an item opening with anything else gets a label line.
            first, rest = (item[0], item[1:]) if item and isinstance(item[0], DocParagraph) else (_EMPTY, item)
            flowables += self._paragraph(first, inner, bullet=label, bullet_indent=ctx.indent)
            flowables += self.build(rest, inner)
        return flowables

    def _boxlike(self, block: Quote | Callout | Table, ctx: Context) -> list[Flowable]:
        if isinstance(block, Table):
            return [self._table(block, ctx.width)]
        if isinstance(block, Quote):
            look = BoxLook(3, self.colours.quote_border, None, padding=0)  # no inner space: as the DOCX sets it
        elif block.kind == "summary":
            look = BoxLook(4, self.colours.summary_border, self.colours.summary_background, padding=8)
        else:
            look = BoxLook(4, self.colours.note_border, self.colours.note_background, padding=8)
        return self._box(block.blocks, ctx.width, look, in_quote=isinstance(block, Quote))

    @staticmethod
    def _indented(flowables: list[Flowable], indent: float) -> list[Flowable]:
        """Shift non-paragraph flowables (tables, boxes) right inside list items."""
        return [Indenter(left=indent), *flowables, Indenter(left=-indent)] if indent else flowables

    def _box(self, blocks: list[Block], width: float, look: BoxLook, in_quote: bool) -> list[Flowable]:
        """The box; a page break inside it ends the box, breaks the page and continues the box after it."""
        # The width the box's cells give their flowables, worked out as reportlab does, to the last bit.
        inner_width = (width - look.bar_width) - (TEXT_INSET - look.bar_width) - look.padding
        parts: list[list[Flowable]] = [[]]
        for flowable in self.build(blocks, Context(inner_width, in_quote=in_quote)):
            if isinstance(flowable, PageBreak):
                parts.append([])
            else:
                parts[-1].append(flowable)
        if len(parts) == 1:
            return [self._box_table(parts[0] or [Spacer(0, 0)], width, look)]
        flowables: list[Flowable] = []
        for number, content in enumerate(parts):
            if number:
                flowables.append(PageBreak())
            if content:
                flowables.append(self._box_table(content, width, look))
        return flowables

    def _box_table(self, content: list[Flowable], width: float, look: BoxLook) -> RLTable:
        """A bar column and a content column, one row per inner flowable.

        The box splits between rows, and inside a row (splitInRow) so a long paragraph does not leave the rest
        of the page empty or, if taller than a page, fail the layout.
        """
        commands: list[tuple] = [
            *self._cell_defaults(),
            ("LEFTPADDING", (0, 0), (0, -1), 0),
            ("RIGHTPADDING", (0, 0), (0, -1), 0),
            ("TOPPADDING", (0, 0), (0, -1), 0),
            ("BOTTOMPADDING", (0, 0), (0, -1), 0),
            ("LEFTPADDING", (1, 0), (1, -1), TEXT_INSET - look.bar_width),
            ("RIGHTPADDING", (1, 0), (1, -1), look.padding),
            ("BACKGROUND", (0, 0), (0, -1), HexColor(look.bar_colour)),
            *_row_gaps(content, look.padding),
        ]
        if look.background:
            commands.append(("BACKGROUND", (1, 0), (1, -1), HexColor(look.background)))
        return RLTable(
            [[[], flowable] for flowable in content],
            colWidths=[look.bar_width, width - look.bar_width],
            style=commands,
            hAlign="LEFT",
            splitInRow=1,
            spaceBefore=4,
            spaceAfter=self.sheet.style.sizes.paragraph_space_after + 4,
        )

    def _table(self, block: Table, width: float) -> RLTable:
        """Full-width grid, equal columns, bold shaded header repeated on every page.

        Rows move to the next page whole, except in a table with a row taller than a page: that one may
        split inside rows, but then without the repeated header, because reportlab 5.1 combining the two
        prints the header a second time in the middle of every continued page.
        """
        columns = max([len(block.header), *(len(r) for r in block.rows)], default=0) or 1
        header_style, cell_style = self.sheet.role("table_header"), self.sheet.role("table_cell")

        def row(cells: list[list[Inline]], style: ParagraphStyle) -> list[BriefParagraph]:
            return [self.paragraph(c, style) for c in [*cells, *[[]] * (columns - len(cells))]]

        data = ([row(block.header, header_style)] if block.header else []) + [row(r, cell_style) for r in block.rows]
        data = data or [row([], cell_style)]
        oversized = self._tallest_row(data, width / columns) > self.page_height
        commands: list[tuple] = [
            *self._cell_defaults(),
            ("GRID", (0, 0), (-1, -1), RULE_WIDTH, HexColor(self.colours.rule)),
            ("LEFTPADDING", (0, 0), (-1, -1), CELL_PAD_X),
            ("RIGHTPADDING", (0, 0), (-1, -1), CELL_PAD_X),
            ("TOPPADDING", (0, 0), (-1, -1), CELL_PAD_TOP),
            ("BOTTOMPADDING", (0, 0), (-1, -1), CELL_PAD_BOTTOM),
        ]
        if block.header:
            commands.append(("BACKGROUND", (0, 0), (-1, 0), HexColor(self.colours.summary_background)))
        return RLTable(
            data,
            colWidths=[width / columns] * columns,
            style=commands,
            repeatRows=1 if block.header and not oversized else 0,
            splitInRow=1 if oversized else 0,
            hAlign="LEFT",
            spaceBefore=4,
            spaceAfter=self.sheet.style.sizes.paragraph_space_after + 4,
        )

    @staticmethod
    def _tallest_row(data: list[list[BriefParagraph]], column_width: float) -> float:
        inner = column_width - 2 * CELL_PAD_X
        return max(max(p.wrap(inner, 1e6)[1] for p in cells) + CELL_PAD_TOP + CELL_PAD_BOTTOM for cells in data)

    def _cell_defaults(self) -> list[tuple]:
        """Top-aligned cells; the font is set because reportlab selects the cell font (Helvetica by default,
        which is never embedded) even for cells that only hold Paragraphs."""
        return [("VALIGN", (0, 0), (-1, -1), "TOP"), ("FONTNAME", (0, 0), (-1, -1), self.sheet.fonts.body)]


def _row_gaps(rows: list[Flowable], padding: float) -> list[tuple]:
    """Top/bottom padding per row: ``padding`` at the box edges, half the paragraph gap either side of a row break.

    Splitting the gap keeps some air at the top and bottom of a box that continues on the next page.
    """
    commands: list[tuple] = [("TOPPADDING", (1, 0), (1, 0), padding), ("BOTTOMPADDING", (1, -1), (1, -1), padding)]
    for row, (above, below) in enumerate(pairwise(rows)):
        half = max(above.getSpaceAfter(), below.getSpaceBefore()) / 2
        commands += [("BOTTOMPADDING", (1, row), (1, row), half), ("TOPPADDING", (1, row + 1), (1, row + 1), half)]
    return commands
