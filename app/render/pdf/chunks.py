"""Very long paragraphs in the PDF: laid out in linear time, and exactly as reportlab lays out one paragraph.

reportlab breaks a paragraph into lines every time it is wrapped, and a
paragraph continuing over many pages is wrapped again on each, all of its
rest; breaking itself costs more than the paragraph's length (a ``pop(0)`` per
word).  A paragraph of 40,000 words took 35 s, one of 150,000 several minutes.
So a long paragraph becomes consecutive *chunks* of whole lines:

1. its text is broken into lines a group of about ``GROUP_WORDS`` words at a
   time.  A group ends between words, so all its lines but the last are lines
   of the whole paragraph (greedy breaking: a line depends only on where it
   starts); the next group starts where that last line did;
2. those lines are cut into chunks of about ``CHUNK_WORDS`` words, each made as
   reportlab makes the rest of a paragraph after a page break
   (``Paragraph.split``), so it breaks into the same lines again;
3. the chunks fit without a seam: the space before, the first line's indent
   and the bullet stay with the first chunk, the space after and the widow
   rule with the last; later chunks may start at the foot of a page (the
   orphan rule is about a paragraph's first line); and a cut is made only
   before a line whose text size, which places its baseline, is the first
   line's.

If a group's lines do not account for every character of its text (a
character reportlab drops or adds), the paragraph is broken in one go instead:
slower, still exact.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable
from itertools import accumulate, islice, pairwise
from typing import Any

from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import Flowable, Paragraph
from reportlab.platypus.paragraph import ParaLines

from app.render.pdf.inline import Segment
from app.render.pdf.outline import OutlineEntry

#: A paragraph of more than three times this many words is laid out in chunks of about this many words.
CHUNK_WORDS = 300
#: Words broken into lines at a time.
GROUP_WORDS = 2000
#: What reportlab treats as space between words (its ``_wsc``): not counted when matching lines to text.
_SPACE = re.compile("[^\\S\xa0]|[\u200b\xad]")
_SHOWN = re.compile("[^\\s\u200b\xad]|\xa0")
#: Where a group may end: the start of a run of spaces or line breaks.
_GAP = re.compile("[ \n]+")
#: A Paragraph's ``frags``: parsed fragments, or in a part made by a split the "frag words" of its lines
#: (``[width, (frag, text), …]``).  reportlab's stubs know only the first.
Frags = list[Any]


class BriefParagraph(Paragraph):
    """A reportlab Paragraph whose parts either side of a page break keep the lines the paragraph had.

    reportlab lays out the part before the break again from its words, which end before the line break
    (``<br/>``) that ended its last line, so an empty last line is lost; and it starts the part after the
    break with that line break, which it lays out as an empty first line: a code block continued on the
    next page would begin with a blank line.  The line break moves from the second part to the first.
    """

    #: Set on a heading, for the PDF outline.
    outline_entry: OutlineEntry | None = None
    # What reportlab's Paragraph sets and its stubs leave out (or type too narrowly): the lines of the last
    # wrap, and the function that makes a part's frags from them.
    frags: Frags
    blPara: ParaLines
    _get_split_blParaFunc: Callable[[], Callable[[ParaLines, int, int], Frags]]

    #: The last wrap: the width given, the lines and the size they made.
    _wrapped: tuple[float, ParaLines, float, float] | None = None

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        """Break into lines, unless already broken for this width: lines depend on the width alone, and reportlab
        measures a paragraph several times (kept with the next, tried in a frame, laid out again in a box that
        continues on the next page).  A long paragraph's chunks still to come keep their lines the same way."""
        if self._wrapped is not None and self._wrapped[0] == availWidth:
            _, self.blPara, self.width, self.height = self._wrapped
            return self.width, self.height
        width, height = super().wrap(availWidth, availHeight)
        if hasattr(self, "blPara"):  # not when the width is too small to break at all
            self._wrapped = (availWidth, self.blPara, width, height)
        return width, height

    def split(self, availWidth: float, availHeight: float) -> list[Flowable]:
        parts = super().split(availWidth, availHeight)
        match parts:
            case [BriefParagraph() as first, BriefParagraph() as rest]:  # reportlab makes parts as self.__class__
                closing = _closing_break(self, len(first.blPara.lines))
                if closing is not None:
                    first.frags.append(closing)
                    if len(rest.frags) > 1:  # else the rest is the empty line after the break
                        del rest.frags[0]
        return parts


def part_frags(para: BriefParagraph, start: int, stop: int) -> Frags:
    """Frags for lines ``start``–``stop`` of the broken ``para`` as a paragraph of their own (as BriefParagraph)."""
    frags = para._get_split_blParaFunc()(para.blPara, start, stop)
    if start and _closing_break(para, start) is not None and len(frags) > 1:
        del frags[0]
    closing = _closing_break(para, stop)
    if closing is not None:
        frags.append(closing)
    return frags


def _closing_break(para: BriefParagraph, line: int) -> list[Any] | None:
    """The line break (a word of the broken ``para``'s frags) that ended line ``line - 1``, if one did.

    reportlab notes where each line starts in those words (``sFW``): at the word that ended the line
    before, which is the line's first word unless it is a line break.
    """
    lines = para.blPara.lines
    if not 0 < line < len(lines) or not hasattr(lines[line], "sFW"):
        return None
    word = para.frags[lines[line].sFW]
    is_word = isinstance(word, list) and word and isinstance(word[0], (int, float))
    if is_word and len(word) > 1 and all(getattr(frag, "lineBreak", False) for frag, _ in word[1:]):
        return word
    return None


class ParagraphChunk(BriefParagraph):
    """Part of a long paragraph (it keeps its lines for the width it was last given, as every BriefParagraph)."""

    #: Whether the next flowable is the next chunk of the same paragraph.
    continued = False


def chunk_paragraph(segments: list[Segment], style: ParagraphStyle, bullet: str | None, width: float) -> list[Flowable]:
    """The paragraph of ``segments`` as chunks, for a frame or cell ``width`` wide."""
    pieces = _pieces(segments, style, bullet, width, GROUP_WORDS)
    if pieces is None:
        pieces = _pieces(segments, style, bullet, width, None)
    assert pieces is not None
    first = ParagraphStyle(f"{style.name}-first", parent=style, spaceAfter=0, allowWidows=1, keepWithNext=0)
    middle = ParagraphStyle(f"{style.name}-middle", parent=first, spaceBefore=0, firstLineIndent=0, allowOrphans=1)
    last = ParagraphStyle(f"{style.name}-last", parent=style, spaceBefore=0, firstLineIndent=0, allowOrphans=1)
    chunks: list[Flowable] = []
    for number, (para, start, stop) in enumerate(pieces):
        chunk_style = first if number == 0 else last if number == len(pieces) - 1 else middle
        frags = part_frags(para, start, stop)
        # no text with frags, as reportlab's own split makes a part (its stubs want a str)
        chunk = ParagraphChunk(None, chunk_style, bulletText=bullet if number == 0 else None, frags=frags)  # type: ignore[arg-type]
        chunk.continued = number < len(pieces) - 1
        chunks.append(chunk)
    return chunks


def _pieces(
    segments: list[Segment],
    style: ParagraphStyle,
    bullet: str | None,
    width: float,
    group_words: int | None,
) -> list[tuple[BriefParagraph, int, int]] | None:
    """Chunks as (broken paragraph, first line, end line), breaking ``group_words`` at a time (None: all at once).

    None if a group's lines and text disagree.
    """
    text = "".join(s.text for s in segments)
    offsets = [0, *accumulate(len(s.text) for s in segments)]
    gaps = [m.start() for m in _GAP.finditer(text)]
    rest = ParagraphStyle(f"{style.name}-rest", parent=style, firstLineIndent=0)
    pieces: list[tuple[BriefParagraph, int, int]] = []
    start, first_size = 0, None
    while True:
        end = len(text)
        if group_words is not None:
            after = bisect.bisect_right(gaps, start) + group_words
            end = gaps[after] if after < len(gaps) else len(text)
        para = BriefParagraph(
            _markup(segments, offsets, start, end),
            style if start == 0 else rest,
            bulletText=bullet if start == 0 else None,
        )
        para.wrap(width, 1e9)
        lines = para.blPara.lines
        sizes = [getattr(line, "fontSize", getattr(para.blPara, "fontSize", style.fontSize)) for line in lines]
        shown = _shown_per_line(para)
        if group_words is not None and sum(shown) != _shown(text[start:end]):
            return None
        first_size = sizes[0] if first_size is None else first_size

        keep = len(lines)
        if end < len(text):
            # The last line may go on with the next group's words: it starts the next group, or an earlier one
            # does if its size differs or it is empty (between two line breaks: no group's text starts so).
            keep = next((n for n in range(len(lines) - 1, 0, -1) if sizes[n] == first_size and shown[n]), 0)
            if not keep:
                return None
        group = bisect.bisect_left(gaps, end) - bisect.bisect_left(gaps, start) + 1  # its words
        per_chunk = max(2, len(lines) * CHUNK_WORDS // group)
        cuts = [0]
        for n in range(per_chunk, keep):
            if n - cuts[-1] >= per_chunk and sizes[n] == first_size:
                cuts.append(n)
        pieces += [(para, a, b) for a, b in pairwise([*cuts, keep])]
        if end == len(text):
            return pieces
        start = _after_shown(text, start, sum(shown[:keep]))


def _markup(segments: list[Segment], offsets: list[int], start: int, end: int) -> str:
    """Markup for characters ``start``–``end`` of the segments' text."""
    parts = []
    for index in range(max(0, bisect.bisect_right(offsets, start) - 1), len(segments)):
        offset = offsets[index]
        if offset >= end:
            break
        segment = segments[index]
        if segment.text and offset + len(segment.text) > start:
            parts.append(segment.markup(max(0, start - offset), end - offset))
    return "".join(parts)


def _shown(text: str) -> int:
    """Characters of ``text`` that are not space between words."""
    return len(text) - len(_SPACE.findall(text))


def _shown_per_line(para: BriefParagraph) -> list[int]:
    """Characters, not counting spaces, in each line of a broken paragraph."""
    if para.blPara.kind == 0:
        return [sum(_shown(word) for word in words) for _, words in para.blPara.lines]
    return [sum(_shown(getattr(word, "text", "")) for word in line.words) for line in para.blPara.lines]


def _after_shown(text: str, start: int, count: int) -> int:
    """Position in ``text`` of the first character after ``count`` shown characters from ``start``."""
    shown = next(islice(_SHOWN.finditer(text, start), count, None), None)
    return shown.start() if shown else len(text)
