"""Which writing system a letter belongs to.

Encoding guesses, language detection and heading detection all need to know
whether text is Latin, Arabic, Cyrillic … without a heavy dependency; a short
table of Unicode blocks is enough for the scripts analysts meet.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections import Counter

_BLOCKS: list[tuple[int, int, str]] = [
    (0x0041, 0x005A, "Latin"),
    (0x0061, 0x007A, "Latin"),
    (0x00C0, 0x024F, "Latin"),
    (0x0370, 0x03FF, "Greek"),
    (0x0400, 0x052F, "Cyrillic"),
    (0x0590, 0x05FF, "Hebrew"),
    (0x0600, 0x06FF, "Arabic"),
    (0x0750, 0x077F, "Arabic"),
    (0x08A0, 0x08FF, "Arabic"),
    (0x0900, 0x097F, "Devanagari"),
    (0x0980, 0x09FF, "Bengali"),
    (0x0A00, 0x0A7F, "Gurmukhi"),
    (0x0A80, 0x0AFF, "Gujarati"),
    (0x0B80, 0x0BFF, "Tamil"),
    (0x0C00, 0x0C7F, "Telugu"),
    (0x0C80, 0x0CFF, "Kannada"),
    (0x0D00, 0x0D7F, "Malayalam"),
    (0x0D80, 0x0DFF, "Sinhala"),
    (0x0E00, 0x0E7F, "Thai"),
    (0x0E80, 0x0EFF, "Lao"),
    (0x0F00, 0x0FFF, "Tibetan"),
    (0x1000, 0x109F, "Myanmar"),
    (0x1100, 0x11FF, "Hangul"),
    (0x1200, 0x139F, "Ethiopic"),
    (0x1780, 0x17FF, "Khmer"),
    (0x1E00, 0x1EFF, "Latin"),
    (0x1F00, 0x1FFF, "Greek"),
    (0x3040, 0x30FF, "Kana"),
    (0x3130, 0x318F, "Hangul"),
    (0x3400, 0x4DBF, "Han"),
    (0x4E00, 0x9FFF, "Han"),
    (0xAC00, 0xD7AF, "Hangul"),
    (0xF900, 0xFAFF, "Han"),
    (0xFB1D, 0xFB4F, "Hebrew"),
    (0xFB50, 0xFDFF, "Arabic"),
    (0xFE70, 0xFEFF, "Arabic"),
]
_STARTS = [start for start, _, _ in _BLOCKS]

#: The scripts of South and South-East Asia and of Ethiopia listed above: all without case.
_BRAHMIC_AND_OTHERS = {
    "Devanagari", "Bengali", "Gurmukhi", "Gujarati", "Tamil", "Telugu", "Kannada", "Malayalam", "Sinhala", "Lao",
    "Tibetan", "Myanmar", "Ethiopic", "Khmer",
}  # fmt: skip
#: Scripts whose letters have no upper and lower case, so capitalisation says nothing about headings.
CASELESS = frozenset({"Arabic", "Hebrew", "Thai", "Kana", "Han", "Hangul", "Other", *_BRAHMIC_AND_OTHERS})


def script_of(char: str) -> str | None:
    """The script of a letter ('Latin', 'Arabic' …, 'Other' for unlisted letters); None for non-letters."""
    if not char.isalpha():
        return None
    code = ord(char)
    index = bisect_right(_STARTS, code) - 1
    if index >= 0 and code <= _BLOCKS[index][1]:
        return _BLOCKS[index][2]
    return "Other"


#: Every ASCII byte that is not a letter, deleted to count the ASCII letters (all Latin).
_ASCII_NOT_LETTERS = bytes(b for b in range(128) if not chr(b).isalpha())
_ASCII_RUNS = re.compile(r"[\x00-\x7f]+")


def non_ascii(text: str) -> str:
    """The text's characters beyond ASCII, in order: what is left to look at once ASCII is settled in bulk."""
    return _ASCII_RUNS.sub("", text)


def script_counts(text: str) -> Counter[str]:
    """How many letters of each script the text holds.

    ASCII letters are counted by deleting the rest in C; other characters are counted first (in C), then each
    distinct one is looked up once: a text has a few dozen distinct letters, so this costs little more than
    reading it (counting every character of an English text took a sixth of reading it).
    """
    counts: Counter[str] = Counter()
    latin = len(text.encode("ascii", "ignore").translate(None, _ASCII_NOT_LETTERS))
    if latin:
        counts["Latin"] = latin
    if not text.isascii():
        for char, count in Counter(non_ascii(text)).items():
            script = script_of(char)
            if script:
                counts[script] += count
    return counts


def main_script(text: str) -> str | None:
    return dominant_script(script_counts(text))


def dominant_script(counts: Counter[str]) -> str | None:
    """The script with the most letters in ``counts`` (from ``script_counts``, or several added up); None for none."""
    return counts.most_common(1)[0][0] if counts else None
