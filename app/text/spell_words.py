"""The words of a text that a spell checker should look at, with where each starts.

A brief is full of things that look like words and are not for a dictionary to
judge: web addresses and e-mail addresses, citations (``[@2]``), portion marks
(``(S//NF)``), acronyms (NATO, NGOs, IRGC's) and tokens with digits (F-16, 1990s,
COVID19). Those are left out, so a spell checker never underlines them.

A word is a run of letters and combining marks (Arabic short vowels, a Cyrillic
stress mark, Latin accents typed as separate characters) with apostrophes inside
it kept (``l'État``, ``don't``, ``analyst's``). Hyphens, underscores and other
punctuation end a word: each part of ``well-known`` is checked on its own, and
Markdown's ``_italic_`` is the word ``italic``. Single letters are left out: a
one-letter word cannot usefully be misspelt.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

#: Combining marks and joiners that belong inside words of the scripts Briefgen checks: Latin and Cyrillic
#: combining accents, Arabic short vowels, shadda, sukun, dagger alif and Quranic marks, and the zero-width
#: (non-)joiners Persian writes inside words. ``\w`` does not count them as word characters.
_MARKS = (
    "\u0300-\u036f\u0483-\u0487"  # Latin and Cyrillic
    "\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06dc\u06df-\u06e4\u06e7\u06e8\u06ea-\u06ed"  # Arabic
    "\u200c\u200d"  # joiners
)
_LETTERS = rf"(?:[^\W_]|[{_MARKS}])+"
#: Apostrophes that join the parts of a word: ASCII, right single quotation mark, modifier letter apostrophe.
APOSTROPHES = "'’ʼ"
_WORD = re.compile(rf"{_LETTERS}(?:[{APOSTROPHES}]{_LETTERS})*")
_NOT_WORDS = re.compile(
    r"(?:https?|ftp)://[^\s<>()\[\]]+"  # web addresses
    r"|www\.[^\s<>()\[\]]+"
    r"|[\w.+-]+@[\w-]+(?:\.[\w-]+)+"  # e-mail addresses
    r"|\[@[^\]\n]*\]"  # citations: [@1], [@2, p. 3]
    r"|\([A-Z][A-Z0-9]*(?:[/ ,-]+[A-Z0-9]+)*\)"  # portion marks: (U), (S//NF), (S//REL TO USA, FVEY)
)
_DIGIT = re.compile(r"\d")
_PLURAL_OR_POSSESSIVE = re.compile(rf"(?:[{APOSTROPHES}]s|s)$")


@dataclass(frozen=True)
class Word:
    """A word to check and where it starts in the text (in characters, as Python counts them)."""

    start: int
    text: str

    @property
    def end(self) -> int:
        return self.start + len(self.text)


@lru_cache(maxsize=1024)
def spell_words(text: str) -> tuple[Word, ...]:
    """The words of ``text`` to spell check, in order; see the module's docstring for what is left out.

    Remembered for the last paragraphs asked about: a field's highlighter asks twice for each paragraph it
    checks (to tell its language, then to check it), and its menu again.
    """
    skipped = [match.span() for match in _NOT_WORDS.finditer(text)]
    words = []
    span = 0
    for match in _WORD.finditer(text):
        while span < len(skipped) and skipped[span][1] <= match.start():
            span += 1
        if span < len(skipped) and skipped[span][0] < match.end():
            continue  # inside (or overlapping) an address, citation or portion mark
        token = match.group()
        if _is_checked(token):
            words.append(Word(match.start(), token))
    return tuple(words)


def _is_checked(token: str) -> bool:
    if len(token) < 2 or _DIGIT.search(token):
        return False
    if not token[0].isupper():
        return True
    base = _PLURAL_OR_POSSESSIVE.sub("", token)
    return not (len(base) >= 2 and base.isupper())  # an acronym, its plural or possessive: NATO, NGOs, IRGC's
