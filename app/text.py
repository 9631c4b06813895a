"""Small text helpers shared by ingest, templating and the GUI: sentences, datelines, shortening."""

from __future__ import annotations

import datetime as dt
import re

_SENTENCE_END = re.compile(r"(?:(?<=[.!?])|(?<=[.!?][\"”’)]))\s+(?=[\"“‘(]?[A-Z0-9])")
_ABBREVIATIONS = ("Mr.", "Mrs.", "Ms.", "Dr.", "Gen.", "Col.", "Lt.", "Sen.", "Rep.", "St.", "U.S.", "U.K.", "No.")

#: A dateline's place or outlet: one or two capitalised words ("Peregraf", "Abu Dhabi"), or up to four words in
#: capitals, perhaps with a state after a comma ("BAGHDAD", "WASHINGTON, D.C.", "LOS ANGELES, Calif.").
#: Never more: "Foreign Minister Fuad Hussein — speaking on Monday — said" opens with its subject, not a dateline.
_PLACE = (
    r"(?:[A-Z][A-Z.&'’-]*(?: [A-Z][A-Z.&'’-]*){0,3}(?:, [A-Z][\w.&'’-]*(?: [A-Z][\w.&'’-]*)?)?"
    r"|[A-Z][\w.&'’-]*(?: [A-Z][\w.&'’-]*)?)"
)
#: "Peregraf — ", "BAGHDAD (Reuters) — ", "Reuters - " at the start of a lead paragraph.
DATELINE = re.compile(
    rf"^(?P<place>{_PLACE})(?:\s*\((?P<outlet>[^()\n]{{2,40}})\))?\s+[—–]\s+"
    rf"|^(?P<plain>{_PLACE})(?:\s*\((?P<plain_outlet>[^()\n]{{2,40}})\))? - "
)
#: Terminal escape sequences, in 7- and 8-bit forms: CSI ("ESC [ 2 J", "ESC [ 31 m"), string commands such as OSC
#: ("ESC ] 0 ; title BEL") when terminated on the same line, and two-character ones ("ESC c").
_ESCAPE_SEQUENCE = re.compile(
    r"(?:\x1b\[|\x9b)[0-?]*[ -/]*[@-~]"
    r"|(?:\x1b[\]PX^_]|[\x90\x98\x9d\x9e\x9f])[^\x07\x1b\x9c\n]{0,2048}(?:\x07|\x1b\\|\x9c)"
    r"|\x1b[!-/]*[0-~]?"
)
#: Control characters that end a line for str.splitlines (form feed, vertical tab, separators, NEL): kept as breaks.
_LINE_BREAK_CONTROLS = re.compile(r"[\x0b\x0c\x1c-\x1e\x85]")
#: Every other C0 and C1 control character, and DEL; tab, line feed and carriage return are kept.
_CONTROLS = re.compile(r"[\x00-\x08\x0e-\x1f\x7f-\x9f]")


def strip_controls(text: str) -> str:
    """Text without terminal escape sequences or control characters other than tab, line feed and return.

    They would reach a terminal through ``briefgen inspect`` and a brief through its sections. Form feeds and
    other line-ending controls become line feeds, so the words they separated stay apart.
    """
    text = _ESCAPE_SEQUENCE.sub("", text)
    text = _LINE_BREAK_CONTROLS.sub("\n", text)
    return _CONTROLS.sub("", text)


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
    outlet = match.group("outlet") or match.group("place") or match.group("plain_outlet") or match.group("plain") or ""
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
