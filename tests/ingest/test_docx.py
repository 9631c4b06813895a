"""Word files: Title and heading styles, core properties, tables and text python-docx's paragraph list misses."""

from __future__ import annotations

from pathlib import Path

import docx
import pytest

from app.ingest import ingest
from tests.ingest.fixtures import add_content_control, write_report_docx


@pytest.fixture
def report(tmp_path: Path):
    return ingest(write_report_docx(tmp_path / "report.docx"))


def test_metadata(report):
    assert report.title == "Recruitment of Iraqis into the Russian Army"  # the Title style beats core properties
    assert report.author == "Sara Analyst"
    assert report.date == "2026-02-03"
    assert report.outlet == "Peregraf"
    assert report.language == "en"
    assert report.format == "docx"


def test_heading_styles_and_bold_lines_make_sections(report):
    assert [(s.id, s.heading, s.level) for s in report.sections] == [
        ("lead", "", 1),
        ("legal-measures", "Legal Measures", 1),
        ("travel-agencies", "Travel Agencies", 2),
        ("economic-drivers", "Economic Drivers", 2),
    ]


def test_paragraphs_and_table_rows_in_body_order(report):
    assert report.sections[0].paragraphs == [
        "Peregraf — The committee met on Wednesday to address recruitment.",
        "A second lead paragraph gives the background.",
    ]
    assert report.section("travel-agencies").paragraphs == [
        "Agencies that moved recruits face prosecution.",
        "Province: Basra; Recruits: 1,200",
        "Province: Najaf; Recruits: 800",
        "After the table, the text goes on.",
    ]


def test_table_without_header_row_keeps_every_row(tmp_path: Path):
    document = docx.Document()
    document.add_paragraph("Before.")
    table = document.add_table(rows=2, cols=3)
    for r, row in enumerate([("a", "b", "c"), ("d", "", "f")]):
        for c, value in enumerate(row):
            table.cell(r, c).text = value
    document.save(tmp_path / "plain.docx")
    assert ingest(tmp_path / "plain.docx").paragraphs == ["Before.", "a | b | c", "d | f"]


def test_text_in_content_controls_is_kept(tmp_path: Path):
    path = add_content_control(write_report_docx(tmp_path / "report.docx"), "Text inside a content control.")
    assert ingest(path).paragraphs[-1] == "Text inside a content control."


def test_core_properties_title_when_no_title_style(tmp_path: Path):
    document = docx.Document()
    document.core_properties.title = "From Properties"
    document.add_heading("Only Section", level=1)
    document.add_paragraph("Body text.")
    document.save(tmp_path / "props.docx")
    source = ingest(tmp_path / "props.docx")
    assert source.title == "From Properties"
    assert [s.heading for s in source.sections] == ["Only Section"]


def test_bold_lines_in_a_row_are_emphasis_not_headings(tmp_path: Path):
    document = docx.Document()
    document.add_paragraph("Opening text.")
    for text in ("Warning One", "Warning Two"):
        document.add_paragraph().add_run(text).bold = True
    document.save(tmp_path / "bold.docx")
    source = ingest(tmp_path / "bold.docx")
    assert [s.id for s in source.sections] == ["lead"]
    assert source.paragraphs == ["Opening text.", "Warning One", "Warning Two"]


def test_arabic_word_file(tmp_path: Path):
    document = docx.Document()
    document.add_heading("الإجراءات القانونية", level=1)
    document.add_paragraph("أكدت اللجنة تفعيل مواد قانون العقوبات العراقي.")
    document.save(tmp_path / "ar.docx")
    source = ingest(tmp_path / "ar.docx")
    assert source.language == "ar"
    assert source.sections[0].heading == "الإجراءات القانونية"
