"""A source's language from its text: the dominant script, then a few telling letters or words.

Briefs cite sources in many languages and the GUI shows which is which; a
script count is reliable for Arabic, Cyrillic and the rest, and the most
common function words separate the main Latin-script languages.

The answer is the nearest language this module knows, not a certainty: text
in the Arabic, Cyrillic or Han script always gets one of its languages here (Urdu
reads as Persian, Bulgarian as Russian, Marathi as Hindi), and Latin-script text gets English,
French, German or Spanish once that language's function words make up 5% of
its words (so Italian may read as French).  Only text with no letters, Latin
text below that share, and scripts without a rule here give ''.
"""

from __future__ import annotations

import re

from app.text.scripts import script_counts

#: Enough text for a stable answer without scanning a whole book.
SAMPLE_CHARS = 20_000

_KURDISH = set("ەێۆڵڕ")  # Sorani letters that Arabic and Persian never use
_PERSIAN = set("پچژگکی")  # Persian letters that Arabic does not use (Kurdish shares some, checked first)
_UKRAINIAN = set("іїєґІЇЄҐ")

_FUNCTION_WORDS = {
    "en": {"the", "and", "of", "to", "in", "is", "that", "for", "was", "with", "on", "said", "has", "are"},
    "fr": {"le", "la", "les", "des", "est", "une", "dans", "du", "pour", "qui", "avec", "sur", "pas", "au"},
    "de": {"der", "die", "und", "das", "ist", "nicht", "mit", "den", "von", "zu", "ein", "sich", "auf", "dem"},
    "es": {"el", "los", "las", "del", "por", "una", "con", "para", "como", "pero", "su", "al", "se", "lo"},
}
_WORD = re.compile(r"[^\W\d_]+")

#: Scripts written by one main language (Devanagari also writes Marathi and Nepali, Bengali also Assamese).
_SIMPLE = {
    "Hebrew": "he", "Greek": "el", "Thai": "th", "Hangul": "ko", "Kana": "ja", "Devanagari": "hi", "Bengali": "bn",
    "Gurmukhi": "pa", "Gujarati": "gu", "Tamil": "ta", "Telugu": "te", "Kannada": "kn", "Malayalam": "ml",
    "Sinhala": "si", "Lao": "lo", "Tibetan": "bo", "Myanmar": "my", "Ethiopic": "am", "Khmer": "km",
}  # fmt: skip


def detect_language(text: str) -> str:
    """An ISO 639 code ('ar', 'en', 'ckb' …) for the text's main language, or '' when no rule applies."""
    sample = text[:SAMPLE_CHARS]
    counts = script_counts(sample)
    if not counts:
        return ""
    script, _ = counts.most_common(1)[0]
    if script == "Arabic":
        return _arabic_script_language(sample)
    if script == "Cyrillic":
        return "uk" if _share(sample, _UKRAINIAN) > 0.01 else "ru"
    if script == "Latin":
        return _latin_language(sample)
    if script == "Han":
        return "ja" if counts["Kana"] > counts["Han"] * 0.1 else "zh"
    return _SIMPLE.get(script, "")


def _share(text: str, letters: set[str]) -> float:
    total = sum(1 for ch in text if ch.isalpha())
    return sum(1 for ch in text if ch in letters) / total if total else 0.0


def _arabic_script_language(sample: str) -> str:
    if _share(sample, _KURDISH) > 0.01:
        return "ckb"
    if _share(sample, _PERSIAN) > 0.01:
        return "fa"
    return "ar"


def _latin_language(sample: str) -> str:
    words = [w.lower() for w in _WORD.findall(sample)]
    if not words:
        return ""
    scores = {lang: sum(1 for w in words if w in vocab) / len(words) for lang, vocab in _FUNCTION_WORDS.items()}
    best = max(scores, key=scores.__getitem__)
    return best if scores[best] >= 0.05 else ""
