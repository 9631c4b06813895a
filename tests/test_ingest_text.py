"""Plain-text and Markdown ingest, checked paragraph by paragraph against the sample file."""

from __future__ import annotations

from pathlib import Path

import pytest

from app.errors import IngestError
from app.ingest import ingest, ingest_many
from tests.conftest import SAMPLE, SAMPLE_HEADINGS


def test_sample_has_lead_and_four_sections(sample_source):
    assert sample_source.outlet == "Peregraf"
    assert [s.heading for s in sample_source.sections] == ["", *SAMPLE_HEADINGS]
    assert sample_source.sections[0].id == "lead"
    assert len(sample_source.sections[0].paragraphs) == 2
    assert [len(s.paragraphs) for s in sample_source.sections] == [2, 4, 4, 2, 3]


def test_no_paragraph_lost_split_or_duplicated(sample_source):
    lines = [ln for ln in SAMPLE.read_text(encoding="utf-8").splitlines() if ln.strip()]
    body = [ln.strip() for ln in lines if ln.strip() not in SAMPLE_HEADINGS]
    assert sample_source.paragraphs == body


def test_section_paragraphs_in_order(sample_source):
    judicial = sample_source.section("judicial-warnings")
    assert judicial.paragraphs[0].startswith("Faiq Zaidan, President of Iraq’s Supreme Judicial Council")
    assert judicial.paragraphs[1].startswith("Legal experts noted")


def test_title_from_lead_first_sentence(sample_source):
    assert sample_source.title.startswith("Iraqi National Security Advisor Qassim al-Araji chaired")
    assert "Peregraf" not in sample_source.title
    assert len(sample_source.title) <= 91


def test_section_ids_are_stable(sample_source):
    again = ingest(SAMPLE)
    assert [s.id for s in again.sections] == [s.id for s in sample_source.sections]
    assert [s.id for s in again.sections][1] == "legal-measures-and-accountability"


def test_wrapped_text_with_blank_lines(tmp_path: Path):
    path = tmp_path / "wrapped.txt"
    path.write_text(
        "Reuters - The first paragraph is wrapped\nacross two lines.\n\nA second paragraph.\n\n"
        "Why It Matters\n\nBecause it does, and this\nis the body.\n",
        encoding="utf-8",
    )
    source = ingest(path)
    assert source.outlet == "Reuters"
    assert source.sections[0].paragraphs == [
        "Reuters - The first paragraph is wrapped across two lines.",
        "A second paragraph.",
    ]
    assert source.sections[1].heading == "Why It Matters"
    assert source.sections[1].paragraphs == ["Because it does, and this is the body."]


def test_markdown_headings_and_front_matter(tmp_path: Path):
    path = tmp_path / "note.md"
    path.write_text(
        '---\ntitle: Field Report\noutlet: "The Wire"\ndate: 2026-03-04\n---\n\n'
        "Opening *paragraph*.\n\n## First Part\n\nText one.\n\n- bullet a\n- bullet b\n\n## First Part\n\nText two.\n",
        encoding="utf-8",
    )
    source = ingest(path)
    assert (source.title, source.outlet, source.date) == ("Field Report", "The Wire", "2026-03-04")
    assert [s.id for s in source.sections] == ["lead", "first-part", "first-part-2"]
    assert source.sections[0].paragraphs == ["Opening paragraph."]
    assert source.sections[1].paragraphs == ["Text one.", "bullet a", "bullet b"]


def test_markdown_single_h1_is_the_title(tmp_path: Path):
    path = tmp_path / "doc.md"
    path.write_text("# The Real Title\n\nIntro.\n\n## Part\n\nBody.\n", encoding="utf-8")
    source = ingest(path)
    assert source.title == "The Real Title"
    assert [s.heading for s in source.sections] == ["", "Part"]


@pytest.mark.parametrize(
    ("name", "content", "reason"),
    [
        ("empty.txt", b"", "file is empty"),
        ("blank.txt", b"  \n\n ", "file is empty"),
        ("binary.txt", b"\x00\x01\x02\x03PK\x00\x00binary", "binary"),
        ("sheet.xlsx", b"whatever", "unsupported file type .xlsx"),
    ],
)
def test_bad_files_are_reported(tmp_path: Path, name: str, content: bytes, reason: str):
    path = tmp_path / name
    path.write_bytes(content)
    with pytest.raises(IngestError) as info:
        ingest(path)
    assert reason in str(info.value)
    assert name in str(info.value)


def test_missing_file_is_reported(tmp_path: Path):
    with pytest.raises(IngestError, match="file not found"):
        ingest(tmp_path / "nope.txt")


def test_batch_keeps_good_files(tmp_path: Path):
    bad = tmp_path / "bad.txt"
    bad.write_bytes(b"")
    sources, errors = ingest_many([SAMPLE, bad])
    assert [s.outlet for s in sources] == ["Peregraf"]
    assert len(errors) == 1 and "bad.txt" in str(errors[0])
