"""Read a file's bytes safely and decode text in whatever encoding it came in.

All readers go through here so size limits, unreadable paths and binary
files are reported the same way for every format.
"""

from __future__ import annotations

import os
from pathlib import Path

import charset_normalizer

from app.errors import IngestError

#: Largest source accepted, in bytes; BRIEFGEN_MAX_SOURCE_MB overrides it.
DEFAULT_MAX_BYTES = 50 * 1024 * 1024


def max_source_bytes() -> int:
    value = os.environ.get("BRIEFGEN_MAX_SOURCE_MB")
    try:
        return int(float(value) * 1024 * 1024) if value else DEFAULT_MAX_BYTES
    except ValueError:
        return DEFAULT_MAX_BYTES


def read_bytes(path: Path) -> bytes:
    """The file's bytes, refusing missing, unreadable, empty and oversized files with a clear reason."""
    try:
        size = path.stat().st_size
        if not path.is_file():
            raise IngestError(path, "not a file")
        limit = max_source_bytes()
        if size > limit:
            raise IngestError(path, f"file is {size / 1048576:.1f} MB, larger than the {limit / 1048576:.0f} MB limit")
        data = path.read_bytes()
    except FileNotFoundError as exc:
        raise IngestError(path, "file not found") from exc
    except PermissionError as exc:
        raise IngestError(path, "permission denied") from exc
    except OSError as exc:
        raise IngestError(path, f"cannot read file ({exc.strerror or exc})") from exc
    if not data.strip():
        raise IngestError(path, "file is empty")
    return data


def decode(path: Path, data: bytes) -> str:
    """Decode text, trusting a BOM or valid UTF-8 first and charset-normalizer after that."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return _strict(path, data, "utf-16")
    if data.startswith(b"\xef\xbb\xbf"):
        return _strict(path, data, "utf-8-sig")
    if b"\x00" in data[:4096] and not _looks_utf16(data):
        raise IngestError(path, "this is a binary file, not text")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    best = charset_normalizer.from_bytes(data).best()
    if best is None:
        raise IngestError(path, "this is a binary file or its text encoding cannot be recognised")
    return str(best)


def _looks_utf16(data: bytes) -> bool:
    sample = data[:4096]
    return sample[1::2].count(0) > len(sample) // 4 or sample[0::2].count(0) > len(sample) // 4


def _strict(path: Path, data: bytes, encoding: str) -> str:
    try:
        return data.decode(encoding)
    except UnicodeDecodeError as exc:
        raise IngestError(path, f"text is not valid {encoding}") from exc


def read_text(path: Path) -> str:
    text = decode(path, read_bytes(path))
    if "\x00" in text:
        raise IngestError(path, "this is a binary file, not text")
    if not text.strip():
        raise IngestError(path, "file has no text")
    return text
