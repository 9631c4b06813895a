"""The exact pages of a brief as images: build the PDF the export would write, then rasterise it.

Previewing the real PDF (rather than an HTML approximation) means what the
analyst sees is what the reader gets. pypdfium2 draws pages quickly without
Qt's large PDF module; pdfium itself is not thread-safe, so drawing holds
the process-wide pdfium lock and callers may run this on any worker thread.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

import pypdfium2 as pdfium

from app.assemble.catalog import find_template
from app.core.errors import ExportError
from app.core.model import BriefProject, Source
from app.core.pdfium_lock import PDFIUM_LOCK
from app.pipeline.build import build_brief
from app.pipeline.export import render

#: Pixels per PDF point: 1.5 draws A4 about 890 pixels wide, sharp when shown at panel width.
DEFAULT_SCALE = 1.5
#: Most pixels one preview may hold (about 120 MB as RGB): a long brief is drawn smaller instead of using gigabytes.
MAX_PREVIEW_PIXELS = 40_000_000


@dataclass(frozen=True)
class PageImage:
    """One page as packed RGB rows, the layout QImage.Format_RGB888 (and PIL's 'RGB') read directly."""

    width: int
    height: int
    stride: int
    rgb: bytes


@dataclass(frozen=True)
class Preview:
    pdf: bytes
    pages: tuple[PageImage, ...]


def rasterize(pdf: bytes, scale: float = DEFAULT_SCALE) -> tuple[PageImage, ...]:
    """Every page of ``pdf`` as an RGB image."""
    with PDFIUM_LOCK:
        try:
            document = pdfium.PdfDocument(pdf)
        except pdfium.PdfiumError as exc:
            raise ExportError(f"the preview could not read the PDF ({exc})") from exc
        try:
            scale = _fitting_scale(document, scale)
            pages = []
            for index in range(len(document)):
                page = document[index]
                bitmap = page.render(scale=scale, rev_byteorder=True)
                pages.append(PageImage(bitmap.width, bitmap.height, bitmap.stride, bytes(bitmap.buffer)))
                bitmap.close()
                page.close()
            return tuple(pages)
        finally:
            document.close()


def page_count(pdf: bytes) -> int:
    """How many pages ``pdf`` has (the checks compare it with the template's page target)."""
    with PDFIUM_LOCK:
        document = pdfium.PdfDocument(pdf)
        try:
            return len(document)
        finally:
            document.close()


def _fitting_scale(document: pdfium.PdfDocument, scale: float) -> float:
    """``scale``, reduced just enough that all pages together stay within MAX_PREVIEW_PIXELS."""
    area = sum(width * height for width, height in (document.get_page_size(i) for i in range(len(document))))
    pixels = area * scale * scale
    # 0.99: pdfium rounds each page's size up to whole pixels
    return scale if pixels <= MAX_PREVIEW_PIXELS else 0.99 * scale * (MAX_PREVIEW_PIXELS / pixels) ** 0.5


def render_preview(project: BriefProject, sources: Mapping[str, Source], scale: float = DEFAULT_SCALE) -> Preview:
    """The brief's PDF and its pages; raises the same BriefgenErrors an export would."""
    brief = build_brief(project, sources, find_template(project.template))
    pdf = render(brief, "pdf")
    return Preview(pdf, rasterize(pdf, scale))
