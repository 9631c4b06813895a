"""Ingest: a path → Source with sections and metadata, through the reader the format registry names.

``readers/`` holds one module per format; the modules beside it are the guards
every reader shares (size and zip safety, sniffing what a file really is,
decoding text, language) and the section builder.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable
from pathlib import Path

from app.core.errors import IngestError
from app.core.formats import input_extensions, input_format_for
from app.core.model import Source

_log = logging.getLogger(__name__)


def ingest(path: str | Path) -> Source:
    """Read one source; every failure is an IngestError naming the file and the reason."""
    path = Path(path)
    fmt = input_format_for(path)
    if fmt is None:
        raise IngestError(
            path, f"unsupported file type {path.suffix or '(none)'}; Briefgen reads {', '.join(input_extensions())}"
        )
    try:
        source = fmt.load()(path)
    except IngestError:
        raise
    except Exception as exc:  # a reader library failing on hostile input must not crash the app
        _log.debug("unexpected failure reading %s", path, exc_info=True)
        raise IngestError(path, "could not be read: the file is damaged or not in the format its name says") from exc
    if not source.sections:
        raise IngestError(path, "no text found in the file")
    return source


def ingest_many(paths: Iterable[str | Path]) -> tuple[list[Source], list[IngestError]]:
    """Read every file; a bad one is reported and the rest still load."""
    sources: list[Source] = []
    errors: list[IngestError] = []
    for path in paths:
        try:
            sources.append(ingest(path))
        except IngestError as exc:
            errors.append(exc)
    return sources, errors
