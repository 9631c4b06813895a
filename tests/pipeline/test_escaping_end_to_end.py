"""Markup characters in a source reach both output formats literally, through the whole pipeline."""

from __future__ import annotations

import io
from pathlib import Path

from docx import Document as open_docx
from pypdf import PdfReader

from app.assemble.catalog import find_template
from app.brief.select import project_from_sources
from app.ingest import ingest
from app.pipeline.build import build_brief
from app.pipeline.export import render

TRICKY = "Rates rose 5*3 _percent_ # not a heading <b>bold?</b> [link](http://x.org) `code` & ::: note 1. done"


def _brief(tmp_path: Path):
    path = tmp_path / "tricky.txt"
    path.write_text(f"Wire — Opening paragraph here.\nTricky Characters Section\n{TRICKY}\n", encoding="utf-8")
    source = ingest(path)
    project = project_from_sources([source], title="Escaping <test> *brief*")
    return build_brief(project, {source.path: source}, find_template("policy-brief"))


def test_docx_has_source_text_literally(tmp_path: Path):
    document = open_docx(io.BytesIO(render(_brief(tmp_path), "docx")))
    texts = [p.text for p in document.paragraphs]
    assert any(t.startswith(TRICKY) for t in texts)
    assert "Escaping <test> *brief*" in texts
    assert not any(p.style.name.startswith("Heading") and "not a heading" in p.text for p in document.paragraphs)


def test_pdf_has_source_text_literally(tmp_path: Path):
    reader = PdfReader(io.BytesIO(render(_brief(tmp_path), "pdf")))
    text = " ".join((page.extract_text() or "") for page in reader.pages)
    flat = " ".join(text.split())
    assert "5*3 _percent_ # not a heading <b>bold?</b> [link](http://x.org) `code` & ::: note 1. done" in flat
    assert "Escaping <test> *brief*" in flat
