"""A source's language from its text: the dominant script, then a language identifier or a telling letter.

Briefs cite sources in many languages and the GUI shows which is which. A
script count settles the languages that have a script of their own (Hebrew,
Greek, Thai …). Where a script is shared — Latin, Arabic, Cyrillic, Devanagari,
Bengali — CLD2 (Chromium's compact language detector, through pycld2) tells the
languages apart, Italian from French and Urdu from Persian. Its tables are
compiled into the extension, so it works offline, imports in milliseconds and
reads a page of text in a fraction of a millisecond: a model loaded in Python
(langid's, tried before) took a third of a second to load and most of the time
of reading a short text file.

Letters stay the judge where they are surer than the model: Sorani Kurdish has
letters Arabic and Persian never use (CLD2 has one 'Kurdish'), Persian letters
separate Persian from Arabic, and Ukrainian letters Ukrainian from Russian.
When the identifier is unsure, Latin-script text gets '' and the other shared
scripts their main language, as do text with no letters ('') and scripts
without a rule here ('').
"""

from __future__ import annotations

import re

import pycld2  # type: ignore[import-untyped]

from app.text.scripts import script_counts

#: Enough text for a stable script count without scanning a whole book.
SAMPLE_CHARS = 20_000
#: Below this share of the text (among the script's languages) the identifier's answer is a guess: a page that is
#: as much English as Italian has no one language.
MIN_SHARE = 0.5
#: Characters CLD2 refuses as invalid UTF-8: controls other than white space, surrogates and non-characters.
_REFUSED = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufdd0-\ufdef\ufffe\uffff]")

_KURDISH = set("ەێۆڵڕ")  # Sorani letters that Arabic and Persian never use
_PERSIAN = set("پچژگکی")  # Persian letters that Arabic does not use (Kurdish shares some, checked first)
_UKRAINIAN = set("іїєґІЇЄҐ")

#: Scripts written by one main language (Devanagari also writes Marathi and Nepali, Bengali also Assamese).
_SIMPLE = {
    "Hebrew": "he", "Greek": "el", "Thai": "th", "Hangul": "ko", "Kana": "ja", "Devanagari": "hi", "Bengali": "bn",
    "Gurmukhi": "pa", "Gujarati": "gu", "Tamil": "ta", "Telugu": "te", "Kannada": "kn", "Malayalam": "ml",
    "Sinhala": "si", "Lao": "lo", "Tibetan": "bo", "Myanmar": "my", "Ethiopic": "am", "Khmer": "km",
}  # fmt: skip
#: CLD2's languages for each shared script: its answer is the likeliest of the text's script (an English quote
#: inside an Arabic article does not make the article English).
_SCRIPT_LANGUAGES = {
    "Latin": {
        "aa", "af", "ak", "ay", "az", "bi", "br", "bs", "ca", "ceb", "co", "crs", "cs", "cy", "da", "de", "en", "eo",
        "es", "et", "eu", "fi", "fj", "fo", "fr", "fy", "ga", "gd", "gl", "gn", "gv", "ha", "haw", "hmn", "hr", "ht",
        "hu", "ia", "id", "ie", "ig", "ik", "is", "it", "jv", "kl", "ku", "la", "lb", "lg", "ln", "lt", "lv", "mfe",
        "mg", "mi", "ms", "mt", "na", "nl", "nn", "no", "nr", "nso", "ny", "oc", "om", "pl", "pt", "qu", "rm", "rn",
        "ro", "rw", "sco", "sg", "sk", "sl", "sm", "sn", "so", "sq", "sr", "ss", "st", "su", "sv", "sw", "tk", "tl",
        "tn", "to", "tr", "ts", "uz", "ve", "vi", "vo", "war", "wo", "xh", "yo", "za", "zu",
    },
    "Arabic": {"ar", "fa", "ur", "ps", "ug", "sd"},
    "Cyrillic": {"ru", "uk", "bg", "be", "mk", "sr", "kk", "ky", "mn", "tg", "tt", "ba", "ab"},
    "Devanagari": {"hi", "mr", "ne", "sa", "bh"},
    "Bengali": {"bn", "as"},
}  # fmt: skip
#: CLD2's old code for Javanese, reported by today's ISO 639-1 code.
_ALIASES = {"jw": "jv"}


def detect_language(text: str) -> str:
    """An ISO 639 code ('ar', 'en', 'ckb' …) for the text's main language, or '' when unsure."""
    sample = text[:SAMPLE_CHARS]
    counts = script_counts(sample)
    if not counts:
        return ""
    script, _ = counts.most_common(1)[0]
    if script == "Han":
        return "ja" if counts["Kana"] > counts["Han"] * 0.1 else "zh"
    if script == "Arabic":
        return _arabic_script_language(sample)
    if script == "Cyrillic":
        found = _identify(sample, _SCRIPT_LANGUAGES["Cyrillic"])
        return "uk" if found in ("", "ru") and _share(sample, _UKRAINIAN) > 0.01 else found or "ru"
    if script == "Latin":
        return _identify(sample, _SCRIPT_LANGUAGES["Latin"])
    if script in _SCRIPT_LANGUAGES:  # Devanagari, Bengali
        return _identify(sample, _SCRIPT_LANGUAGES[script]) or _SIMPLE[script]
    return _SIMPLE.get(script, "")


def _share(text: str, letters: set[str]) -> float:
    total = sum(1 for ch in text if ch.isalpha())
    return sum(1 for ch in text if ch in letters) / total if total else 0.0


def _arabic_script_language(sample: str) -> str:
    """Sorani by its letters; Urdu, Pashto … by the identifier; Persian or Arabic by Persian letters."""
    if _share(sample, _KURDISH) > 0.01:
        return "ckb"
    found = _identify(sample, _SCRIPT_LANGUAGES["Arabic"])
    if found not in ("", "ar", "fa"):
        return found
    return "fa" if _share(sample, _PERSIAN) > 0.01 else "ar"


def _identify(sample: str, languages: set[str]) -> str:
    """The identifier's likeliest language among ``languages``, or '' when it covers too little of the text."""
    try:
        _, _, found = pycld2.detect(_REFUSED.sub(" ", sample), isPlainText=True)
    except pycld2.error:  # bytes it still finds invalid: no answer rather than no source
        return ""
    ranked = [(_ALIASES.get(code, code), share) for _, code, share, _ in found if share > 0]
    ranked = [(code, share) for code, share in ranked if code in languages]
    total = sum(share for _, share in ranked)
    if not ranked or ranked[0][1] / total < MIN_SHARE:
        return ""
    return ranked[0][0]
