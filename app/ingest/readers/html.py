"""Saved web pages (.html, .htm): the article without the page around it, headings as sections.

trafilatura finds the main text and leaves out menus, ads, related links
and comments, and reads title, author, date and site name from the page's
metadata. Its XML output keeps h1–h6 as ``<head rend="h2">``, so the flat
heading/paragraph stream every reader produces comes straight from that
tree (html_article). Asked to keep formatting it sometimes settles for a
teaser of an article it reads whole without, so the reading that keeps the
text wins; a page it does not take for an article still gives its visible text.
"""

from __future__ import annotations

import codecs
import re
from pathlib import Path

import trafilatura
from lxml import etree
from lxml.html import HtmlElement, document_fromstring
from trafilatura.settings import Document as TrafilaturaDocument

from app.core.errors import IngestError
from app.core.model import Source
from app.ingest.invisible import has_visible_text
from app.ingest.readers.html_article import article_blocks
from app.ingest.readers.html_figures import page_figures
from app.ingest.readers.html_guard import check_attributes, check_parsed, html_parser
from app.ingest.readers.html_text import visible_blocks
from app.ingest.sections import Block, clean_blocks, make_source
from app.ingest.sniff import TEXT, require_kind
from app.ingest.textio import decode, read_bytes
from app.text.controls import strip_controls
from app.text.language import detect_language

#: Where a page declares its charset: <meta charset>, <meta http-equiv … content="…; charset=…">, <?xml encoding>.
_DECLARED = re.compile(
    rb"""<meta[^>]*?charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)|<\?xml[^>]*?encoding\s*=\s*["']([A-Za-z0-9_.-]+)""", re.I
)
#: The HTML standard reads these labels as Windows-1252 (and a UTF-16 label on ASCII bytes as UTF-8).
_CHARSET_ALIASES = {"latin1": "cp1252", "iso8859-1": "cp1252", "ascii": "cp1252", "utf-16": "utf-8"}
#: An internal DTD subset (``<!DOCTYPE html [ <!ENTITY …> ]>``) has no place in HTML; it is cut before parsing.
_DOCTYPE = re.compile(r"<!DOCTYPE", re.I)
_INTERNAL_SUBSET = re.compile(r"<!DOCTYPE([^\[>]*)\[.*?\]\s*>", re.I | re.S)
#: One reading of a page holds "as much" text as another when it has at least this share of its words.
_ENOUGH = 0.9


def read_html(path: Path) -> Source:
    data = read_bytes(path)
    require_kind(path, data, TEXT, "a web page")
    # before parsing: the parser drops an escape's ESC byte but would leave the rest ("[31m") in the text
    text = strip_controls(decode(path, data, declared=declared_charset(data)))
    check_attributes(path, text)
    root = _parse(path, _without_internal_subset(text))
    figures = page_figures(root, path)  # before trafilatura, which cleans the tree it is given
    article = _extract(root, formatting=True, metadata=True)
    blocks = _article_blocks(article)
    visible = visible_blocks(root)
    if _words(blocks) < _ENOUGH * _words(visible):
        # formatting sometimes makes trafilatura settle for a teaser; a plain extraction then keeps the article
        plain = _article_blocks(_extract(root, formatting=False, metadata=False))
        if _ENOUGH * _words(plain) > _words(blocks):
            blocks = plain
    if not blocks or (len(blocks) == 1 and _words(visible) and _words(blocks) >= _ENOUGH * _words(visible)):
        # no article found, or trafilatura's last resort (the whole page as one paragraph): keep the structure
        blocks = visible
    if not any(has_visible_text(b.text) for b in blocks):
        raise IngestError(path, "the page has no readable text (only scripts, styles or images)")
    meta = article if article is not None else trafilatura.extract_metadata(root)
    title = meta.title or ""
    blocks, headline = _drop_title_heading(blocks, title)
    source = make_source(
        path,
        "html",
        blocks,
        title=title,
        outlet=meta.sitename or "",
        author=meta.author or "",
        date=meta.date or "",
        url=meta.url or "",
        language=detect_language("\n".join(b.text for b in blocks if not b.is_heading)) or _declared_language(root),
        figures=figures,
    )
    return _headed_lead(source, headline)


def _extract(root: HtmlElement, *, formatting: bool, metadata: bool) -> TrafilaturaDocument | None:
    """trafilatura's article (and the page's metadata if asked); None when it finds no article."""
    extracted = trafilatura.bare_extraction(
        root, with_metadata=metadata, include_comments=False, include_formatting=formatting, include_tables=True
    )
    return extracted if isinstance(extracted, TrafilaturaDocument) else None  # a dict only when as_dict=True


def _article_blocks(article: TrafilaturaDocument | None) -> list[Block]:
    return list(article_blocks(article.body)) if article is not None and article.body is not None else []


def _words(blocks: list[Block]) -> int:
    return sum(len(b.text.split()) for b in blocks)


def declared_charset(data: bytes) -> str | None:
    """The charset the page names in its first 4 KB, as a Python codec name; None if absent or unknown."""
    match = _DECLARED.search(data[:4096])
    if not match:
        return None
    label = (match.group(1) or match.group(2)).decode("ascii").lower()
    try:
        name = codecs.lookup(label).name
    except LookupError:
        return None
    return _CHARSET_ALIASES.get(name, name)


def _without_internal_subset(text: str) -> str:
    """The page with the internal subset of its DOCTYPE cut out. A page has one DOCTYPE, at its start, so the
    pattern is tried at the first one only: retried at each of many unclosed ones it would scan to the end each time."""
    doctype = _DOCTYPE.search(text)
    match = _INTERNAL_SUBSET.match(text, doctype.start()) if doctype else None
    if match is None:
        return text
    return f"{text[: match.start()]}<!DOCTYPE{match.group(1)}>{text[match.end() :]}"


def _parse(path: Path, text: str) -> HtmlElement:
    """Parse with a fresh parser, refusing a page libxml2 would cut short or that has too many elements to read."""
    parser = html_parser()
    try:
        root = document_fromstring(text.encode("utf-8", "surrogatepass"), parser=parser)
    except (etree.ParserError, etree.XMLSyntaxError, ValueError) as exc:
        raise IngestError(path, "the page has no readable text (the HTML is empty or not HTML)") from exc
    check_parsed(path, root, parser)
    return root


def _drop_title_heading(blocks: list[Block], title: str) -> tuple[list[Block], str]:
    """The article's h1 repeats its title: as a section of its own it would only hold the lead, so it is taken
    out, and returned to head the lead when the page starts with it."""
    first_heading = next((i for i, b in enumerate(blocks) if b.is_heading), None)
    if first_heading is not None and _same(blocks[first_heading].text, title):
        heads_the_lead = first_heading == 0  # text before the h1 (a menu, a kicker) is no part of what it heads
        return blocks[:first_heading] + blocks[first_heading + 1 :], blocks[0].text if heads_the_lead else ""
    return blocks, ""


def _headed_lead(source: Source, headline: str) -> Source:
    """The lead headed by the page's headline, as the page shows it: its words stay in the text (a reader, and
    trafilatura, have them there), and the lead keeps its id and its place as the brief's background."""
    first = source.sections[0] if source.sections else None
    cleaned = clean_blocks([Block(headline, heading_level=1)])  # as every heading is: no controls, no overrides
    if cleaned and first is not None and first.is_lead and not first.heading:
        source.sections[0] = first.model_copy(update={"heading": cleaned[0].text})
    return source


def _same(a: str, b: str) -> bool:
    return " ".join(a.lower().split()) == " ".join(b.lower().split())


def _declared_language(root: HtmlElement) -> str:
    """<html lang="ar-IQ"> → "ar", used only when the text itself gives no answer."""
    return (root.get("lang") or "").split("-")[0].lower()
