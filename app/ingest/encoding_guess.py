"""Guess the legacy 8-bit encoding of text that is not UTF-8.

charset-normalizer alone guesses wrong on the short files analysts save: a
French paragraph in Windows-1252 comes back as Windows-1250 ("trčs"), a
line of Arabic in Windows-1256 as Hebrew or Big5. So each plausible
encoding is tried, and the decoding that reads most like real words wins;
ties go to the encodings analysts' sources most often use. Mojibake has
tell-tale shapes (scripts switching inside a word, symbols glued to letters,
capitals after small letters, accented "words" without a plain letter) that
real text almost never has.
"""

from __future__ import annotations

import unicodedata

import charset_normalizer

from app.text.scripts import main_script, script_of

#: In order of preference when two decodings read equally well.
CANDIDATES = ("cp1252", "cp1256", "cp1251", "cp1254", "cp1250", "cp1253", "cp1255", "cp1257")
#: Enough text to judge an encoding; the winner then decodes the whole file.
SAMPLE_BYTES = 16 * 1024
#: Above this many oddities per non-ASCII character the text would reach the brief garbled.
MAX_ODDITY_RATE = 0.5

_HEBREW_FINALS = set("ךםןףץ")
_ICELANDIC_ONLY = set("þðÞÐ")  # what Turkish ş and ğ become when Windows-1254 is read as Windows-1252
_DIRECTION_MARKS = set("\u200e\u200f")
_QUOTES_AND_DASHES = set("«»‘’‚“”„‹›–—…·•")


def guess_encoding(data: bytes) -> str | None:
    """The most plausible encoding of ``data``, or None when every decoding reads like mojibake."""
    sample = _sample(data)
    decoded: dict[str, str] = {}
    for encoding in _candidates(sample):
        try:
            decoded[encoding] = sample.decode(encoding)
        except (UnicodeDecodeError, LookupError):
            continue
    scores = {encoding: oddities(text) for encoding, text in decoded.items()}
    non_ascii = sum(1 for byte in sample if byte >= 0x80) or 1
    for encoding in _break_ties(sample, decoded, scores):
        if scores[encoding] / non_ascii > MAX_ODDITY_RATE:
            return None
        try:
            data.decode(encoding)
        except UnicodeDecodeError:
            continue  # a byte the sample did not show is undefined in this encoding
        return encoding
    return None


def _break_ties(sample: bytes, decoded: dict[str, str], scores: dict[str, int]) -> list[str]:
    """Equally clean decodings in different scripts (Hebrew or Cyrillic?) go to charset-normalizer's letter statistics.

    Ties within one script keep the preference order, where those statistics are weakest (French read as Czech).
    """
    ranked = sorted(scores, key=scores.__getitem__)
    tied = [encoding for encoding in ranked if encoding in CANDIDATES and scores[encoding] == scores[ranked[0]]]
    if len({_main_non_ascii_script(decoded[encoding]) for encoding in tied}) < 2:
        return ranked  # also when the best is charset-normalizer's multi-byte pick: it won outright
    opinion = [match.encoding for match in charset_normalizer.from_bytes(sample, cp_isolation=tied)]
    tied.sort(key=lambda encoding: opinion.index(encoding) if encoding in opinion else len(opinion))
    return tied + [encoding for encoding in ranked if encoding not in tied]


def _main_non_ascii_script(text: str) -> str | None:
    return main_script("".join(ch for ch in text if not ch.isascii()))


def _sample(data: bytes) -> bytes:
    """The first part of the file, cut at a line end so no multi-byte character is split."""
    if len(data) <= SAMPLE_BYTES:
        return data
    cut = data.rfind(b"\n", 0, SAMPLE_BYTES)
    return data[: cut + 1] if cut > 0 else data[:SAMPLE_BYTES]


def _candidates(sample: bytes) -> list[str]:
    """The usual 8-bit encodings plus charset-normalizer's pick, which covers the multi-byte Asian ones."""
    candidates = list(CANDIDATES)
    best = charset_normalizer.from_bytes(sample).best()
    if best is not None and best.encoding not in candidates:
        candidates.append(best.encoding)
    return candidates


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
                score += 2
            if char.isupper() and previous.islower() and not (char.isascii() and previous.isascii()):
                score += 1
            if char in _HEBREW_FINALS and index + 1 < len(token) and script_of(token[index + 1]) == "Hebrew":
                score += 1
            score += char in _ICELANDIC_ONLY
            latin += script == "Latin"
            ascii_letters += char.isascii()
        elif char in _DIRECTION_MARKS and _between_letters(token.replace("\u200f", "\u200e"), index, skip="\u200e"):
            score += 2  # Windows-1256 puts these marks where Windows-1254 has ı and ş
        elif category[0] == "S" and not char.isascii() and _touches_letter(token, index):
            score += 2
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
    """Whether letters sit on both sides of ``token[index]``, looking past any ``skip`` characters."""
    before = token[:index].rstrip(skip)
    after = token[index + 1 :].lstrip(skip)
    return bool(before and after) and before[-1].isalpha() and after[0].isalpha()
