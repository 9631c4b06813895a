"""Preview pages: the PDF an export would write, rasterised by pypdfium2."""

from __future__ import annotations

from io import BytesIO

import pytest
from pypdf import PdfReader

from app.errors import ExportError
from app.preview import rasterize, render_preview
from app.select import project_from_sources


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
