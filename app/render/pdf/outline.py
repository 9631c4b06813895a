"""The PDF outline entry a heading paragraph carries until the doc template places it and bookmarks it.

Its own module because both kinds of paragraph (reportlab's, in chunks, and the right-to-left one, in bidi)
declare it, and neither may import the other.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class OutlineEntry:
    """A heading's level (1 is the top) and its text, as the PDF viewer's outline shows it."""

    level: int
    title: str
