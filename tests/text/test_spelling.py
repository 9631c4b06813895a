"""Checking words against pyspellchecker's word lists, suggestions, and the paragraph's own language."""

from __future__ import annotations

import socket

import pytest
from spellchecker import SpellChecker

from app.text.spelling import LANGUAGES, Checker, WordList, load_word_list, lookup_form, paragraph_language


@pytest.fixture(scope="module")
def english() -> WordList:
    return load_word_list("en")


@pytest.fixture(scope="module")
def french() -> WordList:
    return load_word_list("fr")


def misspelt(checker: Checker, text: str) -> list[str]:
    return [word.text for word in checker.misspelt(text)]


def test_misspelt_words_are_found_and_right_ones_are_not(english: WordList):
    checker = Checker(english)
    assert misspelt(checker, "The governmnet recieved the analyst's report on NATO [@1].") == ["governmnet", "recieved"]


def test_suggestions_are_nearest_then_most_frequent_in_the_words_capitals(english: WordList):
    checker = Checker(english)
    assert checker.suggestions("recieved")[0] == "received"
    assert checker.suggestions("Governmnet")[0] == "Government"
    assert checker.suggestions("teh")[0] == "the"
    assert len(checker.suggestions("teh")) == 5
    assert checker.suggestions("qzxvbnmkplwr") == []


def test_the_english_possessive_of_a_known_word_is_right(english: WordList):
    checker = Checker(english, accepted=["Briefgen"])
    assert checker.is_right("Briefgen’s")
    assert not checker.is_right("Briefgne's")
    assert checker.suggestions("governmnet's")[0] == "government's"


def test_french_elisions_are_checked_without_the_elided_word(french: WordList):
    checker = Checker(french)
    assert misspelt(checker, "L'État dit qu'il viendra aujourd'hui ; l’enquête continue.") == []
    assert misspelt(checker, "L'Étatt dit qu'il vienrda") == ["L'Étatt", "vienrda"]
    assert "L'État" in checker.suggestions("L'Étatt")
    assert "l’enquête" in checker.suggestions("l’enqête")


def test_an_elision_is_not_taken_from_another_language(english: WordList):
    assert not Checker(english).is_right("l'unclear")


def test_accepted_words_count_as_right_whatever_their_capitals(english: WordList):
    checker = Checker(english, accepted=["Peregraf"])
    assert checker.is_right("peregraf")
    assert not checker.is_right("Zorblax")
    checker.accept("zorblax")
    assert checker.is_right("Zorblax")


def test_words_in_another_script_are_not_the_languages_to_judge(english: WordList):
    assert misspelt(Checker(english), "Moscow said Правительсво and الحكومت") == []


@pytest.mark.parametrize(
    ("language", "right", "wrong", "meant"),
    [
        ("de", "Die Regierung hat neue Sanktionen angekündigt", "Regirung", "Regierung"),
        ("es", "El gobierno anunció sanciones", "gobiernno", "gobierno"),
        ("ru", "Правительство объявило о санкциях", "Правительсво", "Правительство"),
        ("ar", "أعلنت الحكومة فرض عقوبات جديدة", "الحكومت", "الحكومة"),
    ],
)
def test_each_language_of_the_issue_checks_and_suggests(language: str, right: str, wrong: str, meant: str):
    checker = Checker(load_word_list(language))
    assert misspelt(checker, f"{right} {wrong}")[-1] == wrong
    assert meant in checker.suggestions(wrong)


def test_arabic_short_vowels_and_tatweel_do_not_make_a_word_wrong():
    checker = Checker(load_word_list("ar"))
    assert checker.is_right("الحكومةُ")
    assert checker.is_right("الحكـومة")
    assert lookup_form("الحكومةُ") == "الحكومة"


def test_arabic_words_are_checked_without_the_conjunction_and_preposition_joined_to_them():
    checker = Checker(load_word_list("ar"))
    assert "والجهات" not in load_word_list("ar").frequencies
    assert checker.is_right("والجهات") and checker.is_right("وبالحكومة") and checker.is_right("فالحكومة")
    assert not checker.is_right("والحكومت")  # what is left must be right
    assert not checker.is_right("بوالجهات")  # a conjunction comes first


def test_a_language_without_a_word_list_is_refused():
    with pytest.raises(ValueError, match="no word list"):
        load_word_list("zh")


def test_a_paragraph_long_enough_to_tell_is_checked_in_its_own_language():
    french = "Le gouvernement français a annoncé jeudi de nouvelles sanctions contre les responsables."
    assert paragraph_language(french, "en") == "fr"
    assert paragraph_language("Le gouvernement", "en") == "en"  # too short to tell: the brief's
    polish = "Rząd ogłosił w czwartek nowe sankcje wobec osób odpowiedzialnych za atak na ambasadę."
    assert paragraph_language(polish, "fr") == "fr"  # a language without a word list: the brief's


def test_the_languages_are_pyspellcheckers():
    assert set(SpellChecker.languages()) == LANGUAGES


@pytest.mark.parametrize("language", ["en", "fr", "de", "es", "ru", "ar"])
def test_a_word_list_read_in_pieces_is_the_one_pyspellchecker_reads_whole(language: str):
    words = load_word_list(language)
    assert words.frequencies == SpellChecker(language=language).word_frequency.dictionary
    assert sorted(word for group in words.by_length.values() for word in group) == sorted(words.frequencies)
    assert all(len(word) == length for length, group in words.by_length.items() for word in group)


def test_word_lists_and_suggestions_need_no_network(monkeypatch: pytest.MonkeyPatch):
    """Everything comes from the wheel: with sockets refused, a list loads and a word is checked and corrected."""

    def refuse(*_args: object) -> None:
        raise OSError("network disabled in this test")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    checker = Checker(load_word_list("es"))
    assert [word.text for word in checker.misspelt("El gobiernno es bueno para el país")] == ["gobiernno"]
    assert checker.suggestions("gobiernno")[0] == "gobierno"
