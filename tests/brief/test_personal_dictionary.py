"""The analyst's own words: one UTF-8 word list per language in the user data folder."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from app.brief.personal_dictionary import PersonalDictionary, dictionary_folder
from app.core.errors import BriefgenError


def test_it_lives_in_the_user_data_folder():
    assert dictionary_folder() == Path(os.environ["XDG_DATA_HOME"]) / "briefgen" / "dictionaries"
    assert PersonalDictionary().path("fr") == dictionary_folder() / "fr.txt"


def test_words_are_saved_once_sorted_one_a_line_per_language(tmp_path: Path):
    personal = PersonalDictionary(tmp_path)
    assert personal.words("en") == []
    for word in ("Peregraf", "al-Sudani", "Peregraf", "  ", "ḤAMĀS"):
        personal.add("en", word)
    personal.add("ar", "السوداني")
    assert (tmp_path / "en.txt").read_text(encoding="utf-8") == "al-Sudani\nPeregraf\nḤAMĀS\n"
    assert PersonalDictionary(tmp_path).words("ar") == ["السوداني"]


def test_a_file_edited_by_hand_is_read(tmp_path: Path):
    (tmp_path / "de.txt").write_text("\ufeffBundeswehr\n\n  Peregraf  \n", encoding="utf-8")
    assert PersonalDictionary(tmp_path).words("de") == ["Bundeswehr", "Peregraf"]


def test_a_language_code_never_becomes_another_path(tmp_path: Path):
    with pytest.raises(ValueError, match="not a language code"):
        PersonalDictionary(tmp_path).add("../x", "word")


def test_a_folder_that_cannot_be_written_is_an_error_with_a_message(tmp_path: Path):
    blocker = tmp_path / "file"
    blocker.write_text("", encoding="utf-8")
    with pytest.raises(BriefgenError, match="cannot write"):
        PersonalDictionary(blocker / "dictionaries").add("en", "Peregraf")
