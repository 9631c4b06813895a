"""WordprocessingML pieces python-docx has no API for: borders, shading, fields, links, list restarts.

Kept apart from the writer so the block walker reads as layout decisions, and
so the element-order rules of the schema (Word rejects misordered children)
live in one place.
"""

from __future__ import annotations

from copy import deepcopy
from dataclasses import dataclass

from docx.document import Document as DocxDocument
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.oxml.xmlchemy import BaseOxmlElement
from docx.text.paragraph import Paragraph as DocxParagraph
from docx.text.run import Run as DocxRun

#: Child order of ``w:pPr`` (ECMA-376 §17.3.1.26); new children are slotted in by it.
PPR_ORDER = (
    "w:pStyle", "w:keepNext", "w:keepLines", "w:pageBreakBefore", "w:framePr", "w:widowControl", "w:numPr",
    "w:suppressLineNumbers", "w:pBdr", "w:shd", "w:tabs", "w:suppressAutoHyphens", "w:kinsoku", "w:wordWrap",
    "w:overflowPunct", "w:topLinePunct", "w:autoSpaceDE", "w:autoSpaceDN", "w:bidi", "w:adjustRightInd",
    "w:snapToGrid", "w:spacing", "w:ind", "w:contextualSpacing", "w:mirrorIndents", "w:suppressOverlap", "w:jc",
    "w:textDirection", "w:textAlignment", "w:textboxTightWrap", "w:outlineLvl", "w:divId", "w:cnfStyle", "w:rPr",
    "w:sectPr", "w:pPrChange",
)  # fmt: skip

#: Child order of ``w:rPr`` (§17.3.2.28).
RPR_ORDER = (
    "w:rStyle", "w:rFonts", "w:b", "w:bCs", "w:i", "w:iCs", "w:caps", "w:smallCaps", "w:strike", "w:dstrike",
    "w:outline", "w:shadow", "w:emboss", "w:imprint", "w:noProof", "w:snapToGrid", "w:vanish", "w:webHidden",
    "w:color", "w:spacing", "w:w", "w:kern", "w:position", "w:sz", "w:szCs", "w:highlight", "w:u", "w:effect",
    "w:bdr", "w:shd", "w:fitText", "w:vertAlign", "w:rtl", "w:cs", "w:em", "w:lang", "w:eastAsianLayout",
    "w:specVanish", "w:oMath",
)  # fmt: skip

#: Child order of ``w:tcPr`` (§17.4.70).
TCPR_ORDER = (
    "w:cnfStyle", "w:tcW", "w:gridSpan", "w:hMerge", "w:vMerge", "w:tcBorders", "w:shd", "w:noWrap", "w:tcMar",
    "w:textDirection", "w:tcFitText", "w:vAlign", "w:hideMark",
)  # fmt: skip

#: Child order of ``w:style`` (§17.7.4.17).
STYLE_ORDER = (
    "w:name", "w:aliases", "w:basedOn", "w:next", "w:link", "w:autoRedefine", "w:hidden", "w:uiPriority",
    "w:semiHidden", "w:unhideWhenUsed", "w:qFormat", "w:locked", "w:personal", "w:personalCompose",
    "w:personalReply", "w:rsid", "w:pPr", "w:rPr", "w:tblPr", "w:trPr", "w:tcPr", "w:tblStylePr",
)  # fmt: skip


#: Child order of ``w:pBdr`` (§17.3.1.24).
BORDER_SIDES = ("top", "left", "bottom", "right", "between", "bar")


@dataclass(frozen=True)
class Border:
    """One side of a paragraph border; ``space`` is the padding between border and text."""

    colour: str
    width_pt: float = 0.5
    space_pt: int = 0


def hex_colour(colour: str) -> str:
    """``#0b5394`` → ``0B5394``, the form Word writes and expects."""
    return colour.lstrip("#").upper()


def insert_in_order(parent: BaseOxmlElement, child: BaseOxmlElement, order: tuple[str, ...]) -> BaseOxmlElement:
    """Replace ``parent``'s child of the same tag, keeping the schema's child order."""
    tag = child.tag
    for old in parent.findall(tag):
        parent.remove(old)
    position = [qn(t) for t in order].index(tag)
    return parent.insert_element_before(child, *order[position + 1 :])


def set_fonts(rpr: BaseOxmlElement, family: str, complex_script: str) -> None:
    """Name the font for every script slot, dropping theme references that would override it."""
    fonts = rpr.get_or_add_rFonts()
    for attr in ("asciiTheme", "hAnsiTheme", "eastAsiaTheme", "cstheme"):
        fonts.attrib.pop(qn(f"w:{attr}"), None)
    for attr in ("ascii", "hAnsi", "eastAsia"):
        fonts.set(qn(f"w:{attr}"), family)
    fonts.set(qn("w:cs"), complex_script)


def mirror_complex_script(rpr: BaseOxmlElement) -> None:
    """Copy bold, italic and size to their complex-script twins, so Arabic text follows the style too."""
    for latin, complex_script in (("w:b", "w:bCs"), ("w:i", "w:iCs"), ("w:sz", "w:szCs")):
        for old in rpr.findall(qn(complex_script)):
            rpr.remove(old)
        source = rpr.find(qn(latin))
        if source is not None:
            twin = deepcopy(source)
            twin.tag = qn(complex_script)
            insert_in_order(rpr, twin, RPR_ORDER)


def set_bidi(ppr: BaseOxmlElement) -> None:
    """Make the paragraph right-to-left (``w:bidi``).

    Its alignment is left alone: in a bidi paragraph Word and LibreOffice read
    "left" as the start, the right edge, and would flip an explicit "right" to
    the left edge.
    """
    insert_in_order(ppr, OxmlElement("w:bidi"), PPR_ORDER)


def mark_rtl_run(rpr: BaseOxmlElement, complex_script: str) -> None:
    """Right-to-left text in a run: ``w:rtl``, the complex-script font, and bold, italic and size for it.

    ``w:hint="cs"`` has Word take the complex-script font for the spaces and
    punctuation between the Arabic words too.
    """
    fonts = rpr.get_or_add_rFonts()
    fonts.set(qn("w:cs"), complex_script)
    fonts.set(qn("w:hint"), "cs")
    insert_in_order(rpr, OxmlElement("w:rtl"), RPR_ORDER)
    mirror_complex_script(rpr)


def set_paragraph_borders(ppr: BaseOxmlElement, borders: dict[str, Border]) -> None:
    """Replace the paragraph's borders with exactly ``borders`` (an empty dict removes them)."""
    for old in ppr.findall(qn("w:pBdr")):
        ppr.remove(old)
    if not borders:
        return
    pbdr = OxmlElement("w:pBdr")
    for side in BORDER_SIDES:
        if side in borders:
            pbdr.append(border_element(side, borders[side]))
    insert_in_order(ppr, pbdr, PPR_ORDER)


def border_element(side: str, border: Border) -> BaseOxmlElement:
    """A ``w:top``/``w:left``/… border; widths are in eighths of a point."""
    element = OxmlElement(f"w:{side}")
    element.set(qn("w:val"), "single")
    element.set(qn("w:sz"), str(round(border.width_pt * 8)))
    element.set(qn("w:space"), str(border.space_pt))
    element.set(qn("w:color"), hex_colour(border.colour))
    return element


def shading_element(fill: str) -> BaseOxmlElement:
    shd = OxmlElement("w:shd")
    shd.set(qn("w:val"), "clear")
    shd.set(qn("w:color"), "auto")
    shd.set(qn("w:fill"), hex_colour(fill))
    return shd


def set_paragraph_shading(ppr: BaseOxmlElement, fill: str | None) -> None:
    """Background of a paragraph (``None`` removes it)."""
    for old in ppr.findall(qn("w:shd")):
        ppr.remove(old)
    if fill:
        insert_in_order(ppr, shading_element(fill), PPR_ORDER)


def set_cell_shading(tcpr: BaseOxmlElement, fill: str) -> None:
    insert_in_order(tcpr, shading_element(fill), TCPR_ORDER)


def add_field(paragraph: DocxParagraph, instruction: str, placeholder: str = "1") -> None:
    """A simple field such as PAGE; ``placeholder`` shows until the reader's application updates it."""
    field = OxmlElement("w:fldSimple")
    field.set(qn("w:instr"), f" {instruction} ")
    run = OxmlElement("w:r")
    text = OxmlElement("w:t")
    text.text = placeholder
    run.append(text)
    field.append(run)
    paragraph._p.append(field)


def set_run_text(run: DocxRun, text: str) -> None:
    """Put ``text`` in a new, empty run: one ``w:t`` straight away when it holds no tab or line break.

    python-docx's ``run.text`` walks the text a character at a time (to turn tabs and breaks into
    elements); the XML it makes for plain text is this same single ``w:t``.
    """
    if "\t" in text or "\n" in text or "\r" in text:
        run.text = text
    elif text:
        run._r.add_t(text)


def add_styled_run(paragraph: DocxParagraph, text: str, style_id: str, half_points: int) -> None:
    """Append a run of plain ``text`` in character style ``style_id`` at ``half_points`` size: the XML python-docx's
    ``add_run``, ``run.style`` and ``font.size`` make, built in one step (citations are a brief's most numerous
    runs, and those three setters cost more than the rest of a paragraph)."""
    run = OxmlElement("w:r")
    properties = OxmlElement("w:rPr")
    style = OxmlElement("w:rStyle")
    style.set(qn("w:val"), style_id)
    size = OxmlElement("w:sz")
    size.set(qn("w:val"), str(half_points))
    properties.append(style)
    properties.append(size)
    run.append(properties)
    paragraph._p.append(run)
    if text:
        run.add_t(text)  # a CT_R: the class python-docx registers for w:r


class BodyAppender:
    """Adds paragraphs at the end of a document's body, before its final section properties.

    python-docx finds the ``w:sectPr`` again for every paragraph it adds, by walking the body: adding
    n paragraphs that way takes time in n². The body's ``w:sectPr`` stays put, so it is found once.
    """

    def __init__(self, document: DocxDocument) -> None:
        self._body = document._body
        self._sect_pr = self._body._element.sectPr

    def add_paragraph(self, style_id: str | None = None) -> DocxParagraph:
        """A new empty paragraph at the end of the body, in the paragraph style ``style_id`` if given.

        The style is written as the paragraph's first property directly: python-docx would look up the
        place of ``w:pPr`` and ``w:pStyle`` among every element that may follow them, for each paragraph.
        """
        p = OxmlElement("w:p")
        if style_id is not None:
            ppr = OxmlElement("w:pPr")
            ppr.append(OxmlElement("w:pStyle", {qn("w:val"): style_id}))
            p.append(ppr)
        if self._sect_pr is not None:
            self._sect_pr.addprevious(p)
        else:
            self._body._element.append(p)
        return DocxParagraph(p, self._body)


def add_hyperlink_run(paragraph: DocxParagraph, url: str) -> DocxRun:
    """An empty run inside a real ``w:hyperlink`` whose target is an external relationship."""
    r_id = paragraph.part.relate_to(url, RT.HYPERLINK, is_external=True)
    link = OxmlElement("w:hyperlink")
    link.set(qn("r:id"), r_id)
    run = OxmlElement("w:r")
    link.append(run)
    paragraph._p.append(link)
    return DocxRun(run, paragraph)


def restarted_num(document: DocxDocument, style_name: str, start: int) -> int:
    """A new numbering instance for the list style's definition, starting at ``start``.

    All paragraphs of a numbered style share one ``w:num``, so Word would continue
    counting from the previous list; a fresh ``w:num`` with a start override
    makes this list count on its own.
    """
    numbering = document.part.numbering_part.element
    style_num_id = document.styles[style_name].element.pPr.numPr.numId.val
    abstract_id = numbering.num_having_numId(style_num_id).abstractNumId.val
    num = numbering.add_num(abstract_id)
    num.add_lvlOverride(ilvl=0).add_startOverride(start)
    return num.numId


def set_num(paragraph: DocxParagraph, num_id: int) -> None:
    """Attach the paragraph to numbering instance ``num_id`` at the first level."""
    num_pr = paragraph._p.get_or_add_pPr().get_or_add_numPr()
    num_pr.get_or_add_ilvl().val = 0
    num_pr.get_or_add_numId().val = num_id


def add_bookmark(paragraph: DocxParagraph, bookmark_id: int, name: str) -> None:
    """Bookmark the whole of ``paragraph`` as ``name`` (a contents entry's link and PAGEREF land on it)."""
    p = paragraph._p
    start = OxmlElement("w:bookmarkStart", {qn("w:id"): str(bookmark_id), qn("w:name"): name})
    ppr = p.pPr
    if ppr is not None:
        ppr.addnext(start)
    else:
        p.insert(0, start)
    p.append(OxmlElement("w:bookmarkEnd", {qn("w:id"): str(bookmark_id)}))


def field_begin(parent: BaseOxmlElement, instruction: str) -> None:
    """The start of a complex field in ``parent`` (a paragraph or hyperlink): what follows, up to ``field_end``,
    is its cached result, shown until the reader's application updates it."""
    parent.append(_field_char("begin"))
    run = OxmlElement("w:r")
    text = OxmlElement("w:instrText", {qn("xml:space"): "preserve"})
    text.text = f" {instruction} "
    run.append(text)
    parent.append(run)
    parent.append(_field_char("separate"))


def field_end(parent: BaseOxmlElement) -> None:
    parent.append(_field_char("end"))


def _field_char(kind: str) -> BaseOxmlElement:
    run = OxmlElement("w:r")
    run.append(OxmlElement("w:fldChar", {qn("w:fldCharType"): kind}))
    return run


def text_run(parent: BaseOxmlElement, text: str) -> BaseOxmlElement:
    """A run of plain ``text`` (a tab when it is one) appended to ``parent``; the run."""
    run = OxmlElement("w:r")
    if text == "\t":
        run.append(OxmlElement("w:tab"))
    else:
        run.append(OxmlElement("w:t", {qn("xml:space"): "preserve"}))
        run[-1].text = text
    parent.append(run)
    return run


def internal_link(paragraph: DocxParagraph, bookmark: str) -> BaseOxmlElement:
    """An empty ``w:hyperlink`` to a bookmark of this document, appended to ``paragraph``."""
    link = OxmlElement("w:hyperlink", {qn("w:anchor"): bookmark, qn("w:history"): "1"})
    paragraph._p.append(link)
    return link
