"""What a brief's files say about themselves: language, XMP metadata, the classification in subject and keywords,
and a PDF outline led by the title with each heading once.

Read back with pypdf (the PDF), python-docx (the DOCX) and lxml (the web page and the XMP packet).
"""

from __future__ import annotations

import datetime as dt
import io
from pathlib import Path

import docx
import lxml.etree
import lxml.html
from pypdf import PdfReader

from app.cli.main import main
from app.core.document import Document, DocumentMeta, Heading, Paragraph, Run
from app.core.style import Style
from app.render.pdf.writer import render_pdf
from tests.conftest import SEEDS_DIR

ARABIC = SEEDS_DIR / "arabic-sample-recruitment.txt"
STORY = (
    "Officials in Baghdad said the committee would meet again next week to review the measures against "
    "the agencies that recruit young men for the war. "
)


def build(tmp_path: Path, *args: str) -> dict[str, Path]:
    out = tmp_path / "out"
    assert main(["build", *args, "--format", "docx,pdf,html", "-o", str(out), "--name", "b"]) == 0
    return {path.suffix: path for path in out.iterdir()}


def outline_titles(reader: PdfReader, items: list | None = None) -> list[str]:
    titles: list[str] = []
    for item in reader.outline if items is None else items:
        titles += outline_titles(reader, item) if isinstance(item, list) else [item.title]
    return titles


def test_a_classified_brief_says_so_in_its_subject_and_keywords_in_every_format(tmp_path: Path):
    files = build(
        tmp_path,
        str(SEEDS_DIR / "peregraf-iraq-russian-recruitment.txt"),
        "--classification",
        "SECRET//NOFORN",
        "--subtitle",
        "Legal measures",
        "--author",
        "A. Analyst",
    )
    info = PdfReader(files[".pdf"]).metadata
    assert info.subject == "SECRET//NOFORN — Legal measures"
    assert info["/Keywords"].split(", ")[0] == "SECRET//NOFORN"
    props = docx.Document(str(files[".docx"])).core_properties
    assert (props.subject, props.keywords.split(", ")[0]) == (info.subject, "SECRET//NOFORN")
    page = lxml.html.parse(str(files[".html"])).getroot()
    assert page.xpath("//meta[@name='description']/@content") == [info.subject]


def test_the_pdf_carries_its_language_and_xmp_that_agree_with_its_information(tmp_path: Path):
    files = build(tmp_path, str(SEEDS_DIR / "sample.brief"))
    reader = PdfReader(files[".pdf"])
    info, xmp = reader.metadata, reader.xmp_metadata
    assert reader.trailer["/Root"]["/Lang"] == "en"
    assert xmp is not None
    assert xmp.dc_title == {"x-default": info.title}
    assert xmp.dc_creator == [info.author]
    assert xmp.dc_description == {"x-default": info.subject}
    assert xmp.dc_subject == info["/Keywords"].split(", ")
    assert xmp.dc_language == ["en"]
    assert xmp.xmp_creator_tool == info.creator == "Briefgen"
    assert xmp.xmp_create_date.replace(tzinfo=dt.UTC) == info.creation_date.astimezone(dt.UTC)
    assert docx.Document(str(files[".docx"])).core_properties.language == "en"
    assert lxml.html.parse(str(files[".html"])).getroot().get("lang") == "en"


def test_an_arabic_brief_is_marked_as_arabic(tmp_path: Path):
    files = build(tmp_path, str(ARABIC))
    assert PdfReader(files[".pdf"]).trailer["/Root"]["/Lang"] == "ar"
    assert lxml.html.parse(str(files[".html"])).getroot().get("lang") == "ar"


def test_the_xmp_packet_stays_well_formed_whatever_the_brief_s_details_say():
    meta = DocumentMeta(title="Ties & <tricks> \x07 ]]>", author='"Quoted" <author>', keywords=["a, b", "<c>"])
    reader = PdfReader(io.BytesIO(render_pdf(Document(meta, [Paragraph([Run("Text.")])]), Style())))
    packet = reader.trailer["/Root"]["/Metadata"].get_object().get_data()
    root = lxml.etree.fromstring(packet)  # raises if not well-formed
    namespaces = {"rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#", "dc": "http://purl.org/dc/elements/1.1/"}
    assert root.xpath("//dc:title//rdf:li/text()", namespaces=namespaces) == ["Ties & <tricks>  ]]>"]
    assert root.xpath("//dc:subject//rdf:li/text()", namespaces=namespaces) == ["a, b", "<c>"]


def test_the_outline_starts_with_the_title_and_lists_each_heading_once(tmp_path: Path):
    """A brief long enough for headings to land at page feet and paragraphs to split across pages."""
    folder = tmp_path / "sources"
    folder.mkdir()
    for n in range(12):
        sections = "".join(f"Part {part} Of Source {n}\n\n{STORY * 6}\n\n" for part in range(1, 4))
        (folder / f"source-{n:02}.txt").write_text(f"Source {n} Headline\n\n{STORY * 3}\n\n{sections}")
    files = build(tmp_path, str(folder), "--title", "Twelve sources")
    reader = PdfReader(files[".pdf"])
    titles = outline_titles(reader)
    assert len(reader.pages) > 5
    assert titles[0] == "Twelve sources"
    assert reader.get_destination_page_number(reader.outline[0]) == 0
    headings = [p.text for p in docx.Document(str(files[".docx"])).paragraphs if p.style.name.startswith("Heading")]
    assert titles[1:] == headings  # each heading once, in order


def test_a_brief_without_a_title_has_no_empty_bookmark():
    document = Document(DocumentMeta(), [Paragraph([Run("")], role="title"), Heading(1, [Run("Findings")])])
    reader = PdfReader(io.BytesIO(render_pdf(document, Style())))
    assert outline_titles(reader) == ["Findings"]
