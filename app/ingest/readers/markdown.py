"""Markdown sources: ``#`` headings make sections, front matter gives title, outlet and date.

Raw HTML keeps its text and loses its tags; a code block is one paragraph
with its whitespace collapsed, like every other paragraph.
"""

from __future__ import annotations

import re
from pathlib import Path

from markdown_it.token import Token

from app.core.model import Source
from app.ingest.limits import check_lines
from app.ingest.readers.html_guard import check_attributes
from app.ingest.readers.html_text import fragment_blocks
from app.ingest.readers.markdown_limits import parse_markdown
from app.ingest.sections import Block, make_source
from app.ingest.textio import read_text

#: "<b>", "</span>", "<br/>": the name of a raw HTML tag inside a paragraph, and whether it closes.
_HTML_TAG = re.compile(r"<(/?)([A-Za-z][A-Za-z0-9-]*)")
_HIDDEN_INLINE = {"script", "style", "noscript", "template", "textarea", "svg", "math"}
_BREAKING_INLINE = {"br", "p", "div", "li", "td", "th", "tr", "hr"}


def parse_front_matter(raw: str) -> dict[str, str]:
    """Simple ``key: value`` front matter; nested YAML is not needed for source metadata."""
    fields: dict[str, str] = {}
    for line in raw.splitlines():
        key, sep, value = line.partition(":")
        if sep and key.strip() and not key.startswith((" ", "\t", "#")):
            fields[key.strip().lower()] = value.strip().strip("\"'")
    return fields


def _inline_text(token: Token) -> str:
    """The text of an inline run: raw HTML tags are dropped (the text between them kept), scripts and styles too."""
    parts: list[str] = []
    hidden = ""  # the element whose content is being skipped (script, style …), until its end tag
    for child in token.children or []:
        if child.type == "html_inline":
            tag = _HTML_TAG.match(child.content)
            closing, name = (tag.group(1) == "/", tag.group(2).lower()) if tag else (False, "")
            if hidden:
                hidden = "" if closing and name == hidden else hidden
            elif name in _HIDDEN_INLINE and not closing and not child.content.rstrip().endswith("/>"):
                hidden = name
            elif name in _BREAKING_INLINE:
                parts.append(" ")
        elif hidden:
            continue
        elif child.type in ("text", "code_inline"):
            parts.append(child.content)
        elif child.type in ("softbreak", "hardbreak"):
            parts.append(" ")
        elif child.type == "image":
            parts.append(child.content)
    return " ".join("".join(parts).split())


def markdown_blocks(path: Path, text: str) -> tuple[dict[str, str], list[Block]]:
    """Front matter and the flat heading/paragraph stream; list items and table rows become paragraphs.

    Raw HTML blocks are checked for attribute bombs before the HTML parser sees them.
    """
    tokens = parse_markdown(path, text)
    meta: dict[str, str] = {}
    blocks: list[Block] = []
    heading_level = 0
    row: list[str] | None = None
    for token in tokens:
        if token.type == "front_matter":
            meta = parse_front_matter(token.content)
        elif token.type == "heading_open":
            heading_level = int(token.tag[1])
        elif token.type == "heading_close":
            heading_level = 0
        elif token.type == "tr_open":
            row = []
        elif token.type == "tr_close" and row is not None:
            blocks.append(Block(" | ".join(row)))
            row = None
        elif token.type == "inline" and row is not None:
            row.append(_inline_text(token))
        elif token.type == "inline":
            content = _inline_text(token)
            if content:
                blocks.append(Block(content, heading_level=heading_level))
        elif token.type in ("fence", "code_block") and token.content.strip():
            blocks.append(Block(" ".join(token.content.split())))  # one paragraph, like any other
        elif token.type == "html_block":
            check_attributes(path, token.content)
            blocks.extend(fragment_blocks(token.content))
    return meta, blocks


def _promote_title(blocks: list[Block]) -> tuple[str, list[Block]]:
    """A single leading level-1 heading is the document's title, not a section."""
    level_one = [b for b in blocks if b.heading_level == 1]
    if len(level_one) == 1 and blocks and blocks[0] is level_one[0]:
        return blocks[0].text, blocks[1:]
    return "", blocks


def read_markdown(path: Path) -> Source:
    text = read_text(path)
    check_lines(path, text)
    meta, blocks = markdown_blocks(path, text)
    heading_title, blocks = _promote_title(blocks)
    return make_source(
        path,
        "markdown",
        blocks,
        title=meta.get("title") or heading_title,
        outlet=meta.get("outlet") or meta.get("publisher") or meta.get("source") or "",
        author=meta.get("author", ""),
        date=meta.get("date", ""),
        language=meta.get("language") or meta.get("lang") or "",
    )
