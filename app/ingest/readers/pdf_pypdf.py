"""Lines of a PDF page read with pypdf: each run of text with its position, font size and weight.

pypdf is the first reader: it is pure Python, so most of ingest needs no lock against the preview (pdfium is not
thread-safe), and its ``visitor_text`` callback hands over every run of text with its position, font and size,
which is what heading and paragraph detection need.
"""

from __future__ import annotations

import math
from typing import Any

from pypdf import PageObject
from pypdf.errors import LimitReachedError, PdfReadError, PdfStreamError

from app.ingest.readers.pdf_bold import is_bold
from app.ingest.readers.pdf_layout import Line

#: What pypdf raises on a damaged object or content stream (NotImplementedError: a filter it does not know).
DAMAGED = (
    PdfReadError,
    PdfStreamError,
    ValueError,
    KeyError,
    TypeError,
    AttributeError,
    IndexError,
    EOFError,
    NotImplementedError,
)


def page_lines(page: PageObject, number: int) -> list[Line]:
    """The page's lines in content order, each with its position, dominant font size and boldness."""
    collector = _LineCollector(number)
    page.extract_text(visitor_text=collector.visit)
    return collector.finish()


class _LineCollector:
    """Receives pypdf's text runs; a run ending in a newline closes the line it belongs to."""

    def __init__(self, page: int) -> None:
        self.page = page
        self.lines: list[Line] = []
        self.runs: list[tuple[str, float, float, float, bool]] = []  # text, x, y, size, bold
        self.bold_fonts: dict[int, bool] = {}

    def visit(self, text: str, cm: list[float], tm: list[float], font: Any, font_size: float) -> None:
        if not text:
            return
        matrix = _multiply(tm, cm)
        size = abs(font_size * math.hypot(matrix[2], matrix[3])) or abs(font_size)
        bold = self._is_bold(font)
        pieces = text.split("\n")
        for index, piece in enumerate(pieces):
            if piece:
                x, y = (matrix[4], matrix[5]) if index == 0 else self._next_line_position(size)
                self.runs.append((piece, x, y, size, bold))
            if index < len(pieces) - 1:
                self._close_line()

    def _next_line_position(self, size: float) -> tuple[float, float]:
        """Lines inside one run have no position of their own: assume plain line spacing below the last one."""
        last = self.runs[-1] if self.runs else (self.lines[-1] if self.lines else None)
        if last is None:
            return 0.0, 0.0
        if isinstance(last, Line):
            return last.x, last.y - size * 1.2
        return last[1], last[2] - size * 1.2

    def _close_line(self) -> None:
        runs = [run for run in self.runs if run[0].strip()]
        if runs:
            text = " ".join("".join(run[0] for run in self.runs).split())
            weight = {True: 0, False: 0}
            sizes: dict[float, int] = {}
            for piece, _, _, size, bold in runs:
                chars = len(piece.strip())
                weight[bold] += chars
                sizes[size] = sizes.get(size, 0) + chars
            first = runs[0]
            self.lines.append(
                Line(
                    text=text,
                    page=self.page,
                    x=first[1],
                    y=first[2],
                    size=max(sizes, key=sizes.__getitem__),
                    bold=weight[True] >= 0.8 * (weight[True] + weight[False]),
                )
            )
        self.runs = []

    def _is_bold(self, font: Any) -> bool:
        if font is None:
            return False
        key = id(font)
        if key not in self.bold_fonts:
            self.bold_fonts[key] = _font_is_bold(font)
        return self.bold_fonts[key]

    def finish(self) -> list[Line]:
        self._close_line()
        return self.lines


def _font_is_bold(font: Any) -> bool:
    """From the font's name (Helvetica-Bold, ABCDEF+Calibri-Bold) or its descriptor's weight or ForceBold flag."""
    try:
        name = str(font.get("/BaseFont", ""))
        descriptor = font.get("/FontDescriptor")
        descriptor = descriptor.get_object() if descriptor is not None else {}
        weight = float(descriptor.get("/FontWeight", 400))
        flags = int(descriptor.get("/Flags", 0))
    except (AttributeError, TypeError, ValueError, KeyError):
        return False
    return is_bold(name, weight, flags)


def _multiply(a: list[float], b: list[float]) -> list[float]:
    """PDF matrix product a × b (six-number form)."""
    return [
        a[0] * b[0] + a[1] * b[2],
        a[0] * b[1] + a[1] * b[3],
        a[2] * b[0] + a[3] * b[2],
        a[2] * b[1] + a[3] * b[3],
        a[4] * b[0] + a[5] * b[2] + b[4],
        a[4] * b[1] + a[5] * b[3] + b[5],
    ]


def has_images(page: PageObject) -> bool:
    """Whether the page draws an image XObject (what scanners produce); inline images count too."""
    try:
        resources = page.get("/Resources")
        xobjects = resources.get_object().get("/XObject") if resources is not None else None
        if xobjects is not None:
            for ref in xobjects.get_object().values():
                if ref.get_object().get("/Subtype") == "/Image":
                    return True
        contents = page.get_contents()
        return contents is not None and b"BI" in contents.get_data()
    except (*DAMAGED, LimitReachedError, RecursionError):
        return False
