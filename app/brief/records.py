"""What a project keeps of each source it names: the analyst's marking and corrections, the file's fingerprint,
the day it was added.

Apart from app.brief.edit so that reading sources into a project (``select``, the CLI's ``build`` and
``inspect``) does not load the marking schemes that editing a brief needs.
"""

from __future__ import annotations

from app.core.clock import build_time
from app.core.model import Source, SourceRecord
from app.text.controls import strip_controls


def source_record(source: Source, earlier: SourceRecord | None = None) -> SourceRecord:
    """The record of ``source`` as read now: its fingerprint and today's date (the earlier record if the file is
    the same), with the marking and corrections the analyst gave it before."""
    if earlier is not None and earlier.sha256 == source.sha256:
        return earlier
    update = {"sha256": source.sha256, "added": build_time().date().isoformat()}
    return earlier.model_copy(update=update) if earlier is not None else SourceRecord(**update)


def with_details(source: Source, record: SourceRecord) -> Source:
    """``source`` as the analyst corrected it: each detail they gave in place of what its file says, on one line
    and without control characters, as a file's own are read (a shared project may carry anything)."""
    details = record.details.model_dump().items()
    corrected = {name: one_line for name, value in details if (one_line := " ".join(strip_controls(value).split()))}
    return source.model_copy(update=corrected) if corrected else source
