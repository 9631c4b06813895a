"""The three built-in templates: each renders to DOCX and PDF with its own structure and look."""

from __future__ import annotations

import io
import re

import pypdfium2 as pdfium
import pytest
from docx import Document as open_docx
from pypdf import PdfReader

from app.assemble.catalog import discover_templates, find_template
from app.brief.select import project_from_sources
from app.core.style import Style
from app.pipeline.build import build_brief
from app.pipeline.export import render
from app.render.furniture import RULE_GAP, block_margin, furniture_extent

BUILT_IN = ("policy-brief", "situation-report", "decision-memo")
#: A marking that is in no template's own text and is not the default, so where it shows it came from the brief.
MARKING = "SECRET//REL TO UK"


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


def _docx_furniture(docx) -> tuple[list[str], list[str]]:
    """Lines of the DOCX header and footer (paragraphs, then table cells), top to bottom."""

    def lines(part) -> list[str]:
        cells = [p.text for table in part.tables for row in table.rows for cell in row.cells for p in cell.paragraphs]
        return [p.text for p in part.paragraphs] + cells

    section = docx.sections[0]
    assert len(docx.sections) == 1 and not section.different_first_page_header_footer
    return lines(section.header), lines(section.footer)


def _pdf_margins(data: bytes, style: Style) -> list[tuple[list[str], list[str]]]:
    """Per page, the text lines in the top and in the bottom margin: the page furniture, never the body.

    The text block's edges are where the PDF writer puts them (the style's
    margins, grown when the furniture needs more room); the bands start past
    the gap to the header and footer rules, so no body line can reach in.
    """
    extent = furniture_extent(style, running_text=True, banner=True)
    top = block_margin(style.page.margin_top_mm, extent)
    bottom = block_margin(style.page.margin_bottom_mm, extent)
    margins = []
    for page in pdfium.PdfDocument(data):
        width, height = page.get_size()
        text = page.get_textpage()
        head = text.get_text_bounded(0, height - top + RULE_GAP, width, height)
        foot = text.get_text_bounded(0, 0, width, bottom - RULE_GAP)
        margins.append((head.split("\r\n"), foot.split("\r\n")))
    return margins


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
    assert _headings(docx, 1) == ["1. Situation", "2. Outlook", "3. Sources"]  # no assessment yet: left out
    numbered = [p.text.split()[0] for p in docx.paragraphs if re.match(r"^\d\.\d+ ", p.text)]
    assert numbered[:3] == ["1.1", "1.2", "1.3"]
    assert "2.1" in numbered
    text = _pdf_text(pdf)
    assert re.search(r"DTG \d{6}Z [A-Z]{3} \d{2}", text)
    assert "1. Situation" in text and "2. Outlook" in text
    assert "No outlook items" not in text


def test_situation_report_running_header_and_marking_on_every_page(project, sample_source):
    """The header says SITREP and the marking on every page of both formats, not just in the body."""
    project.meta.classification = MARKING
    brief = build_brief(project, {sample_source.path: sample_source}, find_template("situation-report"))
    header, footer = _docx_furniture(open_docx(io.BytesIO(render(brief, "docx"))))
    assert header == [MARKING, f"SITREP · Recruitment\t{MARKING}"]  # the banner, then the running header
    assert footer[-1] == MARKING
    margins = _pdf_margins(render(brief, "pdf"), brief.style)
    assert len(margins) >= 2
    for number, (head, foot) in enumerate(margins, start=1):
        assert f"SITREP · Recruitment {MARKING}" in head, number
        assert MARKING in head, number  # the banner, a line of its own
        assert f"Unit Page {number} of {len(margins)}" in foot and MARKING in foot, number


@pytest.mark.parametrize("name", BUILT_IN)
def test_classification_banner_on_every_page(project, sample_source, name):
    """Every built-in template bands the marking at the top and bottom of each page, outside the body."""
    project.meta.classification = MARKING
    brief = build_brief(project, {sample_source.path: sample_source}, find_template(name))
    header, footer = _docx_furniture(open_docx(io.BytesIO(render(brief, "docx"))))
    assert header[0] == MARKING and footer[-1] == MARKING
    for number, (head, foot) in enumerate(_pdf_margins(render(brief, "pdf"), brief.style), start=1):
        assert MARKING in head and MARKING in foot, (name, number)


def test_decision_memo_is_one_letter_page(project, sample_source):
    docx, pdf = _outputs(project, sample_source, "decision-memo")
    assert _headings(docx, 1) == ["Issue", "Background"]  # no options, no recommendation yet: left out
    assert len(pdf.pages) == 1
    assert [round(float(v)) for v in pdf.pages[0].mediabox[2:]] == [612, 792]
    text = _pdf_text(pdf)
    assert "Recommend engaging Baghdad on enforcement." in text
    assert "Security officials believe that financial incentives" in text  # the implications item is background
    assert "—" not in text.split("Subject")[0] and "No recommendation" not in text
    assert round(docx.sections[0].page_width.inches, 1) == 8.5


def test_templates_look_different(project, sample_source):
    fonts = {}
    for name in BUILT_IN:
        brief = build_brief(project, {sample_source.path: sample_source}, find_template(name))
        fonts[name] = (brief.style.fonts.body, brief.style.colours.heading, brief.style.page.size)
    assert len(set(fonts.values())) == 3
