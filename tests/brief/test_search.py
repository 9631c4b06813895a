"""Finding a query in sections: case-insensitive, literal, whitespace-tolerant, with exact positions."""

from __future__ import annotations

from app.brief.search import excerpt, find_spans, section_matches, split_highlights
from app.core.model import Section


def test_find_spans_is_literal_and_ignores_case_and_spacing():
    text = "The Penal  Code (art. 1+2) and the penal\ncode again."
    assert [text[a:b] for a, b in find_spans(text, "penal code")] == ["Penal  Code", "penal\ncode"]
    assert [text[a:b] for a, b in find_spans(text, "(art. 1+2)")] == ["(art. 1+2)"]
    assert find_spans(text, "   ") == []


def test_section_matches_heading_or_text():
    section = Section(id="x", heading="Judicial Warnings", paragraphs=["Prison sentences."])
    assert section_matches(section, "judicial")
    assert section_matches(section, "PRISON")
    assert section_matches(section, "")
    assert not section_matches(section, "recruitment")


def test_split_highlights_covers_the_whole_text():
    pieces = split_highlights("abcABC", "bc")
    assert pieces == [("a", False), ("bc", True), ("A", False), ("BC", True)]
    assert "".join(p for p, _ in pieces) == "abcABC"
    assert split_highlights("", "x") == [("", False)]


def test_excerpt_centres_on_the_first_match():
    text = " ".join(f"w{i}" for i in range(100)) + " target " + " ".join(f"v{i}" for i in range(100))
    glimpse = excerpt(text, "target", before=20, length=60)
    assert glimpse.startswith("…") and glimpse.endswith("…") and "target" in glimpse
    assert excerpt("short text", "missing") == "short text"
