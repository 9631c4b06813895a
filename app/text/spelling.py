"""Whether a word is spelt right in a language, and what it may have been meant to be.

The word lists are pyspellchecker's (English, French, German, Spanish, Russian,
Arabic, Italian, Portuguese, Dutch, Persian, Basque, Latvian): word frequencies
shipped gzipped inside its wheel, so checking works offline and nothing is
fetched. Loading one takes from a few hundredths of a second (Russian) to most
of a second (German), so a list is loaded once, on first use, off the window's
thread (``load_word_list``), and a ``Checker`` then answers from memory.

A word is looked up as its lower case with curly apostrophes made straight and
Arabic short vowels and tatweel left out (the lists are written without them).
French and Italian elided articles and pronouns (``l'``, ``qu'``, ``dell'``), the
English possessive (``'s``) and the conjunctions and prepositions Arabic joins to
a word (و ف ب ل ك) are checked without them when the whole word is not in the
list, so ``l'État``, ``Briefgen's`` and والجهات are right when ``état``,
``Briefgen`` and الجهات are. A word in another script than the language's (a Latin name in
an Arabic paragraph) is not the language's to judge and counts as right.

Suggestions are the list's words within two edits (one for words of up to four
letters; a swap of two letters is one edit), nearest first and then most
frequent first: rapidfuzz finds them among the words of about the same length
in a few hundredths of a second, where pyspellchecker's own search takes
seconds for a long word with nothing one edit away.
"""

from __future__ import annotations

import gzip
import json
import pkgutil
import re
import unicodedata
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field

from app.text.language import detect_language
from app.text.scripts import script_of
from app.text.spell_words import APOSTROPHES, Word, spell_words

#: The languages pyspellchecker has a word list for (its ``SpellChecker.languages()``).
LANGUAGES = frozenset({"en", "fr", "de", "es", "ru", "ar", "it", "pt", "nl", "fa", "eu", "lv"})
#: The script each language is written in (Latin for the rest).
_SCRIPTS = {"ru": "Cyrillic", "ar": "Arabic", "fa": "Arabic"}
#: Elided words written before an apostrophe (l'État, qu'il, dell'anno), checked apart from the word they join.
_ELISIONS = {
    "fr": frozenset({"l", "d", "j", "m", "n", "s", "t", "c", "qu", "jusqu", "lorsqu", "puisqu", "quoiqu", "presqu"}),
    "it": frozenset({"l", "d", "un", "dell", "dall", "nell", "sull", "all", "quell", "bell", "sant", "c"}),
}
#: Endings after an apostrophe that leave the word before it to be checked: the English possessive.
_POSSESSIVES = {"en": frozenset({"s"})}
#: Letters written joined before an Arabic word, in their order: a conjunction (wa-, fa-), then a preposition
#: (bi-, li-, ka-).
_PROCLITICS = {"ar": ("وف", "بلك")}
#: Arabic short vowels, shadda, sukun, dagger alif and tatweel: the word lists are written without them.
_ARABIC_MARKS = re.compile("[\u0640\u064b-\u065f\u0670]")
_CURLY = str.maketrans({mark: "'" for mark in APOSTROPHES})
#: Most suggestions a menu shows.
SUGGESTIONS = 5
#: Longer words get no suggestions: nothing in the lists is that long, and nothing useful would come back.
MAX_SUGGESTED_LENGTH = 40
#: A paragraph needs this many words before its own language is trusted over the brief's.
PARAGRAPH_WORDS = 6
#: How much of a word list is parsed at a time (a few thousand words): each piece holds the interpreter a few ms.
_PIECE_CHARS = 100_000
#: Results kept per checker before the cache starts again (a long paste of new words cannot grow it for ever).
_CACHE_SIZE = 50_000


@dataclass(frozen=True)
class WordList:
    """A language's words (lower case) and how often each was seen, with the words grouped by length."""

    language: str
    frequencies: Mapping[str, int]
    by_length: Mapping[int, list[str]] = field(repr=False)


def load_word_list(language: str) -> WordList:
    """The word list pyspellchecker ships for ``language`` (one of LANGUAGES); slow, so off the window's thread.

    The list is read from the package's data (``resources/xx.json.gz``, a word and its count a line) rather than
    through pyspellchecker's SpellChecker, which reads it with one ``json.loads``: that call holds the interpreter,
    and so the window's thread beside it, for up to 0.45 s (German). Read a few thousand lines at a time, the
    window gets its turn between them.
    """
    if language not in LANGUAGES:
        raise ValueError(f"no word list for {language!r}")
    packed = pkgutil.get_data("spellchecker", f"resources/{language}.json.gz")
    if packed is None:  # a loader that cannot read package data (never the case for an installed wheel)
        raise ValueError(f"pyspellchecker's word list for {language!r} cannot be read")
    frequencies: dict[str, int] = {}
    by_length: dict[int, list[str]] = {}
    for entries in _pieces(gzip.decompress(packed).decode("utf-8")):
        for word, count in entries.items():
            form = word.lower()
            if form not in frequencies:
                by_length.setdefault(len(form), []).append(form)
            frequencies[form] = frequencies.get(form, 0) + count
    return WordList(language, frequencies, by_length)


def _pieces(text: str) -> Iterator[dict[str, int]]:
    """The entries of a JSON object written one a line, read in pieces of about ``_PIECE_CHARS`` characters.

    A JSON string cannot hold a raw line break, so each break lies between two entries.
    """
    body = text.strip().removeprefix("{").removesuffix("}")
    start = 0
    while start < len(body):
        end = body.find("\n", start + _PIECE_CHARS)
        end = len(body) if end == -1 else end
        piece = body[start:end].strip().strip(",")
        if piece:
            yield json.loads(f"{{{piece}}}")
        start = end + 1


def lookup_form(word: str) -> str:
    """How a word is looked up: NFC, lower case, straight apostrophes, no Arabic short vowels or tatweel."""
    return _ARABIC_MARKS.sub("", unicodedata.normalize("NFC", word).translate(_CURLY)).lower()


def paragraph_language(text: str, fallback: str) -> str:
    """The language to check a paragraph in: its own when it is long enough to tell and has a word list
    (an Arabic excerpt in an English brief), else ``fallback`` (the brief's)."""
    if len(spell_words(text)) < PARAGRAPH_WORDS:
        return fallback
    found = detect_language(text)
    return found if found in LANGUAGES else fallback


class Checker:
    """Checks words against one language's word list and the words the analyst accepted."""

    def __init__(self, words: WordList, accepted: Iterable[str] = ()) -> None:
        self.language = words.language
        self._words = words
        self._accepted = {lookup_form(word) for word in accepted}
        self._script = _SCRIPTS.get(words.language, "Latin")
        self._cache: dict[str, bool] = {}

    def accept(self, word: str) -> None:
        """Count ``word`` as right from now on (added to the dictionary, or ignored)."""
        self._accepted.add(lookup_form(word))
        self._cache.clear()

    def misspelt(self, text: str) -> list[Word]:
        """The words of ``text`` that are not spelt right."""
        return [word for word in spell_words(text) if not self.is_right(word.text)]

    def is_right(self, word: str) -> bool:
        """Whether ``word`` is in the list, accepted, or not this language's to judge (remembered per word)."""
        known = self._cache.get(word)
        if known is None:
            if len(self._cache) >= _CACHE_SIZE:
                self._cache.clear()
            known = self._cache[word] = self._judge(word)
        return known

    def suggestions(self, word: str, limit: int = SUGGESTIONS) -> list[str]:
        """Up to ``limit`` words it may have been meant to be, likeliest first, in the word's own capitals."""
        prefix, rest = self._split_elision(lookup_form(word))
        if len(rest) > MAX_SUGGESTED_LENGTH:
            return []
        cut = len(prefix)  # an elision is plain letters and an apostrophe, as long as typed: "L’" stays "L’"
        found = [word[:cut] + _as_typed(candidate, word[cut:]) for candidate in self._nearest(rest, limit)]
        return [candidate for candidate in dict.fromkeys(found) if candidate != word]

    def _judge(self, word: str) -> bool:
        first = next((char for char in word if char.isalpha()), "")
        if script_of(first) != self._script:
            return True
        form = lookup_form(word)
        if self._known(form):
            return True
        if any(self._known(rest) for rest in self._without_proclitics(form)):
            return True
        if "'" not in form:
            return False
        prefix, rest = self._split_elision(form)
        if prefix and self._known(rest):
            return True
        stem, _, ending = form.rpartition("'")
        return ending in _POSSESSIVES.get(self.language, ()) and self._known(stem)

    def _known(self, form: str) -> bool:
        return form in self._words.frequencies or form in self._accepted

    def _without_proclitics(self, form: str) -> Iterator[str]:
        """An Arabic word without the conjunction and preposition written joined to it: وتفكيك → تفكيك,
        والجهات → الجهات, فبالحكومة → الحكومة (the lists hold few such forms)."""
        rests = [form]
        for letters in _PROCLITICS.get(self.language, ()):
            rests += [rest[1:] for rest in rests if rest[:1] in letters]
        yield from (rest for rest in rests[1:] if len(rest) >= 2)

    def _split_elision(self, form: str) -> tuple[str, str]:
        """("l'", "état") for "l'état" in French; ("", form) when it starts with no elided word."""
        head, apostrophe, rest = form.partition("'")
        if apostrophe and rest and head in _ELISIONS.get(self.language, ()):
            return head + apostrophe, rest
        return "", form

    def _nearest(self, form: str, limit: int) -> list[str]:
        """The list's words nearest to ``form``: within two edits (one for short words), then most frequent.

        rapidfuzz is imported here: the window loads it only when a menu first asks for suggestions.
        """
        from rapidfuzz import process
        from rapidfuzz.distance import OSA

        reach = 1 if len(form) <= 4 else 2
        frequencies = self._words.frequencies
        found: list[tuple[int, int, str]] = []
        for length in range(max(1, len(form) - reach), len(form) + reach + 1):
            pool = self._words.by_length.get(length, [])
            for candidate, distance, _ in process.extract(
                form, pool, scorer=OSA.distance, score_cutoff=reach, limit=None
            ):
                found.append((distance, -frequencies[candidate], candidate))
        found.sort()
        return [candidate for _, _, candidate in found[:limit]]


def _as_typed(candidate: str, typed: str) -> str:
    """A suggestion in the typed word's capitals and apostrophes: "Goverment" → "Government", "dont’" → "don’t"."""
    if typed.isupper() and len(typed) > 1:
        candidate = candidate.upper()
    elif typed[:1].isupper():
        candidate = candidate[:1].upper() + candidate[1:]
    curly = next((char for char in typed if char in APOSTROPHES), "'")
    return candidate.replace("'", curly)
