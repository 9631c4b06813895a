"""The analyst's own Markdown, reduced to the markup a brief's text may carry.

An analyst item keeps the paragraphs, bullet and numbered lists, bold, italic
and links its author wrote, but nothing that could change the brief's
structure: headings, ``:::`` containers, raw HTML, code blocks, tables and
quotations are read as plain text.  The text is parsed with only those rules
switched on and written back from the tokens with every text run escaped, so
the result is markup built here and safe to print as ``Md``.
"""

from __future__ import annotations

from markdown_it import MarkdownIt
from markdown_it.token import Token

from app.assemble.sandbox import escape_markdown

_PARSER = MarkdownIt("zero").enable(["emphasis", "list", "link", "escape", "newline"])
_SAFE_SCHEMES = ("http://", "https://", "mailto:")
_OPEN = {"strong_open": "**", "strong_close": "**", "em_open": "*", "em_close": "*"}


def analyst_blocks(text: str, mark: str = "") -> list[str]:
    """The analyst's text as blocks of safe markup: one per paragraph, one per top-level list; each paragraph and
    list item starts with ``mark`` (its portion mark, "(C) "), escaped, when one is given."""
    lead = escape_markdown(mark.strip()) + " " if mark.strip() else ""
    blocks: list[str] = []
    lines: list[str] = []
    lists: list[tuple[str, int]] = []  # (marker kind, next number) for each open list
    prefix = ""
    for token in _PARSER.parse(text):
        if token.type in ("bullet_list_open", "ordered_list_open"):
            start = int(token.attrGet("start") or 1)
            lists.append(("-" if token.type == "bullet_list_open" else ".", start))
        elif token.type in ("bullet_list_close", "ordered_list_close"):
            lists.pop()
            if not lists:
                blocks.append("\n".join(lines))
                lines = []
        elif token.type == "list_item_open":
            kind, number = lists[-1]
            indent = "   " * (len(lists) - 1)
            prefix = f"{indent}- " if kind == "-" else f"{indent}{number}. "
            lists[-1] = (kind, number + 1)
        elif token.type == "inline":
            line = _inline(token.children or [])
            if not line:
                continue
            if lists:
                lines.append(prefix + lead + line if prefix else "   " * len(lists) + line)
                prefix = ""
            else:
                blocks.append(lead + line)
    return [block for block in blocks if block.strip()]


def analyst_plain(text: str) -> str:
    """The analyst's text without its markup, paragraphs and list items separated by blank lines."""
    parts = [_plain(token.children or []) for token in _PARSER.parse(text) if token.type == "inline"]
    return "\n\n".join(part for part in parts if part)


def _inline(children: list[Token]) -> str:
    out: list[str] = []
    link_end: list[str] = []
    for child in children:
        if child.type == "text":
            out.append(_escaped(child.content))
        elif child.type in ("softbreak", "hardbreak"):
            out.append(" ")
        elif child.type in _OPEN:
            out.append(_OPEN[child.type])
        elif child.type == "link_open":
            href = str(child.attrGet("href") or "")
            safe = href.lower().startswith(_SAFE_SCHEMES) and not any(c in href for c in "()<> \n")
            out.append("[" if safe else "")
            link_end.append(f"]({href})" if safe else "")
        elif child.type == "link_close":
            out.append(link_end.pop() if link_end else "")
    return "".join(out).strip()


def _escaped(text: str) -> str:
    """A text run made literal, keeping the spaces that separate it from the markup around it."""
    words = " ".join(text.split())
    return (" " if text[:1].isspace() else "") + escape_markdown(words) + (" " if text[-1:].isspace() and words else "")


def _plain(children: list[Token]) -> str:
    pieces = (c.content if c.type == "text" else " " if c.type.endswith("break") else "" for c in children)
    return " ".join("".join(pieces).split())
