"""Reading order on two-column pages: the left column top to bottom, then the right.

Content order is drawing order, and some layout programs draw a two-column page row by row across both columns,
so read as drawn the columns interleave line by line. A page is taken for two columns when many lines of text
start at each of two left edges far apart and the two runs of lines sit beside each other. Lines above the
columns (a title across the page) come first; within a column the drawing order is kept.
"""

from __future__ import annotations

from collections import Counter

from app.ingest.readers.pdf_layout import Line

#: Each column has at least this many lines, and at least this share of the page's lines.
MIN_COLUMN_LINES = 5
MIN_COLUMN_SHARE = 0.2
#: The two columns' left edges are at least this far apart (points): a narrow column is a fifth of A4.
MIN_COLUMN_DISTANCE = 120.0
#: Lines of a column of text average at least this many characters (a form's labels and values do not).
MIN_COLUMN_CHARS = 25
#: Left edges within this many points are one edge (justified text, small indents).
_EDGE_BUCKET = 6.0


def in_reading_order(page: list[Line]) -> list[Line]:
    """The page's lines, the right column moved after the left one when the page has two columns."""
    split = _column_split(page)
    if split is None:
        return page
    left = [line for line in page if line.x < split]
    right = [line for line in page if line.x >= split]
    top = max(line.y for line in right)
    above = [line for line in left if line.y > top + 1]
    return above + [line for line in left if line.y <= top + 1] + right


def _column_split(page: list[Line]) -> float | None:
    """The x from which lines belong to the right column, or None for a page of one column."""
    if len(page) < 2 * MIN_COLUMN_LINES:
        return None
    edges = Counter(round(line.x / _EDGE_BUCKET) for line in page)
    needed = max(MIN_COLUMN_LINES, MIN_COLUMN_SHARE * len(page))
    common = sorted(bucket * _EDGE_BUCKET for bucket, count in edges.items() if count >= needed)
    if len(common) < 2 or common[-1] - common[0] < MIN_COLUMN_DISTANCE:
        return None
    split = common[-1] - _EDGE_BUCKET
    left = [line for line in page if line.x < split]
    right = [line for line in page if line.x >= split]
    if not (_is_text_column(left) and _is_text_column(right)):
        return None
    side_by_side = min(line.y for line in left) < max(line.y for line in right) - _EDGE_BUCKET
    return split if side_by_side else None


def _is_text_column(lines: list[Line]) -> bool:
    return len(lines) >= MIN_COLUMN_LINES and sum(len(line.text) for line in lines) >= MIN_COLUMN_CHARS * len(lines)
