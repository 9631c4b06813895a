"""Plain-text and Markdown ingest, checked paragraph by paragraph against the sample file."""

from __future__ import annotations

from pathlib import Path

import pytest

from app.core.errors import IngestError
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


HEADLINE_ARTICLE = (
    "Iraq Moves Against Recruiters\n\n"
    "BAGHDAD (Reuters) — The government ordered the closure of travel agencies that sent young men to Russia.\n\n"
    "Officials said the networks had recruited thousands. Prosecutors will charge the brokers.\n\n"
    "Legal Measures\n\n"
    "The penal code already forbids joining a foreign army without permission.\n"
)


def test_plain_text_headline_is_the_title_not_the_lead(tmp_path: Path):
    path = tmp_path / "headline.txt"
    path.write_text(HEADLINE_ARTICLE, encoding="utf-8")
    source = ingest(path)
    assert source.title == "Iraq Moves Against Recruiters"
    assert source.outlet == "Reuters"
    assert [s.heading for s in source.sections] == ["", "Legal Measures"]
    assert source.sections[0].paragraphs[0].startswith("BAGHDAD (Reuters) — The government ordered")
    assert len(source.sections[0].paragraphs) == 2
    # no paragraph lost: the headline is the title, everything else is in the sections
    paragraphs = [p.strip() for p in HEADLINE_ARTICLE.split("\n\n")]
    assert [source.title, *source.paragraphs] == [p for p in paragraphs if p != "Legal Measures"]


def test_plain_text_headline_one_paragraph_per_line(tmp_path: Path):
    path = tmp_path / "lines.txt"
    path.write_text(HEADLINE_ARTICLE.replace("\n\n", "\n"), encoding="utf-8")
    source = ingest(path)
    assert (source.title, source.outlet) == ("Iraq Moves Against Recruiters", "Reuters")
    assert source.sections[0].paragraphs[0].startswith("BAGHDAD (Reuters)")


def test_subject_between_dashes_is_not_a_dateline(tmp_path: Path):
    path = tmp_path / "subject.txt"
    path.write_text(
        "Foreign Minister Fuad Hussein — speaking on Monday in Baghdad — said the networks would be closed. "
        "He gave no date.\n\nA second paragraph follows.\n",
        encoding="utf-8",
    )
    source = ingest(path)
    assert source.outlet == ""
    assert source.title.startswith("Foreign Minister Fuad Hussein — speaking on Monday")


def test_terminal_escapes_and_controls_are_removed(tmp_path: Path):
    path = tmp_path / "escapes.txt"
    path.write_bytes(
        b"\x1b[2J\x1b[31mPeregraf \xe2\x80\x94 The committee met\x1b[0m on Wednesday.\x07\n\n"
        b"Second \x1b]0;window title\x07paragraph with a \x1b]8;;http://example.org\x1b\\link\x1b]8;;\x1b\\.\n"
    )
    source = ingest(path)
    text = "\n".join([source.title, source.outlet, *source.paragraphs])
    assert not any((ord(ch) < 0x20 and ch not in "\t\n\r") or 0x7F <= ord(ch) <= 0x9F for ch in text)
    assert source.outlet == "Peregraf"
    assert source.paragraphs == [
        "Peregraf — The committee met on Wednesday.",
        "Second paragraph with a link.",
    ]


def test_markdown_code_block_is_one_paragraph(tmp_path: Path):
    path = tmp_path / "code.md"
    path.write_text(
        "Intro.\n\n```\nline one\nline two\n\n  line three\n```\n\n    indented one\n    indented two\n",
        encoding="utf-8",
    )
    source = ingest(path)
    assert source.paragraphs == ["Intro.", "line one line two line three", "indented one indented two"]


def test_markdown_raw_html_keeps_its_text(tmp_path: Path):
    path = tmp_path / "html.md"
    path.write_text(
        "Intro with <b>bold</b> and <span class='x'>span</span> text<br>here <!-- note -->"
        " and <script>alert(1)</script>no script.\n\n"
        "<div>\nImportant paragraph inside a div.\n</div>\n\n"
        "<p>Another</p>\n\n"
        "<script>\nvar secret = 1;\n\nvar more = 2;\n</script>\n\n"
        "<style>p { color: red }</style>\n\n"
        "<pre>\nfirst block\n\nsecond block\n</pre>\n\n"
        "## Part\n\n<table><tr><td>Basra</td><td>1,200</td></tr></table>\n",
        encoding="utf-8",
    )
    source = ingest(path)
    assert source.sections[0].paragraphs == [
        "Intro with bold and span text here and no script.",
        "Important paragraph inside a div.",
        "Another",
        "first block",
        "second block",
    ]
    assert source.sections[1].heading == "Part"
    assert " ".join(source.sections[1].paragraphs).split() == ["Basra", "1,200"]
    assert not any("<" in p or "secret" in p or "color" in p for p in source.paragraphs)


@pytest.mark.parametrize(
    "text",
    [
        "Intro.\n\n## Part\n\nBody.\n\n## Last heading\n",
        "Intro.\n\n## Empty\n\n## Part\n\nBody.\n",
    ],
)
def test_heading_without_text_is_an_empty_section(tmp_path: Path, text: str):
    """No text is lost: a heading with nothing under it stays, as a section whose paragraph list is empty."""
    path = tmp_path / "empty.md"
    path.write_text(text, encoding="utf-8")
    source = ingest(path)
    empty = [s for s in source.sections if not s.paragraphs]
    assert len(empty) == 1 and empty[0].heading in ("Last heading", "Empty") and empty[0].word_count == 0
