"""A file's fingerprint: the SHA-256 of its bytes, so a brief can tell when a source changed after it was added."""

from __future__ import annotations

import hashlib
from pathlib import Path

_CHUNK = 1024 * 1024


def file_sha256(path: str | Path) -> str:
    """The hex SHA-256 of the file's bytes, read a megabyte at a time (sources may be large PDFs)."""
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        while chunk := handle.read(_CHUNK):
            digest.update(chunk)
    return digest.hexdigest()
