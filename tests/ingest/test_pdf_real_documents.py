"""PDFs as real documents come: garbled fonts, broken pages, running headers, weights named every way, columns
and placeholder dates. Each fixture is drawn here, by reportlab or object by object."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest
from reportlab.lib.pagesizes import A4
from reportlab.pdfgen import canvas

from app.cli.main import main
from app.core.errors import IngestError
from app.ingest import ingest
from app.ingest.readers.pdf import pages_left_out
from app.ingest.readers.pdf_pages import PageText
from tests.ingest import raw_pdf
from tests.ingest.fixtures import BODY

# --- 1. text that does not read as words ----------------------------------------------------------------------------


def test_garbled_font_is_refused_with_a_clear_message(tmp_path: Path):
    """Every letter comes out as a symbol ("ฏ™—…›Ÿ˜") in both readers: the file is refused, not briefed."""
    lines = textwrap.wrap(BODY * 3, 80)
    data = raw_pdf.fonts_pdf([raw_pdf.text_ops(lines)] * 2, [raw_pdf.garbled_font])
    with pytest.raises(IngestError, match="fonts do not say which letters they draw"):
        ingest(raw_pdf.write(tmp_path / "garbled.pdf", data))


def test_garbled_pages_are_left_out_and_readable_ones_kept(tmp_path: Path):
    readable = raw_pdf.text_ops(["Readable page.", *textwrap.wrap(BODY, 80)]).replace(b"/F1", b"/F2")
    garbled = raw_pdf.text_ops(textwrap.wrap(BODY * 2, 80))
    fonts = [raw_pdf.garbled_font, raw_pdf.standard_font("Helvetica")]
    source = ingest(raw_pdf.write(tmp_path / "mixed.pdf", raw_pdf.fonts_pdf([readable, garbled], fonts)))
    text = " ".join(source.paragraphs)
    assert "Readable page." in text and "ฏ" not in text and "™" not in text
    assert source.language == "en"
    assert source.warnings == ["page 2 came out as symbols (fonts without a Unicode map) and was left out"]


# --- 2. one bad page ------------------------------------------------------------------------------------------------


def _three_pages(middle: bytes) -> bytes:
    pages = [raw_pdf.text_ops([f"Page {n} says hello.", BODY]) for n in (1, 3)]
    return raw_pdf.simple_pdf([pages[0], middle, pages[1]])


def test_a_page_pypdf_cannot_read_is_read_by_pdfium(tmp_path: Path):
    """A bad hex string makes pypdf give up on the page; the text before it is still there."""
    middle = raw_pdf.text_ops(["The middle page survives.", BODY]).replace(b"ET", b"<zz> Tj ET")
    source = ingest(raw_pdf.write(tmp_path / "bad-page.pdf", _three_pages(middle)))
    text = " ".join(source.paragraphs)
    assert "Page 1 says hello." in text and "The middle page survives." in text and "Page 3 says hello." in text


def test_an_unreadable_page_costs_only_itself(tmp_path: Path, capsys):
    pdf = raw_pdf.RawPdf()
    catalog, node, font = pdf.add(b""), pdf.add(b""), pdf.add(raw_pdf.FONT)
    bodies = [
        raw_pdf.stream(raw_pdf.text_ops(["Page 1 says hello.", BODY])),
        raw_pdf.stream(b"\xff" * 64, extra=b" /Filter /LZWDecode"),
        raw_pdf.stream(raw_pdf.text_ops(["Page 3 says hello.", BODY])),
    ]
    kids = [pdf.add(raw_pdf.page(node, font, b"%d 0 R" % pdf.add(body))) for body in bodies]
    pdf.set(catalog, b"<< /Type /Catalog /Pages %d 0 R >>" % node)
    pdf.set(node, raw_pdf.pages_node(kids))
    path = raw_pdf.write(tmp_path / "lzw-page.pdf", pdf.build(catalog))
    source = ingest(path)
    text = " ".join(source.paragraphs)
    assert "Page 1 says hello." in text and "Page 3 says hello." in text
    assert source.warnings == ["page 2 could not be read (damaged) and was left out"]
    main(["inspect", str(path)])  # the analyst is told, by the command line too
    assert "  warning: page 2 could not be read (damaged) and was left out" in capsys.readouterr().out.splitlines()


def test_padding_after_the_end_marker_is_not_truncation(tmp_path: Path):
    data = raw_pdf.simple_pdf([raw_pdf.text_ops([BODY])]) + b"\x00" * 4096
    assert ingest(raw_pdf.write(tmp_path / "padded.pdf", data)).paragraphs == [BODY]


# --- 3. running headers and footers ---------------------------------------------------------------------------------


def _booklet(path: Path, pages: int = 6) -> Path:
    """A form booklet: a bold running header, a bold "Page N of M" footer, a printer's proof slug above the header,
    and one numbered section per page."""
    pdf = canvas.Canvas(str(path), pagesize=A4)
    for number in range(1, pages + 1):
        pdf.setFont("Helvetica", 14)
        pdf.drawString(42, 826, f"Page {number} of {pages} Fileid: /P15/2013/C/XML/source 15:46 - 5-Feb-2013")
        pdf.setFont("Helvetica", 8)
        pdf.drawString(42, 814, "The type and rule above prints on all proofs. MUST be removed before printing.")
        pdf.setFont("Helvetica-Bold", 12)
        pdf.drawString(72, 790, "Instructions for Form W-2 (2013)")
        pdf.setFont("Helvetica-Bold", 14)
        pdf.drawString(72, 740, f"Section {number}: Filing Rules")
        y = 716.0
        pdf.setFont("Helvetica", 10)
        for _ in range(3):
            for line in textwrap.wrap(BODY, 90):
                pdf.drawString(72, y, line)
                y -= 13
            y -= 8
        pdf.setFont("Helvetica-Bold", 11)
        pdf.drawString(72, 40, f"Page {number} of {pages}    Instructions for Form W-2 (2013)")
        pdf.showPage()
    pdf.save()
    return path


def test_running_headers_footers_and_proof_slugs_are_left_out(tmp_path: Path):
    source = ingest(_booklet(tmp_path / "booklet.pdf"))
    assert [s.heading for s in source.sections] == [f"Section {n}: Filing Rules" for n in range(1, 7)]
    assert all(s.paragraphs == [BODY] * 3 for s in source.sections)


# --- 4. headings by weight however it is said, numbered headings ----------------------------------------------------


def test_bold_by_descriptor_flag_weight_or_name_makes_headings(tmp_path: Path):
    fonts = [
        raw_pdf.standard_font("Helvetica"),
        raw_pdf.described_font("ABCDEF+F2", flags=32 | (1 << 18)),  # ForceBold only
        raw_pdf.described_font("GHIJKL+F3", weight=700),  # FontWeight only
        raw_pdf.described_font("MNOPQR+Frutiger-Medi"),  # the weight in an abbreviated name
    ]
    runs: list[tuple[int, float, float, float, str]] = []
    y = 780.0
    for font, heading in ((2, "Forced Bold Heading"), (3, "Heavy Weight Heading"), (4, "Medium Cut Heading")):
        runs.append((font, 10, 72, y, heading))
        y -= 16
        for line in textwrap.wrap(BODY, 90):
            runs.append((1, 10, 72, y, line))
            y -= 12
        y -= 10
    source = ingest(raw_pdf.write(tmp_path / "weights.pdf", raw_pdf.fonts_pdf([raw_pdf.placed_text(runs)], fonts)))
    assert [s.heading for s in source.sections] == ["Forced Bold Heading", "Heavy Weight Heading", "Medium Cut Heading"]


def _paper(path: Path) -> Path:
    """A conference paper: body-size section headings in small capitals ("II. R" + "ELATED WORK" a size smaller),
    as IEEE sets them, with a long body so the capitals are a small share of the text."""
    pdf = canvas.Canvas(str(path), pagesize=A4)
    y = 780.0
    for numeral, first, rest in (("I.", "I", "NTRODUCTION"), ("II.", "R", "ELATED WORK"), ("III.", "M", "ETHOD")):
        heading = pdf.beginText(200, y)
        heading.setFont("Times-Roman", 10)
        heading.textOut(f"{numeral} {first}")
        heading.setFont("Times-Roman", 8)
        heading.textOut(rest)
        pdf.drawText(heading)
        y -= 16
        pdf.setFont("Times-Roman", 10)
        for _ in range(2):
            for line in textwrap.wrap(BODY, 95):
                pdf.drawString(72, y, line)
                y -= 12
            y -= 6
        y -= 10
    pdf.showPage()
    pdf.save()
    return path


def test_numbered_small_capital_headings_are_headings(tmp_path: Path):
    source = ingest(_paper(tmp_path / "paper.pdf"))
    assert [s.heading for s in source.sections] == ["I. INTRODUCTION", "II. RELATED WORK", "III. METHOD"]


# --- 5. two columns -------------------------------------------------------------------------------------------------

LEFT = textwrap.wrap(BODY + " The committee emphasised that legal action will follow against networks.", 42)
RIGHT = textwrap.wrap(
    "Travel agencies that facilitated the transport of recruits will face prosecution soon, and the ministry will "
    "publish the names of the agencies found responsible.",
    42,
)


def _two_columns(path: Path) -> Path:
    """A two-column page drawn row by row across both columns on one baseline grid (as some layout programs write
    them); the left column ends with "recruit-" and the right goes on "ment"."""
    left = [*LEFT, "Additional measures target the recruit-"]
    right = ["ment offices and their agents.", *RIGHT]
    pdf = canvas.Canvas(str(path), pagesize=A4)
    pdf.setFont("Helvetica", 10)
    for row in range(max(len(left), len(right))):
        if row < len(left):
            pdf.drawString(56, 780 - 13 * row, left[row])
        if row < len(right):
            pdf.drawString(310, 780 - 13 * row, right[row])
    pdf.showPage()
    pdf.save()
    return path


def test_two_columns_are_read_left_then_right_and_hyphens_mended(tmp_path: Path):
    source = ingest(_two_columns(tmp_path / "columns.pdf"))
    text = " ".join(source.paragraphs)
    left = " ".join(LEFT)
    assert left in text
    assert "target the recruitment offices and their agents. " + " ".join(RIGHT) in text
    assert text.index(left) < text.index("recruitment offices")


# --- 6. placeholder dates -------------------------------------------------------------------------------------------


@pytest.mark.parametrize("stamp", ["D:19700101000000Z", "D:19800101", "D:00000101000000", "D:16010101"])
def test_placeholder_dates_are_no_dates(tmp_path: Path, stamp: str):
    data = raw_pdf.simple_pdf([raw_pdf.text_ops([BODY])], info=b"<< /CreationDate (%s) >>" % stamp.encode())
    assert ingest(raw_pdf.write(tmp_path / "epoch.pdf", data)).date == ""


def test_a_real_creation_date_is_kept(tmp_path: Path):
    data = raw_pdf.simple_pdf([raw_pdf.text_ops([BODY])], info=b"<< /CreationDate (D:20130205204705Z) >>")
    assert ingest(raw_pdf.write(tmp_path / "dated.pdf", data)).date == "2013-02-05"


def test_rotated_pages_of_one_line_each_are_text_not_running_headers(tmp_path: Path):
    """Four landscape (rotated) pages each saying the same single line: nothing else repeats, so it is the text."""
    pdf = raw_pdf.RawPdf()
    catalog, node, font = pdf.add(b""), pdf.add(b""), pdf.add(raw_pdf.FONT)
    content = pdf.add(raw_pdf.stream(raw_pdf.text_ops(["Habibi, the one line of this card."])))
    rotated = raw_pdf.page(node, font, b"%d 0 R" % content).replace(b"/MediaBox", b"/Rotate 90 /MediaBox")
    kids = [pdf.add(rotated) for _ in range(4)]
    pdf.set(catalog, b"<< /Type /Catalog /Pages %d 0 R >>" % node)
    pdf.set(node, raw_pdf.pages_node(kids))
    source = ingest(raw_pdf.write(tmp_path / "rotated.pdf", pdf.build(catalog)))
    assert "Habibi, the one line of this card." in source.paragraphs


def test_a_templates_placeholder_title_gives_way_to_the_largest_heading(tmp_path: Path):
    content = raw_pdf.text_ops(["Scalability of Microrobot Control"], size=20) + b"\n"
    content += raw_pdf.text_ops([BODY], size=10, top=730)
    info = rb"<< /Title (Paper Title \(use style: paper title\)) >>"
    source = ingest(raw_pdf.write(tmp_path / "paper.pdf", raw_pdf.simple_pdf([content], info=info)))
    assert source.title == "Scalability of Microrobot Control"


@pytest.mark.parametrize(
    ("lost", "garbled", "told"),
    [
        ([3], [], ["page 3 could not be read (damaged) and was left out"]),
        ([4, 7], [], ["pages 4 and 7 could not be read (damaged) and were left out"]),
        (
            [],
            [2, 5, 6, 7, 9],
            ["pages 2, 5–7 and 9 came out as symbols (fonts without a Unicode map) and were left out"],
        ),
    ],
)
def test_pages_left_out_are_named_in_runs(lost, garbled, told):
    assert pages_left_out(PageText(pages=[], lost=lost, garbled=garbled)) == told


# --- slide decks: big type everywhere, a few small references ---------------------------------------------------


def _slides(path: Path) -> Path:
    """A French talk: every line larger than the small English references, which hold the most characters of any
    one size; the title's size comes back on the closing slide, so no single largest heading names the deck."""
    pdf = canvas.Canvas(str(path), pagesize=(792, 612))
    pdf.setFont("Helvetica-Bold", 40)
    pdf.drawString(60, 400, "Découverte des entités nommées")
    pdf.showPage()
    bullets = [
        "La plupart des noms propres sont rares dans les journaux",
        "Les articles comparables du même jour parlent des mêmes personnes",
        "Nous mesurons la fréquence de chaque mot au fil des jours",
    ]
    for number, size in enumerate((28, 26, 30), start=2):
        pdf.setFont("Helvetica-Bold", 32)
        pdf.drawString(60, 540, f"Contexte de la recherche {number}")
        pdf.setFont("Helvetica", size)
        for row, bullet in enumerate(bullets):
            pdf.drawString(60, 470 - row * 50, f"{bullet} ({number}.{row})")
        pdf.setFont("Helvetica", 12)
        pdf.drawString(60, 80, "[Strzalkowski 1996] [Collins 1999] [Yangarber 2002] [Sekine 2004] [Grishman 2003]")
        pdf.drawString(60, 64, "[Strzalkowski 1996] [Collins 1999] [Yangarber 2002] [Sekine 2004] [Grishman 2003]")
        pdf.showPage()
    pdf.setFont("Helvetica-Bold", 40)
    pdf.drawString(60, 300, "Merci de votre attention")
    pdf.showPage()
    pdf.save()
    return path


def test_a_slide_deck_is_titled_by_its_first_heading_not_a_reference(tmp_path: Path):
    source = ingest(_slides(tmp_path / "slides.pdf"))
    assert source.title == "Découverte des entités nommées"


def test_a_slide_deck_s_language_is_that_of_its_headings(tmp_path: Path):
    source = ingest(_slides(tmp_path / "slides.pdf"))
    assert source.language == "fr"
