"""The analyst's own words for the spell checker: names, jargon and places the word lists do not know.

One plain UTF-8 file per language, one word per line, sorted
(``dictionaries/en.txt`` in the user data folder): easy to read, to edit by
hand and to copy to another machine. A word added while checking in one
language is that language's only; the file is rewritten whole each time, by
write-then-rename, so a crash leaves the old list or the new one.
"""

from __future__ import annotations

import re
from pathlib import Path

from platformdirs import user_data_dir

from app.core.atomic import write_atomically

#: What a language code looks like (en, fr, ckb): anything else is refused rather than used in a file name.
_LANGUAGE = re.compile(r"^[a-z]{2,3}$")


def dictionary_folder() -> Path:
    return Path(user_data_dir("briefgen", appauthor=False)) / "dictionaries"


class PersonalDictionary:
    """The analyst's word list per language, kept in ``folder`` (the user data folder's unless given)."""

    def __init__(self, folder: Path | None = None) -> None:
        self.folder = folder or dictionary_folder()

    def path(self, language: str) -> Path:
        if not _LANGUAGE.match(language):
            raise ValueError(f"not a language code: {language!r}")
        return self.folder / f"{language}.txt"

    def words(self, language: str) -> list[str]:
        """The words saved for ``language``; none when there is no file yet or it cannot be read."""
        try:
            text = self.path(language).read_text(encoding="utf-8-sig", errors="replace")
        except OSError:
            return []
        return [line.strip() for line in text.splitlines() if line.strip()]

    def add(self, language: str, word: str) -> None:
        """Save ``word`` in ``language``'s list (once). ExportError if the file cannot be written."""
        word = word.strip()
        words = self.words(language)
        if not word or word in words:
            return
        text = "".join(f"{entry}\n" for entry in sorted([*words, word], key=str.casefold))
        write_atomically(self.path(language), text.encode("utf-8"))
