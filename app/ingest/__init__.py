"""Ingest: a path → Source, through one reader per format chosen by file extension."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from pathlib import Path

from app.errors import IngestError
from app.ingest.markdown import read_markdown
from app.ingest.plaintext import read_plaintext
from app.model import Source

Reader = Callable[[Path], Source]

READERS: dict[str, Reader] = {
    ".txt": read_plaintext,
    ".text": read_plaintext,
    ".md": read_markdown,
    ".markdown": read_markdown,
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
    if not path.exists():
        raise IngestError(path, "file not found")
    try:
        source = reader(path)
    except IngestError:
        raise
    except Exception as exc:  # a reader library failing on hostile input must not crash the app
        raise IngestError(path, f"could not be read ({type(exc).__name__}: {exc})") from exc
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
