"""A template's citation style reaches every format: footnotes for a note style, labels in the text for an
author-date style, ``[n]`` for the numbered one; each output read back."""

from __future__ import annotations

import io
import re
import zipfile
from pathlib import Path

from lxml import etree
from pypdf import PdfReader

from app.render.docx.writer import write_docx
from app.render.html import write_html
from app.render.pdf.writer import write_pdf
from tests.assemble.test_citation_styles import APA, CHICAGO, built_brief

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def pdf_text(data: bytes) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages)


def test_a_note_style_cites_in_real_footnotes_full_first_then_short(tmp_path: Path):
    brief = built_brief(tmp_path, CHICAGO, repeat=2)
    with zipfile.ZipFile(io.BytesIO(write_docx(brief))) as package:
        notes = etree.fromstring(package.read("word/footnotes.xml"))
        body = etree.fromstring(package.read("word/document.xml"))
    texts = {int(n.get(f"{W}id")): "".join(n.itertext()).strip() for n in notes.iter(f"{W}footnote")}
    marks = [int(r.get(f"{W}id")) for r in body.iter(f"{W}footnoteReference")]
    assert marks == sorted(marks) and len(marks) >= 4
    first_wire = next(t for n, t in sorted(texts.items()) if n > 0 and "Smith" in t)
    later_wire = [t for n, t in sorted(texts.items()) if n > 0 and "Smith" in t][-1]
    assert "Jane Anne Smith and John Doe, “Ministers Agree New Budget Deal After Late Talks,” Reuters" in first_wire
    assert later_wire.startswith("Smith and Doe, “Ministers Agree New Budget") and len(later_wire) < len(first_wire)
    assert "[1]" not in "".join(body.itertext())
    pdf = pdf_text(write_pdf(brief))
    assert "Jane Anne Smith and John Doe, “Ministers Agree New Budget Deal After Late Talks,”" in pdf
    assert "[1]" not in pdf.split("Sources")[0]


def test_an_author_date_style_prints_its_labels_in_the_text_of_every_format(tmp_path: Path):
    brief = built_brief(tmp_path, APA)
    label = "(Smith & Doe, 2026)"
    assert label in pdf_text(write_pdf(brief))
    with zipfile.ZipFile(io.BytesIO(write_docx(brief))) as package:
        assert label in "".join(etree.fromstring(package.read("word/document.xml")).itertext())
    page = write_html(brief).decode()
    assert "(Smith &amp; Doe, 2026)" in page
    assert not re.search(r">\[\d+\]<", page)


def test_the_numbered_style_still_prints_numbers(tmp_path: Path):
    brief = built_brief(tmp_path, "numbered")
    assert re.search(r"\[1\]", pdf_text(write_pdf(brief)))
    with zipfile.ZipFile(io.BytesIO(write_docx(brief))) as package:
        assert "word/footnotes.xml" not in package.namelist()
