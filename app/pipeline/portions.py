"""The safety net under portion marking: no paragraph of a portion-marked brief leaves without a mark.

The built-in templates print every item's mark (its paragraphs come marked, and
``item.mark``, ``quote.mark``, ``source.mark`` and ``summary_mark`` lead the
other lines). A template that forgets one must not make an unmarked paragraph:
here every body paragraph, list item, quotation, figure caption and table that
does not start with a mark of the scheme is given the brief's overall marking,
the one mark that is never too low, and the analyst is told how many were.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from app.assemble.marking import BriefMarkings
from app.core.document import Block, Callout, Document, Figure, Inline, ListBlock, Paragraph, Quote, Run, Table
from app.core.markings import MarkingScheme

#: Paragraphs that are no portion of the brief's content: its title block.
_UNMARKED_ROLES = ("title", "subtitle", "marking", "meta", "attribution")


def mark_unmarked_portions(document: Document, markings: BriefMarkings) -> list[str]:
    """Give every unmarked portion the overall mark, in place; a warning saying how many there were."""
    if not markings.portion_marks:
        return []
    pattern = portion_pattern(markings.scheme)
    mark = markings.mark(markings.overall)
    unmarked = [inlines for inlines in portions(document.blocks) if not pattern.match(_start(inlines))]
    for inlines in unmarked:
        inlines.insert(0, Run(mark))
    if not unmarked:
        return []
    what = "1 paragraph" if len(unmarked) == 1 else f"{len(unmarked)} paragraphs"
    return [
        f"{what} of the template had no portion mark and {'was' if len(unmarked) == 1 else 'were'} marked "
        f"{mark.strip()}, the brief's overall marking: print item.mark, quote.mark, source.mark or summary_mark "
        "before them (docs/MARKINGS.md)"
    ]


def portion_pattern(scheme: MarkingScheme) -> re.Pattern[str]:
    """A portion mark of ``scheme`` at the start of a text: "(" a level's portion form, any controls, ")"."""
    levels = "|".join(re.escape(level.portion) for level in sorted(scheme.levels, key=lambda lv: -len(lv.portion)))
    return re.compile(rf"\((?:{levels})(?:{re.escape(scheme.separator)}[^()]*)?\)\s")


def portions(blocks: list[Block]) -> Iterator[list[Inline]]:
    """The inlines each portion of the body starts with: paragraphs (in lists, quotations and boxes too),
    figure captions and each table's first cell."""
    for block in blocks:
        match block:
            case Paragraph() if block.role not in _UNMARKED_ROLES:
                yield block.inlines
            case Quote() | Callout():
                yield from portions(block.blocks)
            case ListBlock():
                for item in block.items:
                    yield from portions(item)
            case Figure():
                yield block.caption
            case Table() if block.header and block.header[0] is not None:
                yield block.header[0]


def _start(inlines: list[Inline]) -> str:
    """The text an inline list starts with, up to a few dozen characters."""
    text = ""
    for inline in inlines:
        if not isinstance(inline, Run):
            break
        text += inline.text
        if len(text) > 40:
            break
    return text.lstrip()
