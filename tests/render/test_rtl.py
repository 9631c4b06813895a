"""Right-to-left text: direction decisions (app/bidi.py), bidi DOCX paragraphs, shaped and reordered PDF lines."""

from __future__ import annotations

import io
import unicodedata

import docx
import pypdfium2 as pdfium
import pytest
from docx.oxml.ns import qn
from docx.shared import Pt
from pypdf import PdfReader

from app.core.document import (
    Callout,
    Citation,
    Document,
    DocumentMeta,
    Heading,
    ListBlock,
    Paragraph,
    Quote,
    Run,
    Table,
)
from app.core.style import Style
from app.render.docx.writer import render_docx
from app.render.pdf.bidi import BidiText, shape
from app.render.pdf.blocks import Context, FlowableBuilder
from app.render.pdf.fonts import register_fonts
from app.render.pdf.paragraph import BriefParagraph
from app.render.pdf.paragraph_text import Piece, PlainText
from app.render.pdf.styles import StyleSheet
from app.render.pdf.writer import render_pdf
from app.text.bidi import (
    LTR,
    RTL,
    base_direction,
    display,
    embedding_levels,
    has_arabic,
    has_rtl,
    is_arabic,
    rtl_spans,
    split_by_direction,
)

ARABIC_FONT = "Noto Naskh Arabic"
HELLO = "مرحبا بالعالم"
MIXED = "قال Hussein Allawi إن 5,000 عراقي انضموا"
#: Mostly Arabic, but opening with a Latin name: the first-strong rule would call it left-to-right.
NAME_FIRST = "Hussein Allawi قال إن 5,000 عراقي انضموا إلى الجيش الروسي"
QUOTING = "The report quotes «الجيش الروسي» as the recruiter."
ENGLISH = "An English paragraph: the first street, efficient offices."
LONG_ARABIC = (
    "أكدت اللجنة أن الإجراءات القانونية ستطبق بصرامة ضد المخالفين، وتعهدت السلطات بملاحقة أي شركات أو أفراد "
    "يشاركون في تنظيم هذه الأنشطة أو الترويج لها، مع التركيز على حماية الشباب. "
)


def doc(*blocks, title: str = "T") -> Document:
    return Document(DocumentMeta(title=title), list(blocks))


def para(text: str) -> Paragraph:
    return Paragraph([Run(text)])


# -- app/bidi.py ----------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "direction"),
    [
        (HELLO, RTL),
        ("Hello world", LTR),
        (MIXED, RTL),
        (NAME_FIRST, RTL),
        (QUOTING, LTR),
        ("5,000 " + HELLO, RTL),  # a leading number never decides
        ("2026", LTR),
        ("12.5% – 3", LTR),
        ("", LTR),
        ("  ", LTR),
        ("שלום עולם", RTL),  # Hebrew is right-to-left too
    ],
)
def test_base_direction(text: str, direction: str) -> None:
    assert base_direction(text) == direction


def test_a_tie_goes_to_the_first_strong_character() -> None:
    assert base_direction("abc جدد") == LTR
    assert base_direction("جدد abc") == RTL


def test_arabic_script_ranges() -> None:
    # Arabic, Supplement, Extended-A, Presentation Forms A and B, Arabic-Indic digit, comma, question mark
    for char in ("ب", "ݐ", "ࢠ", "ﭐ", "ﻻ", "٣", "،", "؟"):
        assert is_arabic(char), hex(ord(char))
    for char in ("a", "א", "\ufeff", "5", " "):
        assert not is_arabic(char), hex(ord(char))
    assert has_arabic("quoting ﻻ") and not has_arabic("שלום")
    assert has_rtl("שלום") and has_rtl(HELLO) and not has_rtl(ENGLISH)


def test_rtl_spans_hold_the_arabic_with_what_lies_between_but_not_trailing_latin_punctuation() -> None:
    assert [MIXED[s:e] for s, e in rtl_spans(MIXED)] == ["قال", "إن 5,000 عراقي انضموا"]
    assert [QUOTING[s:e] for s, e in rtl_spans(QUOTING)] == ["الجيش الروسي"]
    question = HELLO + "؟"
    assert [question[s:e] for s, e in rtl_spans(question)] == [question]  # the Arabic question mark belongs
    assert [w for w, _ in split_by_direction(MIXED)] == ["قال", " Hussein Allawi ", "إن 5,000 عراقي انضموا"]
    assert "".join(w for w, _ in split_by_direction(QUOTING)) == QUOTING


def test_numbers_and_latin_stay_left_to_right_inside_right_to_left_text() -> None:
    levels = embedding_levels("عام 2026 كان", rtl=True)
    assert levels == [1, 1, 1, 1, 2, 2, 2, 2, 1, 1, 1, 1]
    assert display(MIXED) == "اومضنا يقارع 5,000 نإ Hussein Allawi لاق"
    assert display(QUOTING) == "The report quotes «يسورلا شيجلا» as the recruiter."


def test_brackets_around_latin_in_arabic_follow_their_contents() -> None:
    assert display("الكلمة Hussein (Allawi).", rtl=True) == ".Hussein (Allawi) ةملكلا"
    assert display("قال (نعم) أمس", rtl=True) == "سمأ (معن) لاق"  # mirrored: still reads (…) from the right


# -- DOCX ----------------------------------------------------------------------------------------------------------


def docx_body(*blocks, title: str = "T") -> docx.document.Document:
    return docx.Document(io.BytesIO(render_docx(doc(*blocks, title=title), Style())))


def paragraph_with(document, fragment: str):
    [paragraph] = [p for p in document.paragraphs if fragment in p.text]
    return paragraph


def is_bidi(paragraph) -> bool:
    ppr = paragraph._p.pPr
    return ppr is not None and ppr.find(qn("w:bidi")) is not None


def rtl_runs(paragraph) -> list[str]:
    return [r.text for r in paragraph.runs if r._r.rPr is not None and r._r.rPr.find(qn("w:rtl")) is not None]


def complex_font(run) -> str | None:
    fonts = run._r.rPr.find(qn("w:rFonts"))
    return fonts.get(qn("w:cs")) if fonts is not None else None


@pytest.fixture(scope="module")
def word() -> docx.document.Document:
    return docx_body(
        para(HELLO),
        para(ENGLISH),
        para(MIXED),
        para(QUOTING),
        Heading(1, [Run("الإجراءات القانونية")]),
        Paragraph([Run("تعهدت ", bold=True), Run("السلطات")]),
        ListBlock(False, [[para("البند الأول")]]),
        Quote([para("لن نسمح باستغلال شبابنا")]),
        Callout("summary", [para("الخلاصة بغداد تجرم الالتحاق")]),
        Table([[Run("البلد")], [Run("Number")]], [[[Run("العراق")], [Run("5,000")]]]),
        title="العراق يتحرك",
    )


def test_docx_arabic_paragraph_is_bidi_with_rtl_runs_in_the_arabic_font(word) -> None:
    paragraph = paragraph_with(word, HELLO)
    assert is_bidi(paragraph)
    assert paragraph._p.pPr.find(qn("w:jc")) is None  # no right alignment: Word would flip it to the left
    assert rtl_runs(paragraph) == [HELLO]
    assert complex_font(paragraph.runs[0]) == ARABIC_FONT


def test_docx_english_paragraph_has_no_bidi_and_no_rtl_runs(word) -> None:
    paragraph = paragraph_with(word, ENGLISH)
    assert not is_bidi(paragraph)
    assert rtl_runs(paragraph) == []
    assert all(r._r.rPr is None or r._r.rPr.find(qn("w:rFonts")) is None for r in paragraph.runs)


def test_docx_mixed_paragraph_is_rtl_and_keeps_latin_runs_ltr(word) -> None:
    paragraph = paragraph_with(word, "Hussein Allawi")
    assert paragraph.text == MIXED
    assert is_bidi(paragraph)
    assert rtl_runs(paragraph) == ["قال", "إن 5,000 عراقي انضموا"]
    assert [r.text for r in paragraph.runs if r.text not in rtl_runs(paragraph)] == [" Hussein Allawi "]


def test_docx_english_paragraph_quoting_arabic_stays_ltr(word) -> None:
    paragraph = paragraph_with(word, "The report quotes")
    assert not is_bidi(paragraph)
    assert rtl_runs(paragraph) == ["الجيش الروسي"]


def test_docx_heading_list_quote_callout_and_cells_with_arabic_are_bidi(word) -> None:
    heading = paragraph_with(word, "الإجراءات القانونية")
    assert heading.style.name == "Heading 1" and is_bidi(heading) and rtl_runs(heading) == ["الإجراءات القانونية"]
    assert paragraph_with(word, "البند الأول").style.name == "List Bullet"
    for fragment in ("البند الأول", "لن نسمح", "الخلاصة"):
        assert is_bidi(paragraph_with(word, fragment)), fragment
    cells = [c for t in word.tables for row in t.rows for c in row.cells]
    assert [is_bidi(c.paragraphs[0]) for c in cells] == [True, False, True, False]
    assert rtl_runs(cells[2].paragraphs[0]) == ["العراق"]


def test_docx_bold_arabic_gets_complex_script_bold(word) -> None:
    run = paragraph_with(word, "تعهدت").runs[0]
    assert run._r.rPr.find(qn("w:b")) is not None and run._r.rPr.find(qn("w:bCs")) is not None


def test_docx_quote_keeps_its_bar_clear_of_right_to_left_text(word) -> None:
    """Word measures a bidi paragraph's left indent from the right: the writer swaps them for boxes."""
    fmt = paragraph_with(word, "لن نسمح").paragraph_format
    assert (fmt.left_indent, fmt.right_indent) == (Pt(0), Pt(12))


def test_docx_arabic_title_in_header_is_an_rtl_run(word) -> None:
    header = word.sections[0].header
    [running] = [p for p in header.paragraphs if "العراق يتحرك" in p.text]
    assert rtl_runs(running) == ["العراق يتحرك"]
    assert not is_bidi(running)  # the header line keeps its left and right sides


# -- PDF -----------------------------------------------------------------------------------------------------------


def pdf_bytes(*blocks, title: str = "T") -> bytes:
    return render_pdf(doc(*blocks, title=title), Style())


def font_names(data: bytes) -> set[str]:
    reader = PdfReader(io.BytesIO(data))
    return {str(f.get_object()["/BaseFont"]) for page in reader.pages for f in page["/Resources"]["/Font"].values()}


class Words:
    """Text of a PDF page through pypdfium2, with the position of each character."""

    def __init__(self, data: bytes, page: int = 0) -> None:
        self.pdf = pdfium.PdfDocument(data)
        self.page = self.pdf[page]
        self.textpage = self.page.get_textpage()
        self.text = self.textpage.get_text_range()
        self.normal = unicodedata.normalize("NFKC", self.text)

    def box(self, word: str, after: int = 0) -> tuple[float, float, float, float]:
        """(left, bottom, right, top) around the characters of ``word``'s first occurrence after ``after``."""
        index = self.text.find(word, after)
        assert index >= 0, f"{word!r} not in {self.text!r}"
        boxes = [self.textpage.get_charbox(index + k) for k in range(len(word)) if not word[k].isspace()]
        return min(b[0] for b in boxes), min(b[1] for b in boxes), max(b[2] for b in boxes), max(b[3] for b in boxes)

    def centre(self, word: str, after: int = 0) -> float:
        left, _, right, _ = self.box(word, after)
        return (left + right) / 2


@pytest.fixture(scope="module")
def fonts():
    return register_fonts(Style(), "عربي")


def test_pdf_embeds_the_arabic_font_only_when_needed() -> None:
    assert any("NotoNaskhArabic-Regular" in name for name in font_names(pdf_bytes(para(HELLO))))
    assert not any("Naskh" in name for name in font_names(pdf_bytes(para(ENGLISH))))


def test_pdf_arabic_paragraph_extracts_as_its_words() -> None:
    page = Words(pdf_bytes(para(HELLO), title=""))
    assert "مرحبا" in page.normal and "بالعالم" in page.normal


def test_pdf_arabic_words_run_right_to_left_and_right_aligned() -> None:
    page = Words(pdf_bytes(para(HELLO), title=""))
    first, second = page.box("مرحبا"), page.box("بالعالم")
    assert first[0] > second[2]  # the first logical word is drawn to the right of the second
    width = page.page.get_width()
    assert first[2] == pytest.approx(width - Style().page.margin_right_mm * 72 / 25.4, abs=2)


def test_pdf_shapes_arabic_into_joined_forms_in_visual_order(fonts) -> None:
    glyphs = str(shape(fonts.arabic, "مرحبا", rtl=True).text)
    assert len(glyphs) == 5
    assert glyphs[0] == "\ufe8e"  # leftmost: alef, final form
    assert glyphs[-1] == "\ufee3"  # rightmost: meem, initial form
    assert unicodedata.normalize("NFKC", glyphs)[::-1] == "مرحبا"
    lam_alef = str(shape(fonts.arabic, "إلا", rtl=True).text)
    assert unicodedata.normalize("NFKC", lam_alef) not in ("ال", "لا")  # the ligature, not two isolated letters


def test_pdf_lam_alef_and_marks_extract_through_to_unicode() -> None:
    page = Words(pdf_bytes(para("لا إله إلا أنتم، قال الشَّيخ"), title=""))
    assert "إله" in page.normal and "إلا" in page.normal
    assert not any(0xE000 <= ord(c) <= 0xF8FF or ord(c) >= 0xF0000 for c in page.text)  # no private-use leaks


def test_pdf_mixed_paragraph_reads_right_to_left_with_latin_and_numbers_left_to_right() -> None:
    page = Words(pdf_bytes(para(MIXED), title=""))
    assert "Hussein" in page.text and "5,000" in page.text
    x = {w: page.centre(w) for w in ("قال", "Hussein", "Allawi", "إن", "5,000", "عراقي", "انضموا")}
    assert x["قال"] > x["Allawi"] > x["Hussein"] > x["إن"] > x["5,000"] > x["عراقي"] > x["انضموا"]
    digits = [page.textpage.get_charbox(page.text.find("5,000") + k)[0] for k in range(5)]
    assert digits == sorted(digits)  # the number itself reads left to right


def test_pdf_english_paragraph_quoting_arabic_stays_left_to_right() -> None:
    page = Words(pdf_bytes(para(QUOTING), title=""))
    x = {w: page.centre(w) for w in ("report", "quotes", "الجيش", "الروسي", "recruiter")}
    assert x["report"] < x["quotes"] < x["الروسي"] < x["الجيش"] < x["recruiter"]
    left_margin = Style().page.margin_left_mm * 72 / 25.4
    assert page.box("The")[0] == pytest.approx(left_margin, abs=1)


def test_pdf_rtl_lines_wrap_with_the_first_words_on_the_first_line_at_the_right() -> None:
    data = pdf_bytes(para(LONG_ARABIC * 3), title="")
    page = Words(data)
    first, last = page.box("أكدت"), page.box("الشباب", after=len(page.text) // 2)
    assert first[1] > last[1]  # first logical word on an earlier line than a late one
    right_margin = page.page.get_width() - Style().page.margin_right_mm * 72 / 25.4
    assert first[2] == pytest.approx(right_margin, abs=2)
    assert page.normal.count("أكدت") == 3


def test_pdf_english_paragraph_is_plain_text_without_ligatures(fonts) -> None:
    builder = FlowableBuilder(StyleSheet(Style(), fonts), 700)
    [english] = builder.build([para(ENGLISH)], Context(400))
    [arabic] = builder.build([para(HELLO)], Context(400))
    assert isinstance(english, BriefParagraph) and isinstance(arabic, BriefParagraph)
    assert isinstance(english.content, PlainText) and isinstance(arabic.content, BidiText)
    text = Words(pdf_bytes(para(ENGLISH), para(HELLO), title="")).text
    assert ENGLISH in " ".join(text.split())  # "first", "efficient": no fi/ffi/st ligature glyphs


def test_pdf_long_arabic_paragraph_splits_across_pages() -> None:
    data = pdf_bytes(para(LONG_ARABIC * 60), title="")
    pages = len(PdfReader(io.BytesIO(data)).pages)
    assert pages >= 2
    found = sum(Words(data, n).normal.count("أكدت") for n in range(pages))
    assert found == 60


def test_pdf_arabic_in_headings_lists_quotes_callouts_tables_and_header() -> None:
    data = pdf_bytes(
        Heading(1, [Run("الإجراءات القانونية")]),
        ListBlock(True, [[para("البند الأول")], [para("Second item")]]),
        Quote([para("لن نسمح باستغلال شبابنا")]),
        Callout("note", [Paragraph([Run("ملاحظة: ", bold=True), Run("نص"), Citation(2)])]),
        Table([[Run("البلد")], [Run("Number")]], [[[Run("العراق")], [Run("5,000")]]]),
        Paragraph([Run("رابط ", href=None), Run("الموقع", href="https://example.org")]),
        title="العراق يتحرك",
    )
    reader = PdfReader(io.BytesIO(data))
    assert [o.title for o in reader.outline] == ["الإجراءات القانونية"]
    page = Words(data)
    for word in ("الإجراءات", "البند", "Second item", "شبابنا", "ملاحظة", "[2]", "البلد", "العراق", "يتحرك", "الموقع"):
        assert word in page.normal, word
    uris = [a.get_object()["/A"]["/URI"] for a in reader.pages[0].get("/Annots", [])]
    assert uris == ["https://example.org"]
    assert any("NotoNaskhArabic-Bold" in name for name in font_names(data))  # the bold label


def test_pdf_hebrew_is_reordered_even_without_a_hebrew_font(fonts) -> None:
    text = BidiText([Piece("אבג def", fonts.body, 10)], fonts)
    assert text.rtl
    runs = text.line(0, len(text.text))
    assert [text.text[r.start : r.end] for r, _ in runs] == ["def", "אבג "]
    assert str(runs[-1][1].text) == " גבא"
    render_pdf(doc(para("שלום עולם")), Style())


def test_pdf_arabic_brief_of_many_paragraphs_renders() -> None:
    """How long it takes is bench/bench_scaling.py's to measure; here, that every paragraph is laid out."""
    data = render_pdf(doc(*[para(LONG_ARABIC + MIXED) for _ in range(100)]), Style())
    assert len(PdfReader(io.BytesIO(data)).pages) > 3


def test_pdf_direction_marks_and_joiners_are_not_drawn(fonts) -> None:
    text = BidiText([Piece("\u200fقال\u200d Hussein\u200e", fonts.body, 10)], fonts)
    drawn = "".join(str(glyphs.text) for _, glyphs in text.line(0, len(text.text)))
    assert not any(c in drawn for c in "\u200d\u200e\u200f")
    assert "Hussein" in drawn


def test_pdf_split_parts_and_cut_words_keep_every_character(fonts) -> None:
    style = StyleSheet(Style(), fonts).role("body")
    text = BidiText([Piece("كلمة " * 40 + "ا" * 120 + " نهاية", fonts.body, 10)], fonts)
    paragraph = BriefParagraph(text, style)
    paragraph.wrap(120, 1000)
    assert max(text.width(s, e) for s, e in paragraph.lines) <= 120 + 1e-6  # the over-long word is cut
    first, rest = paragraph.split(120, style.leading * 3.5)
    first.wrap(120, 1000), rest.wrap(120, 1000)
    assert len(first.lines) == 3
    drawn = "".join(text.text[s:e] for part in (first, rest) for s, e in part.lines)
    assert drawn.replace(" ", "") == text.text.replace(" ", "")
