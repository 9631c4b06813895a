"""Find quoted speech and its speaker in a passage, for a brief's "Key quotes".

A heuristic, tuned on news prose: a quotation of several words followed or
preceded by "<Name> said/stated/…".  A surname is expanded to the full name
when the passage names the person in full elsewhere.
"""

from __future__ import annotations

import re

_VERBS = (
    r"(?:said|says|stated|states|added|adds|told|warned|warns|noted|notes|explained|declared|argued|wrote|according to)"
)
_NAME = r"(?P<speaker>[A-Z][\w'’.-]+(?:\s+(?:al-|bin\s+|de\s+|van\s+)?[A-Z][\w'’.-]+){0,3})"
_QUOTED = r"[“\"](?P<quote>[^”\"]{12,600}?)[”\"]"
_AFTER = re.compile(_QUOTED + r"\s*,?\s*" + _NAME + r"\s+" + _VERBS)
_AFTER_VERB_FIRST = re.compile(_QUOTED + r"\s*,?\s*" + _VERBS + r"\s+" + _NAME)
_BEFORE = re.compile(_NAME + r"\s+" + _VERBS + r"\s*[:,]?\s*" + _QUOTED)
_MIN_WORDS = 4


def find_quotes(text: str) -> list[tuple[str, str]]:
    """(quotation, speaker) pairs in order of appearance, each quotation once."""
    found: dict[int, tuple[str, str]] = {}
    for pattern in (_AFTER, _AFTER_VERB_FIRST, _BEFORE):
        for match in pattern.finditer(text):
            quote = match.group("quote").strip().rstrip(",")
            if len(quote.split()) < _MIN_WORDS or match.start("quote") in found:
                continue
            found[match.start("quote")] = (quote, _full_name(match.group("speaker"), text))
    return [found[k] for k in sorted(found)]


def _full_name(speaker: str, text: str) -> str:
    if " " in speaker:
        return speaker
    longer = re.search(r"\b((?:[A-Z][\w'’-]+\s+){1,3})" + re.escape(speaker) + r"\b", text)
    return (longer.group(1) + speaker) if longer else speaker
