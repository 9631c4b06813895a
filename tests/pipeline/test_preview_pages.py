"""Preview pages: the PDF an export would write, rasterised by pypdfium2."""

from __future__ import annotations

from io import BytesIO

import pytest
from pypdf import PdfReader

from app.brief.select import project_from_sources
from app.core.errors import ExportError
from app.core.style import Style
from app.pipeline.preview import MAX_PREVIEW_PIXELS, rasterize, render_preview
from app.render.pdf.writer import render_pdf
from tests.sample_document import make_sample_document


def test_preview_is_the_export_pdf_as_images(sample_source):
    project = project_from_sources([sample_source], ["judicial-warnings"], title="Preview title")
    preview = render_preview(project, {sample_source.path: sample_source}, scale=0.5)
    reader = PdfReader(BytesIO(preview.pdf))
    assert len(preview.pages) == len(reader.pages)
    assert "Preview title" in reader.pages[0].extract_text()
    page = preview.pages[0]
    assert (page.width, page.height) == (
        round(float(reader.pages[0].mediabox.width) * 0.5),
        round(float(reader.pages[0].mediabox.height) * 0.5),
    )
    assert len(page.rgb) == page.stride * page.height and page.stride >= 3 * page.width
    assert set(page.rgb[:300]) != {0}  # a white page edge, not an empty buffer


def test_rasterize_rejects_what_is_not_a_pdf():
    with pytest.raises(ExportError, match="could not read the PDF"):
        rasterize(b"not a pdf")


def test_a_long_brief_is_drawn_smaller_to_bound_memory():
    short = rasterize(render_pdf(make_sample_document(), Style()))
    long = rasterize(render_pdf(make_sample_document(paragraphs=400), Style()))
    assert len(long) > 40
    assert sum(p.width * p.height for p in long) <= MAX_PREVIEW_PIXELS
    assert long[0].width < short[0].width == round(595.28 * 1.5)
