"""Ingest: a path → Source, through one reader per format chosen by file extension."""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable
from pathlib import Path

from app.core.errors import IngestError
from app.core.model import Source
from app.ingest.readers.docx import read_docx
from app.ingest.readers.html import read_html
from app.ingest.readers.markdown import read_markdown
from app.ingest.readers.pdf import read_pdf
from app.ingest.readers.plaintext import read_plaintext

_log = logging.getLogger(__name__)

Reader = Callable[[Path], Source]

READERS: dict[str, Reader] = {
    ".txt": read_plaintext,
    ".text": read_plaintext,
    ".md": read_markdown,
    ".markdown": read_markdown,
    ".html": read_html,
    ".htm": read_html,
    ".docx": read_docx,
    ".pdf": read_pdf,
}


def supported_extensions() -> list[str]:
    return sorted(READERS)


def ingest(path: str | Path) -> Source:
    """Read one source; every failure is an IngestError naming the file and the reason."""
    path = Path(path)
    reader = READERS.get(path.suffix.lower())
    if reader is None:
        raise IngestError(
            path, f"unsupported file type {path.suffix or '(none)'}; Briefgen reads {', '.join(supported_extensions())}"
        )
    try:
        source = reader(path)
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
