"""Checked image files (app/core/images.py) as figures use them, and the build's figure images.

Images are built with Pillow (or byte by byte where Pillow would refuse to
write them), so each test says exactly what is in the file.
"""

from __future__ import annotations

import io
import struct
import zlib
from pathlib import Path

import pytest
from PIL import Image

from app.core.errors import ProjectError
from app.core.images import FIGURE, Limits, read_figure, read_image
from app.core.model import BriefProject, FigureItem
from app.pipeline.build import figure_images


def image_bytes(fmt: str, size: tuple[int, int], mode: str = "RGB") -> bytes:
    buffer = io.BytesIO()
    Image.new(mode, size, "#0b2e4f" if mode == "RGB" else 0).save(buffer, fmt)
    return buffer.getvalue()


def png_header(width: int, height: int) -> bytes:
    """A PNG that claims ``width`` × ``height`` pixels but holds a few bytes: a decompression bomb's shape."""

    def chunk(tag: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + tag + data + struct.pack(">I", zlib.crc32(tag + data))

    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(b"\0" * 64))


def write(tmp_path: Path, name: str, data: bytes) -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


@pytest.mark.parametrize("fmt", ["PNG", "JPEG"])
def test_png_and_jpeg_are_kept_byte_for_byte(tmp_path: Path, fmt: str) -> None:
    data = image_bytes(fmt, (120, 80))
    image = read_figure(write(tmp_path, f"chart.{fmt.lower()}", data))
    assert (image.data, image.format, image.width_px, image.height_px) == (data, fmt, 120, 80)


@pytest.mark.parametrize("fmt", ["GIF", "WEBP"])
def test_gif_and_webp_become_png(tmp_path: Path, fmt: str) -> None:
    image = read_figure(write(tmp_path, f"chart.{fmt.lower()}", image_bytes(fmt, (64, 48))))
    assert image.format == "PNG" and (image.width_px, image.height_px) == (64, 48)
    with Image.open(io.BytesIO(image.data)) as decoded:
        assert decoded.format == "PNG" and decoded.size == (64, 48)


def test_the_format_is_sniffed_not_taken_from_the_extension(tmp_path: Path) -> None:
    image = read_figure(write(tmp_path, "photo.png", image_bytes("JPEG", (30, 20))))
    assert image.format == "JPEG"


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (b"Just some text, not a picture.\n", "not an image"),
        (image_bytes("PNG", (200, 200))[:90], "cannot be used"),
        (png_header(8000, 6000), "8000×6000 pixels; at most 40,000,000 pixels are allowed"),
        (png_header(30000, 30000), "900000000 pixels"),  # so big that PIL itself refuses it on opening
        (image_bytes("BMP", (10, 10)), "is BMP; use a PNG or JPEG (or GIF, WEBP) image"),
        (b'<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"/>', "not an image"),
    ],
    ids=["text", "truncated", "too-many-pixels", "bomb", "bmp", "svg"],
)
def test_unusable_figure_files_are_refused_naming_the_file(tmp_path: Path, data: bytes, reason: str) -> None:
    path = write(tmp_path, "figure.png", data)
    with pytest.raises(ValueError) as caught:
        read_figure(path)
    assert f"image file {str(path)!r}" in str(caught.value) and reason in str(caught.value)


def test_a_missing_file_is_refused(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="not found"):
        read_figure(tmp_path / "gone.png")


def test_a_file_over_the_size_cap_is_not_read(tmp_path: Path) -> None:
    path = write(tmp_path, "big.png", image_bytes("PNG", (400, 400)) + b"\0" * 4096)
    with pytest.raises(ValueError, match="cannot be used"):
        read_image(path, Limits("image", 1024, FIGURE.max_pixels))


def figure_project(image: Path, caption: str = "Damage at the port") -> BriefProject:
    return BriefProject(items=[FigureItem(id="fig1", image=str(image), caption=caption)])


def test_the_build_reads_each_figure_item_by_id(tmp_path: Path) -> None:
    data = image_bytes("PNG", (50, 40))
    images = figure_images(figure_project(write(tmp_path, "a.png", data)), {})
    assert list(images) == ["fig1"] and images["fig1"].data == data


def test_a_bad_figure_file_is_one_project_error_naming_file_and_caption(tmp_path: Path) -> None:
    path = write(tmp_path, "notes.png", b"plain text")
    with pytest.raises(ProjectError) as caught:
        figure_images(figure_project(path), {})
    message = str(caught.value)
    assert message.startswith("figure 'Damage at the port': ") and str(path) in message and "not an image" in message
