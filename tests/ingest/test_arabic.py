"""Arabic and other right-to-left sources: sections without capital letters, and the language of every source."""

from __future__ import annotations

from pathlib import Path

import pytest

from app.ingest import ingest
from app.ingest.readers.plaintext import detect_blocks, looks_like_heading
from app.text.language import detect_language
from tests.ingest.fixtures import ARABIC_HEADINGS, ARABIC_SAMPLE


@pytest.fixture
def arabic():
    return ingest(ARABIC_SAMPLE)


def test_arabic_sample_has_lead_and_three_sections(arabic):
    assert [s.heading for s in arabic.sections] == ["", *ARABIC_HEADINGS]
    assert [len(s.paragraphs) for s in arabic.sections] == [2, 2, 2, 2]
    assert arabic.language == "ar"
    assert arabic.sections[1].id == "الإجراءات-القانونية-والمساءلة"


def test_no_arabic_paragraph_lost_or_duplicated(arabic):
    lines = [ln.strip() for ln in ARABIC_SAMPLE.read_text(encoding="utf-8").splitlines() if ln.strip()]
    assert arabic.paragraphs == [ln for ln in lines if ln not in ARABIC_HEADINGS]


def test_mixed_english_arabic_paragraph_stays_in_its_section(arabic):
    last = arabic.sections[-1].paragraphs[-1]
    assert last.startswith("Analysts at the Peregraf desk")
    assert "(لجنة الأمر الديواني)" in last


def test_arabic_title_skips_the_dateline(arabic):
    assert arabic.title.startswith("ترأس مستشار الأمن القومي")
    assert len(arabic.title) <= 91


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("الإجراءات القانونية والمساءلة", True),
        ("نحو خمسة آلاف عراقي في صفوف الجيش الروسي", True),
        ("وقال علاوي إن الحكومة تتابع الملف.", False),
        ("هل انتهى التجنيد؟", False),
        ("المواعيد: الأسبوع المقبل", False),
        ("أولاً، الإجراءات", False),
        ("«اقتباس من المسؤول»", False),
        ("ملف " * 13, False),
        ("Legal Measures and Accountability", True),  # the English rules are unchanged
        ("the committee met", False),
    ],
)
def test_heading_shape(line: str, expected: bool):
    assert looks_like_heading(line) is expected


def test_caseless_heading_needs_a_longer_paragraph_after_it():
    short = ["مقدمة طويلة بما يكفي لتكون فقرة افتتاحية عن الموضوع.", "عنوان القسم", "جملة قصيرة"]
    assert [b.heading_level for b in detect_blocks(short)] == [0, 0, 0]
    long = [*short[:2], "هذه فقرة أطول بكثير من العنوان الذي يسبقها وتشرح تفاصيل القسم بما يكفي من الكلمات."]
    assert [b.heading_level for b in detect_blocks(long)] == [0, 1, 0]


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("The committee said that the measures are in force and the law is clear.", "en"),
        ("Le comité a déclaré que les mesures sont en vigueur dans le pays et pour les citoyens.", "fr"),
        ("Der Ausschuss sagte, dass die Maßnahmen in Kraft sind und die Regierung sich einig ist.", "de"),
        ("El comité dijo que las medidas están en vigor para los ciudadanos y por la ley.", "es"),
        ("أكدت اللجنة تفعيل مواد قانون العقوبات العراقي", "ar"),
        ("مشاور امنیت ملی عراق روز چهارشنبه جلسه‌ای برگزار کرد", "fa"),
        ("ڕاوێژکاری ئاسایشی نیشتمانی عێراق کۆبوونەوەیەکی ئەنجامدا", "ckb"),
        ("Совет безопасности Ирака провёл заседание", "ru"),
        ("Рада національної безпеки України провела засідання", "uk"),
        ("ממשלת ישראל הודיעה היום", "he"),
        ("伊拉克国家安全顾问周三主持会议", "zh"),
        ("Zbigniew Brzezinski", ""),
        ("1234 5678", ""),
    ],
)
def test_language_from_text(text: str, language: str):
    assert detect_language(text) == language


def test_english_sample_is_english(sample_source):
    assert sample_source.language == "en"


def test_hebrew_text_file_has_sections(tmp_path: Path):
    path = tmp_path / "he.txt"
    path.write_text(
        "פתיחה קצרה על הנושא של הדיון בממשלה היום.\nהצעדים החדשים\n"
        "הממשלה הודיעה היום על צעדים חדשים נגד גיוס אזרחים לצבא זר בעקבות הדיווחים האחרונים בתקשורת.\n",
        encoding="utf-8",
    )
    source = ingest(path)
    assert [s.heading for s in source.sections] == ["", "הצעדים החדשים"]
    assert source.language == "he"
