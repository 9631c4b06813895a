"""Read a file's bytes safely and decode text in whatever encoding it came in.

All readers go through here so size limits, unreadable paths and binary
files are reported the same way for every format. Decoding trusts, in
order: a byte-order mark, the shape of UTF-16 without one, valid UTF-8, a
charset the file declares (HTML), and last a guess among legacy encodings
that refuses rather than let mojibake into a brief. Whatever decided, the
result must read as text (``plausible``): a mark can lie (UTF-8 text behind
a UTF-16 mark decodes without error into Chinese-looking characters), and
then the bytes after it are judged on their own.
"""

from __future__ import annotations

import codecs
import errno
import os
import re
import stat
from collections import Counter
from pathlib import Path

from app.core.errors import IngestError
from app.core.fingerprint import remember_bytes
from app.core.regular_file import read_at_most
from app.ingest.encoding_guess import guess_encoding
from app.ingest.invisible import has_visible_text
from app.ingest.mojibake import oddities
from app.ingest.plausible import reads_as_text, reads_as_words
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
#: The other control bytes, which text does not have: counted in C by deleting them (``bytes.translate``).
_BINARY_CONTROLS = bytes(byte for byte in range(0x20) if byte not in _TEXT_CONTROLS)
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
            data = read_at_most(handle, info.st_size, limit)
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
    remember_bytes(path, info, data)  # the source's fingerprint, without reading the file again
    return data


def decode(path: Path, data: bytes, declared: str | None = None) -> str:
    """Decode text; ``declared`` is a charset the file names itself (an HTML meta tag), trusted after UTF-8.

    A decoding that does not read as text is refused, never passed on.
    """
    for bom, encoding, label in _BOMS:
        if data.startswith(bom):
            return _marked(path, data, len(bom), encoding, label)
    text = _decode_unmarked(path, data, declared)
    if not reads_as_text(text):
        raise IngestError(path, _NOT_TEXT)
    return text


_NOT_TEXT = "the file does not read as text in any encoding (decoded, it would be gibberish)"


def _marked(path: Path, data: bytes, mark: int, encoding: str, label: str) -> str:
    """Text behind a byte-order mark, read as the mark says; a mark that lies (UTF-8 behind a UTF-16 mark decodes
    into Chinese-looking characters, or not at all) gives way to the bytes after it when they are UTF-8 text."""
    try:
        text: str | None = data.decode(encoding)
    except UnicodeDecodeError:
        text = None
    if text is not None and reads_as_words(text):
        return text
    try:
        unmarked = data[mark:].decode("utf-8")
    except UnicodeDecodeError:
        unmarked = ""
    if unmarked.strip() and "\x00" not in unmarked and reads_as_text(unmarked):
        return unmarked
    if text is None:
        raise IngestError(path, f"the text is marked as {label} but is damaged (it has bytes invalid in that encoding)")
    raise IngestError(path, _NOT_TEXT)


def _decode_unmarked(path: Path, data: bytes, declared: str | None) -> str:
    utf16 = _utf16_without_bom(data[:_BINARY_SAMPLE])
    if utf16:
        text = _strict(path, data, utf16, "looks like UTF-16")
        if not reads_as_words(text):
            raise IngestError(path, _NOT_TEXT)
        return text
    if _looks_binary(data[:_BINARY_SAMPLE]):
        raise IngestError(path, "this is a binary file, not text")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    try:  # CESU-8 (Java, Oracle): UTF-8 that writes a character beyond U+FFFF as two encoded surrogate halves
        return _paired(data.decode("utf-8", "surrogatepass"))
    except UnicodeDecodeError:
        pass
    if _mostly_utf8(data):
        return _mend_strays(path, data)
    if declared and _ascii_compatible(declared):
        try:
            text = data.decode(declared)
        except (UnicodeDecodeError, LookupError):
            text = ""
        if text and reads_as_words(text):
            return text  # else the declaration is wrong: fall back to guessing
    guessed = guess_encoding(data)
    if guessed is None:
        raise IngestError(path, "the text encoding cannot be recognised (the text would come out garbled)")
    return data.decode(guessed)


def _paired(text: str) -> str:
    """Surrogate halves joined into the characters they stand for; a lone half stays (``strip_controls`` marks it)."""
    return text.encode("utf-16-le", "surrogatepass").decode("utf-16-le", "surrogatepass")


def _ascii_compatible(encoding: str) -> bool:
    """Whether the encoding writes ASCII as ASCII: a charset declared in ASCII letters can only be one of those
    (a page declaring EBCDIC or UTF-7 is wrong about itself)."""
    try:
        return _PROBE.encode(encoding) == _PROBE.encode("ascii")
    except (LookupError, UnicodeError):
        return False


_PROBE = "<meta charset=+ABC-xyz 0123456789>"


def _strict(path: Path, data: bytes, encoding: str, claim: str) -> str:
    try:
        return data.decode(encoding)
    except UnicodeDecodeError as exc:
        raise IngestError(path, f"the text {claim} but is damaged (it has bytes invalid in that encoding)") from exc


def _utf16_without_bom(sample: bytes) -> str | None:
    """UTF-16 has one byte of each pair nearly constant (0 for Latin text, 0x06 for Arabic, and 0 for spaces)."""
    if len(sample) < 8 or len(sample) % 2 or b"\x00" not in sample:  # no zero byte: no 0 among the high bytes
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
    controls = len(sample) - len(sample.translate(None, _BINARY_CONTROLS))
    return controls > len(sample) * 0.01


def _mostly_utf8(data: bytes) -> bool:
    """UTF-8 with a few stray bytes (text pasted from another editor): keep it UTF-8, mend the strays."""
    text = data.decode("utf-8", errors="replace")
    bad = text.count("\ufffd")
    good = sum(1 for ch in text if ord(ch) > 0x7F) - bad
    return good >= 3 * bad


#: Bytes that are not UTF-8, as Python's surrogateescape decodes them, and the words they occur in.
_STRAY = re.compile("[\udc80-\udcff]+")
_WORD = re.compile(r"\S+")
#: Stray bytes enough to guess their encoding from; fewer are read as Windows-1252 if that gives clean text.
_GUESS_FROM_BYTES = 16


def _mend_strays(path: Path, data: bytes) -> str:
    """UTF-8 text with stray bytes, each read in the encoding the strays were written in.

    A stray quote or dash is nearly always Windows-1252; a pasted paragraph may be anything, so the words
    holding strays are guessed together (Windows-1251 Russian stays Russian). Strays too few to guess from
    that are not clean Windows-1252 either (a broken character, encoded surrogates) refuse the file.
    """
    text = data.decode("utf-8", errors="surrogateescape")
    words = b" ".join(
        word.group().encode("utf-8", "surrogateescape") for word in _WORD.finditer(text) if _STRAY.search(word.group())
    )
    strays = sum(1 for byte in words if byte >= 0x80)
    encoding = guess_encoding(words) if strays >= _GUESS_FROM_BYTES else None
    if encoding is None and oddities(words.decode("cp1252", errors="ignore")) == 0:
        encoding = "cp1252"
    if encoding is None:
        raise IngestError(path, "the file does not read as text: it mixes UTF-8 with bytes it cannot make sense of")
    chosen = encoding
    return _STRAY.sub(lambda run: run.group().encode("utf-8", "surrogateescape").decode(chosen, "ignore"), text)


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
    if not has_visible_text(text):
        raise IngestError(path, "the file has no visible text (only invisible characters)")
    return text
