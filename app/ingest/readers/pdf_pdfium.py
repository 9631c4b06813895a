"""Lines of PDF pages read with pdfium, for the pages pypdf cannot read or reads as symbols.

pdfium is the second opinion: its C parser copes with content streams pypdf gives up on, maps glyphs to letters
in more ways than a ToUnicode table (font programs' own tables, glyph names), turns rotated pages upright, and
interprets content ten times faster. It is not thread-safe, so every call holds the process-wide pdfium lock.

Each line keeps what layout needs: the position and type size of its first letter, and whether it is bold (its
first and last letters both are: a bold run-in heading followed by plain text is not a bold line).
"""

from __future__ import annotations

import ctypes
import math
from collections.abc import Iterable

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c

from app.core.pdfium_lock import PDFIUM_LOCK
from app.ingest.readers.pdf_bold import is_bold
from app.ingest.readers.pdf_layout import Line

_LINE_BREAKS = frozenset("\r\n")
_FONT_NAME_BYTES = 128


def pdfium_lines(data: bytes, numbers: Iterable[int]) -> dict[int, list[Line]]:
    """The lines of each page numbered in ``numbers`` (from 1) that pdfium can read; pages it fails on are absent."""
    wanted = sorted(set(numbers))
    if not wanted:
        return {}
    with PDFIUM_LOCK:
        try:
            document = pdfium.PdfDocument(data)
        except pdfium.PdfiumError:
            return {}
        try:
            pages: dict[int, list[Line]] = {}
            for number in wanted:
                if number > len(document):
                    break
                try:
                    page = document[number - 1]
                except pdfium.PdfiumError:
                    continue
                try:
                    pages[number] = _page_lines(page, number)
                except pdfium.PdfiumError:
                    continue
                finally:
                    page.close()
            return pages
        finally:
            document.close()


def _page_lines(page: pdfium.PdfPage, number: int) -> list[Line]:
    textpage = page.get_textpage()
    try:
        return _LineReader(textpage, number).read()
    finally:
        textpage.close()


class _LineReader:
    """Walks the text page's characters; pdfium marks each line's end with a (generated) line break."""

    def __init__(self, textpage: pdfium.PdfTextPage, number: int) -> None:
        self.raw = textpage.raw
        self.count = textpage.count_chars()
        self.number = number
        self.x = ctypes.c_double()
        self.y = ctypes.c_double()
        self.name = ctypes.create_string_buffer(_FONT_NAME_BYTES)
        self.flags = ctypes.c_int()
        self.matrix = pdfium_c.FS_MATRIX()

    def read(self) -> list[Line]:
        lines: list[Line] = []
        chars: list[str] = []
        first = last = -1
        for index in range(self.count):
            char = chr(pdfium_c.FPDFText_GetUnicode(self.raw, index) or 0x20)
            if char in _LINE_BREAKS:
                if first >= 0:
                    lines.append(self._line("".join(chars), first, last))
                chars, first = [], -1
                continue
            if not char.isspace():
                first = index if first < 0 else first
                last = index
            chars.append(char)
        if first >= 0:
            lines.append(self._line("".join(chars), first, last))
        return lines

    def _line(self, text: str, first: int, last: int) -> Line:
        """The line, placed and sized by its first visible character."""
        pdfium_c.FPDFText_GetCharOrigin(self.raw, first, ctypes.byref(self.x), ctypes.byref(self.y))
        pdfium_c.FPDFText_GetMatrix(self.raw, first, self.matrix)
        scale = math.hypot(self.matrix.c, self.matrix.d) or 1.0
        return Line(
            text=" ".join(text.split()),
            page=self.number,
            x=self.x.value,
            y=self.y.value,
            size=pdfium_c.FPDFText_GetFontSize(self.raw, first) * scale,
            bold=self._bold(first) and self._bold(last),
        )

    def _bold(self, index: int) -> bool:
        weight = pdfium_c.FPDFText_GetFontWeight(self.raw, index)
        pdfium_c.FPDFText_GetFontInfo(self.raw, index, self.name, _FONT_NAME_BYTES, ctypes.byref(self.flags))
        return is_bold(self.name.value.decode("latin-1"), weight, self.flags.value)
