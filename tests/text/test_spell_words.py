"""Which words of a brief's text the spell checker looks at: letters with apostrophes inside, never addresses,
citations, portion marks, acronyms or tokens with digits."""

from __future__ import annotations

import pytest

from app.text.spell_words import Word, spell_words


def texts(text: str) -> list[str]:
    return [word.text for word in spell_words(text)]


def test_words_and_where_they_start():
    assert spell_words("Sanctions were imposed.") == (Word(0, "Sanctions"), Word(10, "were"), Word(15, "imposed"))


def test_apostrophes_inside_words_are_kept_and_quotes_around_them_are_not():
    assert texts("L'État a dit qu'il viendra aujourd'hui.") == ["L'État", "dit", "qu'il", "viendra", "aujourd'hui"]
    quoted = "The analyst’s report doesn't say 'never'."
    assert texts(quoted) == ["The", "analyst’s", "report", "doesn't", "say", "never"]


def test_hyphens_and_underscores_split_words():
    assert texts("a well-known _italic_ snake_case") == ["well", "known", "italic", "snake", "case"]


@pytest.mark.parametrize(
    ("text", "checked"),
    [
        ("see https://example.org/some_pathx/wrongg?q=zzz", ["see"]),
        ("see www.exampel.org/pagge", ["see"]),
        ("write to analyst.nmae@exampel.org", ["write", "to"]),
        ("as reported [@1] and [@2, p. 3]", ["as", "reported", "and"]),
        ("(S//NF) and (TS//SI//REL TO USA, FVEY) and (U)", ["and", "and"]),
        ("NATO, NGOs, the IRGC's and the US", ["the", "and", "the"]),
        ("F-16 1990s COVID19 3rd", []),
    ],
)
def test_what_is_not_for_a_dictionary_is_left_out(text: str, checked: list[str]):
    assert texts(text) == checked


def test_a_portion_mark_skips_only_itself():
    assert texts("(S//NF) Moscow recruits (A Study)") == ["Moscow", "recruits", "Study"]


def test_single_letters_are_not_checked():
    assert texts("x y z a I") == []


def test_arabic_words_keep_their_short_vowels_and_are_split_at_arabic_punctuation():
    text = "أعلنت الحكومةُ، يومَ الخميس؛ فرض عقوبات"
    assert texts(text) == ["أعلنت", "الحكومةُ", "يومَ", "الخميس", "فرض", "عقوبات"]
    assert spell_words(text)[1].start == text.index("الحكومةُ")


def test_combining_marks_stay_inside_cyrillic_and_decomposed_latin_words():
    assert texts("ударе\u0301ние e\u0301tat") == ["ударе\u0301ние", "e\u0301tat"]


def test_persian_words_keep_their_zero_width_non_joiner():
    assert texts("جلسه\u200cای برگزار") == ["جلسه\u200cای", "برگزار"]
