"""Text files in the encodings analysts' sources arrive in: the right characters, never mojibake.

The short files here are the hard cases: a line or two gives a statistical
detector little to go on, and charset-normalizer alone reads French
Windows-1252 as Czech and a line of Windows-1256 Arabic as Hebrew.
"""

from __future__ import annotations

import codecs
from pathlib import Path

import pytest

from app.ingest import ingest
from app.ingest.encoding_guess import oddities
from app.ingest.textio import decode
from tests.conftest import SAMPLE
from tests.ingest.fixtures import ARABIC_SAMPLE

MOJIBAKE_MARKS = ("â€", "Ã", "Ø", "Ù", "\ufffd")

SHORT_FILES = {
    "apostrophe-1252": ("Iraq’s council met on Wednesday.", "cp1252"),
    "quotes-1252": ("Faiq Zaidan said “no” – again… and left.", "cp1252"),
    "french-1252": ("Le Conseil a déclaré que la réunion était très importante pour l’Irak.", "cp1252"),
    "french-capitals-1252": ("L'Élysée a réagi. À Paris, la DGSE s'inquiète.", "cp1252"),
    "german-latin1": ("Der Ausschuß tagte am Mittwoch über Rekrutierung.", "latin-1"),
    "arabic-word-1256": ("العراق", "cp1256"),
    "arabic-two-words-1256": ("مجلس الأمن", "cp1256"),
    "arabic-line-1256": ("ترأس مستشار الأمن القومي العراقي اجتماعاً يوم الأربعاء.", "cp1256"),
    "arabic-english-1256": ("The committee (لجنة الأمر الديواني) met on Wednesday.", "cp1256"),
    "russian-1251": ("Совет безопасности Ирака провёл заседание.", "cp1251"),
    "russian-word-1251": ("Москва", "cp1251"),
    "turkish-1254": ("Irak güvenlik danışmanı toplantı düzenledi.", "cp1254"),
    "polish-1250": ("Łódź i Kraków: spotkanie władz.", "cp1250"),
    "greek-1253": ("Η Αθήνα καταδίκασε την επίθεση.", "cp1253"),
    "chinese-gb18030": ("伊拉克国家安全顾问周三主持会议，讨论招募问题。", "gb18030"),
}


@pytest.mark.parametrize("name", SHORT_FILES)
def test_short_legacy_files_decode_exactly(name: str):
    text, encoding = SHORT_FILES[name]
    assert decode(Path(f"{name}.txt"), text.encode(encoding)) == text


@pytest.mark.parametrize(
    ("encoding", "prefix"),
    [
        ("utf-8", b""),
        ("utf-8", codecs.BOM_UTF8),
        ("utf-16-le", codecs.BOM_UTF16_LE),
        ("utf-16-be", codecs.BOM_UTF16_BE),
        ("utf-16-le", b""),
        ("utf-16-be", b""),
        ("utf-32-le", codecs.BOM_UTF32_LE),
        ("cp1252", b""),
    ],
)
def test_english_sample_in_every_unicode_form(tmp_path: Path, encoding: str, prefix: bytes):
    text = SAMPLE.read_text(encoding="utf-8")
    path = tmp_path / "sample.txt"
    path.write_bytes(prefix + text.encode(encoding))
    source = ingest(path)
    assert source.paragraphs == ingest(SAMPLE).paragraphs
    assert source.section("judicial-warnings").paragraphs[0].startswith("Faiq Zaidan, President of Iraq’s Supreme")


@pytest.mark.parametrize(
    ("encoding", "prefix"), [("cp1256", b""), ("utf-16-le", b""), ("utf-16-be", codecs.BOM_UTF16_BE)]
)
def test_arabic_sample_in_legacy_and_utf16(tmp_path: Path, encoding: str, prefix: bytes):
    path = tmp_path / "arabic.txt"
    path.write_bytes(prefix + ARABIC_SAMPLE.read_text(encoding="utf-8").encode(encoding))
    source = ingest(path)
    assert source.paragraphs == ingest(ARABIC_SAMPLE).paragraphs
    assert source.language == "ar"
    assert not any(mark in "".join(source.paragraphs) for mark in MOJIBAKE_MARKS)


def test_apostrophe_in_a_windows_1252_file(tmp_path: Path):
    path = tmp_path / "note.txt"
    path.write_bytes("Reuters - Iraq’s judges warned “recruiters” on Monday.\n".encode("cp1252"))
    assert ingest(path).paragraphs == ["Reuters - Iraq’s judges warned “recruiters” on Monday."]


def test_utf8_with_a_stray_windows_1252_byte(tmp_path: Path):
    """Text pasted between editors: UTF-8 throughout except one cp1252 apostrophe; neither is garbled."""
    path = tmp_path / "mixed.md"
    path.write_bytes(
        "Baghdad — Qassim al-Araji’s ".encode() + b"committee\x92s report on Kurdish and Arab n\xc3\xa9gociations.\n"
    )
    assert ingest(path).paragraphs == [
        "Baghdad — Qassim al-Araji’s committee’s report on Kurdish and Arab négociations."
    ]


def test_windows_1256_markdown(tmp_path: Path):
    path = tmp_path / "ar.md"
    path.write_bytes("# تقرير\n\nمقدمة قصيرة عن الموضوع.\n\n## الإجراءات\n\nنص القسم الأول.\n".encode("cp1256"))
    source = ingest(path)
    assert source.title == "تقرير"
    assert [s.heading for s in source.sections] == ["", "الإجراءات"]
    assert source.language == "ar"


def test_mojibake_scores_higher_than_clean_text():
    clean = "Le Conseil a déclaré que la réunion était très importante."
    assert oddities(clean) == 0
    assert oddities(clean.encode("utf-8").decode("cp1252")) > 0
    arabic = "مجلس الأمن"
    assert oddities(arabic.encode("cp1256").decode("cp1252")) > 0
