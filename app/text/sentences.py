"""Sentences of a paragraph, and short forms of text for leads, key points and derived titles."""

from __future__ import annotations

import re

from app.text.datelines import strip_dateline

_SENTENCE_END = re.compile(r"(?:(?<=[.!?])|(?<=[.!?][\"”’)]))\s+(?=[\"“‘(]?[A-Z0-9])")
_ABBREVIATIONS = ("Mr.", "Mrs.", "Ms.", "Dr.", "Gen.", "Col.", "Lt.", "Sen.", "Rep.", "St.", "U.S.", "U.K.", "No.")


def split_sentences(text: str) -> list[str]:
    """Sentences of a paragraph; good enough for leads and quotes, not a linguistic tool."""
    parts = _SENTENCE_END.split(text.strip())
    merged: list[str] = []
    for part in parts:
        if merged and merged[-1].endswith(_ABBREVIATIONS):
            merged[-1] = f"{merged[-1]} {part}"
        else:
            merged.append(part)
    return [p for p in merged if p]


def first_sentences(text: str, count: int = 2) -> str:
    return " ".join(split_sentences(strip_dateline(text))[:count])


def shorten(text: str, limit: int = 90) -> str:
    """Cut at a word boundary and mark the cut, so derived titles stay readable."""
    text = " ".join(text.split()).rstrip(".")
    if len(text) <= limit:
        return text
    cut = text[: limit + 1].rsplit(" ", 1)[0].rstrip(",;:—– ")
    return cut + "…"
