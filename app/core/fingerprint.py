"""A file's fingerprint: the SHA-256 of its bytes, so a brief can tell when a source changed after it was added.

The window checks its sources' fingerprints after every pause in editing; a file whose size and modification
time are as they were is not read again (its fingerprint is remembered for this process), nor is one whose bytes a
reader has just read whole (``remember_bytes``).
"""

from __future__ import annotations

import hashlib
import os
import threading
from pathlib import Path

_CHUNK = 1024 * 1024
_LOCK = threading.Lock()
#: (path, size, modification time in ns) → fingerprint, for files already read by this process.
_known: dict[tuple[str, int, int], str] = {}


def remember_bytes(path: str | Path, status: os.stat_result, data: bytes) -> None:
    """Fingerprint ``data``, the whole of the file at ``path`` as read just after ``status`` was taken."""
    fingerprint = hashlib.sha256(data).hexdigest()
    with _LOCK:
        _known[(str(path), status.st_size, status.st_mtime_ns)] = fingerprint


def file_sha256(path: str | Path) -> str:
    """The hex SHA-256 of the file's bytes, read a megabyte at a time (sources may be large PDFs)."""
    status = os.stat(path)
    key = (str(path), status.st_size, status.st_mtime_ns)
    with _LOCK:
        known = _known.get(key)
    if known is not None:
        return known
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        while chunk := handle.read(_CHUNK):
            digest.update(chunk)
    with _LOCK:
        _known[key] = digest.hexdigest()
    return digest.hexdigest()
