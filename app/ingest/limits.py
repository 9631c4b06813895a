"""How much structure one source may have: the caps that keep a small hostile file from costing far more to read.

Every step of ingest is linear in its input, but some inputs are built so a
few kilobytes read as millions of parts: a page drawing one stream ten
thousand times, a Markdown table twenty thousand columns wide, a million
headings. Each cap is far above what real documents have (the largest of 700
real documents Briefgen is measured on: 400 sections, 10,000 HTML elements,
70 attributes on one element, 117 PDF pages, a 1.2 MB Markdown changelog)
and far below what stalls a reader or fills memory. A file over a cap is refused with a message that
says which, as soon as the reader has counted that far; nothing is cut off
silently, except metadata fields, which are shortened (``MAX_FIELD_CHARS``).
"""

from __future__ import annotations

from pathlib import Path

from app.core.errors import IngestError

#: Headings (sections) in one source: an outline of more is not something an analyst can pick from.
MAX_SECTIONS = 10_000
#: Paragraphs in one source (about 100 MB of text at a typical paragraph length).
MAX_PARAGRAPHS = 500_000
#: Lines of a text or Markdown file, counted before any line becomes an object.
MAX_TEXT_LINES = 1_000_000
#: Tokens the Markdown parser may make (about 3 s; the 1.2 MB changelog makes 110,000).
MAX_MARKDOWN_TOKENS = 300_000
#: Cells of one Markdown table, counted before the parser builds any.
MAX_TABLE_CELLS = 100_000
#: Elements of one web page (trafilatura takes about 0.1 ms each), and attributes on one element (libxml2's HTML
#: parser slows quadratically in these).
MAX_HTML_ELEMENTS = 50_000
MAX_ATTRIBUTES = 1_000
#: Pages of one PDF (as its page tree claims, and as found), and the drawing instructions (decoded content
#: streams) its pages hold in all.
MAX_PAGES = 10_000
MAX_PDF_CONTENT_BYTES = 64 * 1024 * 1024
#: Title, author, outlet and date are one line each; longer values are shortened, not refused.
MAX_FIELD_CHARS = 300


class Tally:
    """Headings and paragraphs counted as a reader finds them: the file is refused at the first one past its cap,
    before the rest of it is read."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.headings = 0
        self.paragraphs = 0

    def count(self, *, heading: bool) -> None:
        if heading:
            self.headings += 1
            if self.headings > MAX_SECTIONS:
                raise too_many(self.path, "headings", MAX_SECTIONS)
        else:
            self.paragraphs += 1
            if self.paragraphs > MAX_PARAGRAPHS:
                raise too_many(self.path, "paragraphs", MAX_PARAGRAPHS)


def too_many(path: Path, what: str, limit: int, count: int | None = None) -> IngestError:
    """The refusal for a file with more ``what`` than ``limit``; ``count`` when it was counted to the end."""
    if count is None:
        return IngestError(path, f"the file has more than {limit:,} {what}, beyond what Briefgen reads; refused")
    return IngestError(path, f"the file has {count:,} {what}, beyond the {limit:,} Briefgen reads; refused")


def check_lines(path: Path, text: str) -> None:
    """Refuse text of more than MAX_TEXT_LINES lines (counted in C, before the text is split)."""
    if max(text.count("\n"), text.count("\r")) > MAX_TEXT_LINES:
        raise too_many(path, "lines", MAX_TEXT_LINES)


def check_count(path: Path, what: str, count: int, limit: int) -> None:
    if count > limit:
        raise too_many(path, what, limit, count)


def shorten_field(text: str, limit: int = MAX_FIELD_CHARS) -> str:
    """A metadata value cut to ``limit`` characters at a word boundary (or inside one endless word), marked "…"."""
    if len(text) <= limit:
        return text
    cut = text[: limit - 1]
    space = cut.rfind(" ")
    if space > limit * 2 // 3:
        cut = cut[:space]
    return cut.rstrip(" ,;:—–") + "…"
