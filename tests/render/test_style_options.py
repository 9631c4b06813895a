"""Every style.toml option, rendered through both writers, with its effect checked in both outputs.

Each test renders tests.sample_document with a non-default Style to DOCX (read
back with python-docx) and PDF (read back with pypdf), so an option one writer
ignores fails here.
"""

from __future__ import annotations

import ctypes
import io
import os
import re
import shutil
import struct
import zlib
from pathlib import Path

import docx
import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c
import pytest
from docx.document import Document as DocxDocument
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn
from docx.shared import Mm, Pt, RGBColor
from PIL import Image
from pypdf import PdfReader
from pypdf.generic import Destination
from reportlab.lib.colors import HexColor
from reportlab.lib.rl_accel import fp_str
from reportlab.lib.units import mm

from app.assemble.toml_files import read_toml
from app.core.document import Callout, Document, DocumentMeta, Heading, Paragraph, Run, plain_text
from app.core.errors import StyleError
from app.core.style import ColourStyle, Style, style_from_dict
from app.render.docx.writer import render_docx
from app.render.fonts import FONTS_DIR
from app.render.numbering import number_headings
from app.render.pdf.writer import render_pdf
from tests.sample_document import make_sample_document

SAMPLE = make_sample_document()


def _origin_y(textpage: pdfium.PdfTextPage, index: int) -> float:
    """The baseline of character ``index``."""
    x, y = ctypes.c_double(), ctypes.c_double()
    pdfium_c.FPDFText_GetCharOrigin(textpage.raw, index, x, y)
    return y.value


NUMBERED_HEADINGS = [
    "1. Key points",
    "2. Discussion",
    "2.1 Legal Measures and Accountability",
    "2.2 Literal markup characters *_#<[`",
    "2.2.1 A third-level heading",
    "3. Key quotes",
    "4. Sources",
]


# --- rendering and reading back -------------------------------------------------------------------------------


class Both:
    """One Document rendered in one Style by both writers, read back."""

    def __init__(self, style: Style, document: Document = SAMPLE) -> None:
        self.docx: DocxDocument = docx.Document(io.BytesIO(render_docx(document, style)))
        self.pdf_data = render_pdf(document, style)
        self.pdf = PdfReader(io.BytesIO(self.pdf_data))

    @property
    def section(self):
        return self.docx.sections[0]

    def docx_xml(self) -> str:
        """Styles, body, header and footer: everywhere a DOCX option can land."""
        section = self.section
        parts = (self.docx.styles.element, self.docx.element, section.header._element, section.footer._element)
        return "".join(part.xml for part in parts)

    def pdf_content(self, page: int | None = None) -> str:
        pages = self.pdf.pages if page is None else [self.pdf.pages[page]]
        return "".join(p.get_contents().get_data().decode("latin-1") for p in pages)

    def pdf_chars(self, text: str, page: int = 0) -> list[tuple[float, float, tuple[int, int, int]]]:
        """Each character of the first ``text`` on a page: its left edge, baseline and fill colour (RGB)."""
        textpage = pdfium.PdfDocument(self.pdf_data)[page].get_textpage()
        start = textpage.get_text_range().find(text)
        assert start >= 0, f"{text!r} not on page {page}"
        chars = []
        for index in range(start, start + len(text)):
            red, green, blue, alpha = (ctypes.c_uint(), ctypes.c_uint(), ctypes.c_uint(), ctypes.c_uint())
            pdfium_c.FPDFText_GetFillColor(textpage.raw, index, red, green, blue, alpha)
            left = textpage.get_charbox(index)[0]
            chars.append((left, _origin_y(textpage, index), (red.value, green.value, blue.value)))
        return chars

    def next_baseline(self, text: str, page: int = 0) -> float:
        """The baseline of the line after the one the first ``text`` on a page starts on."""
        textpage = pdfium.PdfDocument(self.pdf_data)[page].get_textpage()
        index = textpage.get_text_range().find(text)
        baseline = _origin_y(textpage, index)
        while abs(_origin_y(textpage, index) - baseline) < 0.5:
            index += 1
        return _origin_y(textpage, index)

    def pdf_text(self) -> str:
        return " ".join(" ".join(p.extract_text().split()) for p in self.pdf.pages)

    def docx_headings(self) -> list[str]:
        return [p.text for p in self.docx.paragraphs if p.style.name.startswith("Heading")]

    def pdf_outline(self) -> list[str]:
        """The bookmarks of the headings (the first bookmark is the brief's title)."""
        return [item.title for item in _flatten(self.pdf.outline)][1:]


def _flatten(items: list) -> list[Destination]:
    return [d for item in items for d in (_flatten(item) if isinstance(item, list) else [item])]


def rg(colour: str) -> str:
    """A colour as reportlab writes it into a content stream, without the operator."""
    return fp_str(*HexColor(colour).rgb())


def word_hex(colour: str) -> str:
    return colour[1:].upper()


def tf(size: float) -> str:
    """A font size as reportlab writes it: ``/F1+0 14 Tf``."""
    return f" {fp_str(size)} Tf"


def template(folder: Path, toml: str, **files: bytes) -> Style:
    """A template folder with ``style.toml`` and extra files, loaded as the app loads it."""
    for name, data in files.items():
        (folder / name).write_bytes(data)
    (folder / "style.toml").write_text(toml, encoding="utf-8")
    return style_from_dict(read_toml(folder / "style.toml", StyleError), folder / "style.toml")


def png(width: int, height: int, rgb: tuple[int, int, int] = (11, 46, 79)) -> bytes:
    """A solid-colour PNG, written byte by byte."""

    def chunk(tag: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + tag + data + struct.pack(">I", zlib.crc32(tag + data))

    rows = b"".join(b"\x00" + bytes(rgb) * width for _ in range(height))
    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(rows)) + chunk(b"IEND", b"")


def image_bytes(fmt: str, size: tuple[int, int]) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", size, (11, 46, 79)).save(buffer, fmt)
    return buffer.getvalue()


# --- page size and margins ------------------------------------------------------------------------------------


def rules(content: str) -> list[tuple[float, float, float]]:
    """Long horizontal lines drawn in page coordinates, the header and footer rules: (x1, x2, y).

    Heading rules start at 0 (they are drawn relative to their flowable) and link underlines are short.
    """
    found = [tuple(map(float, f)) for f in re.findall(r"n ([\d.]+) ([\d.]+) m ([\d.]+) \2 l S", content)]
    return [(x1, x2, y) for x1, y, x2 in found if x1 > 0 and x2 - x1 > 200]


def test_page_size_and_margins_reach_both_writers() -> None:
    margins = {"margin_top_mm": 32, "margin_bottom_mm": 28, "margin_left_mm": 35, "margin_right_mm": 15}
    both = Both(style_from_dict({"page": {"size": "Letter", **margins}}))
    section = both.section
    assert (section.page_width, section.page_height) == (Mm(215.9), Mm(279.4))
    actual = [section.top_margin, section.bottom_margin, section.left_margin, section.right_margin]
    assert [m.mm for m in actual] == pytest.approx(list(margins.values()), abs=0.01)  # Word stores twips
    for page in both.pdf.pages:
        assert (float(page.mediabox.width), float(page.mediabox.height)) == pytest.approx((612, 792))
    header_rule, footer_rule = sorted(rules(both.pdf_content(0)), key=lambda r: -r[2])
    # The rules run between the side margins, RULE_GAP (8 pt) outside the text block.
    assert header_rule == pytest.approx((35 * mm, 612 - 15 * mm, 792 - 32 * mm + 8))
    assert footer_rule == pytest.approx((35 * mm, 612 - 15 * mm, 28 * mm - 8))
    assert f"1 0 0 1 {fp_str(35 * mm)} " in both.pdf_content(0)  # body text starts at the left margin


def test_banners_hug_the_text_block_in_both_writers_whatever_the_margins() -> None:
    both = Both(style_from_dict({"page": {"size": "Letter", "margin_top_mm": 40, "margin_bottom_mm": 30}}))
    reach = 8 + 4 + 8 + 4 + 14  # rule gap, text gap, small text, banner gap, banner (see app/render/furniture.py)
    header, footer = both.section.header_distance.pt, both.section.footer_distance.pt
    assert (header, footer) == pytest.approx((40 * mm - reach, 30 * mm - reach), abs=0.05)  # Word keeps twips
    bands = [float(y) for y in re.findall(r"n [\d.]+ ([\d.]+) [\d.]+ 14 re f\*", both.pdf_content(0))]
    assert sorted(bands) == pytest.approx([footer, 792 - header - 14], abs=0.05)


def test_a_header_taller_than_the_margin_moves_both_text_blocks_down_alike() -> None:
    # 12 mm (34 pt) cannot hold the banner, the running header and the gaps (38 pt) plus 5 mm from the paper's edge,
    # so both writers start the text at 38 pt + 5 mm; before, Word and LibreOffice started the DOCX's at 12 mm.
    both = Both(style_from_dict({"page": {"size": "Letter", "margin_top_mm": 12}}))
    reach = 8 + 4 + 8 + 4 + 14
    assert both.section.top_margin.pt == pytest.approx(reach + 5 * mm, abs=0.05)
    assert both.section.header_distance.pt == pytest.approx(5 * mm, abs=0.05)
    header_rule = max(rules(both.pdf_content(0)), key=lambda r: r[2])
    assert header_rule[2] == pytest.approx(792 - (reach + 5 * mm) + 8)


# --- fonts, sizes, colours ------------------------------------------------------------------------------------


def test_font_family_from_the_template_folder_is_named_in_docx_and_embedded_in_pdf(tmp_path: Path) -> None:
    # Any TrueType file will do as "Brand Sans"; Noto Naskh Arabic is one the sample brief never uses otherwise.
    shutil.copy(FONTS_DIR / "NotoNaskhArabic-Regular.ttf", tmp_path / "BrandSans-Regular.ttf")
    style = template(tmp_path, '[fonts]\nheading = "Brand Sans"\nbody = "Noto Sans"\n')
    both = Both(style)
    for name in ("Heading 1", "Title", "Header"):
        assert both.docx.styles[name].font.name == "Brand Sans"
    assert both.docx.styles["Normal"].font.name == "Noto Sans"
    embedded = {
        str(font.get_object()["/BaseFont"]) for page in both.pdf.pages for font in page["/Resources"]["/Font"].values()
    }
    assert any(name.endswith("+NotoNaskhArabic-Regular") for name in embedded), embedded
    assert any(name.endswith("+NotoSans-Regular") for name in embedded)
    assert not any("NotoSerif" in name for name in embedded)


#: A size per key that no other default size of the sample brief equals.
SIZES = {
    "body": 11.5,
    "small": 7.5,
    "title": 25.5,
    "subtitle": 14.5,
    "heading1": 16.5,
    "heading2": 13.5,
    "heading3": 9.5,
}


@pytest.mark.parametrize("key", SIZES)
def test_every_font_size_reaches_both_writers(key: str) -> None:
    size = SIZES[key]
    both = Both(style_from_dict({"sizes": {key: size}}))
    assert f'<w:sz w:val="{round(size * 2)}"/>' in both.docx_xml()
    assert tf(size) in both.pdf_content()


def test_sizes_land_on_the_right_styles() -> None:
    both = Both(style_from_dict({"sizes": SIZES}))
    styles = both.docx.styles
    expected = {"Normal": 11.5, "Header": 7.5, "Footer": 7.5, "Brief Meta": 8, "Title": 25.5, "Subtitle": 14.5}
    expected |= {"Heading 1": 16.5, "Heading 2": 13.5, "Heading 3": 9.5}
    assert {name: styles[name].font.size for name in expected} == {name: Pt(v) for name, v in expected.items()}
    content = both.pdf_content()
    first_words = {16.5: "Key points", 13.5: "Legal Measures and", 9.5: "A third-level heading", 25.5: "Iraq Moves",
                   14.5: "Legal measures, numbers", 7.5: "25 November 2026)"}  # fmt: skip
    for size, text in first_words.items():
        assert re.search(rf"{re.escape(tf(size))} [\d.]+ TL \({re.escape(text)}", content), (size, text)


def body_paragraph_gap(both: Both) -> float:
    """Distance between the first baselines of the sample's first two (identical) long body paragraphs in the PDF."""
    textpage = pdfium.PdfDocument(both.pdf_data)[0].get_textpage()
    text = textpage.get_text_range()
    first = text.find("\nThe committee") + 1  # the paragraphs' starts; the words recur inside them
    second = text.find("\nThe committee", first) + 1
    return _origin_y(textpage, first) - _origin_y(textpage, second)


def test_line_spacing_and_paragraph_space_reach_both_writers() -> None:
    spaced = Both(style_from_dict({"sizes": {"line_spacing": 1.6, "paragraph_space_after": 12}}))
    normal = spaced.docx.styles["Normal"].paragraph_format
    assert normal.space_after == Pt(12)
    # Noto Serif's own line height is 1.362 em; Word's multiple is a whole percentage of it (docx/metrics.py)
    assert normal.line_spacing * 1.362 == pytest.approx(1.6, abs=0.01)
    [(_, first, _), *_] = spaced.pdf_chars("The committee")
    assert first - spaced.next_baseline("The committee") == pytest.approx(10.5 * 1.6, abs=0.01)
    tight = Both(style_from_dict({"sizes": {"line_spacing": 1.6, "paragraph_space_after": 2}}))
    assert body_paragraph_gap(spaced) - body_paragraph_gap(tight) == pytest.approx(10)


COLOUR_KEYS = list(ColourStyle.model_fields)


@pytest.mark.parametrize("key", COLOUR_KEYS)
def test_every_colour_reaches_both_writers(key: str) -> None:
    colour = f"#{17 * (COLOUR_KEYS.index(key) + 1):02x}3a7c"
    both = Both(style_from_dict({"colours": {key: colour}}))
    assert word_hex(colour) in both.docx_xml()
    assert re.search(rf"{re.escape(rg(colour))} (rg|RG)\b", both.pdf_content()), f"{key} missing from the PDF"


def test_colours_land_on_the_right_styles() -> None:
    colours = {"text": "#202060", "heading": "#600020", "link": "#006020", "accent": "#604000"}
    both = Both(style_from_dict({"colours": colours}))
    styles = both.docx.styles
    actual = {name: styles[name].font.color.rgb for name in ("Normal", "Heading 1", "Hyperlink", "Brief Citation")}
    assert actual == {
        name: RGBColor.from_string(word_hex(c))
        for name, c in zip(("Normal", "Heading 1", "Hyperlink", "Brief Citation"), colours.values(), strict=True)
    }
    assert {colour for _, _, colour in both.pdf_chars("Key points")} == {rgb(colours["heading"])}
    assert {colour for _, _, colour in both.pdf_chars("[1]")} == {rgb(colours["accent"])}
    assert {colour for _, _, colour in both.pdf_chars("The committee")} == {rgb(colours["text"])}


def rgb(colour: str) -> tuple[int, int, int]:
    """A ``#rrggbb`` colour as 0–255 components."""
    value = int(colour[1:], 16)
    return (value >> 16, (value >> 8) & 0xFF, value & 0xFF)


# --- heading numbering ----------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def numbered() -> Both:
    return Both(style_from_dict({"headings": {"numbering": True}}))


def test_numbered_headings_read_the_same_in_docx_text_pdf_text_and_bookmarks(numbered: Both) -> None:
    assert numbered.docx_headings() == NUMBERED_HEADINGS
    assert numbered.pdf_outline() == NUMBERED_HEADINGS
    text = numbered.pdf_text()
    positions = [text.find(heading) for heading in NUMBERED_HEADINGS]
    assert -1 not in positions and positions == sorted(positions)


def test_title_block_is_not_numbered(numbered: Both) -> None:
    assert numbered.docx.paragraphs[1].text == SAMPLE.meta.title
    assert f"1. {SAMPLE.meta.title}" not in numbered.pdf_text()


def test_headings_are_unnumbered_by_default() -> None:
    both = Both(Style())
    assert both.docx_headings()[0] == both.pdf_outline()[0] == "Key points"


def test_numbering_copies_the_document_and_numbers_only_top_level_headings() -> None:
    boxed = Callout("note", [Heading(2, [Run("In a box")])])
    document = Document(DocumentMeta(), [Heading(2, [Run("Early")]), Heading(1, [Run("A")]), boxed])
    result = number_headings(document)
    assert [plain_text(b.inlines) for b in result.blocks[:2]] == ["1.1 Early", "2. A"]  # a skipped parent counts as 1
    assert result.blocks[2] is boxed
    assert plain_text(document.blocks[0].inlines) == "Early"


# --- logo -----------------------------------------------------------------------------------------------------


def docx_pictures(document: DocxDocument) -> list:
    return document.element.body.xpath(".//wp:inline")


def pdf_images(reader: PdfReader, page: int) -> list:
    xobjects = reader.pages[page]["/Resources"].get("/XObject", {})
    return [x for x in xobjects.values() if x.get_object()["/Subtype"] == "/Image"]


@pytest.mark.parametrize(("name", "data"), [("logo.png", png(90, 30)), ("logo.jpg", image_bytes("JPEG", (90, 30)))])
def test_logo_is_right_aligned_above_the_first_block_at_its_height(tmp_path: Path, name: str, data: bytes) -> None:
    both = Both(template(tmp_path, f'logo = "{name}"\nlogo_height_mm = 12\n', **{name: data}))
    first = both.docx.paragraphs[0]
    [inline] = docx_pictures(both.docx)
    assert first._p.xpath(".//wp:inline") == [inline]
    assert first.alignment == WD_ALIGN_PARAGRAPH.RIGHT
    assert both.docx.paragraphs[1].text == SAMPLE.meta.classification
    extent = inline.find(qn("wp:extent"))
    assert (int(extent.get("cx")), int(extent.get("cy"))) == pytest.approx((Mm(36), Mm(12)), abs=2)

    assert len(pdf_images(both.pdf, 0)) == 1
    assert all(not pdf_images(both.pdf, page) for page in range(1, len(both.pdf.pages)))
    content = both.pdf_content(0)
    x = float(re.search(r"1 0 0 1 ([\d.]+) [\d.]+ cm\nq\n[\d.]+ 0 0 [\d.]+ 0 0 cm", content)[1])
    width, height = (float(v) for v in re.search(r"([\d.]+) 0 0 ([\d.]+) 0 0 cm\n/\S+ Do", content).groups())
    assert (width, height) == pytest.approx((36 * mm, 12 * mm))
    assert x + width == pytest.approx(595.2756 - 22 * mm)  # flush with the right margin
    assert content.index(" Do") < content.index(f"({SAMPLE.meta.classification})")


def test_logo_may_be_an_absolute_path(tmp_path: Path) -> None:
    logo = tmp_path / "elsewhere" / "logo.png"
    logo.parent.mkdir()
    logo.write_bytes(png(40, 40))
    folder = tmp_path / "template"
    folder.mkdir()
    both = Both(template(folder, f"logo = {str(logo)!r}\n"))
    assert len(docx_pictures(both.docx)) == 1
    assert len(pdf_images(both.pdf, 0)) == 1


def test_no_logo_by_default() -> None:
    both = Both(Style())
    assert docx_pictures(both.docx) == [] and pdf_images(both.pdf, 0) == []


@pytest.mark.parametrize(
    ("files", "reason"),
    [
        ({}, "not found"),
        ({"logo.png": b"not an image at all"}, "not an image"),
        ({"logo.png": png(20, 20)[:60]}, "cannot be used"),
        ({"logo.png": image_bytes("GIF", (20, 20))}, "GIF; use a PNG or JPEG"),
    ],
)
def test_unusable_logo_is_a_style_error_naming_the_file_when_the_style_loads(
    tmp_path: Path, files: dict[str, bytes], reason: str
) -> None:
    with pytest.raises(StyleError) as caught:
        template(tmp_path, 'logo = "logo.png"\n', **files)
    message = str(caught.value)
    assert "style.toml" in message and f"logo: logo file '{tmp_path / 'logo.png'}'" in message and reason in message


def test_logo_spoilt_after_loading_is_a_style_error_in_both_writers(tmp_path: Path) -> None:
    style = template(tmp_path, 'logo = "logo.png"\n', **{"logo.png": png(20, 20)})
    logo = tmp_path / "logo.png"
    logo.write_bytes(b"broken")
    os.utime(logo, ns=(logo.stat().st_atime_ns, logo.stat().st_mtime_ns + 1_000_000))
    for writer in (render_docx, render_pdf):
        with pytest.raises(StyleError, match=r"logo\.png"):
            writer(SAMPLE, style)


def test_relative_logo_needs_a_template_folder() -> None:
    with pytest.raises(StyleError, match=r"logo: 'logo\.png' is a relative path"):
        style_from_dict({"logo": "logo.png"})


# --- header and footer placeholders ---------------------------------------------------------------------------


def test_every_placeholder_is_filled_in_both_writers() -> None:
    style = style_from_dict(
        {
            "sizes": {"small": 6},
            "header": {"left": "{title}", "right": "{subtitle}"},
            "footer": {"left": "{marking} by {author}", "right": "{organisation}/{recipient}/{date}/{page}~{pages}"},
        }
    )
    both = Both(style)
    meta = SAMPLE.meta
    header, footer = both.section.header.paragraphs, both.section.footer.paragraphs
    assert header[1].text == f"{meta.title}\t{meta.subtitle}"
    # python-docx leaves field results out of .text; the fields sit between "/" and "~" and after "~".
    filled = f"{meta.organisation}/{meta.recipient}/{meta.date}/~"
    assert footer[0].text == f"{meta.classification} by {meta.author}\t{filled}"
    assert [i.strip() for i in footer[0]._p.xpath(".//w:fldSimple/@w:instr")] == ["PAGE", "NUMPAGES"]
    pages = len(both.pdf.pages)
    for number, page in enumerate(both.pdf.pages, start=1):
        text = " ".join(page.extract_text().split())
        assert f"{meta.title} {meta.subtitle}" in text
        assert f"{meta.classification} by {meta.author}" in text
        assert f"{meta.organisation}/{meta.recipient}/{meta.date}/{number}~{pages}" in text


def test_empty_header_and_footer_leave_only_the_banners() -> None:
    both = Both(style_from_dict({"header": {"left": "", "right": ""}, "footer": {"left": "", "right": ""}}))
    marking = SAMPLE.meta.classification
    assert [p.text for p in both.section.header.paragraphs] == [marking]
    assert [p.text for p in both.section.footer.paragraphs] == [marking]
    assert "Page 1 of" not in both.pdf_text()
    assert both.pdf.pages[0].extract_text().startswith(marking)  # no running title above the first line
    assert rules(both.pdf_content(0)) == []


@pytest.mark.parametrize("side", ["header.left", "header.right", "footer.left", "footer.right"])
def test_unknown_placeholder_is_reported_with_its_key(side: str) -> None:
    part, key = side.split(".")
    with pytest.raises(StyleError, match=rf"^{re.escape(side)}: unknown placeholder \{{classification\}}"):
        style_from_dict({part: {key: "{classification}"}})


# --- classification banners -----------------------------------------------------------------------------------

SECRET = Document(
    DocumentMeta(title="T", classification="SECRET//NOFORN"),
    [Paragraph([Run("T")], role="title"), Paragraph([Run("Body")])],
)


def banner_fills(content: str, colour: str) -> int:
    """Banner bands drawn in ``colour``: a filled rectangle 14 pt high."""
    return len(re.findall(rf"{re.escape(rg(colour))} rg\nn [\d.]+ [\d.]+ [\d.]+ 14 re f\*", content))


def test_banner_colour_per_marking_in_both_writers() -> None:
    banner = {"text_colour": "#fffff0", "colours": {"SECRET": "#aa1122"}}
    both = Both(style_from_dict({"banner": banner}), SECRET)
    header, footer = both.section.header.paragraphs[0], both.section.footer.paragraphs[-1]
    assert header._p.xpath(".//w:shd/@w:fill") == footer._p.xpath(".//w:shd/@w:fill") == ["AA1122"]
    assert both.docx.styles["Brief Banner"].font.color.rgb == RGBColor.from_string("FFFFF0")
    content = both.pdf_content(0)
    assert banner_fills(content, "#aa1122") == 2
    assert f"{rg('#fffff0')} rg\nBT" in content


def test_unlisted_marking_takes_the_default_banner_colour() -> None:
    document = Document(DocumentMeta(classification="INTERNAL"), [Paragraph([Run("Body")])])
    both = Both(style_from_dict({"banner": {"default": "#123456"}}), document)
    assert both.section.header.paragraphs[0]._p.xpath(".//w:shd/@w:fill") == ["123456"]
    assert banner_fills(both.pdf_content(0), "#123456") == 2


def test_hidden_banners_are_absent_from_both_writers() -> None:
    both = Both(style_from_dict({"banner": {"show": False, "colours": {"SECRET": "#aa1122"}}}), SECRET)
    furniture = (both.section.header, both.section.footer)
    assert not any("AA1122" in part._element.xml for part in furniture)
    assert "SECRET" not in "".join(p.text for part in furniture for p in part.paragraphs)
    assert banner_fills(both.pdf_content(0), "#aa1122") == 0
    assert "SECRET" not in both.pdf_text()


# --- reporting mistakes in style.toml -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"headings": {"numbering": "yes"}}, "headings.numbering: Input should be a valid boolean"),
        ({"headings": {"numbred": True}}, "headings.numbred: unknown key"),
        ({"logo_height_mm": "tall"}, "logo_height_mm: Input should be a valid number"),
        ({"logo_height_mm": 100}, "logo_height_mm: Input should be less than or equal to 40"),
        ({"logo": 3}, "logo: Input should be a valid string"),
        ({"sizes": {"body": "12"}}, "sizes.body: Input should be a valid number"),
        ({"page": {"size": "A5"}}, "page.size: Input should be 'A4' or 'Letter'"),
        ({"banner": {"colours": {"SECRET": "red"}}}, "banner.colours.SECRET: 'red' is not a colour"),
        ({"colour": {}}, "colour: unknown key"),
        ({"folder": "/tmp"}, "folder: unknown key"),
    ],
)
def test_mistakes_are_reported_with_the_key_name(data: dict, message: str) -> None:
    with pytest.raises(StyleError, match=re.escape(message)):
        style_from_dict(data)


def test_several_mistakes_are_reported_together(tmp_path: Path) -> None:
    with pytest.raises(StyleError) as caught:
        template(tmp_path, "logo_height_mm = 1\n[headings]\nnumbering = 1\n")
    message = str(caught.value)
    assert message.startswith(f"{tmp_path / 'style.toml'}: ")
    assert "headings.numbering:" in message and "logo_height_mm:" in message


def test_integers_are_accepted_where_numbers_are_expected() -> None:
    assert style_from_dict({"sizes": {"body": 12}, "logo_height_mm": 20}).sizes.body == 12.0
