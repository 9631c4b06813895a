"""Build assets/reference.docx, the base document every DOCX export starts from.

python-docx can only use styles that already exist in the document it opens,
so this script adds Briefgen's own styles to python-docx's default template,
strips the template's theme formatting from the built-in styles we use (the
writer sets every property itself), and gives lists plain bullets and
indents.  Run it again whenever app/render/docx_styles.py gains a style:

    /work/venv/bin/python tools/make_reference_docx.py
"""

from __future__ import annotations

import sys
from pathlib import Path

import docx
from docx.document import Document as DocxDocument
from docx.enum.style import WD_STYLE_TYPE
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.oxml.xmlchemy import BaseOxmlElement
from docx.shared import Pt

from app.core.document import DocumentMeta
from app.core.paths import ASSETS_DIR
from app.core.style import Style
from app.render.docx import styles as names

REFERENCE = ASSETS_DIR / "reference.docx"

#: (number format, marker) per nesting level; each glyph exists in the bundled Noto fonts.
BULLET_LEVELS = (("bullet", "•"), ("bullet", "–"), ("bullet", "•"))
NUMBER_LEVELS = (("decimal", "%1."), ("lowerLetter", "%1."), ("lowerRoman", "%1."))

#: Table styles of the default template worth keeping: the base of all tables and the plain grid.
KEPT_TABLE_STYLES = ("Normal Table", "Table Grid")

#: Parts of the default template that would misdescribe our documents (a python-docx
#: thumbnail, Word 2010's copy of the old styles).
DROPPED_PACKAGE_RELS = (RT.THUMBNAIL,)
DROPPED_DOCUMENT_RELS = ("http://schemas.microsoft.com/office/2007/relationships/stylesWithEffects",)


def build_reference() -> DocxDocument:
    document = docx.Document()
    _drop_relationships(document)
    _modernise_settings(document)
    _drop_unused_table_styles(document)
    _add_styles(document)
    for name in (*names.PARAGRAPH_STYLES, *names.ADDED_CHARACTER_STYLES):
        _reset_style(document, name)
    _plain_list_numbering(document)
    names.apply_style(document, Style(), DocumentMeta())
    _blank_properties(document)
    return document


def _drop_relationships(document: DocxDocument) -> None:
    for rels, types in (
        (document.part.package.rels, DROPPED_PACKAGE_RELS),
        (document.part.rels, DROPPED_DOCUMENT_RELS),
    ):
        for r_id in [r_id for r_id, rel in rels.items() if rel.reltype in types]:
            del rels[r_id]


def _modernise_settings(document: DocxDocument) -> None:
    """Word 2013+ mode, so Word does not open every brief in "Compatibility Mode"."""
    settings = document.settings.element
    for preview in settings.findall(qn("w:savePreviewPicture")):
        settings.remove(preview)
    for setting in settings.iter(qn("w:compatSetting")):
        if setting.get(qn("w:name")) == "compatibilityMode":
            setting.set(qn("w:val"), "15")


def _drop_unused_table_styles(document: DocxDocument) -> None:
    """The template's ~100 coloured table styles: unused, and python-docx scans every style on each lookup.

    Word still offers them: they stay listed as latent styles and Word defines one when it is picked.
    """
    for style in list(document.styles):
        if style.type == WD_STYLE_TYPE.TABLE and style.name not in KEPT_TABLE_STYLES:
            style.delete()


def _add_styles(document: DocxDocument) -> None:
    styles = document.styles
    for name, base in names.ADDED_PARAGRAPH_STYLES.items():
        style = styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
        style.base_style = styles[base]
        style.next_paragraph_style = styles[names.BODY]
        style.quick_style = True
    for name in names.ADDED_CHARACTER_STYLES:
        style = styles.add_style(name, WD_STYLE_TYPE.CHARACTER)
        style.base_style = styles["Default Paragraph Font"]
        style.quick_style = True
    # Word's own "Hyperlink" style, not a look-alike: Word and LibreOffice then treat it as the link style.
    styles[names.LINK].element.attrib.pop(qn("w:customStyle"))
    styles.add_style(names.TABLE, WD_STYLE_TYPE.TABLE).base_style = styles["Normal Table"]


def _reset_style(document: DocxDocument, name: str) -> None:
    """Remove the template's run formatting and paragraph extras; keep list numbering and outline level."""
    element = document.styles[name].element
    for rpr in element.findall(qn("w:rPr")):
        element.remove(rpr)
    ppr = element.pPr
    if ppr is None:
        return
    keep = {qn("w:outlineLvl"), qn("w:numPr")}
    for child in list(ppr):
        if child.tag not in keep or (child.tag == qn("w:numPr") and child.numId is None):
            ppr.remove(child)


def _plain_list_numbering(document: DocxDocument) -> None:
    """One marker and one indent step per level, drawn in the paragraph's own font (not Symbol)."""
    numbering = document.part.numbering_part.element
    for style_names, levels in ((names.BULLETS, BULLET_LEVELS), (names.NUMBERS, NUMBER_LEVELS)):
        for depth, (name, (fmt, text)) in enumerate(zip(style_names, levels, strict=True)):
            num_id = document.styles[name].element.pPr.numPr.numId.val
            abstract_id = numbering.num_having_numId(num_id).abstractNumId.val
            lvl = numbering.xpath(f'./w:abstractNum[@w:abstractNumId="{abstract_id}"]/w:lvl[@w:ilvl="0"]')[0]
            _set_level(lvl, fmt, text, depth)


def _set_level(lvl: BaseOxmlElement, fmt: str, text: str, depth: int) -> None:
    lvl.find(qn("w:numFmt")).set(qn("w:val"), fmt)
    lvl.find(qn("w:lvlText")).set(qn("w:val"), text)
    for old in lvl.findall(qn("w:pPr")) + lvl.findall(qn("w:rPr")):
        lvl.remove(old)
    ppr = OxmlElement("w:pPr")
    ind = OxmlElement("w:ind")
    ind.set(qn("w:left"), str(int(Pt(names.LIST_STEP_PT * (depth + 1)).twips)))
    ind.set(qn("w:hanging"), str(int(Pt(names.LIST_HANGING_PT).twips)))
    ppr.append(ind)
    lvl.append(ppr)


def _blank_properties(document: DocxDocument) -> None:
    """No "python-docx" author or description leaks into exported briefs."""
    props = document.core_properties
    props.author = props.comments = props.title = props.subject = props.keywords = props.category = ""
    props.last_modified_by = ""


def main(argv: list[str]) -> int:
    target = Path(argv[1]) if len(argv) > 1 else REFERENCE
    build_reference().save(str(target))
    print(f"wrote {target}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
