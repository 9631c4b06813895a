"""A source's language from its text: the dominant script, then a language identifier or a telling letter.

Briefs cite sources in many languages and the GUI shows which is which. A
script count settles the languages that have a script of their own (Hebrew,
Greek, Thai …). Where a script is shared — Latin, Arabic, Cyrillic, Devanagari,
Bengali — py3langid tells the languages apart, Italian from French and Urdu
from Persian. It is langid.py's maintained fork: a naive Bayes model over byte
n-grams of about 140 languages, shipped inside its wheel, so it works offline.

Letters stay the judge where they are surer than the model: Sorani Kurdish has
letters Arabic and Persian never use (the model has no Sorani), Persian letters
separate Persian from Arabic, and Ukrainian letters Ukrainian from Russian.
When the model is unsure, Latin-script text gets '' and the other shared
scripts their main language, as do text with no letters ('') and scripts
without a rule here ('').
"""

from __future__ import annotations

import pickle
import threading
from functools import cache
from importlib import metadata
from pathlib import Path
from typing import TYPE_CHECKING

from platformdirs import user_cache_dir

from app.core.atomic import write_atomically
from app.text.scripts import script_counts

if TYPE_CHECKING:
    from py3langid.langid import LanguageIdentifier  # type: ignore[import-untyped]

#: Enough text for a stable script count without scanning a whole book.
SAMPLE_CHARS = 20_000
#: The identifier walks its text byte by byte in Python (about half a millisecond per thousand characters, most
#: of ingesting a short text file); a thousand characters, some 150 words, are plenty for its answer.
IDENTIFIER_CHARS = 1_000
#: Below this probability (among the script's languages) the identifier's answer is a guess, not an answer.
MIN_CONFIDENCE = 0.6

_KURDISH = set("ەێۆڵڕ")  # Sorani letters that Arabic and Persian never use
_PERSIAN = set("پچژگکی")  # Persian letters that Arabic does not use (Kurdish shares some, checked first)
_UKRAINIAN = set("іїєґІЇЄҐ")

#: Scripts written by one main language (Devanagari also writes Marathi and Nepali, Bengali also Assamese).
_SIMPLE = {
    "Hebrew": "he", "Greek": "el", "Thai": "th", "Hangul": "ko", "Kana": "ja", "Devanagari": "hi", "Bengali": "bn",
    "Gurmukhi": "pa", "Gujarati": "gu", "Tamil": "ta", "Telugu": "te", "Kannada": "kn", "Malayalam": "ml",
    "Sinhala": "si", "Lao": "lo", "Tibetan": "bo", "Myanmar": "my", "Ethiopic": "am", "Khmer": "km",
}  # fmt: skip
#: The identifier's languages for each shared script: its answer is the likeliest of the text's script.
_SCRIPT_LANGUAGES = {
    "Latin": {
        "ace", "af", "an", "az", "bcl", "br", "bs", "ca", "crh", "cs", "cy", "da", "de", "en", "eo", "es", "et",
        "eu", "ext", "fi", "fo", "fr", "fuv", "fy", "ga", "gcf", "gcr", "gd", "gl", "gug", "guw", "ha", "hr", "ht",
        "hu", "id", "ig", "is", "it", "jv", "kab", "kik", "ku", "la", "lb", "lg", "lij", "ln", "lt", "ltg", "lv",
        "mg", "ms", "mt", "nl", "nn", "no", "nso", "oc", "om", "pcm", "pl", "pt", "qu", "ro", "rw", "se", "sk",
        "sl", "sn", "so", "sq", "sr", "st", "sv", "sw", "tk", "tl", "tr", "uz", "vec", "vi", "vo", "wa", "xh",
        "yo", "zu",
    },
    "Arabic": {"ar", "ary", "arz", "fa", "ur", "ps", "ug", "sdh", "uzs"},
    "Cyrillic": {"ru", "uk", "bg", "be", "mk", "sr", "kk", "ky", "mn", "tg", "tt", "ba"},
    "Devanagari": {"hi", "mr", "ne", "sa", "gom"},
    "Bengali": {"bn", "as"},
}  # fmt: skip
#: Labels the identifier gives that Briefgen reports by their ISO 639-1 code (Moroccan, Egyptian Arabic).
_ALIASES = {"ary": "ar", "arz": "ar"}
_LOCK = threading.Lock()


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
    """The identifier's most probable language among ``languages``, or '' when it is not sure enough."""
    ranked = [(code, p) for code, p in identifier().rank(sample[:IDENTIFIER_CHARS]) if code in languages]
    total = sum(p for _, p in ranked)
    if not ranked or total <= 0 or ranked[0][1] / total < MIN_CONFIDENCE:
        return ""
    return _ALIASES.get(ranked[0][0], ranked[0][0])


def identifier() -> LanguageIdentifier:
    """The identifier, loaded once per process on first use, by one thread while others wait for it."""
    with _LOCK:
        return load_identifier()


@cache
def load_identifier() -> LanguageIdentifier:
    """The model, about 70 MB in memory: from Briefgen's cache when it is there (a tenth of a second), else
    unpacked from the wheel's own compressed data file (most of a second) and cached for the next start.

    The cache is a pickle Briefgen wrote in the analyst's own cache folder, named by the py3langid and numpy
    versions that made it; anything wrong with it (missing, partial, another version) means unpacking again.
    py3langid, and numpy with it, is imported here, so starting Briefgen does not wait for either.
    """
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    cached = model_cache_path()
    try:
        with open(cached, "rb") as handle:
            found = pickle.load(handle)
        if isinstance(found, LanguageIdentifier):
            return found
    except (OSError, EOFError, pickle.UnpicklingError, AttributeError, ImportError, ValueError, TypeError):
        pass
    model = LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)
    try:
        cached.parent.mkdir(parents=True, exist_ok=True)
        write_atomically(cached, pickle.dumps(model, protocol=pickle.HIGHEST_PROTOCOL))
    except OSError:  # a read-only home: the model is simply unpacked again next time
        pass
    return model


def model_cache_path() -> Path:
    import numpy  # imported by py3langid already

    versions = f"{metadata.version('py3langid')}-{numpy.__version__}"
    return Path(user_cache_dir("briefgen", appauthor=False)) / f"language-model-{versions}.pickle"
