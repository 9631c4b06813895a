"""Every page's lines, read page by page, so one bad page costs that page and not the whole file.

pypdf reads first. A page it fails on, finds no text on (unless it is a scan), or reads as symbols (a font
without a usable Unicode map) gets a second reading from pdfium, which maps glyphs in more ways; once one page
reads as symbols every page gets that second reading, as the font is likely used throughout. What neither reads
as words is left out and named: ``lost`` pages could not be read, ``garbled`` ones came out as symbols. A file
whose content is too large for pypdf to interpret in reasonable time is read by pdfium throughout.

pypdf's limits and nesting deeper than Python still refuse the whole file: they are how hostile files show.
"""

from __future__ import annotations

from dataclasses import dataclass

from pypdf import PdfReader

from app.ingest.plausible import reads_as_words
from app.ingest.readers.pdf_layout import Line
from app.ingest.readers.pdf_pdfium import pdfium_lines
from app.ingest.readers.pdf_pypdf import DAMAGED, has_images, page_lines

#: pypdf interprets content at a few hundred kilobytes a second, so 3 MB is some ten seconds: above this pdfium
#: reads the file (ten times faster), so a long report is read rather than stopped for taking too long.
PYPDF_CONTENT_BYTES = 3 * 1024 * 1024


@dataclass(frozen=True)
class PageText:
    """The lines of each page in order; the numbers of pages left out, unreadable or garbled."""

    pages: list[list[Line]]
    lost: list[int]
    garbled: list[int]


def read_pages(reader: PdfReader, data: bytes, content_bytes: int) -> PageText:
    """Each page's lines from pypdf, or from pdfium where pypdf fails, finds nothing or finds symbols."""
    count = len(reader.pages)
    if content_bytes > PYPDF_CONTENT_BYTES:
        first: dict[int, list[Line] | None] = {number: None for number in range(1, count + 1)}
    else:
        first = {number: _pypdf_lines(reader, number) for number in range(1, count + 1)}
    retry = [number for number, lines in first.items() if _worth_a_second_reading(reader, number, lines)]
    if any(first[number] for number in retry):  # a font without a Unicode map garbles its lines on other pages too
        retry = list(first)
    second = pdfium_lines(data, retry)
    pages: list[list[Line]] = []
    lost: list[int] = []
    garbled: list[int] = []
    for number, lines in first.items():
        chosen = _choose(lines, second.get(number)) if number in retry else lines
        if chosen is None:
            (garbled if lines or second.get(number) else lost).append(number)
        pages.append(chosen or [])
    return PageText(pages, lost, garbled)


def _choose(first: list[Line] | None, second: list[Line] | None) -> list[Line] | None:
    """pdfium's lines when they read as words, else pypdf's when they do, else an empty page if both found
    nothing; None when the page is lost (damaged: pypdf failed and pdfium found nothing) or garbled."""
    for lines in (second, first):
        if lines and lines_read_as_words(lines):
            return lines
    if first is None and not second:
        return None  # pypdf could not read the page, and pdfium read nothing there: its text is lost
    return None if first or second else []  # text that reads as symbols, or a page without text


def _worth_a_second_reading(reader: PdfReader, number: int, lines: list[Line] | None) -> bool:
    """Unreadable, garbled, or empty without being a scan (a scanned page has no text for pdfium either, and a
    long scan should be refused quickly)."""
    if lines is None:
        return True
    if lines:
        return not lines_read_as_words(lines)
    return not has_images(reader.pages[number - 1])


def _pypdf_lines(reader: PdfReader, number: int) -> list[Line] | None:
    """The page's lines, or None when pypdf cannot read it."""
    try:
        return page_lines(reader.pages[number - 1], number)
    except DAMAGED:
        return None


def lines_read_as_words(lines: list[Line]) -> bool:
    """Whether the text reads as writing (``plausible.reads_as_words``: no unassigned or private-use
    characters, no script changing inside words)."""
    return reads_as_words("\n".join(line.text for line in lines))
