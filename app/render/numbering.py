"""Heading numbers ("1.", "2.1", "2.1.3") for ``[headings] numbering = true``, added once for both writers.

The numbers become ordinary text at the start of each heading, computed here
rather than by Word's list numbering or in each writer, so the DOCX, the PDF
and the PDF's bookmarks agree to the character.  Only top-level headings are
numbered, where templates put a brief's sections; a heading inside a list,
quote or callout is left as it is, and title-role paragraphs are paragraphs,
not headings.
"""

from __future__ import annotations

from dataclasses import replace

from app.core.document import Block, Document, Heading, Run

#: Deepest heading level the writers style; deeper headings are set (and so numbered) as this level.
MAX_LEVEL = 3


def number_headings(document: Document) -> Document:
    """A copy of ``document`` whose top-level headings start with their number; the original is unchanged."""
    counters = [0] * MAX_LEVEL
    return replace(document, blocks=[_numbered(block, counters) for block in document.blocks])


def _numbered(block: Block, counters: list[int]) -> Block:
    if not isinstance(block, Heading):
        return block
    return replace(block, inlines=[Run(f"{next_number(block.level, counters)} "), *block.inlines])


def next_number(level: int, counters: list[int]) -> str:
    """Count a heading of ``level`` in ``counters`` and return its number: "1." at level 1, "1.2" or "1.2.3" below.

    A heading that skips a level (an H2 before any H1) counts the missing parent
    as 1, so it reads "1.1" rather than "0.1".
    """
    index = min(max(level, 1), len(counters)) - 1
    for parent in range(index):
        counters[parent] = max(counters[parent], 1)
    counters[index] += 1
    counters[index + 1 :] = [0] * (len(counters) - index - 1)
    number = ".".join(str(n) for n in counters[: index + 1])
    return f"{number}." if index == 0 else number
