"""Image files a brief embeds (the template's logo, the analyst's figures): where they are, and whether they are usable.

Both python-docx and reportlab embed PNG and JPEG as they are, so those are
kept byte for byte; a figure may also be a GIF or WebP, decoded once and
re-encoded as PNG here so the writers only ever see PNG or JPEG.  SVG is
refused: drawing it needs a renderer (cairosvg, svglib) that would follow
external references and entity expansions in a file nobody here wrote, and the
writers would still have to rasterise it.

A file is fully decoded once per path, limits and modification time (the live
preview renders often), so a truncated or bogus image is refused when the style
loads or the brief is built, not halfway through an export.

A logo comes with a shared template and a figure with a source, so both are
untrusted: only a regular file of bounded size is read (a FIFO or ``/dev/zero``
would block or never end), and its format and pixel count are checked from the
header before any pixel is decoded: a decompression bomb is small on disk and
gigabytes in memory, and PIL's own limit only warns below twice its size.  The
format is the one the header names; the file's extension is never trusted.
"""

from __future__ import annotations

import io
import struct
import zlib
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

from app.core.regular_file import read_regular_file

if TYPE_CHECKING:
    from PIL import Image

#: Formats both python-docx and reportlab embed as they are.
FORMATS = ("PNG", "JPEG")
#: Formats a figure may also have: decoded and re-encoded as PNG, which is cheap at these sizes.
CONVERTED_FORMATS = ("GIF", "WEBP")
#: Largest logo file read, in bytes.
MAX_LOGO_BYTES = 20 * 1024 * 1024
#: Most pixels a logo may have (about 5000×4000): far more than a logo printed 40 mm tall needs.
MAX_LOGO_PIXELS = 20_000_000
#: Largest figure file read, in bytes.
MAX_FIGURE_BYTES = 20 * 1024 * 1024
#: Most pixels a figure may have (about 8000×5000): a full-page scan at 300 dpi, with room to spare.
MAX_FIGURE_PIXELS = 40_000_000

#: Points per millimetre.
PT_PER_MM = 72 / 25.4


@dataclass(frozen=True)
class Limits:
    """What one kind of image may be: its name in messages, file size, pixel count and accepted formats."""

    what: str
    max_bytes: int
    max_pixels: int
    converted: tuple[str, ...] = ()


LOGO = Limits("logo", MAX_LOGO_BYTES, MAX_LOGO_PIXELS)
FIGURE = Limits("image", MAX_FIGURE_BYTES, MAX_FIGURE_PIXELS, CONVERTED_FORMATS)


@dataclass(frozen=True)
class CheckedImage:
    """The file's bytes (PNG or JPEG), their format and pixel size; the writers embed the bytes, so a later
    change to the file is not half-seen."""

    data: bytes
    width_px: int
    height_px: int
    format: str = "PNG"

    def size_pt(self, height_mm: float) -> tuple[float, float]:
        """Width and height in points for an image ``height_mm`` tall, keeping the pixels' aspect ratio.

        Pixels rather than the file's DPI decide the ratio, because python-docx and
        reportlab read DPI differently and the two files would then disagree.
        """
        height = height_mm * PT_PER_MM
        return height * self.width_px / self.height_px, height


#: The logo is a checked image like any other; the name stays for the writers that place it.
LogoImage = CheckedImage


def resolve_logo(logo: str, folder: Path | None) -> Path:
    """The logo's path: absolute as given, else relative to the template folder; ValueError without one."""
    path = Path(logo).expanduser()
    if path.is_absolute():
        return path
    if folder is None:
        raise ValueError(f"{logo!r} is a relative path but the style has no template folder to find it in")
    return folder / path


def read_logo(path: Path) -> CheckedImage:
    """The logo at ``path``; ValueError naming the file if it is missing, unreadable or not a usable PNG/JPEG."""
    return read_image(path, LOGO)


def read_figure(path: Path) -> CheckedImage:
    """A figure's image; ValueError naming the file if it is missing, unreadable, too big or not an image
    Briefgen can embed (PNG, JPEG, GIF, WebP)."""
    return read_image(path, FIGURE)


def read_image(path: Path, limits: Limits) -> CheckedImage:
    """The image at ``path`` within ``limits``; ValueError naming the file and what is wrong with it."""
    try:
        stat = path.stat()
    except OSError as exc:
        raise ValueError(f"{limits.what} file {str(path)!r} not found ({exc.strerror or exc})") from exc
    return _read_cached(path, limits, stat.st_mtime_ns, stat.st_size)


@lru_cache(maxsize=16)
def _read_cached(path: Path, limits: Limits, _mtime_ns: int, _size: int) -> CheckedImage:
    """Read and fully decode the image once per version of the file (the unused arguments key the cache)."""
    name = f"{limits.what} file {str(path)!r}"
    try:
        data, _status = read_regular_file(path, limits.max_bytes)
    except OSError as exc:
        raise ValueError(f"{name} cannot be used: {exc.strerror or exc}") from exc
    return check_image(data, limits, name)


def check_image(data: bytes, limits: Limits, name: str) -> CheckedImage:
    """``data`` checked as an image within ``limits`` and fully decoded; ValueError starting with ``name``."""
    from PIL import Image, UnidentifiedImageError  # here: the window imports this module and opens before any image

    if len(data) > limits.max_bytes:
        raise ValueError(f"{name} is {len(data):,} bytes; at most {limits.max_bytes:,} are allowed")
    try:
        with Image.open(io.BytesIO(data)) as image:  # reads the header only
            kind, (width, height) = image.format or "unknown", image.size
            if kind not in FORMATS + limits.converted:
                also = f" (or {', '.join(limits.converted)})" if limits.converted else ""
                raise ValueError(f"{name} is {kind}; use a PNG or JPEG{also} image")
            if width * height > limits.max_pixels:
                raise ValueError(f"{name} is {width}×{height} pixels; at most {limits.max_pixels:,} pixels are allowed")
            image.load()
            if kind in limits.converted:
                return CheckedImage(_as_png(image), width, height)
    except UnidentifiedImageError as exc:
        raise ValueError(f"{name} cannot be used: not an image") from exc
    # PIL reports truncated and damaged files as OSError, SyntaxError, EOFError, struct or zlib errors
    except (OSError, SyntaxError, EOFError, struct.error, zlib.error, Image.DecompressionBombError) as exc:
        raise ValueError(f"{name} cannot be used: {getattr(exc, 'strerror', None) or exc}") from exc
    return CheckedImage(data, width, height, kind)


def _as_png(image: Image.Image) -> bytes:
    """The first frame of a GIF or WebP as PNG (an animation prints as its first frame)."""
    image.seek(0)
    frame = image.convert("RGBA" if image.mode in ("RGBA", "LA", "P", "PA") else "RGB")
    buffer = io.BytesIO()
    frame.save(buffer, "PNG")
    return buffer.getvalue()
