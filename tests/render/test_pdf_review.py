"""PDF writer: hard line breaks and code blocks, page breaks in boxes, long header text, huge paragraphs."""

from __future__ import annotations

import io
import unicodedata

import pypdfium2 as pdfium
import pytest
from pypdf import PdfReader
from reportlab.pdfbase.pdfmetrics import stringWidth

from app.core.document import Callout, Citation, Document, DocumentMeta, ListBlock, PageBreak, Paragraph, Quote, Run
from app.core.style import Style, style_from_dict
from app.render.pdf import page as pdf_page
from app.render.pdf.bidi import BidiText
from app.render.pdf.blocks import Context, FlowableBuilder
from app.render.pdf.fonts import FontSet, register_fonts
from app.render.pdf.page import ELLIPSIS, _fit
from app.render.pdf.paragraph import BriefParagraph
from app.render.pdf.styles import StyleSheet
from app.render.pdf.writer import render_pdf

#: Text with Arabic, so the Arabic family is registered.
ARABIC = "عربي"
WORDS = [
    "the",
    "minister",
    "said",
    "that",
    "recruitment",
    "into",
    "foreign",
    "forces",
    "would",
    "be",
    "prosecuted",
    "under",
    "the",
    "penal",
    "code",
]


def words(count: int, offset: int = 0) -> str:
    """``count`` words of prose, a sentence every 13 words, each word numbered so order can be checked."""
    out = []
    for n in range(offset, offset + count):
        out.append(f"{WORDS[n % len(WORDS)]}{n}" + ("." if n % 13 == 12 else ""))
    return " ".join(out)


def pdf(*blocks, title: str = "", date: str = "", style: Style | None = None) -> bytes:
    return render_pdf(Document(DocumentMeta(title=title, date=date), list(blocks)), style or Style())


class Page:
    """One page's text through pypdfium2, with character boxes (points, origin bottom left)."""

    def __init__(self, data: bytes, page: int = 0) -> None:
        self.pdf = pdfium.PdfDocument(data)
        self.page = self.pdf[page]
        self.textpage = self.page.get_textpage()
        self.text = self.textpage.get_text_range()

    def box(self, word: str) -> tuple[float, float, float, float]:
        """Around ``word``'s first occurrence: its characters' advance boxes, so left is where the pen started."""
        index = self.text.find(word)
        assert index >= 0, f"{word!r} not in {self.text!r}"
        boxes = [self.textpage.get_charbox(index + k, loose=True) for k in range(len(word)) if not word[k].isspace()]
        return min(b[0] for b in boxes), min(b[1] for b in boxes), max(b[2] for b in boxes), max(b[3] for b in boxes)


def page_count(data: bytes) -> int:
    return len(PdfReader(io.BytesIO(data)).pages)


def texts(data: bytes) -> list[str]:
    return [page.extract_text() for page in PdfReader(io.BytesIO(data)).pages]


# -- 1. hard line breaks and code blocks ---------------------------------------------------------------------------


def test_hard_line_break_starts_a_new_line() -> None:
    page = Page(pdf(Paragraph([Run("Alpha first line"), Run("\nBravo", bold=True), Run(" second line")])))
    alpha, bravo = page.box("Alpha"), page.box("Bravo")
    assert bravo[1] < alpha[1] - Style().sizes.body  # a line below
    assert bravo[0] == pytest.approx(alpha[0], abs=0.5)  # at the start of the line


def test_code_block_keeps_its_lines_and_indentation() -> None:
    code = "def brief(x):\n    if x:\n\treturn  x  # two spaces\n        pass"
    data = pdf(Paragraph([Run("Intro text.")]), Paragraph([Run(code, code=True)]))
    page = Page(data)
    tops = [page.box(w)[3] for w in ("def", "if", "return", "pass")]
    assert tops == sorted(tops, reverse=True) and len({round(t) for t in tops}) == 4  # four lines, in order
    mono = register_fonts(Style()).mono
    em = stringWidth(" ", mono, Style().sizes.body)
    left = page.box("def")[0]
    assert page.box("if")[0] - left == pytest.approx(4 * em, abs=0.6)
    assert page.box("return")[0] - left == pytest.approx(4 * em, abs=0.6)  # a tab is four spaces
    assert page.box("pass")[0] - left == pytest.approx(8 * em, abs=0.6)
    assert page.box("x #")[0] - page.box("return")[2] == pytest.approx(2 * em, abs=0.6)  # inner spaces kept


def test_code_block_still_wraps_a_long_line() -> None:
    line = " ".join(f"token{n}" for n in range(60))
    page = Page(pdf(Paragraph([Run("    " + line, code=True)])))
    assert page.box("token59")[3] < page.box("token0")[1]


def test_code_block_continues_at_the_top_of_the_next_page() -> None:
    """reportlab would open the rest of a paragraph after a page break with the line break before it."""
    code = "\n".join(f"row{n} = {n}" for n in range(120))
    data = pdf(Paragraph([Run(code, code=True)]))
    assert page_count(data) >= 2
    first, second = Page(data, 0), Page(data, 1)
    top = second.text.split()[0]
    assert top.startswith("row") and top != "row0"
    assert second.box(top)[1] == pytest.approx(first.box("row0")[1], abs=0.1)


def test_hard_breaks_in_a_right_to_left_paragraph() -> None:
    text = "مرحبا بالعالم\nسطر ثان هنا"
    data = pdf(Paragraph([Run(text)]))
    page = Page(data)
    normal = unicodedata.normalize("NFKC", page.text)
    assert "بالعالم" in normal and "ثان" in normal
    flowable = FlowableBuilder(StyleSheet(Style(), register_fonts(Style(), ARABIC)), 700).build(
        [Paragraph([Run(text)])], Context(450)
    )[0]
    assert isinstance(flowable, BriefParagraph) and isinstance(flowable.content, BidiText)
    flowable.wrap(450, 700)
    shown = [flowable.content.text[s:e] for s, e in flowable.lines]
    assert shown == ["مرحبا بالعالم", "سطر ثان هنا"]


def test_blank_line_and_code_in_a_right_to_left_paragraph() -> None:
    style = Style()
    builder = FlowableBuilder(StyleSheet(style, register_fonts(style, ARABIC)), 700)
    inlines = [Run("مرحبا\n\nعالم "), Run("  code", code=True)]
    flowable = builder.build([Paragraph(inlines)], Context(450))[0]
    flowable.wrap(450, 700)
    assert [flowable.content.text[s:e] for s, e in flowable.lines] == ["مرحبا", "", "عالم \xa0\xa0code"]
    pdf(Paragraph(inlines))  # draws


def test_furniture_text_with_a_newline_draws_on_one_line() -> None:
    data = pdf(Paragraph([Run("Body")]), title="عنوان\nالتقرير")
    assert page_count(data) == 1


# -- 2. page breaks inside boxes -----------------------------------------------------------------------------------


@pytest.mark.parametrize("box", [lambda b: Callout("note", b), Quote, lambda b: Callout("summary", b)])
def test_page_break_inside_a_box_starts_a_new_page(box) -> None:
    data = pdf(box([Paragraph([Run("Before the break")]), PageBreak(), Paragraph([Run("After the break")])]))
    pages = texts(data)
    assert len(pages) == 2
    assert "Before the break" in pages[0] and "After the break" not in pages[0]
    assert "After the break" in pages[1]


def test_page_break_at_the_edges_of_a_box_and_nested() -> None:
    inner = Callout("note", [Paragraph([Run("inner one")]), PageBreak(), Paragraph([Run("inner two")])])
    data = pdf(
        Callout("note", [PageBreak(), Paragraph([Run("first")])]),
        Quote([Paragraph([Run("second")]), PageBreak()]),
        Callout("summary", [Paragraph([Run("outer")]), inner]),
    )
    pages = [" ".join(t.split()) for t in texts(data)]
    assert len(pages) == 4
    assert "first" in pages[1] and "second" in pages[1]
    assert "outer" in pages[2] and "inner one" in pages[2]
    assert "inner two" in pages[3]


def test_page_break_in_a_box_inside_a_list() -> None:
    box = Callout("note", [Paragraph([Run("top")]), PageBreak(), Paragraph([Run("bottom")])])
    data = pdf(ListBlock(False, [[Paragraph([Run("item")]), box]]))
    pages = texts(data)
    assert len(pages) == 2 and "top" in pages[0] and "bottom" in pages[1]


# -- 3. shortening header and footer text --------------------------------------------------------------------------


def _old_fit(text: str, font: str, size: float, room: float) -> str:
    """The character-at-a-time shortening the binary search replaced: the reference result."""
    if stringWidth(text, font, size) <= room:
        return text
    while text and stringWidth(text + ELLIPSIS, font, size) > room:
        text = text[:-1]
    return text.rstrip() + ELLIPSIS if text else ""


def _latin_fonts() -> FontSet:
    return register_fonts(Style())


@pytest.mark.parametrize("room", [0, 3, 20, 57.5, 100, 180, 400, 1000])
def test_fit_gives_the_same_cut_as_before(room: float) -> None:
    font = register_fonts(Style()).heading
    text = "Iraq moves against recruitment into the Russian military, a long title"
    assert _fit(text, font, 9, room, _latin_fonts()) == _old_fit(text, font, 9, room)


def test_fit_measures_a_logarithmic_number_of_times(monkeypatch: pytest.MonkeyPatch) -> None:
    font = register_fonts(Style()).heading
    calls = []
    real = pdf_page.line_width

    def counting(*args):
        calls.append(1)
        return real(*args)

    monkeypatch.setattr(pdf_page, "line_width", counting)
    fitted = _fit(words(5000), font, 9, 300, _latin_fonts())
    assert fitted.endswith(ELLIPSIS) and stringWidth(fitted, font, 9) <= 300
    assert len(calls) <= 40


def test_fit_right_to_left_text_fits() -> None:
    fonts = register_fonts(Style(), ARABIC)
    text = "تقرير عن التجنيد في القوات الروسية " * 200
    fitted = _fit(text, fonts.heading, 9, 250, fonts)
    assert fitted.endswith(ELLIPSIS)
    assert pdf_page.line_width(fitted, fonts.heading, 9, fonts) <= 250


def test_five_thousand_word_title_fits_the_header() -> None:
    title = words(5000)
    data = pdf(Paragraph([Run("Body")]), title=title, date="25 November 2026")
    page = Page(data)
    style = Style()
    width = page.page.get_width()
    right_margin = style.page.margin_right_mm * 72 / 25.4
    header = page.text[page.text.find("the0 minister1") : page.text.find(ELLIPSIS) + 1]
    assert header.startswith("the0 minister1 said2") and header.endswith(ELLIPSIS)
    assert page.box(ELLIPSIS)[2] < page.box("25 November 2026")[0] - 11  # clear of the date on the right
    assert page.box("25 November 2026")[2] == pytest.approx(width - right_margin, abs=1)


# -- 4. huge paragraphs --------------------------------------------------------------------------------------------


BARE = style_from_dict(
    {"header": {"left": "", "right": ""}, "footer": {"left": "", "right": ""}, "banner": {"show": False}}
)


def builder(style: Style | None = None) -> FlowableBuilder:
    style = style or Style()
    return FlowableBuilder(StyleSheet(style, register_fonts(style)), 700)


def test_huge_paragraph_is_one_flowable_over_many_pages_with_all_its_words() -> None:
    style = Style()
    [flowable] = builder(style).build([Paragraph([Run(words(3000))])], Context(450))
    assert flowable.getSpaceAfter() == style.sizes.paragraph_space_after
    data = pdf(Paragraph([Run(words(3000))]), style=BARE)
    assert page_count(data) > 3
    assert " ".join(" ".join(texts(data)).split()) == words(3000)


def _line_edges(data: bytes) -> list[tuple[float, float]]:
    """Every text line's left edge and right edge (last character's right side), over all pages."""
    edges = []
    for number in range(page_count(data)):
        page = Page(data, number)
        start = 0
        for line in page.text.splitlines(keepends=True):
            shown = [i for i in range(start, start + len(line.rstrip())) if not page.text[i].isspace()]
            if shown:
                edges.append((page.textpage.get_charbox(shown[0])[0], page.textpage.get_charbox(shown[-1])[2]))
            start += len(line)
    return edges


def _cited(count: int) -> list:
    """Prose with a cited, linked or code word every few words; locators put spaces inside citation labels."""
    inlines: list = []
    for n in range(0, count, 7):
        inlines.append(Run(words(7, n) + " "))
        match n % 4:
            case 0:
                inlines.append(Citation(n % 9 + 1, "pp. 2 – 3"))
            case 1:
                inlines.append(Run("linked words", href="https://example.org"))
            case 2:
                inlines.append(Run("a_code  value", code=True))
            case _:
                inlines.append(Run("bold and italic", bold=True, italic=True))
    return inlines


#: Soft hyphens and zero-width spaces (never drawn), thin spaces (drawn, breakable).
ODD_SPACES = (
    words(2500).replace("minister", "minis\xadter").replace("penal", "pe\u200bnal").replace("code", "co\u2009de")
)
CODE_FILE = "\n".join(f"{'    ' * (n % 4)}line_{n} = compute({n}, 'value')\tcomment" * (n % 5 > 0) for n in range(1500))


@pytest.mark.parametrize(
    ("blocks", "indent"),
    [
        (lambda: [Paragraph([Run("Opening paragraph.")]), Paragraph([Run(words(2500)), Citation(3), Run(" end.")])], 0),
        (lambda: [Paragraph(_cited(2200))], 0),
        (lambda: [Paragraph([Run(CODE_FILE, code=True)])], 0),
        (lambda: [Paragraph([Run(ODD_SPACES)])], 0),
        (lambda: [ListBlock(True, [[Paragraph([Run(words(2000), italic=True), Run(" tail")])]])], 1),
        (lambda: [Callout("note", [Paragraph([Run(words(2000))]), Paragraph([Run("after")])])], 1),
        (lambda: [Paragraph([Run(words(1200) + "\n" + words(900, 1200), bold=True), Run(" x" * 5, code=True)])], 0),
    ],
    ids=["body", "cited", "code", "odd-spaces", "list-item", "callout", "mixed"],
)
def test_long_paragraph_lines_fill_the_measure_and_keep_every_word(blocks, indent: int) -> None:
    """Every line starts at the margin (or the list's or box's indent) and ends inside the frame, over every page,
    and the text reads back word for word, with nothing drawn for soft hyphens and zero-width spaces."""
    style = Style()
    data = pdf(*blocks(), style=BARE)
    left = style.page.margin_left_mm * 72 / 25.4
    right = Page(data).page.get_width() - style.page.margin_right_mm * 72 / 25.4
    edges = _line_edges(data)
    assert len(edges) > 80
    assert min(edge[0] for edge in edges) >= left - 0.5
    assert max(edge[1] for edge in edges) <= right + 0.5
    if indent:  # the list's or box's text, all but a list number or a box's label
        assert sorted(edge[0] for edge in edges)[len(edges) // 10] > left + 5
    expected = [word for block in blocks() for word in _words_of(block)]
    shown = " ".join(texts(data)).split()
    assert shown == expected


def _words_of(block) -> list[str]:
    """The words a block's text reads as, as pdfium extracts them (a thin space reads as a space)."""
    match block:
        case Paragraph():
            text = "".join(f" {i.label}" if isinstance(i, Citation) else i.text for i in block.inlines)
        case ListBlock():
            return ["1.", *[w for item in block.items for b in item for w in _words_of(b)]]
        case Callout():
            return [w for b in block.blocks for w in _words_of(b)]
    text = text.replace("\xad", "").replace("\u200b", "").replace("\u2009", " ")
    return text.split()


@pytest.mark.parametrize("boxed", [False, True], ids=["body", "callout"])
def test_huge_paragraph_layout_work_is_linear(monkeypatch: pytest.MonkeyPatch, boxed: bool) -> None:
    """reportlab broke the whole rest of a paragraph again on every page: lines are broken once and handed on."""
    text = words(12000)
    broken = []
    real = BriefParagraph._break

    def counting(self, width):
        broken.append(self.end - self.start)
        return real(self, width)

    monkeypatch.setattr(BriefParagraph, "_break", counting)
    block = Paragraph([Run(text)])
    data = pdf(Callout("note", [block]) if boxed else block)
    assert page_count(data) > 15
    assert sum(broken) < 4 * len(text)


def test_huge_right_to_left_paragraph_is_not_rebroken_per_page(monkeypatch: pytest.MonkeyPatch) -> None:
    breaks = []
    real = BriefParagraph._break

    def counting(self, width):
        breaks.append(self.end - self.start)
        return real(self, width)

    monkeypatch.setattr(BriefParagraph, "_break", counting)
    text = "تقرير عن التجنيد في القوات الروسية والعراقية. " * 1500
    data = pdf(Paragraph([Run(text)]))
    assert page_count(data) > 5
    assert sum(breaks) < 3 * len(text)
