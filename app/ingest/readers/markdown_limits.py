"""Markdown parsed within limits: markdown-it builds every token of a document before it returns any.

A token costs about 400 bytes and 10 µs, and Markdown makes them cheaply:
"# H" is a heading of three tokens, "|a" a table cell, and a header row
20,000 columns wide pads every row under it to that width. So each parse
carries a budget. A block rule that runs before every block (and never
claims one) counts the headings and tokens made so far and, where a table
starts, its cells before the table rule builds them; a core rule before the
inline stage bounds the inline tokens still to come by the markup characters
and line breaks the text holds. Past a limit the parse stops at once with the refusal.
"""

from __future__ import annotations

import re
from pathlib import Path

from markdown_it import MarkdownIt
from markdown_it.rules_block import StateBlock
from markdown_it.rules_core import StateCore
from markdown_it.token import Token
from mdit_py_plugins.front_matter import front_matter_plugin

from app.core.errors import IngestError
from app.ingest.limits import MAX_MARKDOWN_TOKENS, MAX_TABLE_CELLS, Tally

_BUDGET = "briefgen_budget"
#: What can start inline markup: a run of emphasis or code marks, a bracket, "<", "!", "&" or "\\".
_INLINE_MARK = re.compile(r"[*_`]+|[\[\]<>!&\\]")
#: Inline tokens one mark can make at most ("***a***": two marks, five tokens); a line break makes one.
_TOKENS_PER_MARK = 3
_DELIMITER_CHARACTERS = frozenset("|-: \t")


class _Budget:
    """What one parse has spent: tokens looked at so far, and the headings among them."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.seen = 0
        self.headings = Tally(path)

    def count(self, tokens: list[Token], still_to_come: int = 0) -> None:
        for token in tokens[self.seen :]:
            if token.type == "heading_open":
                self.headings.count(heading=True)
        self.seen = len(tokens)
        if len(tokens) + still_to_come > MAX_MARKDOWN_TOKENS:
            raise IngestError(
                self.path,
                f"the file has too many elements to read safely (more than {MAX_MARKDOWN_TOKENS:,} Markdown "
                "tokens); refused",
            )


def parse_markdown(path: Path, text: str) -> list[Token]:
    """markdown-it's tokens for ``text`` (CommonMark, tables, front matter), or IngestError past a limit."""
    return _PARSER.parse(text, {_BUDGET: _Budget(path)})


def _before_each_block(state: StateBlock, start: int, end: int, silent: bool) -> bool:
    budget: _Budget = state.env[_BUDGET]
    budget.count(state.tokens)
    if start + 1 < end:
        _check_table(state, start, end, budget.path)
    return False


def _check_table(state: StateBlock, start: int, end: int, path: Path) -> None:
    """If this line and the next start a pipe table, count its cells (columns × rows, stopping as soon as they
    pass the limit) before the table rule builds a token for each. A table needs a pipe in both lines, so
    setext underlines and rules (``---``) are never taken for one."""
    delimiter = state.src[state.bMarks[start + 1] + state.tShift[start + 1] : state.eMarks[start + 1]]
    if "|" not in delimiter or delimiter[0] not in "|-:" or not _DELIMITER_CHARACTERS.issuperset(delimiter):
        return
    if "|" not in state.src[state.bMarks[start] : state.eMarks[start]]:
        return
    columns = len(delimiter.strip().strip("|").split("|"))
    rows = 1
    line = start + 2
    while line < end and not state.isEmpty(line) and rows * columns <= MAX_TABLE_CELLS:
        rows += 1
        line += 1
    if rows * columns > MAX_TABLE_CELLS:
        raise IngestError(
            path,
            f"the file has a table of {columns:,} columns by at least {rows:,} rows, beyond the "
            f"{MAX_TABLE_CELLS:,} cells Briefgen reads; refused",
        )


def _before_inline(state: StateCore) -> None:
    inline = [token.content for token in state.tokens if token.type == "inline"]
    marks = sum(sum(1 for _ in _INLINE_MARK.finditer(content)) for content in inline)
    breaks = sum(content.count("\n") for content in inline)
    state.env[_BUDGET].count(state.tokens, still_to_come=_TOKENS_PER_MARK * marks + breaks)


_PARSER = MarkdownIt("commonmark").enable("table").use(front_matter_plugin)
_PARSER.block.ruler.before("table", "briefgen_limits", _before_each_block)
_PARSER.core.ruler.before("inline", "briefgen_limits", _before_inline)
