"""TrueType faces parsed once and kept on disk, so a new process does not parse the same font files again.

reportlab reads a font's tables (character map, widths, glyph offsets) in
Python: 15-20 ms a face, and a brief registers ten faces, in every ``briefgen
build`` and in every preview worker started.  What the parse yields is kept
in the user's cache folder, keyed by the file's path, size and modification
time and by reportlab's version; loading it takes a few milliseconds.  The
font's bytes are not kept (they are read from the font file itself, which
must still have the size the parse saw).

The cache only ever makes things faster: a missing, stale, unreadable or
corrupt entry is parsed again from the font (and written anew), and a cache
folder that cannot be written to is left alone.  Entries are pickles in the
user's own cache folder, like the rest of what a desktop app caches there.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import pickle
from pathlib import Path
from typing import Any

import reportlab
from platformdirs import user_cache_dir
from reportlab.pdfbase.ttfonts import TTFontFace

from app.core.atomic import write_atomically
from app.core.collection import collection_paused
from app.core.errors import ExportError

#: Raised when what is kept changes shape, so entries written by an older Briefgen are parsed again.
CACHE_VERSION = 1
#: Entries kept at most; the least recently written go first (a few hundred kilobytes each).
FACES_KEPT = 64
#: Attributes of a parsed face that are not kept: the font's bytes (read again) and a function (made again).
_NOT_KEPT = ("_ttf_data", "_pdfScale")


def cache_folder() -> Path:
    """Where parsed faces are kept: the user's cache folder for Briefgen."""
    return Path(user_cache_dir("briefgen")) / "fonts"


def load_face(path: Path) -> TTFontFace:
    """The parsed face of the TrueType file ``path``: from the cache when it holds this very file, else parsed
    (by reportlab, raising its TTFError or OSError for a file that is not a font) and kept for next time."""
    data = path.read_bytes()
    entry = cache_folder() / f"{_key(path)}.pickle"
    face = _cached(entry, data)
    if face is None:
        face = TTFontFace(str(path))
        _keep(entry, face)
    return face


def _key(path: Path) -> str:
    stat = path.stat()
    facts = f"{path.resolve()}\0{stat.st_size}\0{stat.st_mtime_ns}\0{reportlab.Version}\0{CACHE_VERSION}"
    return hashlib.sha256(facts.encode("utf-8", "surrogatepass")).hexdigest()[:32]


def _cached(entry: Path, data: bytes) -> TTFontFace | None:
    """The face kept in ``entry`` with the font's bytes put back; None if there is none that can be used."""
    try:
        with collection_paused():  # its thousands of new objects, all kept
            state = pickle.loads(entry.read_bytes())
    except Exception:  # none yet, or a damaged or foreign one: the font is parsed again and the entry rewritten
        return None
    if not isinstance(state, dict) or len(data) != state.get("_size"):
        return None
    face = TTFontFace.__new__(TTFontFace)
    face.__dict__.update(state)
    del face.__dict__["_size"]
    face._ttf_data = data  # type: ignore[attr-defined]  # set by reportlab's parser; not in the stubs
    face._pdfScale = _scale(state["unitsPerEm"])  # type: ignore[attr-defined]
    return face


def _scale(units_per_em: int) -> Any:
    """reportlab's font-unit → PDF-unit conversion for a face, as its parser makes it."""
    if units_per_em == 1000:
        return lambda x: x
    factor = 1000 / units_per_em
    return lambda x: x * factor


def _keep(entry: Path, face: TTFontFace) -> None:
    state = {name: value for name, value in vars(face).items() if name not in _NOT_KEPT}
    state["_size"] = len(face._ttf_data)  # type: ignore[attr-defined]
    with contextlib.suppress(OSError, ExportError):  # a read-only or full cache folder: the next run parses again
        entry.parent.mkdir(parents=True, exist_ok=True)
        write_atomically(entry, pickle.dumps(state, protocol=pickle.HIGHEST_PROTOCOL))
        _forget_oldest(entry.parent)


def _forget_oldest(folder: Path) -> None:
    """Delete the entries beyond FACES_KEPT, least recently written first."""
    entries = sorted(folder.glob("*.pickle"), key=_written, reverse=True)
    for old in entries[FACES_KEPT:]:
        with contextlib.suppress(OSError):
            os.remove(old)


def _written(entry: Path) -> int:
    try:
        return entry.stat().st_mtime_ns
    except OSError:  # removed meanwhile (another Briefgen keeping its own)
        return 0
