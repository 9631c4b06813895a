"""Figures through both writers: the image embedded at the same size, "Figure N." captions and credits under it.

Each test renders a Document holding Figure blocks built from real Pillow
images, then reads the DOCX back with python-docx and the PDF with pypdf.
"""

from __future__ import annotations

import io
import re

import docx
import pytest
from docx.document import Document as DocxDocument
from docx.oxml.ns import qn
from docx.shared import Pt
from PIL import Image, ImageDraw
from pypdf import PdfReader

from app.core.document import Citation, Document, DocumentMeta, Figure, Heading, Inline, Paragraph, Run
from app.core.style import Style
from app.render.docx.styles import text_height_pt, text_width_pt
from app.render.docx.writer import render_docx
from app.render.figures import MAX_HEIGHT_SHARE, NATURAL_DPI, figure_size_pt
from app.render.pdf.coverage import shown_text
from app.render.pdf.writer import render_pdf

STYLE = Style()
EMU_PER_PT = Pt(1)
TEXT_WIDTH, TEXT_HEIGHT = text_width_pt(STYLE), text_height_pt(STYLE)


def chart(width: int, height: int, fmt: str = "PNG") -> bytes:
    """A bar chart-like picture: white ground, a frame and three bars."""
    image = Image.new("RGB", (width, height), "white")
    draw = ImageDraw.Draw(image)
    draw.rectangle((0, 0, width - 1, height - 1), outline="#0b2e4f", width=max(1, width // 200))
    for n, share in enumerate((0.4, 0.7, 0.55)):
        left = width * (0.15 + 0.27 * n)
        draw.rectangle((left, height * (1 - share), left + width * 0.18, height - 2), fill="#1f5f8b")
    buffer = io.BytesIO()
    image.save(buffer, fmt)
    return buffer.getvalue()


def figure(
    number: int, size: tuple[int, int], caption: str = "Caption", credit: list[Inline] | None = None, fmt: str = "PNG"
) -> Figure:
    return Figure(chart(*size, fmt), fmt, *size, [Run(caption)], credit or [], number)


def document(*figures: Figure) -> Document:
    blocks = [Heading(1, [Run("Findings")]), Paragraph([Run("Text before the figures.")])]
    return Document(DocumentMeta(title="Figures"), [*blocks, *figures, Paragraph([Run("Text after.")])])


def read_docx(doc: Document) -> DocxDocument:
    return docx.Document(io.BytesIO(render_docx(doc, STYLE)))


def read_pdf(doc: Document) -> PdfReader:
    return PdfReader(io.BytesIO(render_pdf(doc, STYLE)))


def docx_sizes(target: DocxDocument) -> list[tuple[float, float]]:
    """Width and height in points of each inline picture."""
    extents = target.element.body.xpath(".//wp:inline/wp:extent")
    return [(int(e.get("cx")) / EMU_PER_PT, int(e.get("cy")) / EMU_PER_PT) for e in extents]


def pdf_sizes(reader: PdfReader) -> list[tuple[float, float]]:
    """Width and height in points of each image drawn, in page order."""
    content = "".join(p.get_contents().get_data().decode("latin-1") for p in reader.pages)
    return [(float(w), float(h)) for w, h in re.findall(r"([\d.]+) 0 0 ([\d.]+) 0 0 cm\n/\S+ Do", content)]


def pdf_text(reader: PdfReader) -> str:
    return " ".join(" ".join(p.extract_text().split()) for p in reader.pages)


TWO = document(
    figure(1, (1600, 900), "Grain exports by port", [Run("Ministry of Transport "), Citation(3)]),
    figure(2, (400, 300), "Tanker movements", fmt="JPEG"),
)


def test_docx_has_each_picture_with_its_caption_and_credit_kept_together() -> None:
    target = read_docx(TWO)
    texts = [p.text for p in target.paragraphs]
    assert "Figure 1. Grain exports by port" in texts and "Figure 2. Tanker movements" in texts
    assert "Credit: Ministry of Transport [3]" in texts
    assert len([p for p in target.paragraphs if p._p.xpath(".//wp:inline")]) == 2
    first = texts.index("Figure 1. Grain exports by port")
    assert target.paragraphs[first - 1]._p.xpath(".//wp:inline")  # the image is right above its caption
    assert target.paragraphs[first - 1].paragraph_format.keep_with_next
    assert target.paragraphs[first].paragraph_format.keep_with_next  # a credit follows
    assert target.paragraphs[first].style.name == "Caption"
    assert not target.paragraphs[first + 1].paragraph_format.keep_with_next
    second = texts.index("Figure 2. Tanker movements")
    assert not target.paragraphs[second].paragraph_format.keep_with_next  # no credit: the caption ends it
    assert all(width <= TEXT_WIDTH + 0.01 for width, _height in docx_sizes(target))


def test_pdf_draws_both_images_with_caption_and_credit_text() -> None:
    reader = read_pdf(TWO)
    text = pdf_text(reader)
    assert "Figure 1. Grain exports by port" in text and "Figure 2. Tanker movements" in text
    assert "Credit: Ministry of Transport [3]" in text
    images = [x for p in reader.pages for x in p["/Resources"].get("/XObject", {}).values()]
    assert sum(x.get_object()["/Subtype"] == "/Image" for x in images) == 2
    assert sum(len(page.images) for page in reader.pages) == 2


def test_both_formats_print_the_same_sizes() -> None:
    flat = [value for size in docx_sizes(read_docx(TWO)) for value in size]
    assert [value for size in pdf_sizes(read_pdf(TWO)) for value in size] == pytest.approx(flat, abs=0.05)


def test_a_big_image_is_scaled_to_the_text_width_keeping_its_aspect() -> None:
    [(width, height)] = pdf_sizes(read_pdf(document(figure(1, (3000, 1500)))))
    assert width == pytest.approx(TEXT_WIDTH, abs=0.05) and height == pytest.approx(TEXT_WIDTH / 2, abs=0.05)


def test_a_small_image_keeps_its_natural_size() -> None:
    [(width, height)] = pdf_sizes(read_pdf(document(figure(1, (300, 150)))))
    assert (width, height) == pytest.approx((300 * 72 / NATURAL_DPI, 150 * 72 / NATURAL_DPI), abs=0.05)


def test_a_portrait_image_is_capped_in_height_so_its_caption_fits() -> None:
    reader = read_pdf(document(figure(1, (1000, 3000), "Tall", [Run("Agency")])))
    [(width, height)] = pdf_sizes(reader)
    assert height == pytest.approx(TEXT_HEIGHT * MAX_HEIGHT_SHARE, abs=0.05) and width == pytest.approx(height / 3)
    [(docx_width, docx_height)] = docx_sizes(read_docx(document(figure(1, (1000, 3000)))))
    assert (docx_width, docx_height) == pytest.approx((width, height), abs=0.05)


def test_a_figure_is_not_split_from_its_caption_at_a_page_end() -> None:
    filler = [Paragraph([Run("Filler text that takes up most of the page. " * 12)]) for _ in range(5)]
    doc = Document(DocumentMeta(), [*filler, figure(1, (1200, 800), "Kept", [Run("Agency")])])
    reader = read_pdf(doc)
    page = next(n for n, p in enumerate(reader.pages) if p.images)
    page_text = reader.pages[page].extract_text()
    assert "Figure 1. Kept" in page_text and "Credit: Agency" in page_text


def test_a_credit_that_is_only_a_citation_reads_source() -> None:
    doc = document(figure(1, (200, 100), "Map", [Citation(2)]))
    assert "Source: [2]" in pdf_text(read_pdf(doc))
    assert "Source: [2]" in [p.text for p in read_docx(doc).paragraphs]


def test_a_right_to_left_caption_is_a_bidi_paragraph() -> None:
    doc = document(figure(1, (200, 100), "خريطة الموانئ في البصرة"))
    target = read_docx(doc)
    [caption] = [p for p in target.paragraphs if p.text.startswith("Figure 1.")]
    assert caption._p.pPr.find(qn("w:bidi")) is not None
    assert caption.text == "Figure 1. خريطة الموانئ في البصرة"
    assert render_pdf(doc, STYLE).startswith(b"%PDF")


def test_size_rule_fits_width_and_height_together() -> None:
    wide = figure(1, (10_000, 100))
    assert figure_size_pt(wide, 400, 700)[0] == pytest.approx(400)
    tall = figure(1, (100, 10_000))
    assert figure_size_pt(tall, 400, 700)[1] == pytest.approx(700 * MAX_HEIGHT_SHARE)


def test_the_pdf_fonts_are_chosen_for_caption_and_credit_text_too() -> None:
    doc = document(figure(1, (200, 100), "מפת הנמלים", [Run("Agency "), Citation(4)]))
    text = shown_text(doc, STYLE)
    assert "Figure 1. מפת הנמלים" in text and "Credit: Agency [4]" in text
