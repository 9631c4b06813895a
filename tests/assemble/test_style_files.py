"""A template's style.toml and logo are read as bounded regular files: special files, bombs and deep nesting are
clear StyleErrors, never a hang, a crash or gigabytes of memory."""

from __future__ import annotations

import io
import os
import struct
import zlib
from pathlib import Path

import pytest
from PIL import Image

from app.assemble.catalog import find_template
from app.core import bounded
from app.core.bounded import run_bounded
from app.core.errors import StyleError

DEEP = "[" * 5000 + "]" * 5000


def _template(tmp_path: Path, style: str) -> Path:
    folder = tmp_path / "styled"
    folder.mkdir()
    (folder / "brief.md.j2").write_text("ok\n", encoding="utf-8")
    (folder / "style.toml").write_text(style, encoding="utf-8")
    return folder


def load_style_message(folder: str) -> str:
    """In a bounded child, so a regression hangs one test for seconds rather than CI for ever."""
    try:
        find_template(folder).style()
    except StyleError as exc:
        return str(exc)
    return "loaded"


def _style_message(folder: Path) -> str:
    return run_bounded(load_style_message, str(folder), what="loading the style", seconds=10, memory_bytes=1024**3)


@pytest.fixture(autouse=True)
def real_children(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(bounded.INLINE_ENV, raising=False)


def _png(width: int, height: int) -> bytes:
    """A valid PNG of any size whose pixels are all zero, built without holding the pixels in memory."""
    compressor = zlib.compressobj(9)
    row = b"\x00" * (width + 1)
    data = b"".join(compressor.compress(row) for _ in range(height)) + compressor.flush()

    def chunk(kind: bytes, body: bytes) -> bytes:
        return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))

    header = struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", data) + chunk(b"IEND", b"")


def test_a_device_as_logo_is_refused(tmp_path: Path):
    message = _style_message(_template(tmp_path, 'logo = "/dev/zero"\n'))
    assert "logo" in message and "not a regular file" in message


def test_a_fifo_as_logo_is_refused_without_waiting(tmp_path: Path):
    folder = _template(tmp_path, 'logo = "pipe.png"\n')
    os.mkfifo(folder / "pipe.png")
    assert "not a regular file" in _style_message(folder)


def test_a_huge_logo_file_is_refused_unread(tmp_path: Path):
    folder = _template(tmp_path, 'logo = "big.png"\n')
    with (folder / "big.png").open("wb") as handle:
        handle.truncate(1024**3)
    assert "larger than" in _style_message(folder)


def test_a_decompression_bomb_logo_is_refused_before_decoding(tmp_path: Path):
    folder = _template(tmp_path, 'logo = "bomb.png"\n')
    (folder / "bomb.png").write_bytes(_png(13000, 13000))
    message = _style_message(folder)
    assert "13000×13000" in message and "pixels" in message


def test_a_logo_in_another_format_is_not_even_parsed(tmp_path: Path):
    folder = _template(tmp_path, 'logo = "logo.gif"\n')
    buffer = io.BytesIO()
    Image.new("RGB", (4, 4)).save(buffer, "GIF")
    (folder / "logo.gif").write_bytes(buffer.getvalue())
    assert "use a PNG or JPEG" in _style_message(folder)


def test_a_sound_logo_still_loads(tmp_path: Path):
    folder = _template(tmp_path, 'logo = "logo.png"\n')
    (folder / "logo.png").write_bytes(_png(40, 20))
    assert _style_message(folder) == "loaded"


@pytest.mark.parametrize("style", [f"a = {DEEP}\n", "a = " + "{b = " * 5000 + "1" + "}" * 5000 + "\n"])
def test_deeply_nested_style_is_a_style_error(tmp_path: Path, style: str):
    message = _style_message(_template(tmp_path, style))
    assert "style.toml" in message and "nest" in message


def test_a_fifo_style_is_refused(tmp_path: Path):
    folder = _template(tmp_path, "")
    (folder / "style.toml").unlink()
    os.mkfifo(folder / "style.toml")
    assert "not a regular file" in _style_message(folder)


def test_a_nested_style_within_the_parser_depth_is_a_style_error(tmp_path: Path):
    message = _style_message(_template(tmp_path, "[page]\nsize = " + "[" * 200 + "]" * 200 + "\n"))
    assert message.startswith(str(tmp_path)) and "page.size" in message


@pytest.mark.parametrize(
    ("style", "scheme"),
    [
        ('[markings]\nscheme = "uk"\n', "uk"),
        ("[markings]\nportion_marks = true\n", "us"),
        ("", "us"),
        ('[markings]\nscheme = ""\n', "us"),
        ("markings = 3\n", "us"),
        ('[markings\nscheme = "uk"', "us"),  # not TOML: the Checks tab says so; the window uses the default
        (DEEP, "us"),
    ],
)
def test_the_window_reads_a_templates_marking_scheme_without_its_whole_style(tmp_path: Path, style: str, scheme: str):
    assert find_template(str(_template(tmp_path, style))).marking_scheme() == scheme


@pytest.mark.parametrize("style", ['[markings]\nscheme = "nato"\n', '[page]\nsize = "A4"\n'])
def test_the_scheme_read_alone_is_the_one_the_whole_style_gives(tmp_path: Path, style: str):
    template = find_template(str(_template(tmp_path, style)))
    assert template.marking_scheme() == template.style().markings.scheme
