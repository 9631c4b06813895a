"""Parsed TrueType faces kept between processes: the same face as a fresh parse, and never wrong or in the way."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
from reportlab.pdfbase.ttfonts import TTFError, TTFontFace

from app.render.pdf import face_cache
from app.render.pdf.face_cache import cache_folder, load_face

FONTS = Path(__file__).resolve().parents[2] / "assets" / "fonts"


@pytest.fixture
def font(tmp_path: Path) -> Path:
    """A font file of the test's own, so changing it touches nothing else."""
    copy = tmp_path / "Serif.ttf"
    shutil.copy(FONTS / "NotoSerif-Regular.ttf", copy)
    return copy


def facts(face: TTFontFace) -> dict[str, object]:
    """Everything a parse leaves on a face, the scaling function by what it does."""
    kept = {name: value for name, value in vars(face).items() if name != "_pdfScale"}
    kept["scale of 2048"] = face._pdfScale(2048)  # type: ignore[attr-defined]
    return kept


def test_a_face_loaded_from_the_cache_is_the_face_a_parse_gives(font: Path):
    first = load_face(font)  # parsed, and kept
    assert len(list(cache_folder().glob("*.pickle"))) == 1
    second = load_face(font)  # from the cache
    assert second is not first
    assert facts(second) == facts(first) == facts(TTFontFace(str(font)))
    assert second.makeSubset([0, 65, 66, 67]) == TTFontFace(str(font)).makeSubset([0, 65, 66, 67])


def test_a_font_file_changed_since_is_parsed_again(font: Path):
    load_face(font)
    shutil.copy(FONTS / "NotoSans-Regular.ttf", font)  # another font under the same name
    os.utime(font, ns=(1, 1))
    assert facts(load_face(font)) == facts(TTFontFace(str(font)))
    assert len(list(cache_folder().glob("*.pickle"))) == 2


@pytest.mark.parametrize("damage", [b"", b"not a pickle", b"\x80\x05K\x01."])  # the last: a pickled int
def test_a_damaged_entry_is_parsed_again_and_rewritten(font: Path, damage: bytes):
    load_face(font)
    [entry] = cache_folder().glob("*.pickle")
    entry.write_bytes(damage)
    assert facts(load_face(font)) == facts(TTFontFace(str(font)))
    assert entry.read_bytes() != damage


def test_a_cache_folder_that_cannot_be_written_leaves_fonts_working(font: Path, tmp_path: Path, monkeypatch):
    blocked = tmp_path / "cache-is-a-file"
    blocked.write_text("in the way")
    monkeypatch.setattr(face_cache, "cache_folder", lambda: blocked / "fonts")
    assert facts(load_face(font)) == facts(TTFontFace(str(font)))


def test_a_file_that_is_not_a_font_is_refused_as_before(tmp_path: Path):
    fake = tmp_path / "Fake.ttf"
    fake.write_bytes(b"\x00\x01\x00\x00" + b"junk" * 100)
    with pytest.raises(TTFError):
        load_face(fake)
    assert list(cache_folder().glob("*.pickle")) == []


def test_only_the_most_recent_entries_are_kept(font: Path, monkeypatch):
    monkeypatch.setattr(face_cache, "FACES_KEPT", 2)
    for stamp in (1, 2, 3):
        os.utime(font, ns=(stamp * 10**9, stamp * 10**9))  # each a new entry
        load_face(font)
    assert len(list(cache_folder().glob("*.pickle"))) == 2
