"""The visible text of any HTML page, block by block, for pages trafilatura does not see as an article.

An index page, a saved search result or a bare document export still holds
text an analyst may want; losing it silently would be worse than keeping a
menu or two. Scripts, styles and other invisible parts are dropped.
"""

from __future__ import annotations

import re

from lxml import etree
from lxml.html import HtmlElement, document_fromstring

from app.ingest.readers.html_guard import html_parser
from app.ingest.sections import Block

HEADING_TAGS = {"h1": 1, "h2": 2, "h3": 3, "h4": 4, "h5": 5, "h6": 6}
INVISIBLE_TAGS = {
    "script", "style", "noscript", "template", "head", "title", "svg", "math", "iframe", "object", "embed",
    "button", "select", "option", "textarea", "input", "canvas", "audio", "video", "map",
}  # fmt: skip
BLOCK_TAGS = {
    "address", "article", "aside", "blockquote", "body", "br", "caption", "dd", "details", "div", "dl", "dt",
    "fieldset", "figcaption", "figure", "footer", "form", "header", "hr", "li", "main", "nav", "ol", "p", "pre",
    "section", "summary", "table", "td", "th", "tr", "ul", *HEADING_TAGS,
}  # fmt: skip


_BLANK_LINE = re.compile(r"\n[ \t]*\n")
_TAG = re.compile(r"<[^<>]*>")  # never past the next "<": linear however many unclosed tags


def visible_blocks(root: HtmlElement, *, blank_lines_split: bool = False) -> list[Block]:
    """Headings and paragraphs of the page's body in document order (iterative: deep nesting cannot overflow).

    With ``blank_lines_split`` a blank line inside a block's text also starts a new paragraph, as in Markdown.
    """
    body = root.find(".//body")
    start = body if body is not None else root
    blocks: list[Block] = []
    buffer: list[str] = []
    heading = 0

    def flush() -> None:
        nonlocal heading
        raw = "".join(buffer)
        buffer.clear()
        for part in _BLANK_LINE.split(raw) if blank_lines_split else [raw]:
            text = " ".join(part.split())
            if text:
                blocks.append(Block(text, heading_level=heading))
        heading = 0

    walker = etree.iterwalk(start, events=("start", "end"))
    for event, element in walker:
        tag = element.tag.lower() if isinstance(element.tag, str) else ""
        if event == "start":
            if tag in INVISIBLE_TAGS or not tag:  # comments and processing instructions have no string tag
                walker.skip_subtree()  # its "end" event still comes, and adds the tail
                continue
            if tag in BLOCK_TAGS:
                flush()
                heading = HEADING_TAGS.get(tag, 0)
            if element.text:
                buffer.append(element.text)
        else:
            if tag in BLOCK_TAGS:
                flush()
            if element is not start and element.tail:
                buffer.append(element.tail)
    flush()
    return blocks


def fragment_blocks(markup: str) -> list[Block]:
    """The visible text of a piece of HTML (raw HTML in Markdown): block tags and blank lines start paragraphs.

    Scripts, styles and comments are dropped. HTML nested deeper than the parser follows (256 levels) would lose
    text, so it falls back to the markup with its tags removed.
    """
    if not markup.strip():
        return []
    parser = html_parser()
    document = f"<html><body>{markup}</body></html>".encode("utf-8", "surrogatepass")
    try:
        root = document_fromstring(document, parser=parser)
    except (etree.ParserError, etree.XMLSyntaxError, ValueError):
        root = None
    if root is None or any(error.type_name == "ERR_RESOURCE_LIMIT" for error in parser.error_log):
        return [Block(t) for t in (" ".join(p.split()) for p in _BLANK_LINE.split(_TAG.sub(" ", markup))) if t]
    return visible_blocks(root, blank_lines_split=True)
