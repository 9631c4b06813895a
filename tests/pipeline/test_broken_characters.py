"""Broken characters never break an export: lone surrogates from a PDF's text or a file name that is not UTF-8
are made readable at ingest, and the brief builds in every format."""

from __future__ import annotations

import io
import os
from pathlib import Path

import pytest
from docx import Document as open_docx
from pypdf import PdfReader

from app.assemble.catalog import find_template
from app.brief.select import project_from_sources
from app.ingest import ingest
from app.ingest.sections import Block, make_source
from app.pipeline.build import build_brief
from app.pipeline.export import render


def _docx_text(data: bytes) -> str:
    return "\n".join(p.text for p in open_docx(io.BytesIO(data)).paragraphs)


def _pdf_text(data: bytes) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages)


@pytest.mark.parametrize("fmt", ["docx", "pdf", "md"])
def test_lone_surrogates_from_a_pdf_reader_build_in_every_format(tmp_path: Path, fmt: str):
    blocks = [
        Block("Findings \ud835 summary", heading_level=1),
        Block("The ministry \udc00 said 5,000 people were recruited in \ud83d 2024."),
    ]
    source = make_source(tmp_path / "report.pdf", "pdf", blocks, title="Report \ud800 title")
    assert "\ufffd" in source.title and all("\ufffd" in s.heading for s in source.sections if s.heading)
    brief = build_brief(project_from_sources([source]), {source.path: source}, find_template("policy-brief"))
    data = render(brief, fmt)
    text = {"docx": _docx_text, "pdf": _pdf_text, "md": bytes.decode}[fmt](data)
    assert "5,000 people were recruited" in text


def test_a_file_name_that_is_not_utf8_reads_as_its_likely_name_in_the_brief(tmp_path: Path):
    path = tmp_path / os.fsdecode(b"r\xe9sum\xe9.txt")
    path.write_text("The body of the summary text, long enough to read.\n", encoding="utf-8")
    source = ingest(path)
    assert "\udce9" not in source.title
    brief = build_brief(project_from_sources([source]), {source.path: source}, find_template("policy-brief"))
    assert "résumé.txt" in _docx_text(render(brief, "docx"))
