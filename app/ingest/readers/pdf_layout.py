"""From positioned lines of a PDF to headings and paragraphs.

A PDF has no paragraphs or headings, only lines of glyphs at positions in fonts. Headings are lines in a clearly
larger font than the body text, short bold lines at body size or larger, or numbered lines in bold or capitals;
paragraphs end where the gap to the next line is larger than the usual line spacing, where the next line is
indented or starts a list item, or where a short line ends a sentence. Wrapped lines are joined and words
hyphenated across a line or column break are mended. Running headers, footers and page numbers are left out.
"""

from __future__ import annotations

import itertools
import math
import re
import statistics
from bisect import bisect_left, bisect_right
from collections import Counter
from dataclasses import dataclass

from app.ingest.sections import Block


@dataclass(frozen=True)
class Line:
    """One line of text as the PDF draws it; ``y`` grows upwards, as in PDF coordinates."""

    text: str
    page: int
    x: float
    y: float
    size: float
    bold: bool = False


#: A heading's font is at least this much larger than the body font.
HEADING_SIZE_RATIO = 1.15
#: A heading is at most this many lines and words (longer "headings" are emphasised paragraphs).
HEADING_MAX_LINES = 3
HEADING_MAX_WORDS = 25
#: The top of the next column starts at least this many body sizes to the right of the previous line.
COLUMN_BREAK_SHIFT = 8
#: A numbered heading at body size ("II. RELATED WORK") is at most this many words.
NUMBERED_HEADING_MAX_WORDS = 8
#: A gap this many times the usual line spacing starts a new paragraph.
PARAGRAPH_GAP_RATIO = 1.35

#: Baselines at the top and at the bottom of a page where running headers and footers are looked for.
EDGE_BASELINES = 3

_BULLET = re.compile(r"^([•◦▪·●■–*-]|\d{1,2}[.)]|[a-z][.)])\s")
_PAGE_NUMBER = re.compile(r"^[-–—\s]*(page\s*)?\d{1,4}(\s*(of|/)\s*\d{1,4})?[-–—\s]*$", re.I)
_SECTION_NUMBER = re.compile(r"(\d{1,2}(\.\d{1,2})*\.?|[IVXLC]{1,6}\.|[A-H]\.)\s+(?=\w)")
_DIGITS = re.compile(r"\d+")
_NAMES_THE_PAGE = re.compile(r"\bpage #|# (of|/) #")
_SENTENCE_END = (".", "!", "?", ":", '"', "”", "’", "»", ")", "؟", "。")
_HEADING_CLOSING = (".", ",", ";")
_HYPHENATED = re.compile(r"(\w)[-\u00ad]$")


@dataclass(frozen=True)
class Layout:
    """What the document's body text looks like, learned from all its lines."""

    body_size: float
    line_gap: float
    heading_sizes: tuple[float, ...]


def remove_page_furniture(pages: list[list[Line]]) -> list[list[Line]]:
    """Drop page numbers, running headers and footers and printers' proof slugs: lines at the top or bottom of
    the page, set apart from the body text, that are a page number or repeat at the same height on most pages.

    A page number is no larger than the body text (a number in large type is content). A small line repeats with
    the same words, digits aside ("Report 2026 — page 7"). A line larger than the body text or bold must repeat
    word for word, or name the page ("Page 7 of 48 Instructions for Form W-2"), so a heading such as "Annex 4" at
    the top of every page stays. Body text that happens to repeat, or a number alone on a line of a table, is
    never dropped, being neither set apart nor at a fixed height. Nor is a document that would be left with
    nothing (the same line alone on every page).
    """
    layout = learn_layout([line for page in pages for line in page])
    edges = [[(line, *_furniture_keys(line)) for line in _edge_lines(page)] for page in pages]
    enough = max(3, len(pages) // 2) if len(pages) >= 3 else math.inf
    masked = Counter(key for edge in edges for key in {masked for _, masked, _ in edge})
    exact = Counter(key for edge in edges for key in {exact for _, _, exact in edge})

    def furniture(line: Line, masked_key: tuple[str, int], exact_key: tuple[str, int]) -> bool:
        body_size_or_less = line.size <= layout.body_size + 0.5
        if body_size_or_less and _PAGE_NUMBER.match(line.text):
            return True
        if masked[masked_key] < enough:
            return False
        small = body_size_or_less and not line.bold
        return small or exact[exact_key] >= enough or bool(_NAMES_THE_PAGE.search(masked_key[0]))

    kept = []
    for page, edge in zip(pages, edges, strict=True):
        body_heights = sorted(line.y for line in page if _is_body(line, layout.body_size))
        dropped = {
            line
            for line, masked_key, exact_key in edge
            if furniture(line, masked_key, exact_key) and _gap_to_body(line.y, body_heights) > 1.5 * layout.line_gap
        }
        kept.append([line for line in page if line not in dropped] if dropped else page)
    return kept if any(kept) else pages  # what repeats on every page with nothing else is the text itself


def _gap_to_body(y: float, body_heights: list[float]) -> float:
    """Distance to the nearest body baseline more than 1 pt away (infinite when there is none)."""
    below = bisect_left(body_heights, y - 1) - 1
    above = bisect_right(body_heights, y + 1)
    gaps = [y - body_heights[below]] if below >= 0 else []
    gaps += [body_heights[above] - y] if above < len(body_heights) else []
    return min(gaps, default=math.inf)


def _furniture_keys(line: Line) -> tuple[tuple[str, int], tuple[str, int]]:
    """The line's words and height, with digits masked and as they are."""
    words = " ".join(line.text.lower().split())
    height = round(line.y)
    return (_DIGITS.sub("#", words), height), (words, height)


def _edge_lines(page: list[Line]) -> list[Line]:
    """Lines on the three highest and the three lowest baselines of the page (a header may have parts left and
    right, and a proof slug above it)."""
    heights = sorted({round(line.y) for line in page}, reverse=True)
    band = set(heights[:EDGE_BASELINES] + heights[-EDGE_BASELINES:])
    return [line for line in page if round(line.y) in band]


def learn_layout(lines: list[Line]) -> Layout:
    """Body size = the size most characters are set in; line gap = the usual baseline distance of body lines."""
    sizes: Counter[float] = Counter()
    for line in lines:
        sizes[round(line.size * 2) / 2] += len(line.text)
    body_size = sizes.most_common(1)[0][0] if sizes else 10.0
    gaps = [
        above.y - below.y
        for above, below in itertools.pairwise(lines)
        if above.page == below.page
        and _is_body(above, body_size)
        and _is_body(below, body_size)
        and 0 < above.y - below.y < 3 * body_size
    ]
    line_gap = statistics.median(gaps) if gaps else body_size * 1.2
    heading_sizes = sorted(
        {
            round(line.size * 2) / 2
            for line in lines
            if line.size >= body_size * HEADING_SIZE_RATIO or (line.bold and line.size > body_size + 0.75)
        },
        reverse=True,
    )
    return Layout(body_size, line_gap, tuple(heading_sizes))


def _is_body(line: Line, body_size: float) -> bool:
    return abs(line.size - body_size) < 0.75


def heading_level(line: Line, layout: Layout) -> int:
    """1, 2, 3 … by font size (largest first), bold body-size lines one below the smallest size; 0 for body text.

    Larger sizes are headings when set in a clearly larger font, or in bold a little larger (a common H3).
    """
    text = line.text.strip()
    if not any(ch.isalpha() for ch in text) or len(text.split()) > HEADING_MAX_WORDS:
        return 0
    size = round(line.size * 2) / 2
    if size in layout.heading_sizes and (line.bold or line.size >= layout.body_size * HEADING_SIZE_RATIO):
        return min(layout.heading_sizes.index(size) + 1, 6)
    if text.endswith(_HEADING_CLOSING):
        return 0
    if (line.bold and _is_body(line, layout.body_size)) or _numbered_heading(line, text, layout):
        return min(len(layout.heading_sizes) + 1, 6)
    return 0


def _numbered_heading(line: Line, text: str, layout: Layout) -> bool:
    """A numbered section heading set at body size in bold or capitals ("2 Method", "II. RELATED WORK"), as papers
    set them; small capitals come out as capitals a size smaller, so a line down to 70% of the body size counts."""
    match = _SECTION_NUMBER.match(text)
    if match is None or len(text.split()) > NUMBERED_HEADING_MAX_WORDS:
        return False
    if not layout.body_size * 0.7 <= line.size < layout.body_size + 0.75:
        return False
    letters = [char for char in text[match.end() :] if char.isalpha()]
    return line.bold or (len(letters) >= 3 and all(char.isupper() for char in letters))


def to_blocks(lines: list[Line], layout: Layout) -> list[Block]:
    """Group lines into headings and paragraphs, each block carrying the page it starts on."""
    blocks: list[Block] = []
    current = _Run()
    margin = _left_margin(lines, layout)
    for line in lines:
        level = heading_level(line, layout)
        if current.lines and not _continues(current, line, level, layout, margin):
            blocks.append(current.block())
            current = _Run()
        current.add(line, level)
    if current.lines:
        blocks.append(current.block())
    return _split_long_headings(blocks)


class _Run:
    """The lines of the block being built, with its level and its longest line kept up to date as lines come."""

    def __init__(self) -> None:
        self.lines: list[Line] = []
        self.level = 0
        self.longest = 0

    def add(self, line: Line, level: int) -> None:
        if not self.lines:
            self.level = level
        self.lines.append(line)
        self.longest = max(self.longest, len(line.text))

    def block(self) -> Block:
        return Block(join_lines([line.text for line in self.lines]), heading_level=self.level, page=self.lines[0].page)


def _continues(current: _Run, line: Line, level: int, layout: Layout, margin: float) -> bool:
    """Whether ``line`` belongs to the block being built."""
    previous = current.lines[-1]
    if level != current.level:
        return False
    if level:  # a heading wrapped over lines: same level, tight spacing, same page
        tight = 0 < previous.y - line.y < 2 * line.size
        return line.page == previous.page and tight and len(current.lines) < HEADING_MAX_LINES
    if line.page != previous.page or _column_break(previous, line, layout):  # a paragraph running on
        unfinished = not previous.text.rstrip().endswith(_SENTENCE_END) and line.text[:1].islower()
        return unfinished or (_fills_the_line(previous, current) and not _BULLET.match(line.text))
    gap = previous.y - line.y
    if gap <= 0 or gap > layout.line_gap * PARAGRAPH_GAP_RATIO or _BULLET.match(line.text):
        return False
    indented = line.x - margin > layout.body_size and abs(previous.x - margin) < layout.body_size / 2
    if indented and not _BULLET.match(current.lines[0].text):  # a list item's hanging indent is not a new paragraph
        return False
    return not _ends_short_sentence(previous, current)


def _column_break(previous: Line, line: Line, layout: Layout) -> bool:
    """The next line is up and well to the right: the top of the next column."""
    return line.y > previous.y + layout.line_gap and line.x > previous.x + COLUMN_BREAK_SHIFT * layout.body_size


def _fills_the_line(previous: Line, current: _Run) -> bool:
    """A paragraph's last line rarely reaches the right margin, so a full line at a page end means it goes on."""
    return len(current.lines) >= 2 and len(previous.text) >= 0.9 * current.longest


def _ends_short_sentence(previous: Line, current: _Run) -> bool:
    """A line that ends a sentence well before the right margin ends its paragraph (no spacing between paragraphs)."""
    if not previous.text.rstrip().endswith(_SENTENCE_END) or len(current.lines) < 2:
        return False
    return len(previous.text) < 0.7 * current.longest


def _left_margin(lines: list[Line], layout: Layout) -> float:
    xs = Counter(round(line.x) for line in lines if _is_body(line, layout.body_size))
    return float(xs.most_common(1)[0][0]) if xs else 0.0


def join_lines(lines: list[str]) -> str:
    """Join wrapped lines with spaces; a word hyphenated at a line end is mended ("recruit-" + "ment"), and a
    compound broken after its hyphen keeps it ("Iraqi-" + "Russian").

    Only the last two characters joined so far decide, so a paragraph of thousands of lines joins in linear time.
    """
    pieces: list[str] = []
    tail = ""
    for raw in lines:
        line = " ".join(raw.split())
        if not line:
            continue
        if pieces and _HYPHENATED.search(tail):
            if line[:1].islower() or tail.endswith("\u00ad"):
                pieces[-1] = pieces[-1][:-1]
                tail = tail[:-1]
        elif pieces:
            pieces.append(" ")
        pieces.append(line)
        tail = (tail + line)[-2:]
    return "".join(pieces)


def _split_long_headings(blocks: list[Block]) -> list[Block]:
    """A "heading" of many words is an emphasised paragraph (a bold abstract, say), not a section title."""
    return [
        Block(b.text, page=b.page) if b.is_heading and len(b.text.split()) > HEADING_MAX_WORDS else b for b in blocks
    ]


def take_title(blocks: list[Block], layout: Layout) -> tuple[str, list[Block]]:
    """The document's title: the single largest-type heading, if it is on page 1 before any other heading.

    Failing that, a document that opens with a heading on page 1 (a slide deck whose title size comes back on
    later slides) is titled by it, and the heading stays a section's: its lead's first sentence would be a
    reference or a bullet.
    """
    if not layout.heading_sizes:
        return "", blocks
    top = [i for i, b in enumerate(blocks) if b.heading_level == 1]
    first_heading = next((i for i, b in enumerate(blocks) if b.is_heading), None)
    if len(top) == 1 and top[0] == first_heading and blocks[top[0]].page == 1:
        index = top[0]
        return blocks[index].text, blocks[:index] + blocks[index + 1 :]
    if first_heading == 0 and blocks[0].page == 1:
        return blocks[0].text, blocks
    return "", blocks
