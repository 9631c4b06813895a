"""The three built-in templates: each renders to DOCX and PDF with its own structure and look."""

from __future__ import annotations

import io
import re

import pytest
from docx import Document as open_docx
from pypdf import PdfReader

from app.assemble.templating import discover_templates, find_template
from app.brief.select import project_from_sources
from app.pipeline.build import build_brief
from app.pipeline.export import render

BUILT_IN = ("policy-brief", "situation-report", "decision-memo")


@pytest.fixture
def project(sample_source):
    project = project_from_sources(
        [sample_source], title="Recruitment", author="A. Analyst", organisation="Unit", recipient="Director"
    )
    project.items[-1].role = "implications"
    project.items[2].note = "Recommend engaging Baghdad on enforcement."
    return project


def _outputs(project, sample_source, name):
    brief = build_brief(project, {sample_source.path: sample_source}, find_template(name))
    docx = open_docx(io.BytesIO(render(brief, "docx")))
    pdf = PdfReader(io.BytesIO(render(brief, "pdf")))
    return docx, pdf


def _headings(docx, level: int) -> list[str]:
    return [p.text for p in docx.paragraphs if p.style.name == f"Heading {level}"]


def _pdf_text(pdf) -> str:
    return "\n".join(page.extract_text() or "" for page in pdf.pages)


def test_all_built_ins_are_listed_with_descriptions():
    templates = discover_templates()
    assert set(BUILT_IN) <= set(templates)
    assert all(templates[name].builtin and templates[name].description for name in BUILT_IN)


def test_policy_brief_structure(project, sample_source):
    docx, pdf = _outputs(project, sample_source, "policy-brief")
    assert _headings(docx, 1) == ["Key points", "Background", "Discussion", "Implications", "Key quotes", "Sources"]
    assert 2 <= len(pdf.pages) <= 4
    assert "Bottom line up front." in _pdf_text(pdf)


def test_situation_report_numbers_headings_and_paragraphs(project, sample_source):
    docx, pdf = _outputs(project, sample_source, "situation-report")
    assert _headings(docx, 1) == ["1. Situation", "2. Assessment", "3. Outlook", "4. Sources"]
    numbered = [p.text.split()[0] for p in docx.paragraphs if re.match(r"^\d\.\d+ ", p.text)]
    assert numbered[:3] == ["1.1", "1.2", "1.3"]
    assert "2.1" in numbered and "3.1" in numbered
    text = _pdf_text(pdf)
    assert re.search(r"DTG \d{6}Z [A-Z]{3} \d{2}", text)
    assert "1. Situation" in text and "3. Outlook" in text
    assert "SITREP" in docx.sections[0].header.paragraphs[-1].text or "SITREP" in text


def test_decision_memo_is_one_letter_page(project, sample_source):
    docx, pdf = _outputs(project, sample_source, "decision-memo")
    assert _headings(docx, 1) == ["Issue", "Background", "Options", "Recommendation"]
    assert len(pdf.pages) == 1
    assert [round(float(v)) for v in pdf.pages[0].mediabox[2:]] == [612, 792]
    text = _pdf_text(pdf)
    assert "Recommend engaging Baghdad on enforcement." in text
    assert "Recruitment Tactics and Economic Drivers" in text  # the implications item is an option
    assert round(docx.sections[0].page_width.inches, 1) == 8.5


def test_templates_look_different(project, sample_source):
    fonts = {}
    for name in BUILT_IN:
        brief = build_brief(project, {sample_source.path: sample_source}, find_template(name))
        fonts[name] = (brief.style.fonts.body, brief.style.colours.heading, brief.style.page.size)
    assert len(set(fonts.values())) == 3
