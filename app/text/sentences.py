"""Sentences of a paragraph, and short forms of text for leads, key points and derived titles.

Sentence boundaries come from sentencex (Wikimedia's maintained, rule-based
segmenter: about 300 languages, abbreviation lists per language, pure Python
and fast), so "U.N." and "Prof." do not end a sentence and Arabic text splits
at its own punctuation.
"""

from __future__ import annotations

from sentencex import segment

from app.text.datelines import strip_dateline

#: Language used when a text's own is unknown.
DEFAULT_LANGUAGE = "en"


def split_sentences(text: str, language: str = "") -> list[str]:
    """The sentences of a paragraph, stripped, in the rules of ``language`` (an ISO 639-1 code; English if unknown)."""
    pieces = (piece.strip() for piece in segment(language or DEFAULT_LANGUAGE, text.strip()))
    return [piece for piece in pieces if piece]


def first_sentences(text: str, count: int = 2, language: str = "") -> str:
    return " ".join(split_sentences(strip_dateline(text), language)[:count])


def shorten(text: str, limit: int = 90) -> str:
    """Cut at a word boundary and mark the cut, so derived titles stay readable."""
    text = " ".join(text.split()).rstrip(".")
    if len(text) <= limit:
        return text
    cut = text[: limit + 1].rsplit(" ", 1)[0].rstrip(",;:—– ")
    return cut + "…"
