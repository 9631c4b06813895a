"""PDFs: headings by font size, paragraphs rebuilt from lines, the page each section starts on."""

from __future__ import annotations

from pathlib import Path

import pytest

from app.ingest import ingest
from app.ingest.readers.pdf_layout import Layout, Line, heading_level, join_lines, to_blocks
from tests.ingest.fixtures import BODY, PLATYPUS_PARAGRAPH, RUNNING_HEADER, write_flowing_pdf, write_report_pdf


@pytest.fixture
def report(tmp_path: Path):
    return ingest(write_report_pdf(tmp_path / "report.pdf", pages=3))


def test_title_author_and_language(report):
    assert report.title == "Recruitment into the Russian Army"  # the largest text on page 1
    assert report.author == "Peregraf Research"
    assert report.outlet == "Peregraf"
    assert report.language == "en"
    assert len(report.date) == 10 and report.date[4] == "-"


def test_metadata_title_wins_when_present(tmp_path: Path):
    source = ingest(write_report_pdf(tmp_path / "r.pdf", title="Metadata Title"))
    assert source.title == "Metadata Title"
    assert "Recruitment into the Russian Army" not in [s.heading for s in source.sections]


def test_sections_with_the_page_they_start_on(report):
    assert [(s.heading, s.page) for s in report.sections] == [
        ("", 1),
        ("Legal Measures", 1),
        ("Numbers and Drivers", 2),
        ("Travel Agencies", 3),
        ("Judicial Warnings", 3),
    ]


def test_paragraphs_rebuilt_from_wrapped_lines(report):
    assert report.sections[0].paragraphs == ["Peregraf — " + BODY]
    legal = report.section("legal-measures")
    assert legal.paragraphs == [
        "The committee emphasised that legal action will be enforced against the recruitment networks and against "
        "travel agencies that facilitated the transport of Iraqi citizens into the Russian military.",
        BODY,
    ]
    assert report.section("judicial-warnings").paragraphs == [
        "The Supreme Judicial Council warned of prison sentences. " + BODY
    ]


def test_page_numbers_are_left_out(report):
    assert not any(p.startswith("Page ") for p in report.paragraphs)


def test_annex_headings_on_every_page_are_not_running_headers(tmp_path: Path):
    source = ingest(write_report_pdf(tmp_path / "long.pdf", pages=12))
    assert [(s.heading, s.page) for s in source.sections[-3:]] == [("Annex 10", 10), ("Annex 11", 11), ("Annex 12", 12)]


@pytest.fixture(scope="module")
def flowing(tmp_path_factory: pytest.TempPathFactory):
    """About 50 pages of flowing text, read once (bench/bench_scaling.py times it)."""
    return ingest(write_flowing_pdf(tmp_path_factory.mktemp("pdf") / "flowing.pdf", chapters=29))


def test_fifty_flowing_pages_are_read_to_the_end(flowing):
    assert flowing.sections[-1].page >= 50


def test_paragraphs_over_page_breaks_are_whole(flowing):
    """Every paragraph comes back exactly once and whole, including those split across pages."""
    source = flowing
    assert len(source.sections) == 29 * 4
    assert all(s.paragraphs == [PLATYPUS_PARAGRAPH] * 4 for s in source.sections if s.heading.startswith("Part"))
    assert all(s.paragraphs == [] for s in source.sections if s.heading.startswith("Chapter"))


def test_running_headers_and_footers_are_left_out(flowing):
    source = flowing
    assert not any(RUNNING_HEADER in p or p.startswith("Page ") for p in source.paragraphs)


def test_section_pages_increase_from_one(flowing):
    source = flowing
    pages = [s.page for s in source.sections]
    assert pages[0] == 1 and pages == sorted(pages)
    assert [s.level for s in source.sections[:2]] == [1, 2]


def _line(text: str, y: float, size: float = 10, page: int = 1, x: float = 72, bold: bool = False) -> Line:
    return Line(text=text, page=page, x=x, y=y, size=size, bold=bold)


LAYOUT = Layout(body_size=10, line_gap=12, heading_sizes=(14.0,))


def test_heading_levels_by_size_and_weight():
    assert heading_level(_line("Big Heading", 700, size=14), LAYOUT) == 1
    assert heading_level(_line("Bold Run-in Heading", 700, bold=True), LAYOUT) == 2
    assert heading_level(_line("A bold sentence that ends.", 700, bold=True), LAYOUT) == 0
    assert heading_level(_line("12", 700, size=14), LAYOUT) == 0


def test_paragraph_breaks_by_gap_indent_and_short_last_line():
    lines = [
        _line("First paragraph line one that is long enough to wrap", 700),
        _line("onto line two.", 688),
        _line("Second paragraph after a gap, also long enough here", 664),
        _line("and it wraps once more to finish.", 652),
        _line("Third paragraph starts on an indented line here", 640, x=90),
        _line("and continues at the margin.", 628),
        _line("Continued on the next page", 600),
        _line("without a sentence end.", 780, page=2),
    ]
    blocks = to_blocks(lines, LAYOUT)
    assert [b.text for b in blocks] == [
        "First paragraph line one that is long enough to wrap onto line two.",
        "Second paragraph after a gap, also long enough here and it wraps once more to finish.",
        "Third paragraph starts on an indented line here and continues at the margin.",
        "Continued on the next page without a sentence end.",
    ]
    assert blocks[-1].page == 1


def test_join_lines_mends_hyphenation_but_keeps_real_hyphens():
    assert join_lines(["the recruit-", "ment of youth"]) == "the recruitment of youth"
    assert join_lines(["state-", "Owned firms"]) == "state-Owned firms"
    assert join_lines(["soft\u00ad", "hyphen"]) == "softhyphen"
    assert join_lines(["  spaced   out ", "", "words "]) == "spaced out words"
