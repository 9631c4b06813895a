"""The pages of a PDF for the screen: their sizes, and single pages drawn at the width they are shown.

A 200-page brief costs the pixels of the few pages in view, not of all 200:
``PageRasterizer`` draws one page at a time, at the size asked for.  pypdfium2
draws pages quickly without Qt's large PDF module and releases the interpreter
while it draws; pdfium itself is not thread-safe, so every call holds the
process-wide pdfium lock.  Nothing here builds a brief (see app/pipeline/preview.py),
so the window can show pages without importing the document stack.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from app.core.errors import ExportError
from app.core.pdfium_lock import PDFIUM_LOCK

if TYPE_CHECKING:
    import pypdfium2 as pdfium

#: Widest a page is drawn, in pixels: a zoomed-in page beyond it is scaled up by the view instead of using
#: ever more memory (4,000 pixels is about 480 % of A4 on a plain screen, 64 MB as 32-bit pixels).
MAX_PAGE_PIXELS_WIDE = 4000


@dataclass(frozen=True)
class PageImage:
    """One page as 32-bit pixels (blue, green, red, unused), the layout QImage.Format_RGB32 reads directly."""

    width: int
    height: int
    stride: int
    pixels: bytes


@dataclass(frozen=True)
class Preview:
    """The PDF an export would write and the size of each page, in points."""

    pdf: bytes
    page_sizes: tuple[tuple[float, float], ...]

    @property
    def page_count(self) -> int:
        return len(self.page_sizes)


def preview_of(pdf: bytes) -> Preview:
    """``pdf`` with its page sizes; ExportError if pdfium cannot read it."""
    with PDFIUM_LOCK:
        document = _open(pdf)
        try:
            return Preview(pdf, tuple(document.get_page_size(index) for index in range(len(document))))
        finally:
            document.close()


def page_count(pdf: bytes) -> int:
    """How many pages ``pdf`` has (the checks compare it with the template's page target)."""
    return preview_of(pdf).page_count


class PageRasterizer:
    """Draws single pages of one PDF, each at the width asked for; the document is opened once, on first use."""

    def __init__(self, pdf: bytes) -> None:
        self._pdf = pdf
        self._document: pdfium.PdfDocument | None = None
        self._closed = False

    def draw(self, index: int, width: int) -> PageImage:
        """Page ``index`` (from 0) scaled to ``width`` pixels wide (at most MAX_PAGE_PIXELS_WIDE: a 300 dpi print
        of a Letter page is 2550)."""
        with PDFIUM_LOCK:
            if self._closed:
                raise ExportError("the preview was replaced before the page was drawn")
            if self._document is None:
                self._document = _open(self._pdf)
            page = self._document[index]
            try:
                scale = min(width, MAX_PAGE_PIXELS_WIDE) / page.get_width()
                bitmap = page.render(scale=scale, prefer_bgrx=True)
                try:
                    return PageImage(bitmap.width, bitmap.height, bitmap.stride, bytes(bitmap.buffer))
                finally:
                    bitmap.close()
            finally:
                page.close()

    def close(self) -> None:
        with PDFIUM_LOCK:
            self._closed = True
            if self._document is not None:
                self._document.close()
                self._document = None


def _open(pdf: bytes) -> pdfium.PdfDocument:
    """The PDF opened by pdfium, imported here: the window paints before it has loaded pdfium (30 ms)."""
    import pypdfium2 as pdfium

    try:
        return pdfium.PdfDocument(pdf)
    except pdfium.PdfiumError as exc:
        raise ExportError(f"the preview could not read the PDF ({exc})") from exc
