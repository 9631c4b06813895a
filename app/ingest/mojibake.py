"""How much decoded text looks like mojibake: the measure that tells a right decoding from a wrong one.

Text decoded in the wrong 8-bit encoding has tell-tale shapes that real
writing almost never has: scripts switching inside a word, symbols and
superscripts glued into words, capitals after small letters, accented
"words" without a plain letter. Each such spot scores; clean text scores 0.
Japanese writes Han characters and kana inside one word, so that switch
does not count. Every check looks only at a character's neighbours, so
scoring is linear even in a word a hundred thousand characters long.
"""

from __future__ import annotations

import unicodedata

from app.text.scripts import script_of

#: Above this many oddities per non-ASCII character the text would reach a brief garbled.
MAX_ODDITY_RATE = 0.5

_HEBREW_FINALS = set("ךםןףץ")
_ICELANDIC_ONLY = set("þðÞÐ")  # what Turkish ş and ğ become when Windows-1254 is read as Windows-1252
_DIRECTION_MARKS = "\u200e\u200f"
_QUOTES_AND_DASHES = set("«»‘’‚“”„‹›–—…·•")
#: Scripts written together inside one word: no sign of a wrong decoding.
_MIXED_IN_WORDS = frozenset({frozenset({"Han", "Kana"})})


def oddities(text: str) -> int:
    """How much ``text`` looks like mojibake: 0 for clean text, growing with every implausible spot."""
    score = 0
    for token in text.split():
        if not token.isascii():  # plain ASCII words cannot be mojibake
            score += _token_oddities(token)
    return score


def _token_oddities(token: str) -> int:
    score = 0
    latin = ascii_letters = 0
    previous = ""
    previous_script: str | None = None
    for index, char in enumerate(token):
        category = unicodedata.category(char)
        script = script_of(char)
        if category in ("Cc", "Co", "Cn"):
            score += 5
        elif category == "Mn" and not (previous.isalpha() or unicodedata.category(previous or " ") == "Mn"):
            score += 2  # a combining mark with no letter to sit on
        elif script:
            if previous_script and script != previous_script and previous.isalpha():
                score += 2 * (frozenset({script, previous_script}) not in _MIXED_IN_WORDS)
            if char.isupper() and previous.islower() and not (char.isascii() and previous.isascii()):
                score += 1
            if char in _HEBREW_FINALS and index + 1 < len(token) and script_of(token[index + 1]) == "Hebrew":
                score += 1
            score += char in _ICELANDIC_ONLY
            latin += script == "Latin"
            ascii_letters += char.isascii()
        elif char in _DIRECTION_MARKS and _between_letters(token, index, skip=_DIRECTION_MARKS):
            score += 2  # Windows-1256 puts these marks where Windows-1254 has ı and ş
        elif category[0] == "S" and not char.isascii() and _touches_letter(token, index):
            score += 2
        elif category == "No" and not char.isascii() and _between_letters(token, index):
            score += 2  # "Rz¹d og³osi³": Polish ą and ł read as Windows-1252 superscripts ("km²" stays clean)
        elif category[0] == "P" and not char.isascii() and char not in _QUOTES_AND_DASHES:
            score += int(_between_letters(token, index))
        previous = char
        if script:
            previous_script = script
    if latin >= 3 and not ascii_letters:
        score += 2  # Latin-script words almost always contain a plain a–z letter
    return score


def _touches_letter(token: str, index: int) -> bool:
    before = token[index - 1] if index else ""
    after = token[index + 1] if index + 1 < len(token) else ""
    return before.isalpha() or after.isalpha()


def _between_letters(token: str, index: int, skip: str = "") -> bool:
    """Whether letters sit on both sides of ``token[index]``, looking past up to three ``skip`` characters each way
    (a bounded look, so a run of a hundred thousand marks still costs linear time)."""
    before, after = index - 1, index + 1
    while before >= max(index - 4, 0) and token[before] in skip:
        before -= 1
    while after < min(index + 4, len(token)) and token[after] in skip:
        after += 1
    return before >= 0 and after < len(token) and token[before].isalpha() and token[after].isalpha()
