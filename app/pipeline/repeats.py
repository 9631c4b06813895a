"""Which sections of the loaded sources repeat each other: where else a section's passages appear.

Analysts with twenty sources need to see that three are the same wire story:
the sources tree marks such sections, ``briefgen inspect`` prints "also in …"
beside them, the checks name items of a brief that say the same thing, and a
brief's sources list can say which outlets also carry an item's passage.
The work (app.text.overlap) is done once per set of sources and kept.
"""

from __future__ import annotations

import threading
from collections.abc import Sequence

from app.core.model import Source
from app.text.overlap import Passage, repeated_passages

#: (source path, section id)
SectionKey = tuple[str, str]

_LOCK = threading.Lock()
_last: tuple[tuple[tuple[str, str, int], ...], dict[SectionKey, list[SectionKey]]] | None = None


def section_repeats(sources: Sequence[Source]) -> dict[SectionKey, list[SectionKey]]:
    """For each section with a passage another source also carries, those sources' sections, in source order."""
    global _last
    key = tuple((s.path, s.sha256, len(s.sections)) for s in sources)
    with _LOCK:
        if _last is not None and _last[0] == key:
            return _last[1]
    if len(sources) < 2:  # a source never repeats itself
        return {}
    passages = [
        Passage((source.path, section.id), source.path, paragraph)
        for source in sources
        for section in source.sections
        for paragraph in section.paragraphs
    ]
    found = repeated_passages(passages)
    with _LOCK:
        _last = (key, found)
    return found
