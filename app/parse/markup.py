"""Markup → Document with markdown-it-py.

The markup is CommonMark plus tables, ``::: name`` containers and citations
``[@n]`` / ``[@n, p. 3]``.  Containers named after a paragraph role
(title, subtitle, marking, meta, attribution) give their paragraphs that role;
those named after a callout kind (summary, note, callout, warning) become a box
of that kind.  Both lists are the Literal types of app.core.document, so a name
added there is a container here.  ``::: figure`` is a figure (see figure), its
image one of those the caller passes in.  A paragraph holding only
``\\newpage`` starts a new page.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import get_args

from markdown_it import MarkdownIt
from markdown_it.rules_inline import StateInline
from markdown_it.token import Token
from mdit_py_plugins.container import container_plugin

from app.core.document import (
    Block,
    Callout,
    CalloutKind,
    Citation,
    Contents,
    Document,
    DocumentMeta,
    Heading,
    Inline,
    ListBlock,
    PageBreak,
    Paragraph,
    ParagraphRole,
    Quote,
    Run,
    Table,
)
from app.core.errors import TemplateError
from app.core.images import CheckedImage
from app.parse.figure import CONTAINER as FIGURE_CONTAINER
from app.parse.figure import figure_block

#: Container name → the role it gives the paragraphs inside it ("body" is what paragraphs have outside any).
ROLE_CONTAINERS: dict[str, ParagraphRole] = {role: role for role in get_args(ParagraphRole) if role != "body"}
#: Container name → the kind of box it makes.
CALLOUT_CONTAINERS: dict[str, CalloutKind] = {kind: kind for kind in get_args(CalloutKind)}
_CITATION = re.compile(r"\[@(\d{1,4})(?:,\s*([^\]\n]{1,40}))?\]")
PAGE_BREAK_MARK = "\\newpage"


def _citation_rule(state: StateInline, silent: bool) -> bool:
    if not state.src.startswith("[@", state.pos):
        return False
    match = _CITATION.match(state.src, state.pos)
    if not match:
        return False
    if not silent:
        token = state.push("citation", "", 0)
        token.meta = {"number": int(match.group(1)), "locator": (match.group(2) or "").strip()}
    state.pos = match.end()
    return True


#: Where the table of contents goes (``::: contents`` then ``:::``); anything inside it is ignored.
CONTENTS_CONTAINER = "contents"
#: Every ``::: name`` the markup may use.
CONTAINER_NAMES = frozenset((*ROLE_CONTAINERS, *CALLOUT_CONTAINERS, FIGURE_CONTAINER, CONTENTS_CONTAINER))
#: The one container rule's token names: the container's own name is the token's ``info``.
_OPEN, _CLOSE = "container_brief_open", "container_brief_close"


def container_name(params: str) -> str:
    """The name a ``:::`` line gives (``::: note Some words`` names ``note``)."""
    return params.strip().split(" ", 2)[0]


def make_parser() -> MarkdownIt:
    """CommonMark with tables, citations and one container rule for every name: a rule per name ran on every line
    of the markup once per name (a sixth of parsing a long brief)."""
    md = MarkdownIt("commonmark").enable("table")
    container_plugin(md, "brief", validate=lambda params, *_: container_name(params) in CONTAINER_NAMES)
    md.inline.ruler.before("link", "citation", _citation_rule)
    return md


_PARSER = make_parser()


def _inlines(token: Token) -> list[Inline]:
    """Flatten inline tokens into runs, merging neighbours with the same formatting."""
    runs: list[Inline] = []
    bold = italic = 0
    href: str | None = None

    def add(text: str, code: bool = False) -> None:
        if not text:
            return
        run = Run(text, bold=bold > 0, italic=italic > 0, code=code, href=href)
        last = runs[-1] if runs else None
        if isinstance(last, Run) and (last.bold, last.italic, last.code, last.href) == (
            run.bold,
            run.italic,
            run.code,
            run.href,
        ):
            runs[-1] = Run(last.text + text, run.bold, run.italic, run.code, run.href)
        else:
            runs.append(run)

    for child in token.children or []:
        kind = child.type
        if kind in ("text", "html_inline"):
            add(child.content)
        elif kind == "softbreak":
            add(" ")
        elif kind == "hardbreak":
            add("\n")
        elif kind == "code_inline":
            add(child.content, code=True)
        elif kind in ("strong_open", "strong_close"):
            bold += 1 if kind.endswith("open") else -1
        elif kind in ("em_open", "em_close"):
            italic += 1 if kind.endswith("open") else -1
        elif kind == "link_open":
            href = str(child.attrs.get("href", "")) or None
        elif kind == "link_close":
            href = None
        elif kind == "image":
            add(child.content)
        elif kind == "citation":
            runs.append(Citation(child.meta["number"], child.meta["locator"]))
    return runs


class _Builder:
    """Walks the flat token stream, keeping a stack of open containers."""

    def __init__(self, tokens: list[Token], images: Mapping[str, CheckedImage]) -> None:
        self.tokens = tokens
        self.pos = 0
        self.images = images
        self.figures = 0

    def blocks_until(self, closing: str | None, role: ParagraphRole = "body") -> list[Block]:
        blocks: list[Block] = []
        while self.pos < len(self.tokens):
            token = self.tokens[self.pos]
            self.pos += 1
            if closing and token.type == closing:
                break
            block = self.block(token, role)
            if isinstance(block, list):
                blocks.extend(block)
            elif block is not None:
                blocks.append(block)
        return blocks

    def block(self, token: Token, role: ParagraphRole) -> Block | list[Block] | None:
        """One block, or for a role container the blocks inside it (a role adds no box)."""
        kind = token.type
        if kind == "heading_open":
            inline = self.tokens[self.pos]
            self.pos += 2
            return Heading(int(token.tag[1]), _inlines(inline))
        if kind == "paragraph_open":
            inline = self.tokens[self.pos]
            self.pos += 2
            if inline.content.strip() == PAGE_BREAK_MARK:
                return PageBreak()
            return Paragraph(_inlines(inline), role=role)
        if kind in ("bullet_list_open", "ordered_list_open"):
            return self.list_block(token, role)
        if kind == "blockquote_open":
            return Quote(self.blocks_until("blockquote_close", role))
        if kind == "table_open":
            return self.table()
        if kind in ("fence", "code_block"):
            return Paragraph([Run(token.content.rstrip("\n"), code=True)], role=role)
        if kind == "html_block":
            return Paragraph([Run(token.content.strip())], role=role)
        if kind == "hr":
            return PageBreak()
        if kind == _OPEN:
            name = container_name(token.info)
            if name in ROLE_CONTAINERS:
                return self.blocks_until(_CLOSE, ROLE_CONTAINERS[name])
            if name == CONTENTS_CONTAINER:
                self.blocks_until(_CLOSE, role)
                return Contents()
            if name == FIGURE_CONTAINER:
                self.figures += 1
                return figure_block(self.paragraphs_until(_CLOSE), self.images, self.figures, _inlines)
            return Callout(CALLOUT_CONTAINERS[name], self.blocks_until(_CLOSE, role))
        return None

    def paragraphs_until(self, closing: str) -> list[Token]:
        """The inline tokens of the paragraphs up to ``closing``: all a figure may hold."""
        inlines: list[Token] = []
        while self.pos < len(self.tokens):
            token = self.tokens[self.pos]
            self.pos += 1
            if token.type == closing:
                break
            if token.type == "inline":
                inlines.append(token)
            elif token.type not in ("paragraph_open", "paragraph_close"):
                kind = token.type.removesuffix("_open").replace("_", " ")
                raise TemplateError(f"a ::: {FIGURE_CONTAINER} container holds only paragraphs, not a {kind}")
        return inlines

    def list_block(self, token: Token, role: ParagraphRole) -> ListBlock:
        ordered = token.type == "ordered_list_open"
        closing = "ordered_list_close" if ordered else "bullet_list_close"
        start = int(token.attrs.get("start", 1)) if ordered else 1
        items: list[list[Block]] = []
        while self.pos < len(self.tokens):
            token = self.tokens[self.pos]
            self.pos += 1
            if token.type == closing:
                break
            if token.type == "list_item_open":
                items.append(self.blocks_until("list_item_close", role))
        return ListBlock(ordered, items, start)

    def table(self) -> Table:
        header: list[list[Inline]] = []
        rows: list[list[list[Inline]]] = []
        row: list[list[Inline]] = []
        in_head = False
        while self.pos < len(self.tokens):
            token = self.tokens[self.pos]
            self.pos += 1
            if token.type == "table_close":
                break
            if token.type == "thead_open":
                in_head = True
            elif token.type == "thead_close":
                in_head = False
            elif token.type == "tr_open":
                row = []
            elif token.type == "inline":
                row.append(_inlines(token))
            elif token.type == "tr_close":
                if in_head:
                    header = row
                else:
                    rows.append(row)
        return Table(header, rows)


def parse_markup(
    text: str, meta: DocumentMeta | None = None, images: Mapping[str, CheckedImage] | None = None
) -> Document:
    """The Document of ``text``; ``images`` are the figures' images by item id, the only ones it may show."""
    tokens = _PARSER.parse(text)
    return Document(meta or DocumentMeta(), _Builder(tokens, images or {}).blocks_until(None))
