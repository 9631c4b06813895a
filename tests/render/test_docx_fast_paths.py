"""The DOCX writer's shortcuts around python-docx make the same XML python-docx would, only without its
per-character and per-paragraph walks."""

from __future__ import annotations

import docx
import pytest
from lxml import etree

from app.render.docx.xml import BodyAppender, set_run_text


@pytest.mark.parametrize(
    "text", ["plain words", " leading space", "trailing space ", "tab\tinside", "line\nbreak", "", "ünïcödé ‘quotes’"]
)
def test_run_text_is_the_xml_python_docx_makes(text: str):
    ours, theirs = docx.Document().add_paragraph().add_run(), docx.Document().add_paragraph().add_run()
    set_run_text(ours, text)
    theirs.text = text
    assert etree.tostring(ours._r) == etree.tostring(theirs._r)


def test_paragraphs_go_before_the_section_properties_in_order():
    ours, theirs = docx.Document(), docx.Document()
    appender = BodyAppender(ours)
    for n in range(5):
        set_run_text(appender.add_paragraph().add_run(), f"paragraph {n}")
        theirs.add_paragraph(f"paragraph {n}")
    assert etree.tostring(ours.element.body) == etree.tostring(theirs.element.body)
    assert ours.element.body[-1].tag.endswith("sectPr")


def test_a_styled_paragraph_is_the_xml_python_docx_makes():
    ours, theirs = docx.Document(), docx.Document()
    set_run_text(BodyAppender(ours).add_paragraph("Heading1").add_run(), "A heading")
    theirs.add_paragraph("A heading")._p.style = "Heading1"
    assert etree.tostring(ours.element.body) == etree.tostring(theirs.element.body)


@pytest.mark.parametrize(("label", "half_points"), [("[1]", 17), ("[12]", 21), ("", 16)])
def test_a_styled_run_is_the_xml_python_docx_makes(label: str, half_points: int):
    from docx.shared import Pt

    from app.render.docx.xml import add_styled_run

    ours, theirs = docx.Document().add_paragraph(), docx.Document().add_paragraph()
    add_styled_run(ours, label, "Citation", half_points)
    run = theirs.add_run(label)
    run._r.style = "Citation"
    run.font.size = Pt(half_points / 2)
    assert etree.tostring(ours._p) == etree.tostring(theirs._p)
