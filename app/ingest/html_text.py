"""The visible text of any HTML page, block by block, for pages trafilatura does not see as an article.

An index page, a saved search result or a bare document export still holds
text an analyst may want; losing it silently would be worse than keeping a
menu or two. Scripts, styles and other invisible parts are dropped.
"""

from __future__ import annotations

from lxml import etree
from lxml.html import HtmlElement

from app.ingest.sections import Block

_HEADINGS = {"h1": 1, "h2": 2, "h3": 3, "h4": 4, "h5": 5, "h6": 6}
_INVISIBLE = {
    "script", "style", "noscript", "template", "head", "title", "svg", "math", "iframe", "object", "embed",
    "button", "select", "option", "textarea", "input", "canvas", "audio", "video", "map",
}  # fmt: skip
_BLOCKS = {
    "address", "article", "aside", "blockquote", "body", "br", "caption", "dd", "details", "div", "dl", "dt",
    "fieldset", "figcaption", "figure", "footer", "form", "header", "hr", "li", "main", "nav", "ol", "p", "pre",
    "section", "summary", "table", "td", "th", "tr", "ul", *_HEADINGS,
}  # fmt: skip


def visible_blocks(root: HtmlElement) -> list[Block]:
    """Headings and paragraphs of the page's body in document order (iterative: deep nesting cannot overflow)."""
    body = root.find(".//body")
    start = body if body is not None else root
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

    walker = etree.iterwalk(start, events=("start", "end"))
    for event, element in walker:
        tag = element.tag.lower() if isinstance(element.tag, str) else ""
        if event == "start":
            if tag in _INVISIBLE or not tag:  # comments and processing instructions have no string tag
                walker.skip_subtree()  # its "end" event still comes, and adds the tail
                continue
            if tag in _BLOCKS:
                flush()
                heading = _HEADINGS.get(tag, 0)
            if element.text:
                buffer.append(element.text)
        else:
            if tag in _BLOCKS:
                flush()
            if element is not start and element.tail:
                buffer.append(element.tail)
    flush()
    return blocks
