"""Text files in the encodings analysts' sources arrive in: the right characters, never mojibake.

The short files here are the hard cases: a line or two gives a statistical
detector little to go on, and charset-normalizer alone reads French
Windows-1252 as Czech and a line of Windows-1256 Arabic as Hebrew.
"""

from __future__ import annotations

import codecs
from pathlib import Path

import pytest

from app.core.errors import IngestError
from app.ingest import ingest
from app.ingest.mojibake import oddities
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


# --- text that does not read as text is refused, never passed on as gibberish ------------------------------------

CENTRAL_EUROPEAN = {
    "czech": "Vláda včera schválila nový zákon o ochraně přírody. Ministr řekl, že změny začnou platit příští rok.",
    "hungarian": "A kormány tegnap bejelentette, hogy új törvényt fogad el a közlekedésről és a műszaki vizsgáról.",
    "polish": "Rząd ogłosił nowe przepisy dotyczące bezpieczeństwa. Minister powiedział, że zmiany wejdą w życie.",
    "slovak": "Vláda včera schválila nový zákon. Minister povedal, že zmeny začnú platiť budúci rok.",
    "croatian": "Vlada je jučer objavila da će novi zakon stupiti na snagu sljedeće godine.",
}


@pytest.mark.parametrize("language", CENTRAL_EUROPEAN)
def test_windows_1250_is_not_read_as_windows_1252(language: str):
    """ "vèera" and "Rz¹d og³osi³" are what Czech and Polish look like through the wrong code page."""
    text = CENTRAL_EUROPEAN[language]
    assert decode(Path(f"{language}.txt"), (text + "\n").encode("cp1250")) == text + "\n"


@pytest.mark.parametrize(
    ("text", "encoding"),
    [
        ("日本政府は水曜日、新しい法律を発表した。首相は会見で説明した。", "shift_jis"),
        ("日本政府は水曜日、新しい法律を発表した。首相は会見で説明した。", "euc_jp"),
        ("한국 정부는 수요일 새로운 법률을 발표했다.", "euc_kr"),
        ("台灣政府週三宣布新的法律。", "big5"),
    ],
)
def test_east_asian_legacy_encodings(text: str, encoding: str):
    """Japanese mixes Han and kana inside a word: that is how the language is written, not mojibake."""
    assert decode(Path("asia.txt"), text.encode(encoding)) == text


def test_a_utf16_mark_before_utf8_text_is_a_wrong_mark(tmp_path: Path):
    """Read as UTF-16 the bytes make a page of Chinese-looking characters; the text under the mark is UTF-8."""
    text = SAMPLE.read_text(encoding="utf-8")
    data = text.encode("utf-8")
    path = tmp_path / "marked.txt"
    path.write_bytes(codecs.BOM_UTF16_LE + data + b"\n" * (len(data) % 2))
    assert ingest(path).paragraphs == ingest(SAMPLE).paragraphs


def test_noise_behind_a_utf16_mark_is_refused():
    noise = bytes(b for n in range(2000) for b in (0x61 + n % 26, 0x80 + (n * 37) % 0x58))  # valid UTF-16, no words
    with pytest.raises(IngestError, match="does not read as text"):
        decode(Path("noise.txt"), codecs.BOM_UTF16_LE + noise)


def test_a_declared_charset_that_cannot_be_true_is_ignored(tmp_path: Path):
    """A page declaring EBCDIC (cp037) in ASCII letters cannot be EBCDIC; its bytes are Windows-1252."""
    text = "Le Conseil a déclaré que la réunion était très importante pour l’Irak et ses voisins."
    data = f'<html><head><meta charset="cp037"></head><body><p>{text}</p></body></html>'.encode("cp1252")
    assert text in decode(Path("page.html"), data, declared="cp037")


def test_invisible_characters_alone_are_no_text(tmp_path: Path):
    path = tmp_path / "invisible.txt"
    path.write_text(" ".join(["\u200b\u200c\u200d\u2060\ufeff"] * 3_000), encoding="utf-8")
    with pytest.raises(IngestError, match=r"invisible\.txt: the file has no visible text"):
        ingest(path)


def test_zero_width_characters_inside_words_are_kept(tmp_path: Path):
    """Persian writes a zero-width non-joiner inside words; that is text, not an attack."""
    path = tmp_path / "fa.txt"
    path.write_text("می\u200cخواهم به خانه بروم و کتاب\u200cها را بخوانم.\n", encoding="utf-8")
    assert ingest(path).paragraphs == ["می\u200cخواهم به خانه بروم و کتاب\u200cها را بخوانم."]


def test_private_use_characters_are_not_text():
    data = "".join(chr(0xE000 + n % 6000) for n in range(8_000)).encode("utf-8")
    with pytest.raises(IngestError, match="does not read as text"):
        decode(Path("private.txt"), data)


def test_stray_bytes_are_read_in_the_encoding_they_were_written_in(tmp_path: Path):
    """A Windows-1251 paragraph pasted into a UTF-8 file is Russian too, not "Ñîâåò"."""
    russian = "Совет безопасности Ирака провёл заседание в среду и обсудил вербовку граждан."
    path = tmp_path / "mixed.txt"
    path.write_bytes(((russian + "\n\n") * 4).encode("utf-8") + (russian + "\n").encode("cp1251"))
    assert ingest(path).paragraphs == [russian] * 5


def test_direction_overrides_are_removed(tmp_path: Path):
    """An override makes "exe.txt" display as "txt.exe"; the brief lays out direction itself."""
    path = tmp_path / "rlo.txt"
    path.write_text("Open attachment\u202eexe.txt\u202c today.\n\nمرحبا \u2067abc\u2069 بالعالم\n", encoding="utf-8")
    assert ingest(path).paragraphs == ["Open attachmentexe.txt today.", "مرحبا abc بالعالم"]


def test_devanagari_is_a_script_of_its_own():
    from app.text.language import detect_language
    from app.text.scripts import script_of

    assert script_of("क") == "Devanagari"
    assert detect_language("भारत सरकार ने बुधवार को नए कानून की घोषणा की।") == "hi"
