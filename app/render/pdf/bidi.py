"""Paragraphs with right-to-left text in the PDF: Arabic shaped by HarfBuzz, every line in visual order.

reportlab lays a Paragraph out left to right.  Its ``shaping=1`` joins Arabic
letters word by word, but without its ``rlbidi`` extra (not installable) it
never reorders: punctuation and embedded Latin land on the wrong side, and it
switches on discretionary ligatures for Latin text too.  So a paragraph that
holds right-to-left characters is a ``BidiParagraph`` instead; every other
paragraph stays a reportlab Paragraph, untouched, so Latin briefs render
exactly as before and pay nothing.

A BidiParagraph works on the logical text:

1. the runs become one string with the owning piece (font, size, colour,
   link) of every character; Arabic-script characters, and the spaces, digits
   and punctuation between Arabic words (``bidi.rtl_spans``), are set in the
   Arabic face matching the piece's weight;
2. ``bidi.embedding_levels`` resolves the direction of every character once
   for the paragraph, whose own direction is ``bidi.base_direction`` (a
   right-to-left paragraph is right-aligned, its indents and bullet mirrored);
3. words are measured shaped and wrapped greedily in logical order, so the
   first words fill the first line;
4. each line is cut into runs of one font, piece and level, which are put in
   visual order (rule L2).  Runs in the Arabic font are shaped by HarfBuzz in
   their direction (joining forms, lam-alef, marks; with HarfBuzz's default
   features, so never ``dlig``); other runs are drawn as plain text like
   reportlab draws them, reversed and mirrored if right-to-left.

Glyphs are drawn through ``BriefTTFont.char_for_glyph`` so the PDF's text
extracts as Arabic characters.
"""

from __future__ import annotations

import bisect
import re
import threading
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

import uharfbuzz as hb
from reportlab.lib.colors import Color
from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfbase.ttfonts import ShapeData, ShapedStr
from reportlab.pdfgen.canvas import Canvas
from reportlab.pdfgen.textobject import PDFTextObject
from reportlab.platypus import Flowable

from app.render.pdf.fonts import FontSet, cmap, registered_font
from app.render.pdf.outline import OutlineEntry
from app.text.bidi import (
    MIRRORS,
    display,
    embedding_levels,
    has_rtl,
    is_arabic,
    is_rtl,
    line_levels,
    rtl_spans,
    visual_order,
)

#: Glyph names that spell out the characters a glyph stands for: ``uni0644_uni0627.rlig``, ``u1EE00``.
_GLYPH_NAME = re.compile(r"^(?:uni[0-9A-F]{4}|u[0-9A-F]{4,6})(?:_(?:uni[0-9A-F]{4}|u[0-9A-F]{4,6}))*$")
#: Invisible format characters (direction marks, embeddings, isolates, zero-width joiners): never drawn.
_INVISIBLE = re.compile("[\u061c\u200b-\u200f\u202a-\u202e\u2060-\u2069\ufeff]")
#: Fraction of the font size between the baseline and an underline (reportlab's default).
UNDERLINE_OFFSET = 0.125
#: The narrowest advance a character is assumed to have, in ems: bounds how many characters one line can hold.
MIN_ADVANCE_EM = 0.05
#: A line may break between any two Chinese or Japanese characters, which use no spaces; closing punctuation stays
#: with the character before it.  Other text breaks at spaces (a word too long for a line is cut).
_CJK = "\u2e80-\u2fdf\u3040-\u30ff\u3100-\u312f\u31a0-\u31ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
_WORD = re.compile(rf"[{_CJK}][\u3001\u3002\u300d\u300f\uff09\uff0c\uff0e\uff01\uff1f]*|[^ \n{_CJK}]+")


@dataclass(frozen=True)
class Piece:
    """A stretch of a paragraph's text in one format, in logical order."""

    text: str
    font: str
    size: float
    #: None leaves the canvas's fill colour (page furniture sets it itself).
    colour: Color | None = None
    href: str | None = None


@dataclass(frozen=True)
class Shaped:
    """A run ready to draw: text (a ShapedStr for HarfBuzz output) in visual order, and its advance in em/1000."""

    text: str
    advance: float


# -- shaping ------------------------------------------------------------------------------------------------------

_hb_lock = threading.Lock()
_hb_fonts: dict[str, hb.Font] = {}


def _hb_font(name: str) -> hb.Font:
    with _hb_lock:
        if name not in _hb_fonts:
            _hb_fonts[name] = hb.Font(registered_font(name).hbFace)  # reportlab's HarfBuzz face of the file
        return _hb_fonts[name]


@lru_cache(maxsize=8192)
def shape(font_name: str, text: str, rtl: bool, before: str = "", after: str = "") -> Shaped:
    """``text`` in ``font_name`` shaped by HarfBuzz, glyphs in visual order.

    ``before`` and ``after`` are the neighbouring characters, which decide
    joining forms across a change of format inside a word.
    """
    font = registered_font(font_name)
    hb_font = _hb_font(font_name)
    buffer = hb.Buffer()
    buffer.add_str(before + text + after, len(before), len(text))
    buffer.direction = "rtl" if rtl else "ltr"
    buffer.guess_segment_properties()
    buffer.cluster_level = hb.BufferClusterLevel.MONOTONE_CHARACTERS
    buffer.flags = hb.BufferFlags.REMOVE_DEFAULT_IGNORABLES  # joiners and marks did their work: draw nothing
    hb.shape(hb_font, buffer, {})
    scale = 1000 / hb_font.face.upem
    infos, positions = buffer.glyph_infos, buffer.glyph_positions
    clusters = sorted({info.cluster for info in infos})
    ends = dict(zip(clusters, [*clusters[1:], len(before) + len(text)], strict=True))
    chars: list[str] = []
    data: list[ShapeData] = []
    for info, position in zip(infos, positions, strict=True):
        cluster_text = text[info.cluster - len(before) : ends[info.cluster] - len(before)]
        char = font.char_for_glyph(info.codepoint, _glyph_text(hb_font, info.codepoint) or cluster_text)
        chars.append(char)
        data.append(
            ShapeData(
                info.cluster,
                position.x_advance * scale,
                position.y_advance * scale,
                position.x_offset * scale,
                position.y_offset * scale,
                font.face.charWidths.get(ord(char), font.face.defaultWidth),
            )
        )
    # reportlab's own shaping gives a ShapedStr a list of ShapeData, one per glyph; the stubs say a single one
    text = ShapedStr("".join(chars), shapeData=data)  # type: ignore[arg-type]
    return Shaped(text, sum(d.x_advance for d in data))


def _glyph_text(font: hb.Font, glyph: int) -> str:
    """The characters a glyph's name spells (``uniFEDF.rlig`` → U+FEDF), or "" for other names."""
    name = font.glyph_to_string(glyph).partition(".")[0]
    if not _GLYPH_NAME.match(name):
        return ""
    return "".join(chr(int(part[3:] if part.startswith("uni") else part[1:], 16)) for part in name.split("_"))


@lru_cache(maxsize=8192)
def plain(font_name: str, text: str, rtl: bool) -> Shaped:
    """``text`` drawn as reportlab draws it; a right-to-left run is reversed and its brackets mirrored."""
    text = _INVISIBLE.sub("", text)
    if rtl:
        text = "".join(MIRRORS.get(c, c) for c in reversed(text))
    return Shaped(text, stringWidth(text, font_name, 1000))


# -- the paragraph's text -----------------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Run:
    """Characters ``start``–``end`` of a line: one piece, one font, one level."""

    start: int
    end: int
    piece: int
    font: str
    level: int


class BidiText:
    """One paragraph's characters, their pieces, fonts and levels: worked out once, shared by split parts."""

    def __init__(self, pieces: list[Piece], fonts: FontSet) -> None:
        self.pieces = pieces
        chars: list[str] = []
        owners: list[int] = []
        for number, piece in enumerate(pieces):
            for char in piece.text:
                if char == "\n":  # a hard line break: kept, and ends the line it is on
                    while chars and chars[-1] == " ":
                        chars.pop()
                        owners.pop()
                    chars.append(char)
                    owners.append(number)
                elif char.isspace() and char != "\xa0":
                    if chars and chars[-1] not in " \n":
                        chars.append(" ")
                        owners.append(number)
                else:
                    chars.append(char)
                    owners.append(number)
        while chars and chars[-1] == " ":
            chars.pop()
            owners.pop()
        self.text = "".join(chars)
        self.owners = owners
        self.rtl = is_rtl(self.text)
        # A line break is a break inside the paragraph, not the end of one: for the algorithm, a space.
        self.levels = embedding_levels(self.text.replace("\n", " "), self.rtl)
        #: Faces whose runs HarfBuzz shapes: Arabic and fallback ones; the rest is drawn as reportlab draws it.
        self.shaped_fonts: set[str] = set()
        self.fonts = self._fonts(fonts)
        self.words = [(m.start(), m.end()) for m in _WORD.finditer(self.text)]
        self.word_starts = [start for start, _ in self.words]
        self.word_ends = [end for _, end in self.words]
        #: Where the hard line breaks are, in order.
        self.breaks = [m.start() for m in re.finditer("\n", self.text)]

    def _fonts(self, font_set: FontSet) -> list[str]:
        """The font of every character.

        Arabic letters, and what sits between them if the Arabic font has it,
        take the Arabic face; any other character its piece's font, or else
        the Arabic or fallback face that has it (``FontSet.face_for``).
        """
        in_span = [False] * len(self.text)
        for start, end in rtl_spans(self.text.replace("\n", " ")):
            in_span[start:end] = [True] * (end - start)
        faces = [(piece.font, font_set.arabic_face(piece.font)) for piece in self.pieces]
        fonts = []
        for index, char in enumerate(self.text):
            own, arabic = faces[self.owners[index]]
            code = ord(char)
            if arabic is not None and (is_arabic(char) or (in_span[index] and code in cmap(arabic))):
                font = arabic
            elif code in cmap(own) or char == "\n":
                font = own
            else:
                font = font_set.face_for(char, own)
            if font != own:
                self.shaped_fonts.add(font)
            fonts.append(font)
        return fonts

    def runs(self, start: int, end: int, levels: list[int]) -> list[_Run]:
        """``start``–``end`` cut where the piece, font or level (``levels``, one per character) changes."""
        runs: list[_Run] = []
        run_start = start
        for index in range(start + 1, end + 1):
            if index < end and self._same_run(run_start, index, levels[run_start - start], levels[index - start]):
                continue
            owner, font, level = self.owners[run_start], self.fonts[run_start], levels[run_start - start]
            runs.append(_Run(run_start, index, owner, font, level))
            run_start = index
        return runs

    def _same_run(self, first: int, other: int, first_level: int, other_level: int) -> bool:
        return (
            first_level == other_level
            and self.owners[first] == self.owners[other]
            and self.fonts[first] == self.fonts[other]
        )

    def glyphs(self, run: _Run) -> Shaped:
        before = self.text[run.start - 1] if run.start > 0 else ""
        after = self.text[run.end] if run.end < len(self.text) else ""
        text, rtl = self.text[run.start : run.end], run.level % 2 == 1
        if run.font in self.shaped_fonts:
            return shape(run.font, text, rtl, before, after)
        return plain(run.font, text, rtl)

    def width(self, start: int, end: int) -> float:
        """Width in points of characters ``start``–``end`` as drawn."""
        levels = self.levels[start:end]
        return sum(
            self.glyphs(run).advance * self.pieces[run.piece].size / 1000 for run in self.runs(start, end, levels)
        )

    def line(self, start: int, end: int) -> list[tuple[_Run, Shaped]]:
        """The runs of one line in visual order, with their glyphs."""
        levels = line_levels(self.text, self.levels, start, end, self.rtl)
        runs = self.runs(start, end, levels)
        return [(runs[i], self.glyphs(runs[i])) for i in visual_order([r.level for r in runs])]


# -- the flowable -------------------------------------------------------------------------------------------------


class BidiParagraph(Flowable):
    """A paragraph with right-to-left text, laid out like a reportlab Paragraph in ``style``.

    Honours the style's font size, leading, left indent (the right indent of a
    right-to-left paragraph), space before and after, keep-with-next and
    bullet, and splits between lines across pages.
    """

    #: Set on a heading, for the PDF outline.
    outline_entry: OutlineEntry | None = None

    def __init__(
        self,
        text: BidiText,
        style: ParagraphStyle,
        bullet: str | None = None,
        start: int = 0,
        end: int | None = None,
    ) -> None:
        super().__init__()
        self.bidi = text
        self.style = style
        self.bulletText = bullet
        self.start = start
        self.end = len(text.text) if end is None else end
        self.lines: list[tuple[int, int]] = []
        self.width = self.height = 0.0
        self._wrapped_for: float | None = None

    @property
    def rtl(self) -> bool:
        return self.bidi.rtl

    def getPlainText(self) -> str:
        return self.bidi.text[self.start : self.end]

    def __repr__(self) -> str:
        return f"BidiParagraph({self.getPlainText()[:40]!r})"

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

        A hard line break ends its line; two in a row leave an empty line, ``(n, n)``.
        """
        text = self.bidi
        first = bisect.bisect_right(text.word_ends, self.start)
        last = bisect.bisect_left(text.word_starts, self.end)
        words = [(max(s, self.start), min(e, self.end)) for s, e in text.words[first:last]]
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
        text = self.bidi
        pending = words[::-1]  # popped from the end
        lines: list[tuple[int, int]] = []
        line: tuple[int, int] | None = None
        used = 0.0
        while pending:
            start, end = pending.pop()
            word = text.width(start, end)
            if line is None:
                head = self._fitting_prefix(start, end, room) if word > room else end
                if head < end:
                    lines.append((start, head))
                    pending.append((head, end))
                    room = width
                else:
                    line, used = (start, end), word
                continue
            added = text.width(line[1], start) + word  # the space before the word, and the word
            if used + added <= room + 1e-6:
                line, used = (line[0], end), used + added
                continue
            lines.append(line)
            room, line = width, None
            pending.append((start, end))
        if line is not None:
            lines.append(line)
        return lines

    def _fitting_prefix(self, start: int, end: int, room: float) -> int:
        """End of the longest start of a too-long word that fits ``room`` (at least one character and its marks).

        Found by bisection over at most as many characters as could fit at a hair's width each, so a word of
        100,000 characters costs a few measurements of one line's length per line, not a quadratic scan.
        """
        text = self.bidi.text

        def after_marks(cut: int) -> int:
            while cut < end and unicodedata.combining(text[cut]):
                cut += 1
            return cut

        smallest = after_marks(start + 1)
        most = min(end, start + int(room / (MIN_ADVANCE_EM * self.style.fontSize)) + 1)
        fits, too_long = smallest, most + 1  # text[start:fits] fits (or is the least a line takes)
        while too_long - fits > 1:
            middle = (fits + too_long) // 2
            if self.bidi.width(start, after_marks(middle)) <= room:
                fits = middle
            else:
                too_long = middle
        return max(smallest, after_marks(fits))

    def split(self, availWidth: float, availHeight: float) -> list[Flowable]:
        self.wrap(availWidth, availHeight)
        fit = int(availHeight / self.style.leading)
        if fit <= 1 or not self.lines:  # reportlab's default: no orphan line at the foot of a page
            return []
        if fit >= len(self.lines):
            return [self]
        cut = self.lines[fit][0]
        first = BidiParagraph(self.bidi, self.style, self.bulletText, self.start, self.lines[fit - 1][1])
        rest = BidiParagraph(self.bidi, self.style, None, cut, self.end)
        # Both parts break as they did here: hand the lines on, rather than break the rest again on every page.
        first._take_lines(self.lines[:fit], availWidth)
        rest._take_lines(self.lines[fit:], availWidth)
        first.outline_entry = self.outline_entry  # a heading's bookmark goes with its first line
        return [first, rest]

    def _take_lines(self, lines: list[tuple[int, int]], availWidth: float) -> None:
        self.lines = lines
        self._wrapped_for = availWidth

    # Drawing -------------------------------------------------------------------------------------------------

    def draw(self) -> None:
        canvas: Canvas = self.canv
        style = self.style
        baseline = self.height - style.fontSize
        text = canvas.beginText()
        links: list[tuple[float, float, float, float, Piece]] = []
        for number, (start, end) in enumerate(self.lines):
            if start == end:  # the empty line between two hard breaks
                baseline -= style.leading
                continue
            offset = self._first_line_offset() if number == 0 and self.start == 0 else 0.0
            runs = self.bidi.line(start, end)
            x = self._line_x(runs, offset)
            for run, glyphs, advance in _placed(self.bidi, runs):
                piece = self.bidi.pieces[run.piece]
                _text_out(text, x, baseline, run.font, piece, glyphs)
                if piece.href:
                    links.append((x, baseline, advance, style.leading, piece))
                x += advance
            baseline -= style.leading
        canvas.drawText(text)
        for x, y, advance, leading, piece in links:
            self._link(canvas, x, y, advance, leading, piece)
        if self.bulletText and self.start == 0:
            self._draw_bullet(canvas, self.height - style.fontSize)

    def _line_x(self, runs: list[tuple[_Run, Shaped]], offset: float) -> float:
        """Left end of a line: right-aligned in a right-to-left paragraph, the indent mirrored."""
        style = self.style
        if not self.rtl:
            return style.leftIndent + offset
        return self.width - style.leftIndent - offset - _line_width(self.bidi, runs)

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


def _placed(text: BidiText, runs: list[tuple[_Run, Shaped]]) -> list[tuple[_Run, Shaped, float]]:
    """Runs with their advance in points."""
    return [(run, glyphs, glyphs.advance * text.pieces[run.piece].size / 1000) for run, glyphs in runs]


def _line_width(text: BidiText, runs: list[tuple[_Run, Shaped]]) -> float:
    return sum(advance for _, _, advance in _placed(text, runs))


def _text_out(text_object: PDFTextObject, x: float, y: float, font: str, piece: Piece, glyphs: Shaped) -> None:
    text_object.setTextOrigin(x, y)
    text_object.setFont(font, piece.size)
    if piece.colour is not None:
        text_object.setFillColor(piece.colour)
    # _textOut: textOut would measure the glyphs to move a cursor that every run sets itself; private, unstubbed
    text_object._textOut(glyphs.text)  # type: ignore[attr-defined]


# -- single lines (page furniture) --------------------------------------------------------------------------------


def _needs_bidi_text(text: str, font: str, fonts: FontSet) -> bool:
    return has_rtl(text) or fonts.needs_fallback(text, font)


def line_width(text: str, font: str, size: float, fonts: FontSet) -> float:
    """Width of ``text`` drawn on one line by ``draw_line`` (plain ``stringWidth`` for text in ``font`` alone)."""
    text = text.replace("\n", " ")
    if not _needs_bidi_text(text, font, fonts):
        return stringWidth(text, font, size)
    bidi = BidiText([Piece(text, font, size)], fonts)
    return _line_width(bidi, bidi.line(0, len(bidi.text)))


def draw_line(canvas: Canvas, x: float, y: float, text: str, font: str, size: float, fonts: FontSet) -> None:
    """``text`` on one line from ``x``, shaped and in visual order if it has right-to-left characters or characters
    only a fallback font draws.

    Other text is drawn with ``canvas.drawString`` exactly as before; the caller sets font and fill colour.
    """
    text = text.replace("\n", " ")
    if not _needs_bidi_text(text, font, fonts):
        canvas.drawString(x, y, text)
        return
    bidi = BidiText([Piece(text, font, size)], fonts)
    text_object = canvas.beginText()
    for run, glyphs, advance in _placed(bidi, bidi.line(0, len(bidi.text))):
        _text_out(text_object, x, y, run.font, bidi.pieces[run.piece], glyphs)
        x += advance
    canvas.drawText(text_object)
