"""Preview pages: the PDF an export would write, built in a child process, drawn a page at a time by pypdfium2."""

from __future__ import annotations

from io import BytesIO

import pytest
from pypdf import PdfReader

from app.brief.select import project_from_sources
from app.core.bounded import run_bounded
from app.core.errors import ExportError
from app.core.style import Style
from app.pipeline import jobs
from app.pipeline.pages import MAX_PAGE_PIXELS_WIDE, PageRasterizer, preview_of
from app.render.pdf.writer import render_pdf
from tests.sample_document import make_sample_document


def test_preview_is_the_export_pdf_with_its_page_sizes(sample_source):
    project = project_from_sources([sample_source], ["judicial-warnings"], title="Preview title")
    preview = run_bounded(jobs.preview, project, {sample_source.path: sample_source}, what="the preview")
    reader = PdfReader(BytesIO(preview.pdf))
    assert preview.page_count == len(reader.pages)
    assert "Preview title" in reader.pages[0].extract_text()
    width, height = preview.page_sizes[0]
    assert (round(width), round(height)) == (
        round(float(reader.pages[0].mediabox.width)),
        round(float(reader.pages[0].mediabox.height)),
    )


def test_a_page_is_drawn_at_the_width_asked_for():
    pdf = render_pdf(make_sample_document(), Style())
    rasterizer = PageRasterizer(pdf)
    page = rasterizer.draw(0, 300)
    assert page.width == 300 and abs(page.height - 300 * 841.89 / 595.28) <= 1  # pdfium rounds up
    assert len(page.pixels) == page.stride * page.height and page.stride >= 4 * page.width
    assert set(page.pixels[:400]) == {255}  # the white top edge of the page
    assert min(page.pixels) < 100  # and text somewhere on it
    assert rasterizer.draw(0, 10**6).width == MAX_PAGE_PIXELS_WIDE  # a huge zoom is capped, not gigabytes
    rasterizer.close()
    with pytest.raises(ExportError):
        rasterizer.draw(0, 300)


def test_what_is_not_a_pdf_is_one_clear_error():
    with pytest.raises(ExportError, match="could not read the PDF"):
        preview_of(b"not a pdf")
    with pytest.raises(ExportError, match="could not read the PDF"):
        PageRasterizer(b"not a pdf").draw(0, 100)
