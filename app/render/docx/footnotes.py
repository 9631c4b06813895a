"""Real Word footnotes: a mark in the text (``w:footnoteReference``) and the note in the footnotes part.

python-docx has no footnotes, so the part is written here: the separator and continuation separator Word expects
(ids -1 and 0), then each note, numbered as the Document numbers it, in the "footnote text" style with its own
number first (``w:footnoteRef``), as Word writes a footnote. The separator paragraph is as tall as the room the PDF
leaves above its notes (app/render/furniture.py), so both formats give notes the same room.
"""

from __future__ import annotations

from docx.document import Document as DocxDocument
from docx.opc.constants import CONTENT_TYPE as CT
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.packuri import PackURI
from docx.opc.part import Part
from docx.oxml import OxmlElement
from docx.oxml.ns import nsdecls, qn
from docx.oxml.xmlchemy import BaseOxmlElement
from docx.shared import Pt
from docx.text.paragraph import Paragraph as DocxParagraph
from lxml import etree

from app.core.document import Footnote, Run
from app.render.docx.xml import text_run
from app.render.furniture import NOTE_RULE_GAP_ABOVE, NOTE_RULE_GAP_BELOW
from app.text.controls import xml_safe

FOOTNOTES_PART = "/word/footnotes.xml"


def add_footnote_mark(paragraph: DocxParagraph, note: Footnote, reference_style: str) -> None:
    """The note's number in the text, as Word marks a footnote."""
    run = _styled_run(reference_style)
    run.append(OxmlElement("w:footnoteReference", {qn("w:id"): str(note.number)}))
    paragraph._p.append(run)


def attach_footnotes(document: DocxDocument, notes: list[Footnote], text_style: str, reference_style: str) -> None:
    """The footnotes part holding ``notes``, related to the document; nothing when there are none."""
    if not notes:
        return
    root = etree.fromstring(f"<w:footnotes {nsdecls('w', 'r')}/>")
    root.append(_separator("separator", -1, text_style))
    root.append(_separator("continuationSeparator", 0, text_style))
    for note in notes:
        root.append(_note(note, text_style, reference_style))
    blob = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)
    part = Part(PackURI(FOOTNOTES_PART), CT.WML_FOOTNOTES, blob, document.part.package)
    document.part.relate_to(part, RT.FOOTNOTES)


def _separator(kind: str, number: int, text_style: str) -> BaseOxmlElement:
    note = OxmlElement("w:footnote", {qn("w:type"): kind, qn("w:id"): str(number)})
    paragraph = OxmlElement("w:p")
    properties = OxmlElement("w:pPr")
    properties.append(OxmlElement("w:pStyle", {qn("w:val"): text_style}))
    height = str(round(Pt(NOTE_RULE_GAP_ABOVE + NOTE_RULE_GAP_BELOW).twips))
    properties.append(
        OxmlElement(
            "w:spacing", {qn("w:before"): "0", qn("w:after"): "0", qn("w:line"): height, qn("w:lineRule"): "exact"}
        )
    )
    paragraph.append(properties)
    run = OxmlElement("w:r")
    run.append(OxmlElement(f"w:{kind}"))
    paragraph.append(run)
    note.append(paragraph)
    return note


def _note(footnote: Footnote, text_style: str, reference_style: str) -> BaseOxmlElement:
    note = OxmlElement("w:footnote", {qn("w:id"): str(footnote.number)})
    paragraph = OxmlElement("w:p")
    properties = OxmlElement("w:pPr")
    properties.append(OxmlElement("w:pStyle", {qn("w:val"): text_style}))
    paragraph.append(properties)
    mark = _styled_run(reference_style)
    mark.append(OxmlElement("w:footnoteRef"))
    paragraph.append(mark)
    text_run(paragraph, " ")
    for run in footnote.inlines:
        _text(paragraph, run)
    note.append(paragraph)
    return note


def _text(paragraph: BaseOxmlElement, run: Run) -> None:
    element = text_run(paragraph, xml_safe(run.text))
    if run.bold or run.italic:
        properties = OxmlElement("w:rPr")
        if run.bold:
            properties.append(OxmlElement("w:b"))
        if run.italic:
            properties.append(OxmlElement("w:i"))
        element.insert(0, properties)


def _styled_run(style_id: str) -> BaseOxmlElement:
    run = OxmlElement("w:r")
    properties = OxmlElement("w:rPr")
    properties.append(OxmlElement("w:rStyle", {qn("w:val"): style_id}))
    run.append(properties)
    return run
