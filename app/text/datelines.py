"""News datelines ("BAGHDAD (Reuters) — "): the outlet they name, and the text without them."""

from __future__ import annotations

import re

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
