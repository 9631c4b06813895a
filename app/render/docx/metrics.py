"""Convert the style's line spacing into Word's, so DOCX lines sit as far apart as the PDF's.

``style.toml`` gives line spacing as a multiple of the font size (what the PDF
writer uses as leading).  Word's "multiple" line spacing multiplies the font's
own line height instead, taken from its ascent and descent, which is 1.36 × the
size for Noto.  Dividing by that height gives the same distance in both formats.

Word stores the multiple in 240ths (``w:line``) but LibreOffice keeps it as a
whole percentage, dropping the fraction: 211/240 is 87.9 % in Word and 87 % in
LibreOffice, 0.15 pt less per 10 pt line, a line lost every two pages.  So the
value is the nearest whole percentage, rounded up to the next 240th.
"""

from __future__ import annotations

import math
import struct
from functools import lru_cache
from pathlib import Path

from app.core.errors import StyleError
from app.render.fonts import FONT_DAMAGE, damaged_font, find_family

#: Line height assumed when the font file is not at hand: that of common office fonts (Arial, Times New Roman).
TYPICAL_LINE_HEIGHT = 1.15


def word_line_multiple(multiple: float, family: str, folder: Path | None) -> float:
    """Word's "multiple" value that spaces lines ``multiple`` × the font size apart."""
    percent = round(multiple / line_height(family, folder) * 100)
    return math.ceil(percent * 240 / 100) / 240


@lru_cache(maxsize=32)
def line_height(family: str, folder: Path | None) -> float:
    """Word's single line height for ``family``, in multiples of the font size."""
    try:
        files = find_family(family, [folder] if folder else None)
    except StyleError:
        return TYPICAL_LINE_HEIGHT
    try:
        return _win_line_height(files.regular.read_bytes())
    except FONT_DAMAGE as exc:
        raise damaged_font(files.regular) from exc


def _win_line_height(font: bytes) -> float:
    """(usWinAscent + usWinDescent) / unitsPerEm, the metrics Word lays out single-spaced lines with."""
    offsets = _table_offsets(font)
    (units_per_em,) = struct.unpack_from(">H", font, offsets[b"head"] + 18)
    ascent, descent = struct.unpack_from(">HH", font, offsets[b"OS/2"] + 74)
    return (ascent + descent) / units_per_em


def _table_offsets(font: bytes) -> dict[bytes, int]:
    (count,) = struct.unpack_from(">H", font, 4)
    entries = (struct.unpack_from(">4sII", font, 12 + 16 * i) for i in range(count))
    return {tag: offset for tag, _checksum, offset in entries}
