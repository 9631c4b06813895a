"""Image files a brief embeds (today the template's logo): where they are, and whether they are usable.

Both python-docx and reportlab embed PNG and JPEG as they are, so that is what
is accepted.  A file is fully decoded once per path and modification time (the
live preview renders often), so a truncated or bogus image is refused when the
style is loaded, not halfway through an export.

A logo comes with a shared template, so it is untrusted: only a regular file of
at most MAX_LOGO_BYTES is read (a FIFO or ``/dev/zero`` would block or never
end), and its format and pixel count are checked from the header before any
pixel is decoded: a decompression bomb is small on disk and gigabytes in
memory, and PIL's own limit only warns below twice its size.
"""

from __future__ import annotations

import io
import struct
import zlib
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from PIL import Image, UnidentifiedImageError

from app.core.bounded import read_regular_file

#: Formats both python-docx and reportlab embed as they are.
FORMATS = ("PNG", "JPEG")
#: Largest logo file read, in bytes.
MAX_LOGO_BYTES = 20 * 1024 * 1024
#: Most pixels a logo may have (about 5000×4000): far more than a logo printed 40 mm tall needs.
MAX_LOGO_PIXELS = 20_000_000

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
    """The logo at ``path``; ValueError naming the file if it is missing, unreadable or not a usable PNG/JPEG."""
    try:
        stat = path.stat()
    except OSError as exc:
        raise ValueError(f"logo file {str(path)!r} not found ({exc.strerror or exc})") from exc
    return _read_cached(path, stat.st_mtime_ns, stat.st_size)


@lru_cache(maxsize=8)
def _read_cached(path: Path, _mtime_ns: int, _size: int) -> LogoImage:
    """Read and fully decode the image once per version of the file (the unused arguments key the cache)."""
    try:
        data, _status = read_regular_file(path, MAX_LOGO_BYTES)
    except OSError as exc:
        raise ValueError(f"logo file {str(path)!r} cannot be used: {exc.strerror or exc}") from exc
    try:
        with Image.open(io.BytesIO(data)) as image:  # reads the header only
            kind, (width, height) = image.format, image.size
            if kind not in FORMATS:
                raise ValueError(f"logo file {str(path)!r} is {kind}; use a PNG or JPEG image")
            if width * height > MAX_LOGO_PIXELS:
                raise ValueError(
                    f"logo file {str(path)!r} is {width}×{height} pixels; a logo may have at most "
                    f"{MAX_LOGO_PIXELS:,} pixels"
                )
            image.load()
    except UnidentifiedImageError as exc:
        raise ValueError(f"logo file {str(path)!r} cannot be used: not an image") from exc
    # PIL reports truncated and damaged files as OSError, SyntaxError, EOFError, struct or zlib errors
    except (OSError, SyntaxError, EOFError, struct.error, zlib.error, Image.DecompressionBombError) as exc:
        raise ValueError(f"logo file {str(path)!r} cannot be used: {getattr(exc, 'strerror', None) or exc}") from exc
    return LogoImage(data, width, height)
