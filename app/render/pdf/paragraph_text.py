"""A PDF paragraph's content: pieces of text in one format, collapsed into the text that is laid out.

Every paragraph is laid out by ``paragraph.BriefParagraph`` from a
``ParagraphText``: where its words are, how wide a stretch is, and the runs of
a line in the order they are drawn.  Two kinds exist:

- ``PlainText``: left-to-right text whose every character its piece's font
  has, which is nearly all of a brief.  Runs are the pieces themselves,
  measured as reportlab measures a string; no work per character.
- ``bidi.BidiText``: text with right-to-left characters or characters only a
  fallback font has, shaped by HarfBuzz and reordered line by line.

Both start from ``collapse``, so spaces and line breaks mean the same in every
script.
"""

from __future__ import annotations

import bisect
import re
from abc import ABC, abstractmethod
from dataclasses import dataclass
from functools import lru_cache

from reportlab.lib.colors import Color
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.textobject import PDFTextObject

from app.text.bidi import MIRRORS


@dataclass(frozen=True)
class Piece:
    """A stretch of a paragraph's text in one format, in logical order."""

    text: str
    font: str
    size: float
    #: None leaves the canvas's fill colour (page furniture sets it itself).
    colour: Color | None = None
    href: str | None = None
    #: How far above the baseline it is drawn (a note's number is raised).
    rise: float = 0.0
    #: The number of the footnote this piece marks, if it is a note's mark.
    note: int | None = None


@dataclass(frozen=True)
class Shaped:
    """A run ready to draw: text (a ShapedStr for HarfBuzz output) in visual order, and its advance in em/1000."""

    text: str
    advance: float


@dataclass(frozen=True)
class TextRun:
    """Characters ``start``–``end`` of a line: one piece, one font, one level."""

    start: int
    end: int
    piece: int
    font: str
    level: int


#: White space other than a line break or a no-break space: collapses into one space.
_SPACES = re.compile(r"[^\S\n\xa0]+")
#: Spaces either side of a line break: dropped.
_AROUND_BREAK = re.compile(r" *\n *")
#: Invisible characters (direction marks, embeddings, isolates, zero-width spaces and joiners, soft hyphens): never
#: drawn.
INVISIBLE = re.compile("[\xad\u061c\u200b-\u200f\u202a-\u202e\u2060-\u2069\ufeff]")
#: A line may break between any two Chinese or Japanese characters, which use no spaces; closing punctuation stays
#: with the character before it.  Other text breaks at spaces and zero-width spaces (a word too long for a line is
#: cut), and after a hyphen between letters (``_HYPHEN_BREAK``).
_CJK = "\u2e80-\u2fdf\u3040-\u30ff\u3100-\u312f\u31a0-\u31ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
_WORD = re.compile(rf"[{_CJK}][\u3001\u3002\u300d\u300f\uff09\uff0c\uff0e\uff01\uff1f]*|[^ \n\u200b{_CJK}]+")
#: Where a word may end a line after its hyphen, as Word and LibreOffice break "peregraf-|iraq-|recruitment.txt"
#: (not before a digit: "-5" stays whole).
_HYPHEN_BREAK = re.compile(r"(?<=[^\W\d_][-\u2010])(?=[^\W\d_])")


def word_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of every unit a line may end after: words, and the parts of hyphenated words."""
    spans = []
    for match in _WORD.finditer(text):
        start, end = match.span()
        if "-" in match.group() or "\u2010" in match.group():
            for cut in _HYPHEN_BREAK.finditer(text, start, end):
                spans.append((start, cut.start()))
                start = cut.start()
        spans.append((start, end))
    return spans


def collapse(pieces: list[Piece]) -> tuple[str, list[int]]:
    """The paragraph's text as laid out, and where each piece starts in it.

    Runs of white space become one space, across pieces too; a space at the
    start or end of the paragraph or next to a line break (``\\n``, kept) is
    dropped; no-break spaces are text.  Done a piece at a time with regular
    expressions, not a character at a time: most of a brief is plain text.
    """
    parts: list[str] = []
    starts: list[int] = []
    length = 0
    for piece in pieces:
        text = _AROUND_BREAK.sub("\n", _SPACES.sub(" ", piece.text))
        last = parts[-1][-1] if parts else "\n"  # the paragraph starts as if after a line break
        if text.startswith(" ") and last in " \n":
            text = text[1:]
        elif text.startswith("\n") and last == " ":
            _drop_last(parts)
            length -= 1
        starts.append(length)
        if text:
            parts.append(text)
            length += len(text)
    if parts and parts[-1].endswith(" "):
        _drop_last(parts)
        length -= 1
    # An empty piece before a dropped space started after it: no piece starts after the next one does.
    for number in reversed(range(len(starts))):
        starts[number] = min(starts[number], length if number == len(starts) - 1 else starts[number + 1])
    return "".join(parts), starts


def _drop_last(parts: list[str]) -> None:
    """Remove the last character of the text so far (a space), and the part it leaves empty."""
    parts[-1] = parts[-1][:-1]
    if not parts[-1]:
        parts.pop()


@lru_cache(maxsize=65536)
def plain(font_name: str, text: str, rtl: bool) -> Shaped:
    """``text`` drawn as reportlab draws it; a right-to-left run is reversed and its brackets mirrored."""
    text = INVISIBLE.sub("", text)
    if rtl:
        text = "".join(MIRRORS.get(c, c) for c in reversed(text))
    return Shaped(text, stringWidth(text, font_name, 1000))


class ParagraphText(ABC):
    """One paragraph's collapsed text and its words: worked out once, shared by the parts of a split paragraph."""

    #: Whether the paragraph runs right to left (it is then right-aligned, its indents and bullet mirrored).
    rtl = False

    def __init__(self, pieces: list[Piece]) -> None:
        self.pieces = pieces
        self.text, self.starts = collapse(pieces)
        #: Where each piece ends in the text.
        self.ends = [*self.starts[1:], len(self.text)] if pieces else []
        #: (start, end) of every word, in order.
        self.words: list[tuple[int, int]] = word_spans(self.text)
        #: Where the hard line breaks are, in order.
        self.breaks = [m.start() for m in re.finditer("\n", self.text)]
        #: The lines each part of it was broken into, by (start, end, width, first line's offset): see BriefParagraph.
        self.broken: dict[tuple[int, int, float, float], list[tuple[int, int]]] = {}

    @abstractmethod
    def width(self, start: int, end: int) -> float:
        """Width in points of characters ``start``–``end`` as drawn."""

    @abstractmethod
    def line(self, start: int, end: int) -> list[tuple[TextRun, Shaped]]:
        """The runs of one line in visual order, with their glyphs."""

    def measure(self, words: list[tuple[int, int]]) -> list[tuple[float, float]]:
        """For each of consecutive ``words``: the width of what separates it from the word before (0 for the
        first), and its own width."""
        measures = []
        previous = None
        for start, end in words:
            measures.append((0.0 if previous is None else self.width(previous, start), self.width(start, end)))
            previous = end
        return measures

    def piece_spans(self, start: int, end: int) -> list[tuple[int, int, int]]:
        """``start``–``end`` cut where the piece changes: (start, end, piece) for each non-empty part."""
        spans = []
        number = bisect.bisect_right(self.starts, start) - 1
        while number < len(self.pieces) and self.starts[number] < end:
            first, last = max(start, self.starts[number]), min(end, self.ends[number])
            if first < last:
                spans.append((first, last, number))
            number += 1
        return spans


class PlainText(ParagraphText):
    """Left-to-right text whose every character its piece's font has: each piece is drawn as reportlab draws it."""

    def width(self, start: int, end: int) -> float:
        if end <= self.ends[number := bisect.bisect_right(self.starts, start) - 1]:  # nearly every word
            return self._advance(number, start, end)
        return sum(self._advance(n, a, b) for a, b, n in self.piece_spans(start, end))

    def _advance(self, number: int, start: int, end: int) -> float:
        """Width in points of characters ``start``–``end``, all in piece ``number``."""
        piece = self.pieces[number]
        return plain(piece.font, self.text[start:end], False).advance * piece.size / 1000

    def measure(self, words: list[tuple[int, int]]) -> list[tuple[float, float]]:
        """As ``ParagraphText.measure``, walking the pieces alongside the words: most words and the space before
        them lie in one piece, and are measured as one string each (remembered by ``plain``)."""
        starts, ends = self.starts, self.ends
        measures = []
        number = bisect.bisect_right(starts, words[0][0]) - 1 if words else 0
        previous = None
        for start, end in words:
            while ends[number] <= start:
                number += 1
            word = self._advance(number, start, end) if end <= ends[number] else self.width(start, end)
            if previous is None:
                gap = 0.0
            elif previous >= starts[number]:
                gap = self._advance(number, previous, start)
            else:
                gap = self.width(previous, start)
            measures.append((gap, word))
            previous = end
        return measures

    def line(self, start: int, end: int) -> list[tuple[TextRun, Shaped]]:
        runs = [TextRun(a, b, n, self.pieces[n].font, 0) for a, b, n in self.piece_spans(start, end)]
        return [(run, plain(run.font, self.text[run.start : run.end], False)) for run in runs]


def placed(text: ParagraphText, runs: list[tuple[TextRun, Shaped]]) -> list[tuple[TextRun, Shaped, float]]:
    """Runs with their advance in points."""
    return [(run, glyphs, glyphs.advance * text.pieces[run.piece].size / 1000) for run, glyphs in runs]


def runs_width(text: ParagraphText, runs: list[tuple[TextRun, Shaped]]) -> float:
    """Width in points of a line's runs."""
    return sum(advance for _, _, advance in placed(text, runs))


class RunWriter:
    """Writes runs into one text object, setting the font and colour only when they change."""

    def __init__(self, text_object: PDFTextObject) -> None:
        self.text_object = text_object
        self._font: tuple[str, float] | None = None
        self._colour: Color | None = None

    def write(self, x: float, y: float, font: str, piece: Piece, glyphs: Shaped) -> None:
        """Draw one run at (x, y) in its font, size and colour."""
        text_object = self.text_object
        text_object.setTextOrigin(x, y + piece.rise)
        if self._font != (font, piece.size):
            text_object.setFont(font, piece.size)
            self._font = (font, piece.size)
        if piece.colour is not None and piece.colour != self._colour:
            text_object.setFillColor(piece.colour)
            self._colour = piece.colour
        # _textOut: textOut would measure the glyphs to move a cursor that every run sets itself; private, unstubbed
        text_object._textOut(glyphs.text)  # type: ignore[attr-defined]
