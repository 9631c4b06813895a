"""Word files whose package is unusual but that Word reads: Strict Open XML, a main part away from
word/document.xml, styles without a type, a document without a body. Each is built from a python-docx file by
editing its zip; the safety checks still refuse a DOCTYPE in any of them."""

from __future__ import annotations

import io
import re
from pathlib import Path

import docx
import pytest
from docx.shared import Inches
from PIL import Image

from app.core.errors import IngestError
from app.ingest import ingest
from tests.ingest.fixtures import docx_parts, write_report_docx, write_zip

#: The transitional namespaces a python-docx file uses, and the names ISO/IEC 29500 Strict gives them.
STRICT_NAMES = {
    b"http://schemas.openxmlformats.org/wordprocessingml/2006/main": b"http://purl.oclc.org/ooxml/wordprocessingml/main",
    b"http://schemas.openxmlformats.org/officeDocument/2006/relationships": (
        b"http://purl.oclc.org/ooxml/officeDocument/relationships"
    ),
    b"http://schemas.openxmlformats.org/drawingml/2006/main": b"http://purl.oclc.org/ooxml/drawingml/main",
    b"http://schemas.openxmlformats.org/drawingml/2006/picture": b"http://purl.oclc.org/ooxml/drawingml/picture",
    b"http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing": (
        b"http://purl.oclc.org/ooxml/drawingml/wordprocessingDrawing"
    ),
    b"http://schemas.openxmlformats.org/officeDocument/2006/extended-properties": (
        b"http://purl.oclc.org/ooxml/officeDocument/extendedProperties"
    ),
}


def _report_parts(tmp_path: Path) -> dict[str, bytes]:
    return docx_parts(write_report_docx(tmp_path / "base.docx"))


def _as_strict(parts: dict[str, bytes]) -> dict[str, bytes]:
    """The parts as Word saves them in "Strict Open XML Document" format: every namespace named differently."""
    strict = {}
    for name, data in parts.items():
        for transitional, renamed in STRICT_NAMES.items():
            data = data.replace(transitional, renamed)
        strict[name] = data.replace(b"<w:document ", b'<w:document w:conformance="strict" ')
    return strict


def _assert_is_the_report(path: Path) -> None:
    source = ingest(path)
    assert source.title == "Recruitment of Iraqis into the Russian Army"
    assert [s.heading for s in source.sections] == ["", "Legal Measures", "Travel Agencies", "Economic Drivers"]
    assert source.paragraphs[0] == "Peregraf — The committee met on Wednesday to address recruitment."
    assert "Province: Basra; Recruits: 1,200" in source.paragraphs


def test_strict_open_xml_is_read(tmp_path: Path):
    parts = _as_strict(_report_parts(tmp_path))
    assert b"purl.oclc.org/ooxml/officeDocument/relationships/officeDocument" in parts["_rels/.rels"]
    _assert_is_the_report(write_zip(tmp_path / "strict.docx", parts))


def test_pictures_and_captions_of_a_strict_file(tmp_path: Path):
    image = io.BytesIO()
    Image.new("RGB", (400, 300), (200, 30, 30)).save(image, "PNG")
    document = docx.Document()
    document.add_paragraph("Officials said 40,000 people lacked water in Basra on Monday.")
    document.add_picture(image, width=Inches(3))
    document.add_paragraph("Figure 1: Pumping stations in Basra.", style="Caption")
    document.save(tmp_path / "base.docx")
    source = ingest(write_zip(tmp_path / "strict.docx", _as_strict(docx_parts(tmp_path / "base.docx"))))
    assert source.paragraphs == ["Officials said 40,000 people lacked water in Basra on Monday."]
    assert [f.caption for f in source.figures] == ["Pumping stations in Basra."]


@pytest.mark.parametrize("target", ["word/document2.xml", "/word/document2.xml"])
def test_main_part_found_through_the_package_relationships(tmp_path: Path, target: str):
    """The package's _rels/.rels names the main part; word/document.xml is only the usual place for it."""
    parts = _report_parts(tmp_path)
    parts["word/document2.xml"] = parts.pop("word/document.xml")
    parts["word/_rels/document2.xml.rels"] = parts.pop("word/_rels/document.xml.rels")
    parts["[Content_Types].xml"] = parts["[Content_Types].xml"].replace(b"/word/document.xml", b"/word/document2.xml")
    parts["_rels/.rels"] = parts["_rels/.rels"].replace(b'Target="word/document.xml"', f'Target="{target}"'.encode())
    _assert_is_the_report(write_zip(tmp_path / "moved.docx", parts))


def test_relationship_to_a_missing_main_part_is_reported(tmp_path: Path):
    parts = _report_parts(tmp_path)
    parts["_rels/.rels"] = parts["_rels/.rels"].replace(b'Target="word/document.xml"', b'Target="word/gone.xml"')
    with pytest.raises(IngestError, match="its main document part is missing"):
        ingest(write_zip(tmp_path / "gone.docx", parts))


def test_style_without_a_type_is_a_paragraph_style(tmp_path: Path):
    """ECMA-376 makes an untyped style a paragraph style; python-docx cannot look one up (KeyError: None)."""
    parts = _report_parts(tmp_path)
    styles = parts["word/styles.xml"].decode()
    heading1 = re.search(r'<w:style w:type="paragraph"( w:customStyle="\d")? w:styleId="Heading1"', styles)
    assert heading1 is not None
    parts["word/styles.xml"] = styles.replace(heading1.group(0), '<w:style w:styleId="Heading1"').encode()
    _assert_is_the_report(write_zip(tmp_path / "untyped.docx", parts))


@pytest.mark.parametrize("part", ["_rels/.rels", "word/document.xml"])
def test_a_doctype_is_refused_in_a_strict_file_too(tmp_path: Path, part: str):
    """The Strict rewrite happens after the safety checks, on the bytes they passed."""
    parts = _as_strict(_report_parts(tmp_path))
    parts[part] = parts[part].replace(b"?>", b'?><!DOCTYPE x [<!ENTITY e "entity">]>', 1)
    with pytest.raises(IngestError, match="XML entity declarations"):
        ingest(write_zip(tmp_path / "strict-dtd.docx", parts))


def test_a_document_without_a_body_has_no_text(tmp_path: Path):
    parts = _report_parts(tmp_path)
    parts["word/document.xml"] = (
        b'<?xml version="1.0"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"/>'
    )
    with pytest.raises(IngestError, match="no text found in the file"):
        ingest(write_zip(tmp_path / "no-body.docx", parts))
