"""trafilatura's XML (head, p, list/item, table/row/cell, quote) as the flat heading/paragraph stream.

trafilatura does not always give each run of text an element of its own:
text straight after a heading, or bare text in the body, stays in the
heading's tail or the body's text; a line break is an empty ``<lb/>`` whose
tail holds the next line; a layout table holds the whole article in its
cells; and when its own extraction fails and a fallback wins, the body holds
the page's raw HTML (div, h2, ul, td …). The tree is therefore walked as a
browser lays it out: any block element, in either vocabulary, ends a
paragraph, every tail is read, and only a data table is read row by row.
"""

from __future__ import annotations

import re

from lxml import etree

from app.ingest.readers.html_text import BLOCK_TAGS, HEADING_TAGS, INVISIBLE_TAGS
from app.ingest.sections import Block

_HEADING_REND = re.compile(r"h([1-6])$")
#: Scripts and the like, in raw HTML a fallback left; trafilatura's <head> is a heading, not HTML's <head>.
_INVISIBLE = INVISIBLE_TAGS - {"head"}
#: trafilatura's block elements; HTML's come from html_text. Anything else is inline, like <hi> or <span>.
_BLOCKS = BLOCK_TAGS | {"head", "list", "item", "quote", "row", "cell"}
#: trafilatura's line break: a word boundary inside a paragraph (HTML's <br> in raw HTML ends one, as in html_text).
_BREAKS = {"lb"}
_ROWS = {"row", "tr"}
_CELLS = {"cell", "td", "th"}
_ROW_GROUPS = {"thead", "tbody", "tfoot"}
#: What a data table's cell does not hold: a cell with one of these is a region of a layout table.
_REGIONS = {"head", "list", "table", "quote", "ul", "ol", "dl", "blockquote", *HEADING_TAGS}
#: A cell with this many paragraphs or divisions is a page region too; a data cell holds one or two.
_REGION_PARAGRAPHS = 3


def article_blocks(body: etree._Element) -> list[Block]:
    """The body's headings and paragraphs in document order (iterative: deep nesting cannot overflow)."""
    blocks: list[Block] = []
    buffer: list[str] = []
    heading = 0

    def flush() -> None:
        nonlocal heading
        text = " ".join("".join(buffer).split())
        buffer.clear()
        if text:
            blocks.append(Block(text, heading_level=heading))
        heading = 0

    walker = etree.iterwalk(body, events=("start", "end"))
    for event, element in walker:
        tag = element.tag if isinstance(element.tag, str) else ""
        if event == "start":
            if not tag or tag in _INVISIBLE:
                walker.skip_subtree()  # its "end" event still comes, and adds the tail
                continue
            if tag in _BLOCKS:
                flush()
                heading = _heading_level(element)
                if tag == "table" and not _is_layout(element):
                    blocks.extend(Block(row) for row in table_rows(element))
                    walker.skip_subtree()
                    continue
            elif tag in _BREAKS:
                buffer.append(" ")
            buffer.append(element.text or "")
        else:
            if tag in _BLOCKS:
                flush()
            elif tag in _BREAKS:
                buffer.append(" ")
            if element is not body:
                buffer.append(element.tail or "")
    flush()
    return blocks


def _heading_level(element: etree._Element) -> int:
    if element.tag == "head":
        match = _HEADING_REND.match(element.get("rend", ""))
        return int(match.group(1)) if match else 2
    return HEADING_TAGS.get(element.tag, 0)


def _is_layout(table: etree._Element) -> bool:
    """A table that lays out the page (headings, lists, tables or many paragraphs in a cell), not one of data.

    Only a cell's own children are looked at, so nested tables cost one look each.
    """
    for row in _rows(table):
        for cell in _cells(row):
            tags = [child.tag for child in cell]
            if any(tag in _REGIONS for tag in tags) or sum(tag in ("p", "div") for tag in tags) >= _REGION_PARAGRAPHS:
                return True
    return False


def _rows(table: etree._Element) -> list[etree._Element]:
    rows: list[etree._Element] = []
    for child in table:
        if child.tag in _ROWS:
            rows.append(child)
        elif child.tag in _ROW_GROUPS:
            rows.extend(row for row in child if row.tag in _ROWS)
    return rows


def _cells(row: etree._Element) -> list[etree._Element]:
    return [cell for cell in row if cell.tag in _CELLS]


def _is_header(cell: etree._Element) -> bool:
    return cell.get("role") == "head" or cell.tag == "th"


def table_rows(table: etree._Element) -> list[str]:
    """Rows as paragraphs; a header row labels the cells of the rows under it ("Province: Basra; …")."""
    rows = [([cell_text(cell) for cell in _cells(row)], row) for row in _rows(table)]
    rows = [(cells, row) for cells, row in rows if any(cells)]
    if len(rows) > 1 and all(_is_header(cell) for cell in _cells(rows[0][1])) and all(rows[0][0]):
        header = rows[0][0]
        return [
            "; ".join(f"{label}: {value}" for label, value in zip(header, cells, strict=False) if value)
            for cells, _ in rows[1:]
        ]
    return [" | ".join(cell for cell in cells if cell) for cells, _ in rows]


def cell_text(cell: etree._Element) -> str:
    """A data cell's text; its paragraphs and line breaks are word boundaries ("Stella Eigner", not "StellaEigner")."""
    return " ".join(block.text for block in article_blocks(cell))
