"""Ingest: a path → Source with sections and metadata, through the reader the format registry names.

``readers/`` holds one module per format; the modules beside it are the guards
every reader shares (size and zip safety, sniffing what a file really is,
decoding text, limits on structure, language) and the section builder.

Files nobody here wrote are read with ``ingest_bounded``: in a worker process
with a time and a memory limit (``app.core.bounded``), the second line of
defence behind linear readers and the caps in ``limits``.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable
from pathlib import Path

from app.core.bounded import run_bounded, run_bounded_each
from app.core.errors import BriefgenError, IngestError
from app.core.fingerprint import file_sha256
from app.core.formats import input_extensions, input_format_for
from app.core.model import Source

_log = logging.getLogger(__name__)


def ingest(path: str | Path) -> Source:
    """Read one source; every failure is an IngestError naming the file and the reason."""
    try:
        return _read(path)
    except MemoryError as exc:
        raise IngestError(path, "there is not enough memory to read it") from exc


def _read(path: str | Path) -> Source:
    """``ingest`` without its last resort: running out of memory is left to the caller (a bounded worker reports
    it as its memory limit)."""
    path = Path(path)
    fmt = input_format_for(path)
    if fmt is None:
        raise IngestError(
            path, f"unsupported file type {path.suffix or '(none)'}; Briefgen reads {', '.join(input_extensions())}"
        )
    try:
        source = fmt.load()(path)
    except (IngestError, MemoryError):
        raise
    except Exception as exc:  # a reader library failing on hostile input must not crash the app
        _log.debug("unexpected failure reading %s", path, exc_info=True)
        raise IngestError(path, "could not be read: the file is damaged or not in the format its name says") from exc
    if not source.sections:
        raise IngestError(path, "no text found in the file")
    source.sha256 = file_sha256(path)
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


#: Limits for reading one untrusted file. Real large documents stay far inside them: a 50 MB PDF of 300 illustrated
#: pages reads in about 5 s and 250 MB, a 1,100-page text-only PDF in 15 s, the slowest of 700 real documents in 12 s.
INGEST_SECONDS = 120.0
INGEST_MEMORY_BYTES = 2 * 1024**3


def ingest_bounded(
    path: str | Path, *, seconds: float = INGEST_SECONDS, memory_bytes: int = INGEST_MEMORY_BYTES
) -> Source:
    """``ingest`` in a worker process that is stopped past ``seconds`` or ``memory_bytes`` of address space.

    A file built to hang or to fill memory then ends like any other bad file, in one IngestError naming it
    ("x.pdf: reading was stopped after 120 s; …"), and the calling process lives on.
    """
    path = Path(path)
    try:
        return run_bounded(_read, path, what="reading", seconds=seconds, memory_bytes=memory_bytes)
    except IngestError:
        raise
    except BriefgenError as exc:  # LimitExceeded, or an error that could not travel back whole
        raise IngestError(path, str(exc)) from exc


def load_readers(paths: Iterable[str | Path]) -> None:
    """Load now the reader of each format among ``paths``, in a process whose workers are forked from it (the
    command line): they start with it loaded, rather than each importing it (with two workers, half the
    importing; reading 1,000 text files took 0.1 s less).  The window's workers come from a fork server that
    preloads the readers instead, so the window never loads them itself.
    """
    for fmt in {input_format_for(Path(path)) for path in paths}:
        if fmt is not None:
            fmt.load()


def ingest_many_bounded(
    paths: Iterable[str | Path],
    *,
    seconds: float = INGEST_SECONDS,
    memory_bytes: int = INGEST_MEMORY_BYTES,
    progress: Callable[[int, int], None] | None = None,
) -> tuple[list[Source], list[IngestError]]:
    """``ingest_many`` bounded as ``ingest_bounded`` bounds one file: one that hangs or fills memory is reported
    and the rest load, in the order given; ``progress(done, total)`` after each file.

    The files are read by a few workers at once (one per processor), each working through a run of them:
    starting a process for every file would cost more than reading a small one.
    """
    files = [Path(path) for path in paths]
    read: dict[int, Source | IngestError] = {}
    outcomes = run_bounded_each(_read, files, what=lambda _path: "reading", seconds=seconds, memory_bytes=memory_bytes)
    for done, (index, outcome) in enumerate(outcomes, start=1):
        read[index] = outcome if isinstance(outcome, Source) else _as_ingest_error(files[index], outcome)
        if progress is not None:
            progress(done, len(files))
    ordered = [read[index] for index in sorted(read)]
    return [s for s in ordered if isinstance(s, Source)], [e for e in ordered if isinstance(e, IngestError)]


def _as_ingest_error(path: Path, error: BaseException) -> IngestError:
    """Whatever stopped a worker's read, as the one message the analyst sees for the file."""
    if isinstance(error, IngestError):
        return error
    if isinstance(error, BriefgenError):  # LimitExceeded, or an error that could not travel back whole
        return IngestError(path, str(error))
    return IngestError(path, "could not be read: the file is damaged or not in the format its name says")
