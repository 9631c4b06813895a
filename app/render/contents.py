"""The table of contents every writer prints: which headings it lists, and where the style places it.

A ``Contents`` block lists the top-level headings after it (those a template writes for the brief's sections,
not a heading inside a box), down to the style's depth, skipping empty ones. Each entry keeps the heading's
number among all top-level headings, the key of ``PageLayout.heading_pages``, so the PDF's page numbers, the
DOCX's cached ones and the links of every format point at the same heading.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from app.core.document import Block, Contents, Document, Heading, Inline, plain_text
from app.core.style import Style


@dataclass(frozen=True)
class ContentsEntry:
    #: The heading's place among the document's top-level headings, from 0.
    heading: int
    level: int
    inlines: list[Inline]


def place_contents(document: Document, style: Style) -> Document:
    """``document`` with a Contents block before its first heading when the style asks for one and the template
    placed none; otherwise ``document`` itself."""
    blocks = document.blocks
    if not style.contents.show or any(isinstance(block, Contents) for block in blocks):
        return document
    first = next((n for n, block in enumerate(blocks) if isinstance(block, Heading)), None)
    if first is None:
        return document
    return replace(document, blocks=[*blocks[:first], Contents(), *blocks[first:]])


def contents_entries(blocks: list[Block], depth: int) -> dict[int, list[ContentsEntry]]:
    """For each top-level Contents block (by its index in ``blocks``), the entries it lists."""
    listed: dict[int, list[ContentsEntry]] = {}
    headings = 0
    for index, block in enumerate(blocks):
        if isinstance(block, Contents):
            listed[index] = []
        elif isinstance(block, Heading):
            if block.level <= depth and plain_text(block.inlines).strip():
                entry = ContentsEntry(headings, block.level, block.inlines)
                for entries in listed.values():
                    entries.append(entry)
            headings += 1
    return listed


#: Width kept at the right of every entry for its page number, in both formats, so titles wrap alike.
NUMBER_COLUMN_PT = 28.0
#: How far each level's entries are indented.
LEVEL_INDENT_PT = 14.0
