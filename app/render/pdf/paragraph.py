"""Every paragraph of the PDF: broken into lines once, in linear time, and drawn run by run.

reportlab's Paragraph parses markup, breaks lines by popping words off the
front of a list (quadratic in a long paragraph), breaks the whole rest of a
paragraph again on every page it continues onto, and measures a paragraph
several times over; it was most of the time of writing a PDF.  A
``BriefParagraph`` lays out a ``ParagraphText`` (plain, or right-to-left and
shaped) itself:

- words are wrapped greedily in logical order, a word measured once per
  width; a word too long for a line is cut;
- a paragraph split across pages hands its lines on to the part that
  continues, so no page breaks it again;
- each line is drawn as runs of one piece (font, size, colour, link) in visual
  order, links underlined and clickable.

It honours what the brief's styles use: font size, leading, left indent (the
right indent of a right-to-left paragraph), space before and after,
keep-with-next, bullets, no orphan line at the foot of a page.
"""

from __future__ import annotations

import bisect
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from operator import itemgetter

from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Flowable

from app.render.pdf.bidi import BidiText
from app.render.pdf.fonts import FontSet
from app.render.pdf.paragraph_text import (
    ParagraphText,
    Piece,
    PlainText,
    RunWriter,
    Shaped,
    TextRun,
    placed,
    runs_width,
)
from app.text.bidi import display, has_rtl

#: Fraction of the font size between the baseline and an underline (reportlab's default).
UNDERLINE_OFFSET = 0.125
#: The narrowest advance a character is assumed to have, in ems: bounds how many characters one line can hold.
MIN_ADVANCE_EM = 0.05


@dataclass(frozen=True)
class OutlineEntry:
    """A heading's level (1 is the top) and its text, as the PDF viewer's outline shows it; a heading paragraph
    carries it until the doc template places the paragraph and bookmarks it."""

    level: int
    title: str
    #: The heading's place among the document's top-level headings (what a contents entry points at), if it is one.
    heading: int | None = None


#: Paragraphs whose text, words and line breaks are remembered: a preview worker lays out the same brief again
#: after every edit, and nearly every paragraph is as it was (a few megabytes for a long brief).
PARAGRAPHS_REMEMBERED = 20_000


def paragraph_text(pieces: list[Piece], fonts: FontSet) -> ParagraphText:
    """The pieces as PlainText, or as BidiText if they hold right-to-left characters or characters only a fallback
    font draws (Hebrew, Devanagari, Thai, Chinese, Japanese, Korean by default); the same object for the same
    pieces and fonts, with the lines it was broken into before."""
    return _paragraph_text(tuple(pieces), fonts)


@lru_cache(maxsize=PARAGRAPHS_REMEMBERED)
def _paragraph_text(pieces: tuple[Piece, ...], fonts: FontSet) -> ParagraphText:
    if any(has_rtl(piece.text) or fonts.needs_fallback(piece.text, piece.font) for piece in pieces):
        return BidiText(list(pieces), fonts)
    return PlainText(list(pieces))


class BriefParagraph(Flowable):
    """A paragraph of the brief, laid out like a reportlab Paragraph in ``style``.

    Honours the style's font size, leading, left indent (the right indent of a
    right-to-left paragraph), space before and after, keep-with-next and
    bullet, and splits between lines across pages.
    """

    #: Set on a heading, for the PDF outline.
    outline_entry: OutlineEntry | None = None

    def __init__(
        self,
        text: ParagraphText,
        style: ParagraphStyle,
        bullet: str | None = None,
        start: int = 0,
        end: int | None = None,
    ) -> None:
        super().__init__()
        self.content = text
        self.style = style
        self.bulletText = bullet
        self.start = start
        self.end = len(text.text) if end is None else end
        self.lines: list[tuple[int, int]] = []
        self.width = self.height = 0.0
        self._wrapped_for: float | None = None

    @property
    def rtl(self) -> bool:
        return self.content.rtl

    def getPlainText(self, identify: object = None) -> str:  # reportlab's signature: its messages pass ``identify``
        return self.content.text[self.start : self.end]

    def __repr__(self) -> str:
        return f"BriefParagraph({self.getPlainText()[:40]!r})"

    def notes(self) -> list[int]:
        """The footnotes this part of the paragraph marks (a split paragraph's notes go with their marks)."""
        content = self.content
        return [
            piece.note
            for piece, start in zip(content.pieces, content.starts, strict=True)
            if piece.note is not None and self.start <= start < self.end
        ]

    # Layout --------------------------------------------------------------------------------------------------

    def _bullet_width(self) -> float:
        if not self.bulletText:
            return 0.0
        style = self.style
        return stringWidth(self.bulletText, style.bulletFontName, style.bulletFontSize)

    def _first_line_offset(self) -> float:
        """How far the bullet pushes the first line's text in from the indent (as reportlab does)."""
        if not self.bulletText:
            return 0.0
        style = self.style
        bullet_end = style.bulletIndent + self._bullet_width() + 0.6 * style.bulletFontSize
        return max(0.0, bullet_end - style.leftIndent)

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        if self._wrapped_for != availWidth:
            self.lines = self._break(availWidth - self.style.leftIndent - self.style.rightIndent)
            self._wrapped_for = availWidth
        self.width = availWidth
        self.height = len(self.lines) * self.style.leading
        return self.width, self.height

    def _break(self, width: float) -> list[tuple[int, int]]:
        """Greedy line breaking over the words of this part, in logical order; a word too long for a line is cut.

        A hard line break ends its line; two in a row leave an empty line, ``(n, n)``. The text remembers the lines
        of each part and width it was broken for (the same paragraph comes back in the next preview).
        """
        key = (self.start, self.end, width, self._first_line_offset())
        known = self.content.broken.get(key)
        if known is None:
            known = self.content.broken[key] = self._break_anew(width)
        return list(known)

    def _break_anew(self, width: float) -> list[tuple[int, int]]:
        text = self.content
        first = bisect.bisect_right(text.words, self.start, key=itemgetter(1))
        last = bisect.bisect_left(text.words, self.end, key=itemgetter(0))
        words = text.words[first:last]
        if words:  # a part made by cutting a word starts or ends inside it
            words[0] = (max(words[0][0], self.start), words[0][1])
            words[-1] = (words[-1][0], min(words[-1][1], self.end))
        breaks = text.breaks[bisect.bisect_left(text.breaks, self.start) : bisect.bisect_left(text.breaks, self.end)]
        lines: list[tuple[int, int]] = []
        segment_start, taken = self.start, 0
        for end in [*breaks, self.end]:
            upto = bisect.bisect_left(words, (end, end), lo=taken)
            room = width if lines else width - self._first_line_offset()
            lines += self._fill(words[taken:upto], width, room) or [(segment_start, segment_start)]
            segment_start, taken = end + 1, upto
        return lines

    def _fill(self, words: list[tuple[int, int]], width: float, room: float) -> list[tuple[int, int]]:
        """``words`` (one stretch between hard breaks) in lines of ``width``, the first ``room`` wide."""
        text = self.content
        lines: list[tuple[int, int]] = []
        line: tuple[int, int] | None = None
        used = 0.0
        for (start, end), (gap, word) in zip(words, text.measure(words), strict=True):
            if line is not None:
                if used + gap + word <= room + 1e-6:  # the space before the word, and the word
                    line, used = (line[0], end), used + gap + word
                    continue
                lines.append(line)
                room = width
            while word > room:  # starts a line and does not fit: cut it
                head = self._fitting_prefix(start, end, room)
                if head >= end:  # one character wider than the line: it has the line to itself
                    break
                lines.append((start, head))
                start, room = head, width
                word = text.width(start, end)
            line, used = (start, end), word
        if line is not None:
            lines.append(line)
        return lines

    def _fitting_prefix(self, start: int, end: int, room: float) -> int:
        """End of the longest start of a too-long word that fits ``room`` (at least one character and its marks).

        Found by bisection over at most as many characters as could fit at a hair's width each, so a word of
        100,000 characters costs a few measurements of one line's length per line, not a quadratic scan.
        """
        text = self.content.text

        def after_marks(cut: int) -> int:
            while cut < end and unicodedata.combining(text[cut]):
                cut += 1
            return cut

        smallest = after_marks(start + 1)
        most = min(end, start + int(room / (MIN_ADVANCE_EM * self.style.fontSize)) + 1)
        fits, too_long = smallest, most + 1  # text[start:fits] fits (or is the least a line takes)
        while too_long - fits > 1:
            middle = (fits + too_long) // 2
            if self.content.width(start, after_marks(middle)) <= room:
                fits = middle
            else:
                too_long = middle
        return max(smallest, after_marks(fits))

    def split(self, availWidth: float, availHeight: float) -> list[Flowable]:
        """Cut between lines, with the lines of the last wrap, as reportlab's Paragraph does: a table splitting a cell
        asks with a width of its own, and the cell's height was reckoned from those lines."""
        if self._wrapped_for is None:
            self.wrap(availWidth, availHeight)
        width = self._wrapped_for
        fit = int(availHeight / self.style.leading)
        if fit <= 1 or not self.lines:  # reportlab's default: no orphan line at the foot of a page
            return []
        if fit >= len(self.lines):
            return [self]
        cut = self.lines[fit][0]
        first = BriefParagraph(self.content, self.style, self.bulletText, self.start, self.lines[fit - 1][1])
        rest = BriefParagraph(self.content, self.style, None, cut, self.end)
        # Both parts break as they did here: hand the lines on, rather than break the rest again on every page.
        first._take_lines(self.lines[:fit], width)
        rest._take_lines(self.lines[fit:], width)
        first.outline_entry = self.outline_entry  # a heading's bookmark goes with its first line
        return [first, rest]

    def _take_lines(self, lines: list[tuple[int, int]], width: float | None) -> None:
        self.lines = lines
        self._wrapped_for = width

    # Drawing -------------------------------------------------------------------------------------------------

    def draw(self) -> None:
        canvas: Canvas = self.canv
        style = self.style
        baseline = self.height - style.fontSize
        if self.bulletText and self.start == 0:  # first, so text extraction reads "1." before the item
            self._draw_bullet(canvas, baseline)
        text = canvas.beginText()
        writer = RunWriter(text)
        links: list[tuple[float, float, float, float, Piece]] = []
        for number, (start, end) in enumerate(self.lines):
            if start == end:  # the empty line between two hard breaks
                baseline -= style.leading
                continue
            offset = self._first_line_offset() if number == 0 and self.start == 0 else 0.0
            runs = self.content.line(start, end)
            x = self._line_x(runs, offset)
            for run, glyphs, advance in placed(self.content, runs):
                piece = self.content.pieces[run.piece]
                writer.write(x, baseline, run.font, piece, glyphs)
                if piece.href:
                    links.append((x, baseline, advance, style.leading, piece))
                x += advance
            baseline -= style.leading
        canvas.drawText(text)
        for x, y, advance, leading, piece in links:
            self._link(canvas, x, y, advance, leading, piece)

    def _line_x(self, runs: list[tuple[TextRun, Shaped]], offset: float) -> float:
        """Left end of a line: right-aligned in a right-to-left paragraph, the indent mirrored."""
        style = self.style
        if not self.rtl:
            return style.leftIndent + offset
        return self.width - style.leftIndent - offset - runs_width(self.content, runs)

    def _link(self, canvas: Canvas, x: float, y: float, advance: float, leading: float, piece: Piece) -> None:
        canvas.saveState()
        if piece.colour is not None:  # a link's piece always has one (inline_pieces gives it the link colour)
            canvas.setStrokeColor(piece.colour)
        under = y - UNDERLINE_OFFSET * piece.size
        canvas.line(x, under, x + advance, under)
        canvas.restoreState()
        top = y - piece.size / 8
        canvas.linkURL(piece.href, (x, top, x + advance, top + leading), relative=1, thickness=0)

    def _draw_bullet(self, canvas: Canvas, baseline: float) -> None:
        style = self.style
        label = self.bulletText or ""
        if self.rtl:
            label = display(label, rtl=True)  # "1." reads ".1" from the left, as in Word and LibreOffice
            x = self.width - style.bulletIndent - stringWidth(label, style.bulletFontName, style.bulletFontSize)
        else:
            x = style.bulletIndent
        canvas.saveState()
        canvas.setFont(style.bulletFontName, style.bulletFontSize)
        canvas.setFillColor(getattr(style, "bulletColor", None) or style.textColor)
        canvas.drawString(x, baseline, label)
        canvas.restoreState()
