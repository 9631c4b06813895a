"""A Word file's pictures, with the caption Word put under them.

A picture is a ``w:drawing`` whose ``a:blip`` names an image part of the
package; its alt text (``wp:docPr`` descr, else title) stands in for a
caption until a paragraph in Word's Caption style follows it, which then is
the caption and not body text.  The package was size-checked before it was
opened (app.ingest.safety), and the budget bounds how much of it becomes figures.
"""

from __future__ import annotations

from docx.document import Document as DocxDocument
from docx.oxml.ns import qn
from lxml import etree

from app.core.images import MAX_FIGURE_BYTES
from app.ingest.figures import FigureBudget, FoundFigure, may_be_a_figure

_BLIP = "{http://schemas.openxmlformats.org/drawingml/2006/main}blip"
_DOC_PR = "{http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing}docPr"
_EMBED = qn("r:embed")


class WordPictures:
    """Collects a document's pictures paragraph by paragraph, giving each the caption paragraph after it."""

    def __init__(self, document: DocxDocument) -> None:
        self._document = document
        self._caption_styles = {s.style_id for s in document.styles if (s.name or "").lower() == "caption"}
        self._budget = FigureBudget()
        self.found: list[FoundFigure] = []
        #: Pictures of the paragraph just read, waiting to see whether a caption follows.
        self._waiting: list[FoundFigure] = []

    def is_caption(self, paragraph: etree._Element) -> bool:
        style = paragraph.find(f"{qn('w:pPr')}/{qn('w:pStyle')}")
        return style is not None and style.get(qn("w:val"), "") in self._caption_styles

    def read(self, paragraph: etree._Element, text: str, heading: str) -> bool:
        """Take in one paragraph (its text, and the heading it is under); True when it is a picture's caption,
        and so not body text."""
        if self._waiting and text and self.is_caption(paragraph):
            self.found.extend(FoundFigure(f.data, text, f.credit, f.heading) for f in self._waiting)
            self._waiting = []
            return True
        self.found.extend(self._waiting)
        self._waiting = list(self._pictures(paragraph, heading))
        return False

    def finish(self) -> list[FoundFigure]:
        self.found.extend(self._waiting)
        self._waiting = []
        return self.found

    def _pictures(self, paragraph: etree._Element, heading: str) -> list[FoundFigure]:
        pictures: list[FoundFigure] = []
        for drawing in paragraph.iter(qn("w:drawing")):
            blip = next(drawing.iter(_BLIP), None)
            part = self._document.part.related_parts.get(blip.get(_EMBED, "")) if blip is not None else None
            blob = getattr(part, "blob", None)
            if not isinstance(blob, bytes) or len(blob) > MAX_FIGURE_BYTES or not may_be_a_figure(blob):
                continue  # an EMF drawing or an icon: left out, and the caption under it stays text
            if not self._budget.room_for(len(blob)):
                continue
            properties = next(drawing.iter(_DOC_PR), None)
            alt = (properties.get("descr") or properties.get("title") or "") if properties is not None else ""
            pictures.append(FoundFigure(blob, alt, "", heading))
        return pictures
