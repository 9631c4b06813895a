"""News datelines ("BAGHDAD (Reuters) — "): the outlet they name, and the text without them.

A dateline names a place and often an outlet: the outlet is the publisher in
parentheses ("(Reuters)", "(AP)"), or a name before the dash written as a name
("Peregraf — "). A word in capitals before the dash is the place the story was
filed from ("TRENTON — ", "HUNTSVILLE, Alabama — "), never the outlet.
"""

from __future__ import annotations

import re

#: A word of a place in capitals: "BAGHDAD", "D.C.", "McALLEN" (a Mc/Mac/De prefix in lower case).
_CAPS_WORD = r"[A-Z](?:[a-z]{1,3}(?=[A-Z]))?[A-Z.&'’-]*"
_NAME_WORD = r"[A-Z][\w.&'’-]*"
#: A place in capitals: up to four words, perhaps with a state after a comma ("LOS ANGELES, Calif.").
_CAPS_PLACE = rf"{_CAPS_WORD}(?: {_CAPS_WORD}){{0,3}}(?:, {_NAME_WORD}(?: {_NAME_WORD})?)?"
#: A name before the dash ("Peregraf", "Abu Dhabi"): one or two words, never more, for "Foreign Minister Fuad
#: Hussein — speaking on Monday — said" opens with its subject, not a dateline.
_NAME = rf"{_NAME_WORD}(?: {_NAME_WORD})?"
#: Before an outlet in parentheses anything capitalised may stand: "SURABAYA, Indonesia/JAKARTA (Reuters) -".
_PLACE_BEFORE_OUTLET = r"[A-Z][\w.&'’/-]*(?:,? [A-Z][\w.&'’/-]*){0,5}"
#: A publisher in parentheses starts with a capital or is a short lower-case name ("dpa"): "(center)" is not one.
_OUTLET = r"[A-Z0-9][^()\n]{1,39}|[a-z]{2,4}"
#: The dash after a dateline: an em or en dash, or two hyphens where a typewriter had no dash ("(CNN) --").
_DASH = r"(?:[—–]|--)"
DATELINE = re.compile(
    rf"^(?:{_PLACE_BEFORE_OUTLET}\s*)?\((?P<outlet>{_OUTLET})\)\s*(?:{_DASH}|-)\s+"
    rf"|^(?P<place>{_CAPS_PLACE}|{_NAME})\s+{_DASH}\s+"
    rf"|^(?P<plain>{_CAPS_PLACE}|{_NAME}) - "
)


def dateline_outlet(paragraph: str) -> str:
    """The outlet named by a news dateline, or '' (no dateline, or one that names only a place)."""
    match = DATELINE.match(paragraph)
    if not match:
        return ""
    if match.group("outlet"):
        return match.group("outlet").strip()
    name = match.group("place") or match.group("plain") or ""
    return "" if _in_capitals(name) else name.strip()


def _in_capitals(name: str) -> bool:
    """Whether a dateline's first word is written in capitals, as places are ("TRENTON", "McALLEN")."""
    first = name.split()[0].rstrip(",") if name.split() else ""
    return sum(ch.isalpha() for ch in first) >= 2 and re.fullmatch(_CAPS_WORD, first) is not None


def strip_dateline(paragraph: str) -> str:
    match = DATELINE.match(paragraph)
    return paragraph[match.end() :] if match else paragraph
