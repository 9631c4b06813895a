"""Finding text in sections: which sections match a query, and where, for filtering and highlighting.

Matching is case-insensitive and literal (no regex syntax from the user); it
works on positions in the original text, so a front end can mark exactly the
characters that matched.
"""

from __future__ import annotations

import re

from app.core.model import Section


def _pattern(query: str) -> re.Pattern[str] | None:
    query = " ".join(query.split())
    if not query:
        return None
    # Any run of whitespace in the query matches any run in the text (line breaks, double spaces).
    return re.compile(r"\s+".join(re.escape(word) for word in query.split(" ")), re.IGNORECASE)


def find_spans(text: str, query: str) -> list[tuple[int, int]]:
    """(start, end) of every match of ``query`` in ``text``."""
    pattern = _pattern(query)
    return [m.span() for m in pattern.finditer(text)] if pattern else []


def section_matches(section: Section, query: str) -> bool:
    """A section matches when its heading or its text contains the query; an empty query matches all."""
    pattern = _pattern(query)
    return pattern is None or bool(pattern.search(section.heading) or pattern.search(section.text))


def split_highlights(text: str, query: str) -> list[tuple[str, bool]]:
    """``text`` cut into (piece, is_match) runs, for drawing matches highlighted."""
    pieces: list[tuple[str, bool]] = []
    position = 0
    for start, end in find_spans(text, query):
        if start > position:
            pieces.append((text[position:start], False))
        pieces.append((text[start:end], True))
        position = end
    if position < len(text) or not pieces:
        pieces.append((text[position:], False))
    return pieces


def excerpt(text: str, query: str, before: int = 40, length: int = 160) -> str:
    """A one-line glimpse of ``text`` around the first match (or its opening when nothing matches)."""
    flat = " ".join(text.split())
    spans = find_spans(flat, query)
    start = 0
    if spans and spans[0][0] > before:
        start = flat.rfind(" ", 0, spans[0][0] - before) + 1
    piece = flat[start : start + length]
    if start + length < len(flat):
        piece = piece.rsplit(" ", 1)[0] + "…"
    return ("…" if start else "") + piece
