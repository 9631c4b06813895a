"""The PDF writer, checked by reading its output back with pypdf."""

from __future__ import annotations

import io
import re
import shutil
from pathlib import Path

import pytest
from pypdf import PdfReader
from pypdf.generic import Destination
from reportlab.pdfbase import pdfmetrics

from app.core.document import Citation, Document, DocumentMeta, Heading, Paragraph, Run
from app.core.errors import ExportError, StyleError
from app.core.style import Style, style_from_dict
from app.render.fonts import FONTS_DIR
from app.render.pdf import writer as pdf_module
from app.render.pdf.writer import render_pdf
from tests.sample_document import make_sample_document

HEADINGS = [
    "Key points",
    "Discussion",
    "Legal Measures and Accountability",
    "Literal markup characters *_#<[`",
    "A third-level heading",
    "Key quotes",
    "Sources",
]
MARKING = "UNCLASSIFIED//FOR OFFICIAL USE ONLY"


def read(document: Document, style: Style | None = None) -> PdfReader:
    return PdfReader(io.BytesIO(render_pdf(document, style or Style())))


def page_texts(reader: PdfReader) -> list[str]:
    return [page.extract_text() for page in reader.pages]


def flat(text: str) -> str:
    """Extracted text with line breaks as spaces, for phrases a line break may split."""
    return " ".join(text.split())


@pytest.fixture(scope="module")
def sample() -> PdfReader:
    return read(make_sample_document())


@pytest.fixture(scope="module")
def long_sample() -> PdfReader:
    return read(make_sample_document(paragraphs=15))


def test_headings_appear_in_document_order(sample: PdfReader) -> None:
    text = flat(" ".join(page_texts(sample)))
    position = 0
    for heading in HEADINGS:  # each searched after the previous one: some also occur in body text
        position = text.find(heading, position)
        assert position >= 0, f"{heading!r} missing or out of order"


def test_every_page_has_banners_and_page_x_of_y(long_sample: PdfReader) -> None:
    pages = len(long_sample.pages)
    assert pages >= 4
    for number, text in enumerate(page_texts(long_sample), start=1):
        assert text.count(MARKING) >= 2, f"page {number} lacks its top and bottom banner"
        assert re.findall(r"Page \d+ of \d+", text) == [f"Page {number} of {pages}"]
        assert "Briefgen Analysis Unit" in text and "25 November 2026" in text


def test_no_banner_when_switched_off() -> None:
    document = Document(DocumentMeta(title="T", classification="SECRET"), [Paragraph([Run("Body")])])
    style = style_from_dict({"banner": {"show": False}})
    assert "SECRET" not in read(document, style).pages[0].extract_text()
    assert "SECRET" in read(document).pages[0].extract_text()


def test_metadata(sample: PdfReader) -> None:
    meta = sample.metadata
    assert meta.title == "Iraq Moves Against Recruitment into the Russian Military"
    assert meta.author == "J. Analyst"
    assert meta.subject == "Iraqi recruitment into Russian forces"
    assert meta.creator == "Briefgen"
    assert meta["/Keywords"] == "Iraq, Russia"


def outline_tree(reader: PdfReader, items: list | None = None) -> list:
    """The outline as nested lists of (title, page index)."""
    tree: list = []
    for item in reader.outline if items is None else items:
        if isinstance(item, list):
            tree.append(outline_tree(reader, item))
        else:
            tree.append((item.title, reader.get_destination_page_number(item)))
    return tree


def test_outline_nests_headings_and_points_at_their_pages(sample: PdfReader) -> None:
    tree = outline_tree(sample)
    titles = [
        "Iraq Moves Against Recruitment into the Russian Military",  # the brief's title leads the outline
        "Key points",
        "Discussion",
        ["Legal Measures and Accountability", "Literal markup characters *_#<[`", ["A third-level heading"]],
        "Key quotes",
        "Sources",
    ]

    def strip(node: list) -> list:
        return [strip(n) if isinstance(n, list) else n[0] for n in node]

    assert strip(tree) == titles
    texts = [flat(t) for t in page_texts(sample)]
    entries = [e for e in sample.outline if isinstance(e, Destination)]
    for entry in entries:
        assert entry.title in texts[sample.get_destination_page_number(entry)]
    assert sample.get_destination_page_number(entries[-1]) == len(sample.pages) - 1  # "Sources" follows a page break
    assert sample.trailer["/Root"]["/PageMode"] == "/UseOutlines"


def test_outline_does_not_skip_levels() -> None:
    document = Document(DocumentMeta(), [Heading(1, [Run("One")]), Heading(3, [Run("Three")])])
    assert outline_tree(read(document)) == [("One", 0), [("Three", 0)]]


def test_every_font_is_embedded(sample: PdfReader) -> None:
    fonts = {}
    for page in sample.pages:
        for font in page["/Resources"]["/Font"].values():
            font = font.get_object()
            fonts[font["/BaseFont"]] = font
    assert len(fonts) >= 4  # body regular/bold/italic, heading, mono
    for name, font in fonts.items():
        descriptor = font.get("/FontDescriptor")
        assert descriptor is not None and "/FontFile2" in descriptor.get_object(), f"{name} is not embedded"


def test_markup_characters_are_printed_literally(sample: PdfReader) -> None:
    text = flat(" ".join(page_texts(sample)))
    assert "Stars *not bold*, _under_, # hash, <tag>, [link](x), `tick` & ampersand. [2]" in text


def test_citation_labels_follow_their_text_with_a_space(sample: PdfReader) -> None:
    text = flat(" ".join(page_texts(sample)))
    assert "Penal code provisions activated. [1]" in text
    assert "Al-Hadath [1, p. 2]" in text
    assert "foreign forces. [1]" in text


def test_link_is_clickable(sample: PdfReader) -> None:
    uris = [
        annot.get_object()["/A"]["/URI"]
        for page in sample.pages
        for annot in page.get("/Annots", [])
        if annot.get_object().get("/A")
    ]
    assert uris == ["https://example.org"]


@pytest.mark.parametrize(("size", "expected"), [("Letter", (612, 792)), ("A4", (595, 842))])
def test_page_size(size: str, expected: tuple[int, int]) -> None:
    reader = read(make_sample_document(), style_from_dict({"page": {"size": size}}))
    for page in reader.pages:
        assert (round(float(page.mediabox.width)), round(float(page.mediabox.height))) == expected


def test_missing_font_family_is_reported_by_name() -> None:
    style = style_from_dict({"fonts": {"body": "No Such Family"}})
    with pytest.raises((StyleError, ExportError), match="No Such Family"):
        render_pdf(make_sample_document(), style)


def test_internal_failures_become_export_errors(monkeypatch: pytest.MonkeyPatch) -> None:
    def explode(*args: object, **kwargs: object) -> None:
        raise ValueError("boom")

    monkeypatch.setattr(pdf_module._BriefDocTemplate, "afterFlowable", explode)
    with pytest.raises(ExportError, match="boom"):
        render_pdf(make_sample_document(), Style())


def test_empty_document_gives_one_page() -> None:
    assert len(read(Document(DocumentMeta(), [])).pages) == 1


def test_citation_at_paragraph_start_gets_no_space() -> None:
    document = Document(DocumentMeta(), [Paragraph([Citation(4), Run("after")])])
    assert "[4]after" in read(document).pages[0].extract_text()


def test_a_long_brief_renders_every_paragraph() -> None:
    """How long it takes is bench/bench_scaling.py's to measure; here, that nothing is lost."""
    text = " ".join(page.extract_text() for page in read(make_sample_document(paragraphs=200)).pages)
    assert text.count("violators") == 400  # twice in each paragraph


def test_template_folder_fonts_win_and_are_registered_once(tmp_path: Path) -> None:
    shutil.copy(FONTS_DIR / "DejaVuSansMono-Regular.ttf", tmp_path / "NotoSerif-Regular.ttf")
    style = style_from_dict({}, tmp_path / "style.toml")
    render_pdf(make_sample_document(), style)
    registered = set(pdfmetrics.getRegisteredFontNames())
    reader = read(make_sample_document(), style)
    assert set(pdfmetrics.getRegisteredFontNames()) == registered
    assert not any("NotoSerif-Regular" in name for name in embedded_font_names(reader))  # the folder's file won


def embedded_font_names(reader: PdfReader) -> set[str]:
    return {str(f.get_object()["/BaseFont"]) for page in reader.pages for f in page["/Resources"]["/Font"].values()}


def test_template_overriding_one_face_does_not_leak_into_other_styles(tmp_path: Path) -> None:
    shutil.copy(FONTS_DIR / "DejaVuSansMono-Bold.ttf", tmp_path / "NotoSerif-Bold.ttf")
    overriding = style_from_dict({}, tmp_path / "style.toml")
    assert any("DejaVuSansMono-Bold" in n for n in embedded_font_names(read(make_sample_document(), overriding)))
    plain = embedded_font_names(read(make_sample_document()))
    assert any("NotoSerif-Bold" in n for n in plain)
    assert not any("DejaVuSansMono-Bold" in n for n in plain)


def test_broken_font_file_is_a_style_error(tmp_path: Path) -> None:
    (tmp_path / "Broken-Regular.ttf").write_bytes(b"not a font")
    style = style_from_dict({"fonts": {"body": "Broken"}}, tmp_path / "style.toml")
    with pytest.raises(StyleError, match=r"Broken-Regular\.ttf"):
        render_pdf(make_sample_document(), style)


def test_text_widths_are_remembered_without_changing_them_and_within_bounds(monkeypatch):
    from reportlab.pdfbase.ttfonts import TTFont

    from app.core.paths import ASSETS_DIR
    from app.render.pdf import fonts

    path = str(ASSETS_DIR / "fonts" / "NotoSerif-Regular.ttf")
    ours, plain = fonts.BriefTTFont("WidthsTest", path), TTFont("WidthsPlain", path)
    monkeypatch.setattr(fonts, "WIDTHS_REMEMBERED", 10)
    words = [f"word{n}" for n in range(25)] * 2
    assert [ours.stringWidth(w, 10.5) for w in words] == [plain.stringWidth(w, 10.5) for w in words]
    assert len(ours._widths) <= 10
