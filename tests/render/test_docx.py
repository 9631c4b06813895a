"""The DOCX writer: structure, styles and metadata of the file it writes, read back with python-docx."""

from __future__ import annotations

import importlib.util
import io

import docx
import pytest
from docx.document import Document as DocxDocument
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.oxml.ns import qn
from docx.shared import Pt, RGBColor

from app.core.document import Document, DocumentMeta, Heading, ListBlock, Paragraph, Run, iter_blocks, plain_text
from app.core.errors import ExportError
from app.core.marking_schemes import find_scheme
from app.core.paths import PROJECT_DIR
from app.core.style import Style, style_from_dict
from app.render.docx import writer as docx_writer
from app.render.docx.styles import USED_STYLES
from app.render.docx.writer import render_docx
from tests.sample_document import make_sample_document

SAMPLE = make_sample_document()


def read(data: bytes) -> DocxDocument:
    return docx.Document(io.BytesIO(data))


@pytest.fixture(scope="module")
def out() -> DocxDocument:
    return read(render_docx(SAMPLE, Style()))


def texts(document: DocxDocument, style_name: str) -> list[str]:
    return [p.text for p in document.paragraphs if p.style.name == style_name]


def paragraph_with(document: DocxDocument, fragment: str):
    [paragraph] = [p for p in document.paragraphs if fragment in p.text]
    return paragraph


def fills(element) -> list[str]:
    return element.xpath(".//w:shd/@w:fill")


def one_doc(*blocks) -> DocxDocument:
    return read(render_docx(Document(DocumentMeta(title="T"), list(blocks)), Style()))


def test_headings_come_out_in_order_with_their_level_styles(out):
    expected = [
        (f"Heading {b.level}", plain_text(b.inlines)) for b in iter_blocks(SAMPLE.blocks) if isinstance(b, Heading)
    ]
    actual = [(p.style.name, p.text) for p in out.paragraphs if p.style.name.startswith("Heading")]
    assert actual == expected


def test_title_block_uses_the_role_styles(out):
    first = [(p.style.name, p.text) for p in out.paragraphs[:4]]
    assert first == [
        ("Brief Marking", SAMPLE.meta.classification),
        ("Title", SAMPLE.meta.title),
        ("Subtitle", SAMPLE.meta.subtitle),
        ("Brief Meta", "25 November 2026 · J. Analyst, Briefgen Analysis Unit · For: Director, Middle East Desk"),
    ]


def test_unordered_and_ordered_lists_use_list_styles(out):
    assert texts(out, "List Bullet") == [
        "Legal Measures and Accountability. Penal code provisions activated. [1]",
        "Nearly 5,000 Iraqis reportedly recruited, per Al-Hadath [1, p. 2]",
    ]
    assert texts(out, "List Number") == [
        "First numbered",
        "Second numbered",
        "Peregraf, “Iraqi National Security Advisor chairs meeting”, 2026.",
        "Example Outlet, “Second source”.",
    ]


def num_id(paragraph) -> int:
    return paragraph._p.pPr.numPr.numId.val


def test_every_ordered_list_gets_its_own_numbering_restarting_at_one(out):
    numbered = [p for p in out.paragraphs if p.style.name == "List Number"]
    first_list, second_list = {num_id(p) for p in numbered[:2]}, {num_id(p) for p in numbered[2:]}
    assert len(first_list) == len(second_list) == 1
    assert first_list != second_list
    numbering = out.part.numbering_part.element
    style_num = numbering.num_having_numId(out.styles["List Number"].element.pPr.numPr.numId.val)
    for num_id_ in (*first_list, *second_list):
        num = numbering.num_having_numId(num_id_)
        assert num.abstractNumId.val == style_num.abstractNumId.val
        assert num.xpath("./w:lvlOverride[@w:ilvl='0']/w:startOverride/@w:val") == ["1"]


def test_ordered_list_starts_at_its_start_number():
    out = one_doc(ListBlock(True, [[Paragraph([Run("fourth")])]], start=4))
    paragraph = paragraph_with(out, "fourth")
    num = out.part.numbering_part.element.num_having_numId(num_id(paragraph))
    assert num.xpath("./w:lvlOverride/w:startOverride/@w:val") == ["4"]


def test_nested_list_is_indented_one_level_and_later_item_paragraphs_continue_it():
    nested = ListBlock(True, [[Paragraph([Run("inner")])]])
    item = [Paragraph([Run("outer")]), nested, Paragraph([Run("more of outer")])]
    out = one_doc(ListBlock(False, [item]))
    assert [(p.style.name, p.text) for p in out.paragraphs] == [
        ("List Bullet", "outer"),
        ("List Number 2", "inner"),
        ("List Continue", "more of outer"),
    ]


def left_bar(element) -> list[tuple[str, str]]:
    return [(b.get(qn("w:sz")), b.get(qn("w:color"))) for b in element.xpath("./w:pPr/w:pBdr/w:left")]


def test_quote_and_its_attribution(out):
    quote = paragraph_with(out, "Fewer than 5,000 Iraqis")
    attribution = paragraph_with(out, "Hussein Allawi")
    assert quote.style.name == "Quote"
    assert attribution.style.name == "Brief Attribution"
    assert attribution.paragraph_format.left_indent == out.styles["Quote"].paragraph_format.left_indent
    # The same bar as the quote style's, so Word draws one bar down quote and attribution.
    assert left_bar(attribution._p) == left_bar(out.styles["Quote"].element) == [("24", "9AA7B4")]
    assert out.styles["Quote"].font.italic is True
    assert out.styles["Brief Attribution"].font.italic is False


def test_callouts_use_their_boxed_styles(out):
    assert texts(out, "Brief Summary") == [
        "Bottom line up front. Baghdad is criminalising enlistment in foreign forces. [1]"
    ]
    assert texts(out, "Brief Note") == ["Analyst note: Enforcement capacity is the open question."]
    colours = Style().colours
    assert fills(out.styles["Brief Summary"].element) == [colours.summary_background[1:].upper()]
    assert fills(out.styles["Brief Note"].element) == [colours.note_background[1:].upper()]


def test_citations_are_labelled_runs_set_off_by_a_space(out):
    paragraph = paragraph_with(out, "Al-Hadath")
    assert paragraph.text.endswith("Al-Hadath [1, p. 2]")
    citation_runs = [r.text for r in paragraph.runs if r.style.name == "Brief Citation"]
    assert citation_runs == ["[1, p. 2]"]


def test_citation_size_follows_the_text_around_it(out):
    sizes = Style().sizes
    body_citation = [r for r in paragraph_with(out, "Stars").runs if r.text == "[2]"]
    attribution_citation = [r for r in paragraph_with(out, "Hussein Allawi").runs if r.text == "[1]"]
    assert body_citation[0].font.size == Pt(round(sizes.body * 0.85 * 2) / 2)
    assert attribution_citation[0].font.size == Pt(round((sizes.small + 0.5) * 0.85 * 2) / 2)


def test_marking_line_takes_the_banner_colour_of_its_own_text():
    document = Document(DocumentMeta(title="T"), [Paragraph([Run("SECRET//NOFORN")], role="marking")])
    out = read(render_docx(document, Style().with_marking_scheme(find_scheme("us"))))
    assert [r.font.color.rgb for r in out.paragraphs[0].runs] == [RGBColor.from_string("C8102E")]


def test_markup_characters_stay_literal(out):
    assert "Literal markup characters *_#<[`" in texts(out, "Heading 2")
    assert paragraph_with(out, "Stars").text == (
        "Stars *not bold*, _under_, # hash, <tag>, [link](x), `tick` & ampersand. [2]"
    )


def test_code_runs_and_real_hyperlinks(out):
    paragraph = paragraph_with(out, "Code sample")
    assert [r.style.name for r in paragraph.runs if r.text == "Code sample"] == ["Brief Code"]
    [link] = paragraph._p.xpath("./w:hyperlink")
    relationship = out.part.rels[link.get(qn("r:id"))]
    assert (relationship.reltype, relationship.target_ref, relationship.is_external) == (
        RT.HYPERLINK,
        "https://example.org",
        True,
    )
    assert link.xpath("./w:r/w:rPr/w:rStyle/@w:val") == [out.styles["Hyperlink"].style_id]
    assert out.styles["Hyperlink"].font.underline is True


def test_links_inside_the_brief_stay_plain_text():
    out = one_doc(Paragraph([Run("see "), Run("section 2", href="#s2")]))
    assert out.paragraphs[0].text == "see section 2"
    assert out.paragraphs[0]._p.xpath(".//w:hyperlink") == []
    assert not [rel for rel in out.part.rels.values() if rel.reltype == RT.HYPERLINK]


def test_table_is_full_width_with_a_bold_shaded_header_row(out):
    [table] = out.tables
    assert table.style.name == "Brief Table"
    assert [[c.text for c in row.cells] for row in table.rows] == [
        ["Measure", "Target"],
        ["Penal code", "Recruits"],
        ["Travel agencies", "Facilitators"],
    ]
    header_cells = table.rows[0].cells
    assert all(run.bold for cell in header_cells for run in cell.paragraphs[0].runs)
    assert not any(run.bold for run in table.rows[1].cells[0].paragraphs[0].runs)
    assert all(fills(cell._tc) == ["EAF1F8"] for cell in header_cells)
    section = out.sections[0]
    text_width = section.page_width - section.left_margin - section.right_margin
    assert sum(column.width for column in table.columns) == pytest.approx(text_width, rel=0.001)


def test_page_break_starts_the_next_block_on_a_new_page(out):
    assert paragraph_with(out, "Sources").paragraph_format.page_break_before is True


def test_header_carries_the_banner_and_running_text(out):
    header = out.sections[0].header.paragraphs
    banner_colour = Style().banner.colour_for(SAMPLE.meta.classification)
    assert header[0].text == SAMPLE.meta.classification
    assert header[0].style.name == "Brief Banner"
    assert fills(header[0]._p) == [banner_colour[1:].upper()]
    assert header[1].text == f"{SAMPLE.meta.title}\t{SAMPLE.meta.date}"


def test_footer_has_page_fields_above_the_bottom_banner(out):
    footer = out.sections[0].footer.paragraphs
    instructions = [i.strip() for i in footer[0]._p.xpath(".//w:fldSimple/@w:instr")]
    assert instructions == ["PAGE", "NUMPAGES"]
    assert footer[0].text.startswith(f"{SAMPLE.meta.organisation}\tPage ")
    assert footer[-1].text == SAMPLE.meta.classification


def test_banners_take_the_colour_of_the_marking_scheme():
    out = read(render_docx(SAMPLE, Style().with_marking_scheme(find_scheme("us"))))
    assert fills(out.sections[0].footer.paragraphs[-1]._p) == ["007A33"]  # UNCLASSIFIED is green


def test_no_banner_when_the_style_hides_it():
    out = read(render_docx(SAMPLE, style_from_dict({"banner": {"show": False}})))
    header = out.sections[0].header
    assert [p.text for p in header.paragraphs] == [f"{SAMPLE.meta.title}\t{SAMPLE.meta.date}"]
    assert fills(header._element) == []


def test_core_properties(out):
    props = out.core_properties
    assert (props.title, props.author, props.subject, props.keywords) == (
        SAMPLE.meta.title,
        "J. Analyst",
        "Iraqi recruitment into Russian forces",
        "Iraq, Russia",
    )
    assert props.comments == props.category == ""


def used_style_ids(document: DocxDocument) -> set[str]:
    section = document.sections[0]
    ids: set[str] = set()
    for element in (document.element, section.header._element, section.footer._element):
        ids.update(element.xpath(".//w:pStyle/@w:val | .//w:rStyle/@w:val | .//w:tblStyle/@w:val"))
    return ids


def test_every_style_in_the_output_exists_in_the_reference_document(out):
    reference = docx.Document(str(docx_writer.REFERENCE_DOCX))
    reference_ids = {s.style_id for s in reference.styles}
    assert used_style_ids(out) <= reference_ids
    assert {"Title", "BriefMarking", "BriefBanner", "BriefCitation", "BriefTable"} <= used_style_ids(out)
    assert set(USED_STYLES) <= {s.name for s in reference.styles}


def test_committed_reference_document_matches_what_the_tool_builds():
    spec = importlib.util.spec_from_file_location(
        "make_reference_docx", PROJECT_DIR / "tools" / "make_reference_docx.py"
    )
    tool = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(tool)
    built = tool.build_reference()
    committed = docx.Document(str(docx_writer.REFERENCE_DOCX))
    assert sorted(s.name for s in committed.styles) == sorted(s.name for s in built.styles)


def test_a_different_style_restyles_page_and_styles():
    style = style_from_dict(
        {
            "page": {"size": "Letter", "margin_left_mm": 30},
            "fonts": {"body": "Noto Sans", "heading": "Noto Serif"},
            "sizes": {"body": 12, "heading1": 18},
            "colours": {"text": "#202060"},
        }
    )
    out = read(render_docx(SAMPLE, style))
    section = out.sections[0]
    assert (section.page_width.mm, section.page_height.mm) == (
        pytest.approx(215.9, abs=0.05),
        pytest.approx(279.4, abs=0.05),
    )
    assert section.left_margin.mm == pytest.approx(30, abs=0.05)
    normal, heading = out.styles["Normal"], out.styles["Heading 1"]
    assert (normal.font.name, normal.font.size, normal.font.color.rgb) == (
        "Noto Sans",
        Pt(12),
        RGBColor(0x20, 0x20, 0x60),
    )
    assert (heading.font.name, heading.font.size) == ("Noto Serif", Pt(18))


def test_default_style_sizes_reach_the_styles(out):
    sizes = Style().sizes
    assert out.sections[0].page_width.mm == pytest.approx(210, abs=0.05)
    assert out.styles["Normal"].font.size == Pt(sizes.body)
    # Word multiplies Noto Serif's own line height, (1069 + 293) / 1000 em, so lines end up line_spacing × size apart.
    assert out.styles["Normal"].paragraph_format.line_spacing * 1.362 == pytest.approx(sizes.line_spacing, abs=0.005)
    # LibreOffice keeps the multiple as a whole percentage, dropping the fraction: the 240ths must give the nearest.
    line = out.styles["Normal"].element.pPr.find(qn("w:spacing")).get(qn("w:line"))
    assert int(line) * 100 // 240 == round(sizes.line_spacing / 1.362 * 100)
    assert out.styles["Title"].font.size == Pt(sizes.title)
    assert out.styles["Heading 1"].paragraph_format.keep_with_next is True


def test_control_characters_are_dropped_not_fatal():
    out = one_doc(Paragraph([Run("form\x0cfeed\x00")]))
    assert out.paragraphs[0].text == "formfeed"


def test_missing_reference_document_is_an_export_error(monkeypatch, tmp_path):
    monkeypatch.setattr(docx_writer, "REFERENCE_DOCX", tmp_path / "missing.docx")
    with pytest.raises(ExportError, match="make_reference_docx"):
        render_docx(SAMPLE, Style())


def test_broken_reference_document_is_an_export_error(monkeypatch, tmp_path):
    broken = tmp_path / "reference.docx"
    broken.write_bytes(b"not a zip file")
    monkeypatch.setattr(docx_writer, "REFERENCE_DOCX", broken)
    with pytest.raises(ExportError, match="could not write the Word document"):
        render_docx(SAMPLE, Style())
