"""Short readable ids from headings and titles: section ids, output file names."""

from __future__ import annotations

import re

_SLUG_DROP = re.compile(r"[^\w\s-]", re.UNICODE)


def slugify(text: str, max_words: int = 6) -> str:
    """A short, stable, readable id for a heading ('Legal Measures and …' → 'legal-measures-and-accountability')."""
    words = _SLUG_DROP.sub("", text.lower()).split()
    return "-".join(words[:max_words]) or "section"
