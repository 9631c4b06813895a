"""A face cut down to the characters a brief needs, for the DOCX to carry (app/render/docx/embedded_fonts.py).

Subsetting a Noto face with fontTools takes about half a second, too long for every export.  So each bundled face
ships already cut to ``COMMON`` — the Latin, punctuation and Arabic characters briefs are written in — in
``assets/fonts/docx/`` (made by tools/make_docx_fonts.py), and a brief whose text the cut covers takes it as it is.
A brief with characters beyond it (Cyrillic, Greek …), or a template's own font, is cut from the whole face once
and kept in the user's cache folder, keyed by the face file and the characters.
"""

from __future__ import annotations

import contextlib
import functools
import hashlib
import io
import logging
from pathlib import Path

from platformdirs import user_cache_dir

from app.core.atomic import write_atomically
from app.core.errors import ExportError
from app.render.fonts import FONTS_DIR

#: Where the bundled faces' ready cuts are.
CUTS_DIR = FONTS_DIR / "docx"


def _ranges(*spans: tuple[int, int]) -> frozenset[int]:
    return frozenset(code for start, end in spans for code in range(start, end + 1))


#: What every cut holds, where the face has it: Western and Central European Latin, punctuation, currency, Arabic.
COMMON = _ranges(
    (0x20, 0x7E), (0xA0, 0x17F), (0x2000, 0x206F), (0x20A0, 0x20C0), (0x2122, 0x2122), (0x0600, 0x06FF),
    (0x0750, 0x077F), (0xFB50, 0xFDFF), (0xFE70, 0xFEFF), (0xFFFD, 0xFFFD),
)  # fmt: skip


def subset_face(path: Path, wanted: frozenset[int]) -> bytes:
    """The face at ``path`` holding at least every character of ``wanted`` it has (and ``COMMON``)."""
    ready = CUTS_DIR / path.name
    bundled = ready.is_file() and path.parent == FONTS_DIR
    if bundled and wanted <= COMMON:  # the cut holds every character of COMMON the face has
        return ready.read_bytes()
    has = face_characters(path)
    needed = wanted & has
    if bundled and needed <= face_characters(ready):
        return ready.read_bytes()
    return _cut(path, frozenset(needed | (COMMON & has)))


def face_characters(path: Path) -> frozenset[int]:
    """The characters the face at ``path`` has a glyph for."""
    return _characters(str(path), path.stat().st_mtime_ns)


@functools.lru_cache(maxsize=64)
def _characters(path: str, _modified: int) -> frozenset[int]:
    from fontTools.ttLib import TTFont  # loaded only for a brief beyond COMMON, or a template's own font

    try:
        return frozenset(TTFont(path, lazy=True).getBestCmap())
    except Exception as exc:  # fontTools raises many kinds for a damaged file
        raise ExportError(f"cannot read the font {Path(path).name}: {exc}") from exc


def cut_face(path: Path, characters: frozenset[int]) -> bytes:
    """The face at ``path`` with only ``characters`` (and what shaping them needs: ligatures, Arabic forms)."""
    from fontTools import subset
    from fontTools.ttLib import TTFont

    options = subset.Options()
    options.layout_features = ["*"]
    options.name_IDs = ["*"]
    options.name_languages = ["*"]
    options.notdef_outline = True
    options.glyph_names = False
    options.hinting = False  # the hinting programs are most of a face; screens and printers render fine without
    logging.getLogger("fontTools.subset").setLevel(logging.ERROR)  # it reports tables it drops, such as FFTM
    font = TTFont(str(path))
    subsetter = subset.Subsetter(options)
    subsetter.populate(unicodes=sorted(characters))
    subsetter.subset(font)
    buffer = io.BytesIO()
    font.save(buffer)
    return buffer.getvalue()


def _cut(path: Path, characters: frozenset[int]) -> bytes:
    import fontTools

    stat = path.stat()
    facts = f"{path.resolve()}\0{stat.st_size}\0{stat.st_mtime_ns}\0{fontTools.version}\0{sorted(characters)}"
    entry = Path(user_cache_dir("briefgen")) / "docx-fonts" / f"{hashlib.sha256(facts.encode()).hexdigest()[:32]}.ttf"
    with contextlib.suppress(OSError):
        return entry.read_bytes()
    try:
        data = cut_face(path, characters)
    except Exception as exc:  # fontTools raises many kinds for a damaged or unusual file
        raise ExportError(f"cannot embed the font {path.name}: {exc}") from exc
    with contextlib.suppress(OSError, ExportError):  # a read-only cache folder: the next export cuts again
        entry.parent.mkdir(parents=True, exist_ok=True)
        write_atomically(entry, data)
    return data
