"""The PDF's table of contents: one line per entry, its page number drawn once the layout has placed the heading.

A contents page comes before the headings it lists, so their pages are unknown when it is laid out. The entry
reserves a column for the number (``NUMBER_COLUMN_PT``, as wide in the DOCX) and its dot leaders run up to it;
the number itself is drawn when the pages are written (``DeferredCanvas.save``, which already waits for the page
count), so one layout gives true numbers with no second pass, and the entries cannot change the pages they count.
"""

from __future__ import annotations

from typing import Any

from reportlab.lib.colors import HexColor
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Flowable

from app.render.contents import NUMBER_COLUMN_PT
from app.render.pdf.paragraph import BriefParagraph
from app.render.pdf.paragraph_text import runs_width

LEADER = "."
#: Leader dots sit on a grid this many points apart, so the dots of every entry line up.
LEADER_STEP = 4.0
#: Room kept clear between the title's end and the first dot, and the last dot and the number.
LEADER_GAP = 3.0


def heading_key(heading: int) -> str:
    """The bookmark of top-level heading ``heading``: the outline, and the contents' links, point at it."""
    return f"heading-{heading}"


class ContentsLine(Flowable):
    """One entry: the heading's text (wrapped short of the number column), dot leaders, a link, the page number."""

    def __init__(self, title: BriefParagraph, heading: int, leader_colour: str) -> None:
        super().__init__()
        self.title = title
        self.heading = heading
        self.leader_colour = leader_colour
        self.style = title.style
        self.width = self.height = 0.0

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        _, self.height = self.title.wrap(availWidth - NUMBER_COLUMN_PT, availHeight)
        self.width = availWidth
        return self.width, self.height

    def split(self, availWidth: float, availHeight: float) -> list[Flowable]:
        return []  # an entry moves to the next page whole

    def getSpaceBefore(self) -> float:
        return self.style.spaceBefore

    def getSpaceAfter(self) -> float:
        return self.style.spaceAfter

    def drawOn(self, canvas: Any, x: float, y: float, _sW: float = 0) -> None:
        """Drawn where the frame places it (page coordinates: entries are never inside a box), so the number's
        place can be handed to the canvas, which draws it when the heading's page is known."""
        self.title.drawOn(canvas, x, y)
        style = self.style
        baseline = y + style.leading - style.fontSize  # the last line's (BriefParagraph's lines run downwards)
        right = x + self.width
        if self.title.lines and not self.title.rtl:
            self._leaders(canvas, x + self._last_line_end(), baseline, right - NUMBER_COLUMN_PT + LEADER_GAP)
        canvas.linkRect("", heading_key(self.heading), (x, y, right, y + self.height), relative=0, thickness=0)
        canvas.page_number_of(self.heading, right, baseline, style.fontName, style.fontSize, style.textColor)

    def _last_line_end(self) -> float:
        title = self.title
        start, end = title.lines[-1]
        return title.style.leftIndent + runs_width(title.content, title.content.line(start, end))

    def _leaders(self, canvas: Any, start: float, baseline: float, limit: float) -> None:
        """Dots on the shared grid from just after the title to just short of the number column."""
        style = self.style
        dot = stringWidth(LEADER, style.fontName, style.fontSize)
        first = -(-(start + LEADER_GAP) // LEADER_STEP) * LEADER_STEP
        count = int((limit - LEADER_GAP - dot - first) // LEADER_STEP) + 1
        if count < 2:
            return
        canvas.saveState()  # the character spacing is graphics state: it would spread the text drawn after
        text = canvas.beginText(first, baseline)
        text.setFont(style.fontName, style.fontSize)
        text.setFillColor(HexColor(self.leader_colour))
        text.setCharSpace(LEADER_STEP - dot)
        text.textOut(LEADER * count)
        canvas.drawText(text)
        canvas.restoreState()
