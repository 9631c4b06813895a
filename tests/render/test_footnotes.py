"""Footnotes: real Word footnotes in the DOCX, notes at the foot of the citing page in the PDF, a list of notes at
the end of the web page. Each test reads the output back."""

from __future__ import annotations

import io
import re
import zipfile
from pathlib import Path

import docx
import pypdfium2 as pdfium
from lxml import etree
from pypdf import PdfReader

from app.core.document import Document, DocumentMeta, Footnote, Heading, Paragraph, Quote, Run
from app.core.style import Style
from app.render.docx.writer import render_docx
from app.render.html import render_html
from app.render.pdf.writer import render_pdf
from tests.render.libreoffice import convert_without_noto, needs_libreoffice, page_texts

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
TEXT = (
    "Officials said the committee would meet again next week to review the measures against the agencies that "
    "recruit young men, and that the ministry would publish the names of those it had closed. "
) * 3


def note(number: int) -> Footnote:
    return Footnote(number, (Run(f"Reuters, “Baghdad Acts”, note {number} text, "), Run("p. 3", italic=True), Run(".")))


def noted_brief(paragraphs: int = 30) -> Document:
    """Paragraphs each marking one note, over several pages; one note inside a quotation."""
    blocks: list = [Heading(1, [Run("Discussion")])]
    for n in range(1, paragraphs + 1):
        blocks.append(Paragraph([Run(f"Paragraph {n}. {TEXT}End {n}."), note(n)]))
    blocks.append(Quote([Paragraph([Run("“Nearly five thousand have gone,” he said."), note(paragraphs + 1)])]))
    return Document(DocumentMeta(title="Noted"), blocks)


def pdf_pages(data: bytes) -> list[list[str]]:
    """Each page's lines of text, top to bottom."""
    reader = PdfReader(io.BytesIO(data))
    return [[line.strip() for line in page.extract_text(extraction_mode="layout").splitlines() if line.strip()]
            for page in reader.pages]  # fmt: skip


def test_each_pdf_note_is_at_the_foot_of_the_page_that_marks_it():
    pages = pdf_pages(render_pdf(noted_brief(), Style()))
    assert len(pages) >= 3
    placed = {}
    for number, lines in enumerate(pages, 1):
        body = [i for i, line in enumerate(lines) if "Officials" in line or "he said" in line]
        for n in range(1, 32):
            at = [i for i, line in enumerate(lines) if f"note {n} text" in line]
            if at:
                placed[n] = number
                assert body and at[0] > body[-1], f"note {n} is not under the text of page {number}"
                marker = f"End {n}." if n <= 30 else "he said"
                assert any(marker in line for line in lines), f"note {n} is not on the page that marks it"
    assert sorted(placed) == list(range(1, 32))
    assert len(set(placed.values())) >= 3


def test_the_pdf_note_mark_is_raised_and_small():
    pdf = pdfium.PdfDocument(render_pdf(Document(DocumentMeta(), [Paragraph([Run("Claim."), note(1)])]), Style()))
    text = pdf[0].get_textpage()
    chars = [(text.get_text_range(i, 1), text.get_charbox(i)) for i in range(text.count_chars())]
    letter = next(box for char, box in chars if char == "C")
    mark = next(box for char, box in chars if char == "1")  # the mark comes before the note's own number
    assert mark[1] > letter[1] + 1  # raised above the baseline
    assert mark[3] - mark[1] < (letter[3] - letter[1]) * 0.8


def docx_parts(document: Document) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(render_docx(document, Style()))) as package:
        return {name: package.read(name) for name in package.namelist()}


def test_the_docx_carries_real_footnotes():
    parts = docx_parts(noted_brief(3))
    notes = etree.fromstring(parts["word/footnotes.xml"])
    by_id = {int(n.get(f"{W}id")): "".join(n.itertext()) for n in notes.iter(f"{W}footnote")}
    assert {-1, 0} <= set(by_id)  # the separator and continuation separator Word expects
    assert [by_id[n].strip() for n in (1, 2, 3, 4)] == [
        f"Reuters, “Baghdad Acts”, note {n} text, p. 3." for n in (1, 2, 3, 4)
    ]
    body = etree.fromstring(parts["word/document.xml"])
    assert [int(r.get(f"{W}id")) for r in body.iter(f"{W}footnoteReference")] == [1, 2, 3, 4]
    assert b"footnotes+xml" in parts["[Content_Types].xml"]
    assert b"relationships/footnotes" in parts["word/_rels/document.xml.rels"]
    styles = docx.Document(io.BytesIO(render_docx(noted_brief(1), Style()))).styles
    assert {"footnote text", "footnote reference"} <= {s.name for s in styles}


def test_a_brief_without_notes_has_no_footnotes_part():
    parts = docx_parts(Document(DocumentMeta(), [Paragraph([Run("No notes here.")])]))
    assert "word/footnotes.xml" not in parts


def test_the_web_page_lists_its_notes_at_the_end_with_links_both_ways():
    page = render_html(noted_brief(2), Style())
    notes = re.search(r'<section[^>]*aria-label="Notes"[^>]*>(.*?)</section>', page, re.S)
    assert notes
    for n in (1, 2, 3):
        assert f'href="#note-{n}"' in page and f'id="note-{n}"' in notes.group(1)
        assert f'href="#note-mark-{n}"' in notes.group(1) and f'id="note-mark-{n}"' in page
        assert f"note {n} text" in notes.group(1)


@needs_libreoffice
def test_libreoffice_prints_each_docx_note_on_the_page_that_marks_it(tmp_path: Path):
    path = tmp_path / "noted.docx"
    path.write_bytes(render_docx(noted_brief(), Style()))
    pages = page_texts(convert_without_noto(path, tmp_path))
    for n in range(1, 31):
        marked = [i for i, text in enumerate(pages) if f"End {n}." in text]
        noted = [i for i, text in enumerate(pages) if f"note {n} text" in text]
        assert marked and noted and noted[0] == marked[0], n


def test_notes_take_room_on_their_own_page_only():
    """The frame's foot comes back down on every new page: a long note on page 1 leaves the later pages full."""
    rest = [Paragraph([Run(f"Paragraph {n}. {TEXT}")]) for n in range(40)]
    long_note = Footnote(1, (Run("A long note. " * 40),))
    noted = Document(DocumentMeta(), [Paragraph([Run("A claim."), long_note]), *rest])
    plain = Document(DocumentMeta(), [Paragraph([Run("A claim.")]), *rest])
    noted_pages, plain_pages = (
        [[line for line in page if "long note" not in line] for page in pdf_pages(render_pdf(document, Style()))]
        for document in (noted, plain)
    )
    assert len(noted_pages[0]) < len(plain_pages[0]) - 3  # the note's room on its page
    full = min(len(page) for page in plain_pages[1:-1])
    assert all(len(page) >= full - 1 for page in noted_pages[1:-1])


def test_the_frame_reportlab_copies_to_measure_shares_the_notes():
    """reportlab deep-copies the page's frame on every measure of a kept-together group; a copy of every laid-out
    note each time made a 500-note brief's PDF take minutes, so the copy shares them (and has its own list of
    the notes placed on its page)."""
    import copy

    from app.render.pdf.footnotes import NotesFrame

    frame = NotesFrame(0, 0, 400, 600, {1: object()}, "#000000")  # type: ignore[dict-item]
    frame.placed = [1]
    twin = copy.deepcopy(frame)
    assert twin._notes is frame._notes and twin.placed == [1] and twin.placed is not frame.placed
