"""Register a style's TTF families with reportlab once per process.

reportlab keeps fonts in a process-wide registry and parsing a TTF costs tens
of milliseconds, so the live preview must not re-register on every render.
Each distinct file gets one registered name (a face that falls back to another
file reuses that file's name, so it is embedded once), and each family is
mapped with ``registerFontFamily`` so ``<b>``/``<i>`` markup picks the right file.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass
from pathlib import Path

from reportlab.lib.fonts import tt2ps
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFError, TTFont

from app.errors import StyleError
from app.fonts import FontFiles, find_family
from app.style import Style


@dataclass(frozen=True)
class FontSet:
    """Registered regular-face names of the three families a brief uses."""

    body: str
    heading: str
    mono: str

    def bold(self, name: str) -> str:
        """The registered bold face of the family whose regular face is ``name``."""
        return tt2ps(name, 1, 0)

    def italic(self, name: str) -> str:
        """The registered italic face of the family whose regular face is ``name``."""
        return tt2ps(name, 0, 1)


_lock = threading.Lock()
_families: dict[FontFiles, str] = {}
_taken: set[str] = set()


def register_fonts(style: Style) -> FontSet:
    """Find and register the body, heading and mono families of ``style``; raises StyleError."""
    extra = [style.folder] if style.folder else None
    return FontSet(
        body=_register_family(find_family(style.fonts.body, extra_dirs=extra)),
        heading=_register_family(find_family(style.fonts.heading, extra_dirs=extra)),
        mono=_register_family(find_family(style.fonts.mono, extra_dirs=extra)),
    )


def _register_family(files: FontFiles) -> str:
    """Register ``files`` unless already done; returns the family's name for ParagraphStyle.fontName.

    Names are per family, not per file: reportlab maps a face name to exactly one family, so two
    families sharing a file (a template folder that overrides only the bold face) need their own names.
    """
    with _lock:
        if files not in _families:
            paths = (files.regular, files.bold, files.italic, files.bold_italic)
            names = {path: _register_file(path) for path in dict.fromkeys(paths)}
            faces = [names[path] for path in paths]
            pdfmetrics.registerFontFamily(faces[0], *faces)
            _families[files] = faces[0]
        return _families[files]


def _register_file(path: Path) -> str:
    """Register ``path`` under a new name: its stem, with a suffix if taken (case-insensitively, like reportlab)."""
    name, suffix = path.stem, 2
    while name.lower() in _taken:
        name, suffix = f"{path.stem}~{suffix}", suffix + 1
    try:
        pdfmetrics.registerFont(TTFont(name, str(path)))
    except (TTFError, OSError) as exc:
        raise StyleError(f"font file is not a usable TrueType font: {exc}", str(path)) from exc
    _taken.add(name.lower())
    return name
