"""The template's logo: where it is, whether it is a usable image, and how big both writers draw it.

The style is checked when it is loaded (``app.core.style`` calls ``read_logo``), so a
missing or broken logo is reported with the template, not halfway through an
export.  Both writers put the logo in the text flow, right-aligned above the
first block, at ``style.logo_height_mm`` and the image's own aspect ratio, so
the DOCX and the PDF place it identically.  Image files are read once per
path and modification time: the live preview renders often.
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

from PIL import Image, UnidentifiedImageError

from app.core.errors import StyleError

if TYPE_CHECKING:
    from app.core.style import Style

#: Formats both python-docx and reportlab embed as they are.
FORMATS = ("PNG", "JPEG")

#: Space between the logo and the first block, in points.
SPACE_AFTER_PT = 8.0

#: Points per millimetre.
PT_PER_MM = 72 / 25.4


@dataclass(frozen=True)
class LogoImage:
    """The file's bytes and pixel size; the writers embed the bytes, so a later change to the file is not half-seen."""

    data: bytes
    width_px: int
    height_px: int

    def size_pt(self, height_mm: float) -> tuple[float, float]:
        """Width and height in points for a logo ``height_mm`` tall, keeping the pixels' aspect ratio.

        Pixels rather than the file's DPI decide the ratio, because python-docx and
        reportlab read DPI differently and the two files would then disagree.
        """
        height = height_mm * PT_PER_MM
        return height * self.width_px / self.height_px, height


def resolve_logo(logo: str, folder: Path | None) -> Path:
    """The logo's path: absolute as given, else relative to the template folder; ValueError without one."""
    path = Path(logo).expanduser()
    if path.is_absolute():
        return path
    if folder is None:
        raise ValueError(f"{logo!r} is a relative path but the style has no template folder to find it in")
    return folder / path


def read_logo(path: Path) -> LogoImage:
    """The logo at ``path``; ValueError naming the file if it is missing, unreadable or not a PNG/JPEG image."""
    try:
        stat = path.stat()
    except OSError as exc:
        raise ValueError(f"logo file {str(path)!r} not found ({exc.strerror or exc})") from exc
    return _read_cached(path, stat.st_mtime_ns, stat.st_size)


@lru_cache(maxsize=8)
def _read_cached(path: Path, _mtime_ns: int, _size: int) -> LogoImage:
    """Read and fully decode the image once per version of the file (the unused arguments key the cache)."""
    try:
        data = path.read_bytes()
        with Image.open(io.BytesIO(data)) as image:
            kind = image.format
            image.load()
            width, height = image.size
    except (OSError, Image.DecompressionBombError) as exc:  # PIL reports unknown and truncated images as OSError
        reason = "not an image" if isinstance(exc, UnidentifiedImageError) else (getattr(exc, "strerror", None) or exc)
        raise ValueError(f"logo file {str(path)!r} cannot be used: {reason}") from exc
    if kind not in FORMATS:
        raise ValueError(f"logo file {str(path)!r} is {kind}; use a PNG or JPEG image")
    return LogoImage(data, width, height)


def style_logo(style: Style) -> LogoImage | None:
    """The style's logo for a writer, or None; StyleError if the file changed for the worse since loading."""
    if not style.logo:
        return None
    try:
        return read_logo(resolve_logo(style.logo, style.folder))
    except ValueError as exc:
        raise StyleError(f"logo: {exc}") from exc
