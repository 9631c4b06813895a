"""PDF sources: text in reading order with font sizes, sections with the page they start on.

pypdf rather than pypdfium2: it is pure Python, so ingest can run on any
worker thread next to the preview (pdfium is not thread-safe), and its
``visitor_text`` callback hands over every run of text with its position,
font and size, which is what heading and paragraph detection need. A
50-page report takes well under a second.
"""

from __future__ import annotations

import io
import logging
import math
from pathlib import Path
from typing import Any

from pypdf import PageObject, PdfReader, apply_configuration
from pypdf.errors import DependencyError, FileNotDecryptedError, LimitReachedError, PdfReadError, PdfStreamError

from app.core.errors import IngestError
from app.core.model import Source
from app.ingest.readers.pdf_layout import Line, learn_layout, remove_page_furniture, take_title, to_blocks
from app.ingest.readers.pdf_limits import PAGE_TREE_NODES, check_claimed_pages, check_drawing_work
from app.ingest.sections import make_source
from app.ingest.sniff import require_kind
from app.ingest.textio import read_bytes

# pypdf reports the repairs it makes to sloppy files as log warnings; with no handler configured Python would
# print them on stderr, where an analyst can do nothing about them.
logging.getLogger("pypdf").addHandler(logging.NullHandler())

_BOLD_NAMES = ("bold", "black", "heavy", "semibold", "demi")
_PLACEHOLDER_TITLES = {"", "untitled", "anonymous", "unknown", "title", "document", "microsoft word"}
_PASSWORD_PROTECTED = "the PDF is password-protected; open it with the password and save an unprotected copy"
_DAMAGED = (PdfReadError, PdfStreamError, ValueError, KeyError, TypeError, AttributeError, IndexError, EOFError)
#: pypdf's own limits (a stream expanding past 75 MB, an array of 100,000 items …) and nesting deeper than Python.
_BEYOND_LIMITS = "the PDF goes beyond what can be read safely (a part is too large or expands too far); refused"
_TOO_DEEP = "the PDF is nested too deeply to read safely; refused"


def read_pdf(path: Path) -> Source:
    with apply_configuration(page_tree_maximum_entries=PAGE_TREE_NODES):
        return _read_pdf(path)


def _read_pdf(path: Path) -> Source:
    data = read_bytes(path)
    require_kind(path, data, "pdf", "a PDF file")
    if b"%%EOF" not in data[-2048:]:
        raise IngestError(path, "the PDF is incomplete (it stops before its end; perhaps a partial download)")
    reader = _open(path, data)
    try:
        check_drawing_work(path, reader)
        pages = [page_lines(page, number) for number, page in enumerate(reader.pages, start=1)]
    except LimitReachedError as exc:
        raise IngestError(path, _BEYOND_LIMITS) from exc
    except RecursionError as exc:
        raise IngestError(path, _TOO_DEEP) from exc
    except _DAMAGED as exc:
        raise IngestError(path, "the PDF is damaged and its text cannot be read") from exc
    if not pages:
        raise IngestError(path, "the PDF has no pages")
    lines = [line for page in remove_page_furniture(pages) for line in page]
    if not lines:
        if any(_has_images(page) for page in reader.pages):
            raise IngestError(path, "no text layer: this looks like a scanned PDF; run OCR first")
        raise IngestError(path, "the PDF has no text")
    layout = learn_layout(lines)
    heading_title, blocks = take_title(to_blocks(lines, layout), layout)
    meta = _metadata(reader)
    return make_source(
        path,
        "pdf",
        blocks,
        title=_meta_title(meta.get("/Title")) or heading_title,
        author=_text(meta.get("/Author")),
        date=_pdf_date(meta.get("/CreationDate")),
    )


def _open(path: Path, data: bytes) -> PdfReader:
    """Open the PDF, trying the empty password that many "protected" PDFs use (print or copy restrictions only)."""
    try:
        reader = PdfReader(io.BytesIO(data), strict=False)
        if reader.is_encrypted and not reader.decrypt(""):
            raise IngestError(path, _PASSWORD_PROTECTED)
        check_claimed_pages(path, reader)
        len(reader.pages)  # reading the page tree finds most damage here, with a clear message
    except IngestError:
        raise
    except DependencyError as exc:
        raise IngestError(path, "the PDF uses an encryption Briefgen cannot open; save an unprotected copy") from exc
    except FileNotDecryptedError as exc:
        raise IngestError(path, _PASSWORD_PROTECTED) from exc
    except LimitReachedError as exc:
        raise IngestError(path, _BEYOND_LIMITS) from exc
    except RecursionError as exc:
        raise IngestError(path, _TOO_DEEP) from exc
    except _DAMAGED as exc:
        raise IngestError(path, "the PDF is damaged and cannot be opened") from exc
    return reader


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
        name = str(font.get("/BaseFont", "")).lower()
        if any(mark in name for mark in _BOLD_NAMES):
            return True
        descriptor = font.get("/FontDescriptor")
        descriptor = descriptor.get_object() if descriptor is not None else {}
        weight = float(descriptor.get("/FontWeight", 400))
        flags = int(descriptor.get("/Flags", 0))
    except (AttributeError, TypeError, ValueError, KeyError):
        return False
    return weight >= 600 or bool(flags & (1 << 18))


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


def _has_images(page: PageObject) -> bool:
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
    except (*_DAMAGED, LimitReachedError, RecursionError):
        return False


def _metadata(reader: PdfReader) -> dict[str, Any]:
    """The document information dictionary; a damaged one counts as none, the text matters more."""
    try:
        return dict(reader.metadata or {})
    except (*_DAMAGED, LimitReachedError, RecursionError):
        return {}


def _text(value: object) -> str:
    return " ".join(str(value).split()) if value else ""


def _meta_title(value: object) -> str:
    """The Title metadata, unless it is a tool's placeholder or a file name ("Microsoft Word - report.docx")."""
    title = _text(value)
    if title.lower().startswith("microsoft word - ") or title.lower().endswith((".doc", ".docx", ".pdf", ".indd")):
        return ""
    return "" if title.lower() in _PLACEHOLDER_TITLES else title


def _pdf_date(value: object) -> str:
    """PDF dates look like D:20260214093000+01'00'; the brief needs only the day."""
    raw = _text(value).removeprefix("D:")
    if len(raw) >= 8 and raw[:8].isdigit():
        return f"{raw[:4]}-{raw[4:6]}-{raw[6:8]}"
    return ""
