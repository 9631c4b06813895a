"""A saved web page's figures: its captioned images, read from the page's own folder or from data: URIs.

Only an image with words to go with it counts: a ``<figure>``'s
``<figcaption>``, else the image's alt text or title.  That is what the
accessibility rules ask of content images, and it leaves out the logos,
buttons and spacers a page is full of (``alt=""`` marks an image as
decoration), as do images in the page's navigation, header, footer or asides.
A credit inside the caption (an element whose class names a credit, source
or copyright) is kept apart from it.

Nothing is fetched: a page saved "complete" keeps its images in a folder next
to it, and a single-file page holds them as data: URIs.  A path is only
followed inside the page's own folder, so a hostile page cannot pull another
file of the analyst's (``../../Pictures/passport.jpg``) into a brief.
"""

from __future__ import annotations

import base64
import binascii
import re
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import unquote, urlsplit

from lxml.html import HtmlElement

from app.core.images import MAX_FIGURE_BYTES
from app.core.regular_file import read_regular_file
from app.ingest.figures import FigureBudget, FoundFigure

_HEADINGS = frozenset({"h1", "h2", "h3", "h4", "h5", "h6"})
#: Page furniture: an image inside one of these is not the article's.
_CHROME = frozenset({"nav", "aside", "menu", "button"})
#: The page's header and footer are furniture too, but an article's own header holds its lead picture.
_PAGE_EDGES = frozenset({"header", "footer"})
_CONTENT = frozenset({"article", "main"})
_CREDIT_CLASS = re.compile(r"credit|copyright|source|attribution|byline", re.I)
_DATA_URI = re.compile(r"data:(?P<type>[^,;]*)(?P<params>(?:;[^,;]*)*),(?P<payload>.*)", re.S | re.I)


def page_figures(root: HtmlElement, page: Path) -> list[FoundFigure]:
    """The page's captioned images in document order, each with the heading it follows."""
    folder = page.resolve().parent
    budget = FigureBudget()
    found: list[FoundFigure] = []
    heading = ""
    for element in root.iter():
        tag = element.tag if isinstance(element.tag, str) else ""
        if tag in _HEADINGS:
            heading = element.text_content()
        elif tag == "img" and not budget.spent and not _in_chrome(element):
            caption, credit = _caption_and_credit(element)
            if not caption:
                continue
            data = _image_bytes(element.get("src") or element.get("data-src") or "", folder, budget)
            if data is not None:
                found.append(FoundFigure(data, caption, credit, heading))
    return found


def _ancestors(element: HtmlElement) -> Iterator[HtmlElement]:
    parent = element.getparent()
    while parent is not None:
        yield parent
        parent = parent.getparent()


def _in_chrome(image: HtmlElement) -> bool:
    edge = False
    for ancestor in _ancestors(image):
        if ancestor.tag in _CHROME:
            return True
        if ancestor.tag in _CONTENT:
            return False
        edge = edge or ancestor.tag in _PAGE_EDGES
    return edge


def _words(text: str | None) -> str:
    return " ".join((text or "").split())


def _caption_and_credit(image: HtmlElement) -> tuple[str, str]:
    """The enclosing figure's caption (and credit), else the image's alt text or title; ("", "") for decoration."""
    figure = next((a for a in _ancestors(image) if a.tag == "figure"), None)
    caption = figure.find(".//figcaption") if figure is not None else None
    if caption is not None:
        credits = [e for e in caption.iter() if isinstance(e.tag, str) and _CREDIT_CLASS.search(e.get("class", ""))]
        credit = " ".join(_words(e.text_content()) for e in credits)
        text = _words(caption.text_content())
        for part in (_words(e.text_content()) for e in credits):
            text = text.replace(part, " ")
        text = _words(text)
        if text or credit:
            return text, credit
    return _words(image.get("alt")) or _words(image.get("title")), ""


def _image_bytes(src: str, folder: Path, budget: FigureBudget) -> bytes | None:
    """The image ``src`` names, if it is a data: URI or a file in ``folder``; None for anything else."""
    src = src.strip()
    if src.lower().startswith("data:"):
        return _data_uri(src, budget)
    parts = urlsplit(src)
    if parts.scheme not in ("", "file") or parts.netloc or not parts.path:
        return None  # a web address: nothing is fetched
    path = (folder / unquote(parts.path)).resolve()
    if not path.is_relative_to(folder):
        return None
    try:
        size = path.stat().st_size
        if size > MAX_FIGURE_BYTES or not budget.room_for(size):
            return None
        data, _status = read_regular_file(path, MAX_FIGURE_BYTES)
    except (OSError, ValueError):
        return None
    return data


def _data_uri(src: str, budget: FigureBudget) -> bytes | None:
    match = _DATA_URI.fullmatch(src)
    if match is None or not match["type"].lower().startswith("image/"):
        return None
    payload = match["payload"]
    if (len(payload) * 3) // 4 > MAX_FIGURE_BYTES or not budget.room_for((len(payload) * 3) // 4):
        return None
    if ";base64" not in match["params"].lower():
        return unquote(payload).encode("latin-1", "replace")
    try:
        return base64.b64decode("".join(payload.split()), validate=True)
    except (binascii.Error, ValueError):
        return None
