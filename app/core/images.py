"""Image files a brief embeds (today the template's logo): where they are, and whether they are usable.

Both python-docx and reportlab embed PNG and JPEG as they are, so that is what
is accepted.  A file is fully decoded once per path and modification time (the
live preview renders often), so a truncated or bogus image is refused when the
style is loaded, not halfway through an export.
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from PIL import Image, UnidentifiedImageError

#: Formats both python-docx and reportlab embed as they are.
FORMATS = ("PNG", "JPEG")

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
