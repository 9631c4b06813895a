"""Whether decoded bytes read as real text, so a wrong decoding is refused instead of reaching a brief as gibberish.

A byte-order mark, a UTF-16 look or a declared charset can be wrong: UTF-8
text behind a UTF-16 mark decodes without error into a page of
Chinese-looking characters. What gives such a decoding away is what no
writing contains: characters Unicode has not assigned, private-use
characters and stray format characters. Real text in any script has almost
none; a wrong decoding of bytes that are not text has them everywhere.

Readings that valid UTF-8 does not vouch for (a mark, a UTF-16 look, a
declared charset) must also read as words: noise read as UTF-16 is mostly
non-ASCII characters whose scripts change inside every "word", which
``mojibake.oddities`` counts.
"""

from __future__ import annotations

import unicodedata
from collections import Counter

from app.ingest.mojibake import MAX_ODDITY_RATE, oddities
from app.text.scripts import non_ascii

#: Enough text to judge; a wrong decoding shows on every page.
SAMPLE_CHARS = 64 * 1024
#: Share of the characters judged that may be junk before the text is taken for a wrong decoding.
MAX_JUNK_SHARE = 0.01
#: Below this share of non-ASCII characters the text is mostly plain ASCII words, and its few others (arrows,
#: symbols) are no sign of a wrong decoding.
JUDGE_WORDS_FROM = 0.2
#: Format characters real writing uses: soft hyphen, zero-width space and (non-)joiners, direction marks and
#: controls (removed later, but not a sign of a wrong decoding), word joiner, byte-order mark, Arabic letter mark.
_WRITING_FORMATS = frozenset("\u00ad\u200b\u200c\u200d\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2060\u2066\u2067")
_WRITING_FORMATS |= frozenset("\u2068\u2069\ufeff\u061c")


def reads_as_text(text: str) -> bool:
    """False when unassigned, private-use or stray format characters make up more than 1% of the text."""
    sample = text[:SAMPLE_CHARS]
    if sample.isascii():  # no ASCII character is unassigned, private-use or a format character
        return True
    junk = sum(count for char, count in Counter(non_ascii(sample)).items() if _is_junk(char))  # each once
    return junk <= max(2, MAX_JUNK_SHARE * len(sample))


def _is_junk(char: str) -> bool:
    category = unicodedata.category(char)
    return category in ("Cn", "Co", "Cs") or (category == "Cf" and char not in _WRITING_FORMATS)


def reads_as_words(text: str) -> bool:
    """``reads_as_text``, and where most characters are not ASCII, few mojibake shapes per such character."""
    if not reads_as_text(text):
        return False
    sample = text[:SAMPLE_CHARS]
    beyond_ascii = len(non_ascii(sample))
    if beyond_ascii < JUDGE_WORDS_FROM * len(sample):
        return True
    return oddities(sample) <= MAX_ODDITY_RATE * beyond_ascii
