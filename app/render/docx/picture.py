"""A paragraph that holds one inline picture and nothing else: the logo, a figure's image.

The paragraph's text is made tiny so the font's descent adds nothing under the
picture, and its line spacing single: the paragraph is then exactly as tall as
the picture, and the gaps around it are exactly the PDF's.
"""

from __future__ import annotations

import io

from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Pt
from docx.text.paragraph import Paragraph

from app.render.docx.xml import PPR_ORDER, insert_in_order

#: Font size of a picture's paragraph, in half-points: its line is then as tall as the picture and no taller.
LINE_HALF_POINTS = 2


def add_picture(
    paragraph: Paragraph,
    data: bytes,
    size_pt: tuple[float, float],
    align: WD_ALIGN_PARAGRAPH,
    space_pt: tuple[float, float],
) -> None:
    """Put the image ``data`` in ``paragraph`` at ``size_pt`` (width, height), with ``space_pt`` (before, after)."""
    fmt = paragraph.paragraph_format
    fmt.alignment = align
    fmt.space_before, fmt.space_after = Pt(space_pt[0]), Pt(space_pt[1])
    fmt.line_spacing = 1.0
    fmt.keep_with_next = True
    run = paragraph.add_run()
    run.font.size = Pt(LINE_HALF_POINTS / 2)
    run.add_picture(io.BytesIO(data), width=Pt(size_pt[0]), height=Pt(size_pt[1]))
    mark = OxmlElement("w:rPr")
    size = OxmlElement("w:sz")
    size.set(qn("w:val"), str(LINE_HALF_POINTS))
    mark.append(size)
    insert_in_order(paragraph._p.get_or_add_pPr(), mark, PPR_ORDER)
