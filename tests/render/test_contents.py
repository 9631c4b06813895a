"""Contents with true page numbers, and fields whose cached values are right before anyone updates them.

The PDF draws each entry's page number once the layout has placed the heading; the DOCX carries a TOC field
whose cached entries (and PAGEREF page numbers) come from that layout, and a NUMPAGES field caching the page
count, so a reader that never updates fields still shows the truth. Each test reads the outputs back.
"""

from __future__ import annotations

import io
import re
import zipfile
from pathlib import Path

from lxml import etree
from pypdf import PdfReader

from app.core.document import Contents, Document, DocumentMeta, Heading, PageBreak, Paragraph, Run
from app.core.style import Style, style_from_dict
from app.render.docx.writer import render_docx
from app.render.html import render_html
from app.render.pdf.writer import lay_out_pdf, render_pdf
from tests.render.libreoffice import convert_without_noto, needs_libreoffice, page_texts

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
LONG = (
    "Officials said the committee would meet again next week to review the measures against the agencies that "
    "recruit young men, and that the ministry would publish the names of those it had closed. "
) * 4


def long_brief(contents: bool = True, sections: int = 9) -> Document:
    """A title, the contents, then sections of several paragraphs with a subsection each: about ten pages."""
    blocks: list = [Paragraph([Run("Recruitment Review")], role="title")]
    if contents:
        blocks += [Contents(), PageBreak()]
    for n in range(1, sections + 1):
        blocks.append(Heading(1, [Run(f"Section {n} On The Measures")]))
        blocks += [Paragraph([Run(LONG)]) for _ in range(3)]
        blocks.append(Heading(2, [Run(f"Detail {n} Of The Review")]))
        blocks += [Paragraph([Run(LONG)]) for _ in range(2)]
    return Document(DocumentMeta(title="Recruitment Review", date="2 December 2026"), blocks)


def page_style(**contents) -> Style:
    return style_from_dict({"contents": contents} if contents else {})


ENTRY = re.compile(r"^\s*((?:Section|Detail) \d+ [A-Za-z ]*[a-z])[\s.]*?(\d+)\s*$")


def contents_entries(page: str) -> dict[str, int]:
    """The entries printed on a contents page: title → page number."""
    return {m.group(1).strip(): int(m.group(2)) for m in map(ENTRY.match, page.splitlines()) if m}


def landing_pages(pages: list[str], titles: list[str], after: int) -> dict[str, int]:
    """The page (from 1) where each heading lands: the first page after the contents with a line that is it."""
    found: dict[str, int] = {}
    for number, text in enumerate(pages, 1):
        if number <= after:
            continue
        lines = {line.strip() for line in text.splitlines()}
        for title in titles:
            if title not in found and title in lines:
                found[title] = number
    return found


def pdf_pages(data: bytes) -> list[str]:
    return [page.extract_text(extraction_mode="layout") for page in PdfReader(io.BytesIO(data)).pages]


def test_the_pdf_contents_gives_each_heading_the_page_it_lands_on():
    data = render_pdf(long_brief(), Style())
    pages = pdf_pages(data)
    assert len(pages) >= 6
    entries = contents_entries(pages[0])
    assert len(entries) == 18  # nine sections, each with a subsection
    assert entries == landing_pages(pages, list(entries), after=1)
    assert len(set(entries.values())) > 4  # the numbers are real, not one placeholder


def test_the_layout_reports_the_page_count_and_every_headings_page():
    data, layout = lay_out_pdf(long_brief(), Style())
    assert layout.pages == len(PdfReader(io.BytesIO(data)).pages)
    assert sorted(layout.heading_pages) == list(range(18))
    assert list(layout.heading_pages.values()) == sorted(layout.heading_pages.values())


def test_contents_entries_link_to_their_headings_in_the_pdf():
    reader = PdfReader(io.BytesIO(render_pdf(long_brief(), Style())))
    links = [a.get_object() for a in reader.pages[0].get("/Annots", [])]
    assert len([a for a in links if a.get("/Subtype") == "/Link"]) == 18


def test_a_style_option_puts_the_contents_before_the_first_heading():
    document = long_brief(contents=False, sections=3)
    without = pdf_pages(render_pdf(document, Style()))
    with_contents = pdf_pages(render_pdf(document, page_style(show=True, title="In This Review", depth=1)))
    assert "In This Review" not in without[0]
    first = with_contents[0]
    assert first.index("Recruitment Review") < first.index("In This Review") < first.index("Section 1 On")
    assert set(contents_entries(first)) == {f"Section {n} On The Measures" for n in (1, 2, 3)}  # depth 1


def docx_parts(document: Document, style: Style) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(render_docx(document, style))) as package:
        return {name: package.read(name) for name in package.namelist()}


def test_the_docx_contents_is_a_toc_field_whose_cached_entries_carry_the_pdf_pages():
    document = long_brief()
    _, layout = lay_out_pdf(document, Style())
    body = etree.fromstring(docx_parts(document, Style())["word/document.xml"])
    instructions = [t.text for t in body.iter(f"{W}instrText")]
    assert any(re.match(r"\s*TOC \\o \"1-2\"", text) for text in instructions)
    bookmarks = {b.get(f"{W}name"): b.getparent() for b in body.iter(f"{W}bookmarkStart")}
    entries = {}
    for link in body.iter(f"{W}hyperlink"):
        anchor = link.get(f"{W}anchor")
        if not anchor or not anchor.startswith("_Toc"):
            continue
        texts = ["".join(r.itertext()) for r in link.iter(f"{W}r")]
        heading = "".join(bookmarks[anchor].itertext())
        entries[heading] = int(texts[-2])  # the title, the tab, the PAGEREF's begin … cached number, end
    pdf_pages_by_title = {
        heading.inlines[0].text: layout.heading_pages[n]
        for n, heading in enumerate(b for b in document.blocks if isinstance(b, Heading))
    }
    assert entries == pdf_pages_by_title
    settings = docx_parts(document, Style())["word/settings.xml"]
    assert b"updateFields" not in settings  # no "update fields?" prompt


def test_the_docx_page_count_field_caches_the_pdf_page_count():
    document = long_brief(contents=False)
    style = style_from_dict({"footer": {"right": "Page {page} of {pages}"}})
    _, layout = lay_out_pdf(document, style)
    parts = docx_parts(document, style)
    footer = next(data for name, data in parts.items() if name.startswith("word/footer"))
    fields = etree.fromstring(footer).iter(f"{W}fldSimple")
    cached = {f.get(f"{W}instr").strip(): "".join(f.itertext()) for f in fields}
    assert cached["NUMPAGES"] == str(layout.pages) and layout.pages > 4


def test_the_html_contents_links_to_each_heading():
    page = render_html(long_brief(sections=2), Style())
    nav = re.search(r"<nav[^>]*>(.*?)</nav>", page, re.S)
    assert nav and "Contents" in nav.group(1)
    for target in re.findall(r'href="#([^"]+)"', nav.group(1)):
        assert f'id="{target}"' in page
    assert len(re.findall(r'href="#', nav.group(1))) == 4


def test_a_page_break_in_the_brief_moves_the_headings_and_their_numbers_with_it():
    document = long_brief(sections=2)
    document.blocks.insert(5, PageBreak())  # before the first section's second paragraph
    pages = pdf_pages(render_pdf(document, Style()))
    entries = contents_entries(pages[0])
    assert entries == landing_pages(pages, list(entries), after=1)


@needs_libreoffice
def test_libreoffice_shows_the_docx_contents_with_the_pages_its_headings_land_on(tmp_path: Path):
    docx = tmp_path / "review.docx"
    docx.write_bytes(render_docx(long_brief(), Style()))
    pages = page_texts(convert_without_noto(docx, tmp_path))
    entries = contents_entries(pages[0])
    assert len(entries) == 18
    assert entries == landing_pages(pages, list(entries), after=1)


def test_a_template_places_the_contents_with_a_container():
    from app.parse.markup import parse_markup

    document = parse_markup("# Title\n\n::: contents\n:::\n\n## One\n\nText.\n\n## Two\n\nMore.\n")
    assert [type(block).__name__ for block in document.blocks] == ["Heading", "Contents", "Heading", "Paragraph",
                                                                   "Heading", "Paragraph"]  # fmt: skip
    first = pdf_pages(render_pdf(document, Style()))[0]
    assert first.index("Title") < first.index("Contents") < first.index("One")
    assert "Title" not in contents_page_entries(first)


def contents_page_entries(page: str) -> list[str]:
    """The titles of entries (lines ending in dot leaders and a number)."""
    return [m.group(1).strip() for m in re.finditer(r"^\s*(\S.*?)\s*\.{3,}\s*\d+\s*$", page, re.M)]


def build_report(tmp_path: Path, formats: str = "pdf,docx") -> Path:
    """The sample brief built with the ``report`` template; the output folder."""
    from app.cli.main import main
    from app.core.paths import SEEDS_DIR

    out = tmp_path / "report"
    args = ["build", str(SEEDS_DIR / "sample.brief"), "--template", "report", "--format", formats, "-o", str(out)]
    assert main([*args, "--name", "r"]) == 0
    return out


def test_the_report_template_has_a_cover_page_contents_and_numbered_sections(tmp_path: Path):
    out = build_report(tmp_path)
    pages = pdf_pages((out / "r.pdf").read_bytes())
    cover, contents = pages[0], pages[1]
    assert "Executive summary." in cover and "Contents" not in cover and "1. Key findings" not in cover
    entries = dict(
        (m.group(1).strip(), int(m.group(2)))
        for m in re.finditer(r"^\s*(\d+(?:\.\d+)?\.? \S.*?)\s*\.{3,}\s*(\d+)\s*$", contents, re.M)
    )
    assert {"1. Key findings", "2. Background", "8. Sources"} <= set(entries)
    assert entries == landing_pages(pages, list(entries), after=2)
    body = docx_parts_of(out / "r.docx")
    assert re.search(rb"TOC \\o &quot;1-2&quot;|TOC \\o \"1-2\"", body)


def docx_parts_of(path: Path) -> bytes:
    with zipfile.ZipFile(path) as package:
        return package.read("word/document.xml")


@needs_libreoffice
def test_libreoffice_prints_the_report_as_the_pdf_page_for_page(tmp_path: Path):
    out = build_report(tmp_path)
    ours = pdf_pages((out / "r.pdf").read_bytes())
    theirs = page_texts(convert_without_noto(out / "r.docx", tmp_path))
    assert len(theirs) == len(ours)
    assert [headings_on(page) for page in theirs[2:]] == [headings_on(page) for page in ours[2:]]


def headings_on(page: str) -> list[str]:
    """The numbered section headings a page of the report's body carries ("3.1 Legal Measures …")."""
    return re.findall(r"^\s*(\d+\.\d*\.? [A-Z][\w ,]+?)\s*$", page, re.M)
