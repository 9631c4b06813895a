"""Small text helpers shared by ingest, templating and the GUI: sentences, datelines, shortening."""

from __future__ import annotations

import datetime as dt
import re

_SENTENCE_END = re.compile(r"(?:(?<=[.!?])|(?<=[.!?][\"”’)]))\s+(?=[\"“‘(]?[A-Z0-9])")
_ABBREVIATIONS = ("Mr.", "Mrs.", "Ms.", "Dr.", "Gen.", "Col.", "Lt.", "Sen.", "Rep.", "St.", "U.S.", "U.K.", "No.")

#: "Peregraf — ", "BAGHDAD (Reuters) — ", "Reuters - " at the start of a lead paragraph.
DATELINE = re.compile(
    r"^(?P<place>[A-Z][\w.&'’]*(?:,? [A-Z][\w.&'’]*){0,4})\s*(?:\((?P<outlet>[^)]{2,40})\))?\s+[—–]\s+"
    r"|^(?P<plain>[A-Z][\w.&'’]+(?: [A-Z][\w.&'’]+){0,3}) - "
)


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


def dateline_outlet(paragraph: str) -> str:
    """The outlet named by a news dateline, or ''."""
    match = DATELINE.match(paragraph)
    if not match:
        return ""
    outlet = match.group("outlet") or match.group("place") or match.group("plain") or ""
    return outlet.strip()


def strip_dateline(paragraph: str) -> str:
    match = DATELINE.match(paragraph)
    return paragraph[match.end() :] if match else paragraph


def first_sentences(text: str, count: int = 2) -> str:
    return " ".join(split_sentences(strip_dateline(text))[:count])


def shorten(text: str, limit: int = 90) -> str:
    """Cut at a word boundary and mark the cut, so derived titles stay readable."""
    text = " ".join(text.split()).rstrip(".")
    if len(text) <= limit:
        return text
    cut = text[: limit + 1].rsplit(" ", 1)[0].rstrip(",;:—– ")
    return cut + "…"


#: English month names, written out so dates read the same whatever locale Qt or the OS sets.
MONTHS = (
    "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December",
)  # fmt: skip


def format_date(day: dt.date) -> str:
    """'5 March 2026': the form briefs print, independent of the process locale."""
    return f"{day.day} {MONTHS[day.month - 1]} {day.year}"
