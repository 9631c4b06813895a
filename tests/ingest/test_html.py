"""Saved web pages: the article without the page furniture, headings as sections, metadata from the page."""

from __future__ import annotations

from pathlib import Path

import pytest

from app.ingest import ingest
from app.ingest.readers.html import declared_charset
from tests.ingest.fixtures import write_big_html, write_news_html

FURNITURE = ["Home", "Politics", "Advertisement", "Related stories", "Oil prices rise", "Great article", "biased"]


@pytest.fixture
def news(tmp_path: Path):
    return ingest(write_news_html(tmp_path / "ledger.html"))


def test_metadata_from_the_page(news):
    assert news.title == "Iraq moves to curb recruitment into Russian army"
    assert news.author == "Layla Hassan"
    assert news.date == "2026-01-14"
    assert news.outlet == "The Baghdad Ledger"
    assert news.language == "en"
    assert news.format == "html"


def test_h2_headings_become_sections_and_the_h1_title_heads_the_lead(news):
    assert [(s.id, s.heading, s.level) for s in news.sections] == [
        ("lead", "Iraq moves to curb recruitment into Russian army", 1),
        ("legal-measures", "Legal measures", 2),
        ("numbers-and-drivers", "Numbers and drivers", 2),
    ]


def test_article_text_in_order_with_lists_and_table(news):
    lead, legal, numbers = news.sections
    assert lead.paragraphs[0].startswith("BAGHDAD — Iraq’s National Security Advisor chaired a meeting")
    assert len(lead.paragraphs) == 2
    assert (
        legal.paragraphs[1]
        == "Travel agencies that facilitated the transport of recruits will face prosecution, the statement added."
    )
    assert numbers.paragraphs[1:5] == [
        "Promises of high salaries to unemployed youth",
        "Offers of Russian citizenship",
        "Province: Basra; Reported recruits: 1,200",
        "Province: Najaf; Reported recruits: 800",
    ]
    assert numbers.paragraphs[-1].startswith("Security officials believe")


def test_menus_ads_comments_and_scripts_are_left_out(news):
    text = "\n".join(news.paragraphs)
    for furniture in FURNITURE:
        assert furniture not in text
    assert "BUY NOW" not in text and "script text" not in text
    assert "By Layla Hassan" not in text


@pytest.mark.parametrize(("encoding", "declare"), [("cp1252", None), ("cp1252", "iso-8859-1"), ("utf-16", "utf-8")])
def test_page_charset(tmp_path: Path, encoding: str, declare: str | None):
    """The declared charset (ISO-8859-1 read as Windows-1252, as browsers do), or a BOM over a wrong declaration."""
    source = ingest(write_news_html(tmp_path / "page.htm", encoding=encoding, declare=declare))
    assert "Iraq’s National Security" in source.paragraphs[0]
    assert "â€" not in source.paragraphs[0]


def test_utf8_page_declaring_a_legacy_charset_stays_utf8(tmp_path: Path):
    """Pages re-saved as UTF-8 often keep their old meta tag; valid UTF-8 wins over the declaration."""
    source = ingest(write_news_html(tmp_path / "page.html", encoding="utf-8", declare="windows-1252"))
    assert "Iraq’s" in source.paragraphs[0]


def test_arabic_page_in_windows_1256(tmp_path: Path):
    body = "".join(
        f"<h2>{h}</h2><p>{p}</p>"
        for h, p in [
            (
                "الإجراءات القانونية",
                "أكدت اللجنة تفعيل مواد قانون العقوبات العراقي التي تجرّم الانضمام إلى القوات المسلحة لدولة أجنبية.",
            ),
            (
                "الدوافع الاقتصادية",
                "تشير التقارير إلى أن عمليات التجنيد تجري غالباً عبر شركات خاصة تستهدف الشباب العاطلين عن العمل.",
            ),
        ]
    )
    page = (
        '<html lang="ar" dir="rtl"><head><meta charset="windows-1256"><title>التجنيد</title></head>'
        f"<body><article>{body}</article></body></html>"
    )
    path = tmp_path / "arabic.html"
    path.write_bytes(page.encode("cp1256"))
    source = ingest(path)
    assert source.language == "ar"
    assert [s.heading for s in source.sections] == ["الإجراءات القانونية", "الدوافع الاقتصادية"]
    assert source.sections[1].paragraphs[0].startswith("تشير التقارير")


def test_page_that_is_not_an_article_keeps_its_visible_text(tmp_path: Path):
    path = tmp_path / "index.html"
    path.write_text(
        "<html><head><title>Reports</title><style>p {}</style></head><body>"
        "<h1>Reports index</h1><div>First report about Iraq</div><ul><li>Item one</li><li>Item two</li></ul>"
        "<h2>Archive</h2><p>Some <b>bold</b> text<script>evil()</script> after.</p></body></html>",
        encoding="utf-8",
    )
    source = ingest(path)
    assert [s.heading for s in source.sections] == ["Reports index", "Archive"]
    assert source.sections[0].paragraphs == ["First report about Iraq", "Item one", "Item two"]
    assert source.sections[1].paragraphs == ["Some bold text after."]


def test_declared_charset_forms():
    assert declared_charset(b'<meta charset="windows-1256">') == "cp1256"
    assert declared_charset(b'<meta http-equiv="Content-Type" content="text/html; charset=ISO-8859-1">') == "cp1252"
    assert declared_charset(b'<?xml version="1.0" encoding="koi8-r"?>') == "koi8-r"
    assert declared_charset(b'<meta charset="no-such-charset">') is None
    assert declared_charset(b"<p>no declaration</p>") is None


def test_big_page_is_read_whole(tmp_path: Path):
    """bench/bench_scaling.py times it."""
    source = ingest(write_big_html(tmp_path / "big.html"))
    assert len(source.sections) == 201
    assert len(source.paragraphs) == 200 * 15
