"""Text with right-to-left characters in the PDF: Arabic shaped by HarfBuzz, every line in visual order.

reportlab lays text out left to right.  Its ``shaping=1`` joins Arabic
letters word by word, but without its ``rlbidi`` extra (not installable) it
never reorders: punctuation and embedded Latin land on the wrong side, and it
switches on discretionary ligatures for Latin text too.  So a paragraph that
holds right-to-left characters, or characters only a fallback font has, is laid
out from a ``BidiText``; every other paragraph from a ``PlainText``
(``paragraph_text``), which pays for none of this.

A BidiText works on the logical text:

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

import re
import threading
from functools import lru_cache

import uharfbuzz as hb
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfbase.ttfonts import ShapeData, ShapedStr
from reportlab.pdfgen.canvas import Canvas

from app.render.pdf.fonts import FontSet, cmap, registered_font
from app.render.pdf.paragraph_text import (
    ParagraphText,
    Piece,
    RunWriter,
    Shaped,
    TextRun,
    placed,
    plain,
    runs_width,
)
from app.text.bidi import (
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


# -- the paragraph's text -----------------------------------------------------------------------------------------


class BidiText(ParagraphText):
    """One paragraph's characters, their pieces, fonts and levels: worked out once, shared by split parts."""

    def __init__(self, pieces: list[Piece], fonts: FontSet) -> None:
        super().__init__(pieces)
        spans = enumerate(zip(self.starts, self.ends, strict=True))
        self.owners = [n for n, (start, end) in spans for _ in range(end - start)]
        self.rtl = is_rtl(self.text)
        # A line break is a break inside the paragraph, not the end of one: for the algorithm, a space.
        self.levels = embedding_levels(self.text.replace("\n", " "), self.rtl)
        #: Faces whose runs HarfBuzz shapes: Arabic and fallback ones; the rest is drawn as reportlab draws it.
        self.shaped_fonts: set[str] = set()
        self.fonts = self._fonts(fonts)

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

    def runs(self, start: int, end: int, levels: list[int]) -> list[TextRun]:
        """``start``–``end`` cut where the piece, font or level (``levels``, one per character) changes."""
        runs: list[TextRun] = []
        run_start = start
        for index in range(start + 1, end + 1):
            if index < end and self._same_run(run_start, index, levels[run_start - start], levels[index - start]):
                continue
            owner, font, level = self.owners[run_start], self.fonts[run_start], levels[run_start - start]
            runs.append(TextRun(run_start, index, owner, font, level))
            run_start = index
        return runs

    def _same_run(self, first: int, other: int, first_level: int, other_level: int) -> bool:
        return (
            first_level == other_level
            and self.owners[first] == self.owners[other]
            and self.fonts[first] == self.fonts[other]
        )

    def glyphs(self, run: TextRun) -> Shaped:
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

    def line(self, start: int, end: int) -> list[tuple[TextRun, Shaped]]:
        """The runs of one line in visual order, with their glyphs."""
        levels = line_levels(self.text, self.levels, start, end, self.rtl)
        runs = self.runs(start, end, levels)
        return [(runs[i], self.glyphs(runs[i])) for i in visual_order([r.level for r in runs])]


# -- single lines (page furniture) --------------------------------------------------------------------------------


def _needs_bidi_text(text: str, font: str, fonts: FontSet) -> bool:
    return has_rtl(text) or fonts.needs_fallback(text, font)


def line_width(text: str, font: str, size: float, fonts: FontSet) -> float:
    """Width of ``text`` drawn on one line by ``draw_line`` (plain ``stringWidth`` for text in ``font`` alone)."""
    text = text.replace("\n", " ")
    if not _needs_bidi_text(text, font, fonts):
        return stringWidth(text, font, size)
    bidi = BidiText([Piece(text, font, size)], fonts)
    return runs_width(bidi, bidi.line(0, len(bidi.text)))


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
    writer = RunWriter(text_object)
    for run, glyphs, advance in placed(bidi, bidi.line(0, len(bidi.text))):
        writer.write(x, y, run.font, bidi.pieces[run.piece], glyphs)
        x += advance
    canvas.drawText(text_object)
