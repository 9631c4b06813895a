"""Word (.docx) sources: heading styles make sections, tables become readable paragraphs.

The body is walked as XML in document order rather than through
python-docx's paragraph list, because that list skips text inside content
controls and tracked insertions and would repeat text boxes (Word stores
each twice, for old and new readers). Headings come from the paragraph's
style (Heading 1–9, or any style with an outline level); a paragraph that is
entirely bold, short and unpunctuated counts as a heading too, since many
authors format headings by hand.
"""

from __future__ import annotations

import io
from collections.abc import Iterator
from pathlib import Path

import docx
from docx.document import Document as DocxDocument
from docx.opc.exceptions import PackageNotFoundError
from docx.oxml.ns import qn
from docx.styles.style import BaseStyle
from lxml import etree

from app.core.errors import IngestError
from app.core.model import Source
from app.ingest.limits import Tally
from app.ingest.readers.docx_figures import WordPictures
from app.ingest.readers.docx_package import transitional, type_untyped_styles
from app.ingest.safety import check_docx_zip
from app.ingest.sections import Block, make_source
from app.ingest.sniff import require_kind, sniff
from app.ingest.textio import read_bytes

_MC_FALLBACK = "{http://schemas.openxmlformats.org/markup-compatibility/2006}Fallback"
_TEXT_TAGS = {qn("w:t"): None, qn("w:tab"): " ", qn("w:br"): " ", qn("w:cr"): " ", qn("w:noBreakHyphen"): "-"}
#: Containers whose children belong to the body flow (content controls, custom XML, tracked insertions …).
_TRANSPARENT = {qn("w:sdt"), qn("w:sdtContent"), qn("w:customXml"), qn("w:ins"), qn("w:smartTag")}
_NOT_TEXT = {qn("w:del"), qn("w:txbxContent"), _MC_FALLBACK, qn("w:instrText"), qn("w:delText")}
#: Metadata values that tools write when the author wrote nothing.
_PLACEHOLDERS = {"", "untitled", "anonymous", "unknown", "python-docx", "word document", "author", "user"}
_HEADING_CLOSING = (".", ",", ";", ":", "!", "?", '"', "”", "’", ")")
_FAUX_HEADING_MAX_WORDS = 12
#: The level the Title style gets: the document's title, not a section (body text is 0, headings 1–9).
TITLE = -1
#: Style chains are short; a cycle in a hostile file must not recurse for ever.
_MAX_STYLE_DEPTH = 10


def read_docx(path: Path) -> Source:
    data = read_bytes(path)
    if sniff(data) != "zip":  # a plain zip gets the more precise verdicts of check_docx_zip
        require_kind(path, data, "docx", "a Word document (.docx)")
    check_docx_zip(path, data)
    document = _open(path, transitional(data))
    body = document.element.body
    if body is None:  # a w:document without a w:body (python-docx opens it, but there is nothing to read)
        raise IngestError(path, "no text found in the file")
    styles = _StyleLevels(document)
    title = ""
    found: list[tuple[Block, bool]] = []  # each block, and whether it is a bold line taken for a heading
    tally = Tally(path)  # a Word file of a million tiny paragraphs is refused before it is all walked
    pictures = WordPictures(document)
    heading = ""
    for element in _body_flow(body):
        if element.tag == qn("w:tbl"):
            rows = table_rows(element)
            found.extend((Block(row), False) for row in rows)
            for _ in rows:
                tally.count(heading=False)
            continue
        text = paragraph_text(element)
        if pictures.read(element, text, heading) or not text:
            continue
        level = styles.level(element)
        if level == TITLE and not title and not found:
            title = text
            continue
        if level:  # a later Title-styled paragraph is a top-level heading
            found.append((Block(text, heading_level=max(level, 1)), False))
            heading = text
        else:
            faux = _looks_like_faux_heading(element, text)
            found.append((Block(text, heading_level=2 if faux else 0), faux))
        tally.count(heading=found[-1][0].is_heading)
    blocks = _confirm_faux_headings(found)
    props = document.core_properties
    return make_source(
        path,
        "docx",
        blocks,
        title=title or _meta(props.title),
        author=_meta(props.author),
        date=props.created.date().isoformat() if props.created else "",
        figures=pictures.finish(),
    )


def _open(path: Path, data: bytes) -> DocxDocument:
    try:
        document = docx.Document(io.BytesIO(data))
        type_untyped_styles(document)
    except (PackageNotFoundError, KeyError, ValueError, etree.XMLSyntaxError) as exc:
        raise IngestError(path, "the Word file is damaged and cannot be opened") from exc
    return document


def _meta(value: str | None) -> str:
    value = (value or "").strip()
    return "" if value.lower() in _PLACEHOLDERS else value


def _body_flow(container: etree._Element) -> Iterator[etree._Element]:
    """Paragraphs and tables in reading order, looking inside content controls and similar wrappers.

    A paragraph's text boxes follow it, as if they were paragraphs of their own.
    """
    for child in container:
        if child.tag == qn("w:p"):
            yield child
            for box in _text_boxes(child):
                yield from _body_flow(box)
        elif child.tag == qn("w:tbl"):
            yield child
        elif child.tag in _TRANSPARENT:
            yield from _body_flow(child)


def _text_boxes(element: etree._Element) -> Iterator[etree._Element]:
    """w:txbxContent inside a paragraph, skipping the fallback copy Word keeps for old readers."""
    for child in element:
        if child.tag == _MC_FALLBACK:
            continue
        if child.tag == qn("w:txbxContent"):
            yield child
        else:
            yield from _text_boxes(child)


def paragraph_text(paragraph: etree._Element) -> str:
    """The visible text of a w:p: deleted text, field codes and text boxes left out, whitespace collapsed."""
    parts: list[str] = []
    _collect_text(paragraph, parts)
    return " ".join("".join(parts).split())


def _collect_text(element: etree._Element, parts: list[str]) -> None:
    for child in element:
        if child.tag in _NOT_TEXT:
            continue
        if child.tag in _TEXT_TAGS:
            replacement = _TEXT_TAGS[child.tag]
            parts.append((child.text or "") if replacement is None else replacement)
        else:
            _collect_text(child, parts)


def table_rows(table: etree._Element) -> list[str]:
    """One paragraph per row; with a header row each cell is labelled ("Province: Basra; Recruits: 1,200")."""
    rows = [[_cell_text(cell) for cell in _row_cells(row)] for row in table.iterchildren(qn("w:tr"))]
    rows = [row for row in rows if any(row)]
    if not rows:
        return []
    first = next(table.iterchildren(qn("w:tr")))
    if len(rows) > 1 and _is_header_row(first) and all(rows[0]):
        header, body = rows[0], rows[1:]
        return [_labelled(header, row) for row in body]
    return [" | ".join(cell for cell in row if cell) for row in rows]


def _row_cells(row: etree._Element) -> Iterator[etree._Element]:
    for child in row:
        if child.tag == qn("w:tc"):
            yield child
        elif child.tag in _TRANSPARENT:
            yield from _row_cells(child)


def _cell_text(cell: etree._Element) -> str:
    """A cell's paragraphs (and nested tables) run together on one line."""
    parts: list[str] = []
    for element in _body_flow(cell):
        if element.tag == qn("w:tbl"):
            parts.extend(table_rows(element))
        else:
            parts.append(paragraph_text(element))
    return " ".join(part for part in parts if part)


def _is_header_row(row: etree._Element) -> bool:
    """Marked to repeat as a header, or every run in it bold."""
    flag = row.find(f"{qn('w:trPr')}/{qn('w:tblHeader')}")
    if flag is not None:
        return _on(flag)
    return _all_bold(row)


def _all_bold(element: etree._Element) -> bool:
    """Whether every run holding visible text is bold (run formatting only, as typed by hand)."""
    runs = [r for r in element.iter(qn("w:r")) if "".join(t.text or "" for t in r.iter(qn("w:t"))).strip()]
    return bool(runs) and all(_on(r.find(f"{qn('w:rPr')}/{qn('w:b')}")) for r in runs)


def _labelled(header: list[str], row: list[str]) -> str:
    pairs = [f"{label}: {value}" for label, value in zip(header, row, strict=False) if value]
    extra = row[len(header) :]
    return "; ".join(pairs + [value for value in extra if value])


def _on(flag: etree._Element | None) -> bool:
    """A Word on/off property: present and not explicitly switched off."""
    if flag is None:
        return False
    return flag.get(qn("w:val"), "true").lower() not in ("0", "false", "off")


def _looks_like_faux_heading(paragraph: etree._Element, text: str) -> bool:
    """A short, unpunctuated paragraph typed all in bold without a heading style."""
    if len(text.split()) > _FAUX_HEADING_MAX_WORDS or text.endswith(_HEADING_CLOSING):
        return False
    return _all_bold(paragraph)


def _confirm_faux_headings(found: list[tuple[Block, bool]]) -> list[Block]:
    """A bold line is a heading only when body text follows it; bold lines in a row are emphasis."""
    blocks: list[Block] = []
    for index, (block, faux) in enumerate(found):
        following = found[index + 1][0] if index + 1 < len(found) else None
        if faux and (following is None or following.is_heading):
            block = Block(block.text)
        blocks.append(block)
    return blocks


class _StyleLevels:
    """Heading level of a paragraph from its own outline level or its style chain: n ≥ 1, TITLE, or 0 for body."""

    def __init__(self, document: DocxDocument) -> None:
        self._by_id: dict[str, int] = {}
        for style in document.styles:
            level = _style_level(style)
            if level and style.style_id:
                self._by_id[style.style_id] = level

    def level(self, paragraph: etree._Element) -> int:
        own = paragraph.find(f"{qn('w:pPr')}/{qn('w:outlineLvl')}")
        if own is not None:
            return _outline_level(own)
        style = paragraph.find(f"{qn('w:pPr')}/{qn('w:pStyle')}")
        return self._by_id.get(style.get(qn("w:val"), ""), 0) if style is not None else 0


def _style_level(style: BaseStyle, depth: int = 0) -> int:
    """Title, "Heading N", or an outline level set on the style or a style it is based on."""
    name = (style.name or "").lower()
    if name == "title":
        return TITLE
    suffix = name.removeprefix("heading ")
    if suffix != name and suffix.isdigit():
        return int(suffix)
    outline = style.element.find(f"{qn('w:pPr')}/{qn('w:outlineLvl')}")
    if outline is not None:
        return _outline_level(outline)
    base = getattr(style, "base_style", None)  # only paragraph and character styles have one
    return _style_level(base, depth + 1) if base is not None and depth < _MAX_STYLE_DEPTH else 0


def _outline_level(element: etree._Element) -> int:
    """w:outlineLvl counts from 0 (Heading 1); 9 means body text."""
    value = element.get(qn("w:val"), "9")
    return int(value) + 1 if value.isdigit() and int(value) < 9 else 0
