"""Find the TTF files of a font family named in a style.

Fonts ship as files so a PDF embeds exactly what the template asked for, on
any machine.  Files follow the convention ``FamilyWithoutSpaces-Regular.ttf``
(and ``-Bold``, ``-Italic``, ``-BoldItalic``); a template folder may carry its
own fonts, which win over ``assets/fonts``.
"""

from __future__ import annotations

import struct
from dataclasses import dataclass
from pathlib import Path

from app.core.errors import StyleError
from app.core.paths import ASSETS_DIR

FONTS_DIR = ASSETS_DIR / "fonts"
FACES = ("Regular", "Bold", "Italic", "BoldItalic")


@dataclass(frozen=True)
class FontFiles:
    """One family's files; missing faces fall back to the nearest existing one."""

    family: str
    regular: Path
    bold: Path
    italic: Path
    bold_italic: Path


def family_faces(family: str, extra_dirs: list[Path] | None = None) -> dict[str, Path]:
    """The faces of ``family`` there are files for, by face name ("Bold"); a template folder's first."""
    stem = family.replace(" ", "")
    found: dict[str, Path] = {}
    for folder in [*(extra_dirs or []), FONTS_DIR]:
        for face in FACES:
            candidate = folder / f"{stem}-{face}.ttf"
            if face not in found and candidate.is_file():
                found[face] = candidate
    return found


def find_family(family: str, extra_dirs: list[Path] | None = None) -> FontFiles:
    stem = family.replace(" ", "")
    found = family_faces(family, extra_dirs)
    if "Regular" not in found:
        raise StyleError(
            f"font family {family!r} not found: expected {stem}-Regular.ttf in assets/fonts or the template folder"
        )
    regular = found["Regular"]
    bold = found.get("Bold", regular)
    italic = found.get("Italic", regular)
    return FontFiles(family, regular, bold, italic, found.get("BoldItalic", bold if "Bold" in found else italic))


#: What a truncated, damaged or non-TrueType font file raises while it is parsed (fontTools, reportlab or struct).
FONT_DAMAGE = (OSError, KeyError, IndexError, ValueError, struct.error)


def damaged_font(path: Path) -> StyleError:
    """The one message for a font file that cannot be parsed, whichever writer tried."""
    return StyleError(f"the font file {path.name} cannot be read: it is damaged or not a font", str(path))
