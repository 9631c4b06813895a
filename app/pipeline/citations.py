"""The brief's citations as its citation style prints them, once the markup is parsed.

Templates write every citation as ``[@n]`` (``cite()``), whatever the style, so a template works with any of
them. Here, in reading order, each becomes what the style says (app/assemble/citation_styles.py): ``[n]`` for the
numbered style (left as parsed), a label in the text for an author-date style ("(Reuters, 2026, p. 3)"), or a
footnote for a note style (numbered 1, 2 … in reading order, the first note of a source in full, later ones short),
marked where the citation was, with no space before its mark.
"""

from __future__ import annotations

from app.assemble.citation_styles import Cite, FormattedCite
from app.assemble.context import BriefContext
from app.core.document import Citation, Document, Footnote, Inline, Paragraph, Run, block_inlines, iter_blocks
from app.parse.markup import parse_markup


def apply_citation_style(document: Document, context: BriefContext) -> None:
    """Replace the document's citations, in place, by what the brief's citation style prints."""
    if context.citation_style.numbered:
        return
    runs = [inlines for block in iter_blocks(document.blocks) for inlines in block_inlines(block)]
    cited = [(inlines, i, c) for inlines in runs for i, c in enumerate(inlines) if isinstance(c, Citation)]
    if not cited:
        return
    formatted = context.format_citations([Cite(citation.number, citation.locator) for _, _, citation in cited])
    notes = 0
    for (inlines, index, citation), cite in zip(cited, formatted, strict=True):
        if cite.kind == "note":
            notes += 1
            inlines[index] = Footnote(notes, _note_runs(cite))
            _no_space_before(inlines, index)
        elif cite.kind == "in-text":
            inlines[index] = Citation(citation.number, citation.locator, cite.text)


def _note_runs(cite: FormattedCite) -> tuple[Run, ...]:
    """The note's text as runs (the style's italics, links), from the markup the style gave."""
    blocks = parse_markup(cite.markup).blocks
    first = blocks[0] if blocks else None
    inlines = first.inlines if isinstance(first, Paragraph) else [Run(cite.text)]
    return tuple(inline for inline in inlines if isinstance(inline, Run)) or (Run(cite.text),)


def _no_space_before(inlines: list[Inline], index: int) -> None:
    """A note's mark follows the word it notes: the space the template put before ``[@n]`` goes."""
    if index and isinstance(previous := inlines[index - 1], Run) and previous.text.endswith((" ", "\t")):
        inlines[index - 1] = Run(
            previous.text.rstrip(" \t"), previous.bold, previous.italic, previous.code, previous.href
        )
