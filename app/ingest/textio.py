"""Read a file's bytes safely and decode text in whatever encoding it came in.

All readers go through here so size limits, unreadable paths and binary
files are reported the same way for every format. Decoding trusts, in
order: a byte-order mark, the shape of UTF-16 without one, valid UTF-8, a
charset the file declares (HTML), and last a guess among legacy encodings
that refuses rather than let mojibake into a brief.
"""

from __future__ import annotations

import codecs
import errno
import os
import stat
from collections import Counter
from pathlib import Path

from app.core.errors import IngestError
from app.ingest.encoding_guess import guess_encoding
from app.ingest.sniff import TEXT, require_kind
from app.text.controls import strip_controls

#: Largest source accepted, in bytes; BRIEFGEN_MAX_SOURCE_MB overrides it.
DEFAULT_MAX_BYTES = 50 * 1024 * 1024

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32", "UTF-32"),  # before UTF-16: its mark starts the same way
    (codecs.BOM_UTF32_BE, "utf-32", "UTF-32"),
    (codecs.BOM_UTF8, "utf-8-sig", "UTF-8"),
    (codecs.BOM_UTF16_LE, "utf-16", "UTF-16"),
    (codecs.BOM_UTF16_BE, "utf-16", "UTF-16"),
)
#: Control characters that do occur in text files (tab, line ends, form feed, DOS end-of-file, and the escape and
#: bell of terminal output saved to a file); read_text removes them all but tab and line ends.
_TEXT_CONTROLS = frozenset(b"\t\n\r\f\v\x1a\x1b\x07")
_BINARY_SAMPLE = 8192


def max_source_bytes() -> int:
    value = os.environ.get("BRIEFGEN_MAX_SOURCE_MB")
    try:
        return int(float(value) * 1024 * 1024) if value else DEFAULT_MAX_BYTES
    except ValueError:
        return DEFAULT_MAX_BYTES


def _size(n: float) -> str:
    return f"{n / 1048576:.1f} MB" if n >= 1048576 else f"{n / 1024:.0f} KB"


def read_bytes(path: Path) -> bytes:
    """The file's bytes, refusing missing, unreadable, special, empty and oversized files with a clear reason.

    At most limit + 1 bytes are read, so a file that grows after the size check cannot exhaust memory.
    """
    limit = max_source_bytes()
    try:
        info = path.stat()
        if stat.S_ISDIR(info.st_mode):
            raise IngestError(path, "this is a folder, not a file")
        if not stat.S_ISREG(info.st_mode):
            raise IngestError(path, "this is not a regular file (it is a device, pipe or socket)")
        if info.st_size > limit:
            raise IngestError(path, f"file is {_size(info.st_size)}, larger than the {_size(limit)} limit")
        with path.open("rb") as handle:
            data = handle.read(limit + 1)
    except FileNotFoundError as exc:
        raise IngestError(path, "file not found") from exc
    except PermissionError as exc:
        raise IngestError(path, "permission denied: Briefgen is not allowed to read this file") from exc
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            raise IngestError(path, "the path is a loop of symbolic links") from exc
        raise IngestError(path, f"cannot read file ({exc.strerror or exc})") from exc
    if len(data) > limit:
        raise IngestError(path, f"file is larger than the {_size(limit)} limit")
    if not data.strip():
        raise IngestError(path, "file is empty")
    return data


def decode(path: Path, data: bytes, declared: str | None = None) -> str:
    """Decode text; ``declared`` is a charset the file names itself (an HTML meta tag), trusted after UTF-8."""
    for bom, encoding, label in _BOMS:
        if data.startswith(bom):
            return _strict(path, data, encoding, f"is marked as {label}")
    utf16 = _utf16_without_bom(data[:_BINARY_SAMPLE])
    if utf16:
        return _strict(path, data, utf16, "looks like UTF-16")
    if _looks_binary(data[:_BINARY_SAMPLE]):
        raise IngestError(path, "this is a binary file, not text")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    if _mostly_utf8(data):
        return data.decode("utf-8", errors=_STRAY_BYTES)
    if declared:
        try:
            return data.decode(declared)
        except (UnicodeDecodeError, LookupError):
            pass  # the declaration is wrong; fall back to guessing
    guessed = guess_encoding(data)
    if guessed is None:
        raise IngestError(path, "the text encoding cannot be recognised (the text would come out garbled)")
    return data.decode(guessed)


def _strict(path: Path, data: bytes, encoding: str, claim: str) -> str:
    try:
        return data.decode(encoding)
    except UnicodeDecodeError as exc:
        raise IngestError(path, f"the text {claim} but is damaged (it has bytes invalid in that encoding)") from exc


def _utf16_without_bom(sample: bytes) -> str | None:
    """UTF-16 has one byte of each pair nearly constant (0 for Latin text, 0x06 for Arabic, and 0 for spaces)."""
    if len(sample) < 8 or len(sample) % 2:
        return None
    for encoding, high, low in (("utf-16-le", sample[1::2], sample[0::2]), ("utf-16-be", sample[0::2], sample[1::2])):
        top = Counter(high).most_common(2)
        low_top = Counter(low).most_common(1)[0][1]
        if any(b == 0 for b, _ in top) and sum(n for _, n in top) >= 0.9 * len(high) and low_top < 0.5 * len(low):
            return encoding
    return None


def _looks_binary(sample: bytes) -> bool:
    if b"\x00" in sample:
        return True
    controls = sum(1 for byte in sample if byte < 0x20 and byte not in _TEXT_CONTROLS)
    return controls > len(sample) * 0.01


def _mostly_utf8(data: bytes) -> bool:
    """UTF-8 with a few stray bytes (text pasted from another editor): keep it UTF-8, mend the strays."""
    text = data.decode("utf-8", errors="replace")
    bad = text.count("\ufffd")
    good = sum(1 for ch in text if ord(ch) > 0x7F) - bad
    return good >= 3 * bad


def _stray_byte_as_cp1252(error: UnicodeError) -> tuple[str, int]:
    """A stray byte in UTF-8 text is nearly always Windows-1252 (a curly quote or dash); bytes it lacks are dropped."""
    if not isinstance(error, UnicodeDecodeError):
        raise error
    stray = error.object[error.start : error.end]
    return stray.decode("cp1252", errors="ignore"), error.end


_STRAY_BYTES = "briefgen-stray-cp1252"
codecs.register_error(_STRAY_BYTES, _stray_byte_as_cp1252)


def read_text(path: Path) -> str:
    """The decoded text of a .txt or .md file; a renamed binary document is refused by what it really is.

    Terminal escape sequences and control characters are removed (see app.text.controls.strip_controls).
    """
    data = read_bytes(path)
    require_kind(path, data, TEXT, "a text file")
    text = decode(path, data)
    if "\x00" in text:
        raise IngestError(path, "this is a binary file, not text")
    text = strip_controls(text)
    if not text.strip():
        raise IngestError(path, "file has no text")
    return text
