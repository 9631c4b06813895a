"""Guess the legacy 8-bit encoding of text that is not UTF-8.

charset-normalizer alone guesses wrong on the short files analysts save: a
French paragraph in Windows-1252 comes back as Windows-1250 ("trčs"), a
line of Arabic in Windows-1256 as Hebrew or Big5. So each plausible
encoding is tried, and the decoding that reads most like real words wins:
the fewest mojibake shapes (``mojibake.oddities``), then the accented
letters that best fit one language (``alphabets.misfit``: Czech read as
Windows-1252 is clean letter by letter, "vèera", but mixes è, ì and ø as
no language does). Ties go to the encodings analysts' sources most often use.
"""

from __future__ import annotations

import charset_normalizer

from app.ingest.alphabets import misfit
from app.ingest.mojibake import MAX_ODDITY_RATE, oddities
from app.text.scripts import main_script

#: In order of preference when two decodings read equally well.
CANDIDATES = ("cp1252", "cp1256", "cp1251", "cp1254", "cp1250", "cp1253", "cp1255", "cp1257")
#: Enough text to judge an encoding; the winner then decodes the whole file.
SAMPLE_BYTES = 16 * 1024


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
    ranks = {encoding: scores[encoding] + misfit(text) for encoding, text in decoded.items()}
    non_ascii = sum(1 for byte in sample if byte >= 0x80) or 1
    for encoding in _break_ties(sample, decoded, ranks):
        if scores[encoding] / non_ascii > MAX_ODDITY_RATE:
            return None
        try:
            data.decode(encoding)
        except UnicodeDecodeError:
            continue  # a byte the sample did not show is undefined in this encoding
        return encoding
    return None


def _break_ties(sample: bytes, decoded: dict[str, str], ranks: dict[str, int]) -> list[str]:
    """Equally good decodings in different scripts (Hebrew or Cyrillic?) go to charset-normalizer's letter statistics.

    Ties within one script keep the preference order, where those statistics are weakest (French read as Czech).
    """
    ranked = sorted(ranks, key=ranks.__getitem__)
    tied = [encoding for encoding in ranked if encoding in CANDIDATES and ranks[encoding] == ranks[ranked[0]]]
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
