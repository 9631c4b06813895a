"""Footnotes at the foot of the PDF page that cites them.

reportlab has no footnotes, so the page's frame makes room for them: before it places a flowable that marks notes
not yet on the page, it raises its own bottom by their height (``NotesFrame.add``), and places the flowable only if
it still fits above them; a paragraph split at the foot of a page takes the notes of the part that stays
(``NotesFrame.split``). When the page ends, the notes are drawn under a short rule, from the bottom margin up
(``NotesFrame.draw_notes``). A note longer than a third of the page is not given more room than that: it runs into
the margin rather than push its own mark off the page for ever.
"""

from __future__ import annotations

from typing import Literal

from reportlab.lib.colors import HexColor
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Flowable, Frame, KeepTogether
from reportlab.platypus import Table as RLTable

from app.render.furniture import NOTE_RULE_GAP_ABOVE, NOTE_RULE_GAP_BELOW
from app.render.pdf.paragraph import BriefParagraph

RULE_LENGTH = 72.0
RULE_WIDTH = 0.5
#: The most of the frame's height notes may take.
MOST_OF_PAGE = 1 / 3


def notes_in(flowable: Flowable) -> list[int]:
    """The numbers of the notes ``flowable`` marks, in order: in its paragraphs, its table cells, its parts."""
    if isinstance(flowable, BriefParagraph):
        return flowable.notes()
    if isinstance(flowable, RLTable):
        cells = [cell for row in flowable._cellvalues for cell in row]  # type: ignore[attr-defined]
        return [
            n for cell in cells for part in (cell if isinstance(cell, list | tuple) else [cell]) for n in notes_in(part)
        ]
    if isinstance(flowable, KeepTogether):
        return [n for part in flowable._content for n in notes_in(part)]  # type: ignore[attr-defined]
    return []


class NotesFrame(Frame):
    """The page's one frame, keeping room at its foot for the notes its text marks."""

    def __init__(
        self, x: float, y: float, width: float, height: float, notes: dict[int, BriefParagraph], rule_colour: str
    ) -> None:
        super().__init__(x, y, width, height, 0, 0, 0, 0, id="body")
        self._text_width, self._text_height = width, height
        self._notes = notes
        self._rule_colour = rule_colour
        self.placed: list[int] = []

    def __deepcopy__(self, memo: dict) -> NotesFrame:
        """reportlab copies the frame deeply to measure a KeepTogether's content on every wrap: the copy shares
        the notes (deep-copying every note's laid-out paragraph made a 500-note brief's PDF take minutes)."""
        twin = self.__class__.__new__(self.__class__)
        twin.__dict__.update(self.__dict__)
        twin.placed = list(self.placed)
        return twin

    def _reset(self) -> None:
        """A new page: no notes, and the frame's bottom back where it was (reportlab's reset keeps it)."""
        super()._reset()  # type: ignore[misc]  # private, unstubbed
        self._geom()  # type: ignore[attr-defined]  # works out the bottom again; private, unstubbed
        self.placed = []

    def _room(self, numbers: list[int]) -> float:
        """Height the notes ``numbers`` take at the foot of the page, rule included."""
        if not numbers:
            return 0.0
        height = NOTE_RULE_GAP_ABOVE + NOTE_RULE_GAP_BELOW
        for number in numbers:
            paragraph = self._notes[number]
            height += paragraph.wrap(self._text_width, self._text_height)[1] + paragraph.style.spaceAfter
        height -= self._notes[numbers[-1]].style.spaceAfter  # nothing follows the last note
        return min(height, self._text_height * MOST_OF_PAGE)

    def _new(self, flowable: Flowable) -> list[int]:
        return [n for n in dict.fromkeys(notes_in(flowable)) if n in self._notes and n not in self.placed]

    def add(self, flowable: Flowable, canv: Canvas, trySplit: int = 0) -> Literal[0, 1]:
        new = self._new(flowable)
        if not new:
            return super().add(flowable, canv, trySplit)
        extra = self._room(self.placed + new) - self._room(self.placed)
        self._y1p += extra  # type: ignore[attr-defined]  # the frame's bottom, private
        if super().add(flowable, canv, trySplit):
            self.placed += new
            return 1
        self._y1p -= extra  # type: ignore[attr-defined]
        return 0

    def split(self, flowable: Flowable, canv: Canvas) -> list[Flowable]:
        """Split as the frame would, then again with room for the notes the first part marks, until they fit."""
        parts = super().split(flowable, canv)
        raised = 0.0
        for _ in range(3):
            new = self._new(parts[0]) if parts else []
            if not new:
                break
            need = self._room(self.placed + new) - self._room(self.placed)
            if need <= raised + 1e-6:
                break
            self._y1p += need - raised  # type: ignore[attr-defined]
            raised = need
            parts = super().split(flowable, canv)
        self._y1p -= raised  # type: ignore[attr-defined]
        return parts

    def draw_notes(self, canvas: Canvas) -> None:
        """The page's notes under a short rule, the last one just above the bottom margin."""
        if not self.placed:
            return
        x, y = self._x1, self._y1 + self._room(self.placed)  # type: ignore[attr-defined]
        y -= NOTE_RULE_GAP_ABOVE
        canvas.saveState()
        canvas.setStrokeColor(HexColor(self._rule_colour))
        canvas.setLineWidth(RULE_WIDTH)
        canvas.line(x, y, x + RULE_LENGTH, y)
        canvas.restoreState()
        y -= NOTE_RULE_GAP_BELOW
        for number in self.placed:
            paragraph = self._notes[number]
            _, height = paragraph.wrap(self._text_width, self._text_height)
            y -= height
            paragraph.drawOn(canvas, x, y)
            y -= paragraph.style.spaceAfter
