"""Key quotes: a quotation stays within its paragraph, and a speaker's name is a name, not the words before it."""

from __future__ import annotations

import pytest

from app.assemble.quotes import find_quotes
from tests.conftest import SAMPLE

ALLAWI = "Fewer than 5,000 Iraqis have joined the ranks of the Russian army"


def test_quote_never_spans_a_paragraph_break():
    text = (
        "The minister was blunt. “We will not allow our young men to be traded for Russian passports.\n\n"
        "“Every network will be dismantled and every broker prosecuted,” Mohammed Al-Sudani said."
    )
    found = find_quotes(text)
    assert list(found) == [("Every network will be dismantled and every broker prosecuted", "Mohammed Al-Sudani")]
    assert not any("\n" in quote or "“" in quote for quote, _ in found)


def test_quote_never_spans_a_line_break_or_holds_another_opening_mark():
    assert list(find_quotes("“An unclosed remark runs on here\nand on,” Allawi said.")) == []
    assert list(find_quotes("“An unclosed remark “Every network will be dismantled,” Allawi said.")) == [
        ("Every network will be dismantled", "Allawi")
    ]


def test_quotes_from_several_paragraphs_in_order():
    text = (
        "“The first remark is made here,” Allawi said.\n\n"
        "Smith said: “The second remark is made there.”\n\n"
        "Hussein Allawi is an adviser."
    )
    assert list(find_quotes(text)) == [
        ("The first remark is made here", "Hussein Allawi"),
        ("The second remark is made there.", "Smith"),
    ]


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        # a sentence-opening phrase before the surname is not a given name
        ("On Tuesday Allawi visited Moscow. “We will bring every one of them home,” Allawi said.", "Allawi"),
        ("In December Allawi spoke. “We will bring every one of them home,” Allawi said.", "Allawi"),
        ("After Baghdad Allawi flew on. “We will bring every one of them home,” Allawi said.", "Allawi"),
        # … and the full name is still found where it is given
        (
            "On Tuesday Allawi visited Moscow. “We will bring every one of them home,” Allawi said. "
            "Hussein Allawi is an adviser.",
            "Hussein Allawi",
        ),
        # titles are not part of a name
        ("Adviser Hussein Allawi spoke. “We will bring every one of them home,” Allawi said.", "Hussein Allawi"),
        ("President Faiq Zaidan said: “The law applies to every single citizen.”", "Faiq Zaidan"),
        ("On Monday Zaidan said: “The law applies to every single citizen.”", "Zaidan"),
        ("“The law applies to every single citizen,” said Faiq Zaidan On Monday.", "Faiq Zaidan"),
        # with no name at all, the title stands in
        ("The Prime Minister said: “The law applies to every single citizen.”", "Prime Minister"),
    ],
)
def test_speaker_is_a_name(text: str, speaker: str):
    assert [s for _, s in find_quotes(text)] == [speaker]


def test_quote_with_only_a_pronoun_for_speaker_is_left_out():
    assert list(find_quotes("He said: “The law applies to every single citizen.”")) == []


def test_sample_gives_exactly_the_allawi_quote(sample_source):
    section = sample_source.section("nearly-5000-iraqis-reportedly-recruited")
    assert list(find_quotes(section.text)) == [(ALLAWI, "Hussein Allawi")]
    assert list(find_quotes("\n\n".join(sample_source.paragraphs))) == [(ALLAWI, "Hussein Allawi")]
    assert list(find_quotes(SAMPLE.read_text(encoding="utf-8"))) == [(ALLAWI, "Hussein Allawi")]
