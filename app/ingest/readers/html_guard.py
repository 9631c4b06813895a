"""Checks on a web page before and after libxml2 parses it, for the shapes that stall the parser or what follows it.

libxml2's HTML parser compares each attribute of an element with all the
ones before it, so one tag with 200,000 attributes takes minutes to parse;
trafilatura then costs about a millisecond per element. Attributes are
therefore counted before parsing, by a scan that reads a tag the way a
browser does (a ``>`` inside a quoted value does not end it; script and
style contents and comments hold no tags), and elements are counted after.
The scan never backtracks: an unclosed quote or comment runs to the end of
the page, as it does in a browser.
"""

from __future__ import annotations

import itertools
import re
from pathlib import Path

from lxml.html import HtmlElement, HTMLParser

from app.core.errors import IngestError
from app.ingest.limits import MAX_ATTRIBUTES, MAX_HTML_ELEMENTS, MAX_SECTIONS, too_many

#: A comment; the contents of an element that holds no tags; or a start tag, its attributes in group "attributes".
_MARKUP = re.compile(
    r"""<!--.*?(?:-->|\Z)
      | <(script|style|textarea|title|xmp)\b[^>]*>.*?(?:</\1|\Z)
      | <[A-Za-z][^\s/>]*(?P<attributes>(?:[^>"']+|"[^"]*(?:"|\Z)|'[^']*(?:'|\Z))*)""",
    re.S | re.I | re.X,
)
_QUOTED = re.compile(r""""[^"]*(?:"|\Z)|'[^']*(?:'|\Z)""")
_HEADINGS = ("h1", "h2", "h3", "h4", "h5", "h6")
#: Each attribute takes at least two characters ("a "), so a shorter tag cannot hold too many.
_SHORTEST_ATTRIBUTE = 2


def check_attributes(path: Path, markup: str) -> None:
    """Refuse markup with an element of more than MAX_ATTRIBUTES attributes, before any parser sees it."""
    for match in _MARKUP.finditer(markup):
        attributes = match.group("attributes")
        if attributes and len(attributes) > MAX_ATTRIBUTES * _SHORTEST_ATTRIBUTE:
            count = attribute_count(attributes)
            if count > MAX_ATTRIBUTES:
                raise IngestError(
                    path,
                    f"the page has an element with {count:,} attributes (real pages have a few dozen at most); "
                    "refused as built to stall readers",
                )


def attribute_count(attributes: str) -> int:
    """The attribute names in a tag's text: words outside quoted values, an "=" alone not counted."""
    return sum(1 for word in _QUOTED.sub(" ", attributes).split() if word.strip("="))


def html_parser() -> HTMLParser:
    """A fresh parser (its error log is per call) that fetches nothing and drops comments and instructions."""
    return HTMLParser(encoding="utf-8", remove_comments=True, remove_pis=True, no_network=True, collect_ids=False)


def check_parsed(path: Path, root: HtmlElement, parser: HTMLParser) -> None:
    """Refuse a page libxml2 cut short (nesting beyond 256 levels, a run of text over 10 MB), or one with more
    elements or headings than Briefgen reads: read on, it would silently lose text or take minutes."""
    for error in parser.error_log:
        if error.type_name == "ERR_RESOURCE_LIMIT":
            if "depth" in error.message.lower():
                raise IngestError(path, "the page is nested too deeply to read safely (over 256 levels); refused")
            raise IngestError(path, "the page holds a run of text larger than Briefgen reads safely (10 MB); refused")
    if next(itertools.islice(root.iter(), MAX_HTML_ELEMENTS, None), None) is not None:
        raise too_many(path, "elements", MAX_HTML_ELEMENTS, sum(1 for _ in root.iter()))
    if next(itertools.islice(root.iter(*_HEADINGS), MAX_SECTIONS, None), None) is not None:
        raise too_many(path, "headings", MAX_SECTIONS)
