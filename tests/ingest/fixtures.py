"""Builders for the source files ingest tests read: real-shaped documents and hostile ones.

Every file is made here, at test time, with the same libraries that write
such files in the wild (python-docx, reportlab), so no binary test data is
checked in and each case documents how it was built.
"""

from __future__ import annotations

import datetime as dt
import io
import os
import textwrap
import zipfile
from pathlib import Path

import docx
from docx.oxml import OxmlElement
from docx.shared import Pt
from reportlab.lib.pagesizes import A4
from reportlab.lib.pdfencrypt import StandardEncryption
from reportlab.pdfgen import canvas

from app.core.paths import SEEDS_DIR

ARABIC_SAMPLE = SEEDS_DIR / "arabic-sample-recruitment.txt"
ARABIC_HEADINGS = [
    "الإجراءات القانونية والمساءلة",
    "نحو خمسة آلاف عراقي في صفوف الجيش الروسي",
    "أساليب التجنيد والدوافع الاقتصادية",
]

BODY = (
    "Security officials believe that financial incentives, coupled with limited domestic job opportunities, "
    "have made some young Iraqis susceptible to recruitment campaigns linked to the conflict in Ukraine."
)

# --- HTML -----------------------------------------------------------------------------------------------------------

NEWS_HTML = """<!DOCTYPE html>
<html lang="en"><head><meta charset="{charset}">
<title>Iraq moves to curb recruitment | The Baghdad Ledger</title>
<meta name="author" content="Layla Hassan">
<meta property="article:published_time" content="2026-01-14T09:30:00Z">
<meta property="og:site_name" content="The Baghdad Ledger">
<meta property="og:title" content="Iraq moves to curb recruitment into Russian army">
<style>body {{ font-family: serif }}</style>
<script>var ads = "BUY NOW"; document.write("<p>script text</p>");</script>
</head><body>
<header><nav><ul><li><a href="/">Home</a></li><li><a href="/world">World</a></li>
<li><a href="/politics">Politics</a></li><li><a href="/sport">Sport</a></li></ul></nav></header>
<div class="ad-banner" id="ad-top"><p>Advertisement: Cheap flights to Moscow, book today and save 40 percent!</p></div>
<main><article>
<h1>Iraq moves to curb recruitment into Russian army</h1>
<p class="byline">By Layla Hassan</p>
<p>BAGHDAD — Iraq’s National Security Advisor chaired a meeting on Wednesday to address the increasing
recruitment of Iraqi citizens into the Russian military, officials said.</p>
<p>The meeting brought together representatives from the security institutions, the Ministry of Foreign Affairs
and other agencies, according to a statement.</p>
<h2>Legal measures</h2>
<p>The committee activated provisions of the Iraqi Penal Code that criminalise joining a foreign army without
authorisation from the state.</p>
<p>Travel agencies that facilitated the transport of recruits will face prosecution, the statement added.</p>
<h2>Numbers and drivers</h2>
<p>An adviser to the prime minister said nearly 5,000 Iraqis had joined the Russian army and were deployed to
combat zones in Ukraine.</p>
<ul><li>Promises of high salaries to unemployed youth</li><li>Offers of Russian citizenship</li></ul>
<table><tr><th>Province</th><th>Reported recruits</th></tr><tr><td>Basra</td><td>1,200</td></tr>
<tr><td>Najaf</td><td>800</td></tr></table>
<p>Security officials believe financial incentives have made some young Iraqis susceptible to recruitment.</p>
</article>
<aside class="related"><h3>Related stories</h3><ul><li><a href="/a">Oil prices rise</a></li>
<li><a href="/b">Election results</a></li></ul></aside>
<section id="comments" class="comments"><h3>Comments</h3>
<div class="comment"><p>Great article, thanks for sharing this news with us all today!</p></div>
<div class="comment"><p>I disagree with the premise of the whole report, it is biased.</p></div></section>
</main>
<footer><p>© 2026 The Baghdad Ledger. All rights reserved. Contact us | Privacy policy | Terms</p></footer>
</body></html>
"""


def write_news_html(path: Path, encoding: str = "utf-8", declare: str | None = None) -> Path:
    """A saved news page: navigation, an ad, related links, comments and a footer around an article with h2s."""
    path.write_bytes(NEWS_HTML.format(charset=declare or encoding).encode(encoding))
    return path


def write_big_html(path: Path, sections: int = 200) -> Path:
    """A long article (about 1 MB) in the same page furniture, for timing."""
    parts = [NEWS_HTML.split("<main>")[0], "<main><article><h1>Long report</h1>"]
    for n in range(1, sections + 1):
        parts.append(f"<h2>Part {n}</h2>")
        parts.extend(f"<p>{BODY} Paragraph {n}.{k}.</p>" for k in range(1, 16))
    parts.append("</article></main></body></html>")
    path.write_text("\n".join(parts), encoding="utf-8")
    return path


# --- DOCX -----------------------------------------------------------------------------------------------------------


def write_report_docx(path: Path) -> Path:
    """A Word report: Title style, core properties, Heading 1/2, body text, a bold-header table, a bold faux heading."""
    document = docx.Document()
    props = document.core_properties
    props.author = "Sara Analyst"
    props.created = dt.datetime(2026, 2, 3, 10, 0, 0)
    props.title = "Core properties title"
    document.add_paragraph("Recruitment of Iraqis into the Russian Army", style="Title")
    document.add_paragraph("Peregraf — The committee met on Wednesday to address recruitment.")
    document.add_paragraph("A second lead paragraph gives the background.")
    document.add_heading("Legal Measures", level=1)
    document.add_paragraph("The Penal Code criminalises joining a foreign army.")
    document.add_heading("Travel Agencies", level=2)
    document.add_paragraph("Agencies that moved recruits face prosecution.")
    table = document.add_table(rows=3, cols=2)
    for row, (province, count) in enumerate([("Province", "Recruits"), ("Basra", "1,200"), ("Najaf", "800")]):
        table.cell(row, 0).text = province
        table.cell(row, 1).text = count
    for cell in table.rows[0].cells:
        for run in cell.paragraphs[0].runs:
            run.bold = True
    document.add_paragraph("After the table, the text goes on.")
    faux = document.add_paragraph().add_run("Economic Drivers")
    faux.bold = True
    faux.font.size = Pt(13)
    document.add_paragraph("Unemployment makes young men susceptible to recruitment.")
    document.save(path)
    return path


def add_content_control(path: Path, text: str) -> Path:
    """Wrap a new paragraph in a content control (w:sdt), which python-docx's paragraph list does not show."""
    document = docx.Document(path)
    sdt = OxmlElement("w:sdt")
    content = OxmlElement("w:sdtContent")
    paragraph = OxmlElement("w:p")
    run = OxmlElement("w:r")
    text_element = OxmlElement("w:t")
    text_element.text = text
    run.append(text_element)
    paragraph.append(run)
    content.append(paragraph)
    sdt.append(content)
    body = document.element.body
    body.insert(len(body) - 1, sdt)  # before the final w:sectPr
    document.save(path)
    return path


def docx_parts(path: Path) -> dict[str, bytes]:
    with zipfile.ZipFile(path) as archive:
        return {name: archive.read(name) for name in archive.namelist()}


def write_zip(path: Path, parts: dict[str, bytes], compression: int = zipfile.ZIP_DEFLATED) -> Path:
    with zipfile.ZipFile(path, "w", compression) as archive:
        for name, data in parts.items():
            archive.writestr(name, data)
    return path


def minimal_docx_parts(tmp: Path) -> dict[str, bytes]:
    """The parts of a small valid Word file, to be tampered with."""
    source = tmp / "_base.docx"
    document = docx.Document()
    document.add_paragraph("A harmless paragraph of text.")
    document.save(source)
    parts = docx_parts(source)
    source.unlink()
    return parts


def document_xml(body: str, doctype: str = "") -> bytes:
    return (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        f"{doctype}"
        '<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
        f"<w:body>{body}</w:body></w:document>"
    ).encode()


BILLION_LAUGHS_DTD = (
    '<!DOCTYPE w:document [<!ENTITY lol "lol">'
    + "".join(f'<!ENTITY lol{i} "{("&lol;" if i == 1 else f"&lol{i - 1};") * 10}">' for i in range(1, 10))
    + "]>"
)
EXTERNAL_ENTITY_DTD = '<!DOCTYPE w:document [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>'


# --- PDF ------------------------------------------------------------------------------------------------------------

PDF_SECTIONS = [
    ("Legal Measures", 1),
    ("Numbers and Drivers", 2),
    ("Travel Agencies", 2),
    ("Judicial Warnings", 3),
]


def write_report_pdf(path: Path, pages: int = 3, encrypt: str | None = None, title: str = "") -> Path:
    """A report as word processors print it: a large title, bold headings, wrapped body text, page-number footers.

    The first body paragraph of "Legal Measures" breaks "recruit-ment" across two lines; "Numbers and Drivers"
    starts at the top of page 2, and page 3 has "Travel Agencies" then "Judicial Warnings" (for ``pages`` = 3);
    with more pages every further page carries one "Annex N" heading.
    """
    encryption = StandardEncryption(encrypt, ownerPassword="owner", strength=128) if encrypt is not None else None
    pdf = canvas.Canvas(str(path), pagesize=A4, encrypt=encryption)
    if title:
        pdf.setTitle(title)
    pdf.setAuthor("Peregraf Research")
    writer = _PageWriter(pdf)
    writer.line("Recruitment into the Russian Army", "Helvetica-Bold", 20, after=14)
    writer.paragraph("Peregraf — " + BODY)
    writer.heading("Legal Measures")
    writer.lines(
        [
            "The committee emphasised that legal action will be enforced against the recruit-",
            "ment networks and against travel agencies that facilitated the transport of Iraqi",
            "citizens into the Russian military.",
        ]
    )
    writer.paragraph(BODY)
    writer.new_page()
    writer.heading("Numbers and Drivers")
    writer.paragraph("Nearly 5,000 Iraqis joined the Russian army. " + BODY)
    writer.new_page()
    writer.heading("Travel Agencies")
    writer.paragraph(BODY)
    writer.heading("Judicial Warnings")
    writer.paragraph("The Supreme Judicial Council warned of prison sentences. " + BODY)
    for n in range(4, pages + 1):
        writer.new_page()
        writer.heading(f"Annex {n}")
        for _ in range(5):
            writer.paragraph(BODY)
    writer.finish()
    return path


class _PageWriter:
    """Draw lines top-down with a page-number footer, the way a printed report looks."""

    def __init__(self, pdf: canvas.Canvas) -> None:
        self.pdf = pdf
        self.page = 1
        self.y = 790.0

    def line(self, text: str, font: str = "Helvetica", size: float = 10, after: float = 3) -> None:
        self.pdf.setFont(font, size)
        self.pdf.drawString(72, self.y, text)
        self.y -= size + after

    def lines(self, lines: list[str]) -> None:
        for text in lines:
            self.line(text)
        self.y -= 8

    def paragraph(self, text: str) -> None:
        self.lines(textwrap.wrap(text, 90))

    def heading(self, text: str) -> None:
        self.y -= 6
        self.line(text, "Helvetica-Bold", 14, after=8)

    def new_page(self) -> None:
        self._footer()
        self.pdf.showPage()
        self.page += 1
        self.y = 790.0

    def finish(self) -> None:
        self._footer()
        self.pdf.save()

    def _footer(self) -> None:
        self.pdf.setFont("Helvetica", 8)
        self.pdf.drawString(280, 30, f"Page {self.page}")


PLATYPUS_PARAGRAPH = " ".join([BODY] * 3)
RUNNING_HEADER = "Peregraf Research — Iraq Desk"


def write_flowing_pdf(path: Path, chapters: int = 10) -> Path:
    """A long report laid out by reportlab's platypus, as a word processor would: paragraphs flow over page
    breaks, every page has a running header and a "Page N" footer. Each chapter has an 18 pt heading and three
    14 pt parts of four identical paragraphs (identical on purpose: repeated body text must never be taken
    for a running header)."""
    from reportlab.lib.styles import getSampleStyleSheet
    from reportlab.platypus import Paragraph, SimpleDocTemplate

    styles = getSampleStyleSheet()
    story = []
    for chapter in range(1, chapters + 1):
        story.append(Paragraph(f"Chapter {chapter}: Recruitment Findings", styles["Heading1"]))
        for part in range(1, 4):
            story.append(Paragraph(f"Part {chapter}.{part} Regional Detail", styles["Heading2"]))
            story.extend(Paragraph(PLATYPUS_PARAGRAPH, styles["BodyText"]) for _ in range(4))

    def furniture(pdf: canvas.Canvas, document: SimpleDocTemplate) -> None:
        pdf.setFont("Helvetica", 8)
        pdf.drawString(72, 810, RUNNING_HEADER)
        pdf.drawString(280, 30, f"Page {document.page}")

    SimpleDocTemplate(str(path), pagesize=A4).build(story, onFirstPage=furniture, onLaterPages=furniture)
    return path


def write_scanned_pdf(path: Path) -> Path:
    """A page that is only a picture of text, as a scanner makes it: an image, no text layer."""
    from reportlab.lib.utils import ImageReader

    png = _tiny_png()
    pdf = canvas.Canvas(str(path), pagesize=A4)
    pdf.drawImage(ImageReader(io.BytesIO(png)), 72, 400, width=400, height=300)
    pdf.showPage()
    pdf.save()
    return path


def write_blank_pdf(path: Path) -> Path:
    """A PDF with a page and nothing on it: no text and no image."""
    pdf = canvas.Canvas(str(path), pagesize=A4)
    pdf.showPage()
    pdf.save()
    return path


def _tiny_png() -> bytes:
    """A 2×2 grey PNG built by hand, so the fixtures need no imaging library."""
    import struct
    import zlib

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    raw = b"".join(b"\x00" + b"\x80\x80" for _ in range(2))
    header = struct.pack(">IIBBBBB", 2, 2, 8, 0, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(raw)) + chunk(b"IEND", b"")


# --- misc -----------------------------------------------------------------------------------------------------------


def random_bytes(size: int, seed: int = 7) -> bytes:
    """Deterministic noise (no NULs at the start, so it is not trivially binary)."""
    import random

    rng = random.Random(seed)
    return bytes(rng.randrange(1, 256) for _ in range(size))


def is_root() -> bool:
    return hasattr(os, "geteuid") and os.geteuid() == 0


# --- hostile files --------------------------------------------------------------------------------------------------


def write_docx_with_document(path: Path, tmp: Path, body_xml: bytes) -> Path:
    """A Word file whose word/document.xml is replaced by ``body_xml``."""
    parts = minimal_docx_parts(tmp)
    parts["word/document.xml"] = body_xml
    return write_zip(path, parts)


def write_docx_zip_bomb(path: Path, tmp: Path, megabytes: int = 20) -> Path:
    """A Word file with an extra part of zeros that compresses about 1000:1."""
    parts = minimal_docx_parts(tmp)
    parts["word/media/padding.bin"] = bytes(megabytes * 1024 * 1024)
    return write_zip(path, parts)


def write_docx_many_members(path: Path, tmp: Path, count: int = 2500) -> Path:
    parts = minimal_docx_parts(tmp)
    parts.update({f"customXml/item{n}.bin": b"x" for n in range(count)})
    return write_zip(path, parts, compression=zipfile.ZIP_STORED)


def write_docx_encrypted_member(path: Path, tmp: Path) -> Path:
    """A Word file whose zip entries carry the "encrypted" flag, as a password-protected zip has.

    Python's zipfile cannot write encrypted members, so the flag bit is set in the written headers.
    """
    write_zip(path, minimal_docx_parts(tmp))
    data = bytearray(path.read_bytes())
    for signature, flag_offset in ((b"PK\x03\x04", 6), (b"PK\x01\x02", 8)):
        start = data.find(signature)
        while start != -1:
            data[start + flag_offset] |= 0x1
            start = data.find(signature, start + 4)
    path.write_bytes(bytes(data))
    return path


def truncated(path: Path, source: Path) -> Path:
    data = source.read_bytes()
    path.write_bytes(data[: len(data) // 2])
    return path
