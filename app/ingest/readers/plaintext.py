"""Plain-text sources: paragraphs by blank lines or by line, headings by their shape.

News articles saved as text rarely mark headings, so a heading is recognised
by what it looks like: a short, title-cased line without closing punctuation,
followed by body text. Arabic and other scripts without capitals cannot be
title-cased, so there a heading is a short line without closing punctuation
followed by a clearly longer paragraph. A heading-shaped first line followed
by body text is the article's headline: the source's title. Bylines, photo
credits, widget labels, prices and bare numbers are shaped like headings but
are page furniture (app.text.furniture), never headings.
"""

from __future__ import annotations

import re
from pathlib import Path

from app.core.model import Source
from app.ingest.limits import check_lines
from app.ingest.sections import Block, make_source
from app.ingest.textio import read_text
from app.text.furniture import is_furniture
from app.text.scripts import CASELESS, script_counts

_MINOR_WORDS = {
    "a", "an", "and", "as", "at", "but", "by", "for", "from", "in", "into", "of", "on", "or", "over",
    "the", "to", "up", "with", "vs", "via", "after", "amid", "against", "under", "per",
}  # fmt: skip
_CLOSING = (".", ",", ";", ":", "!", '"', "”", "’", "'", ")")
_WORD = re.compile(r"[^\W_][\w'’.,-]*", re.UNICODE)
#: Sentence and clause punctuation of Arabic-script text, plus the Latin marks it shares.
_CASELESS_PUNCTUATION = (".", "،", "؛", "؟", "!", ":", "?", ",", ";", "«", "»", '"', "”")
_CASELESS_MAX_WORDS = 12


def split_paragraphs(text: str) -> list[str]:
    """Paragraphs of a text file, whether it puts one per line or wraps them between blank lines."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    chunks = [c for c in re.split(r"\n[ \t]*\n", text) if c.strip()]
    wrapped = any(len([ln for ln in c.splitlines() if ln.strip()]) > 1 for c in chunks) and len(chunks) > 1
    paragraphs: list[str] = []
    for chunk in chunks:
        lines = [" ".join(ln.split()) for ln in chunk.splitlines() if ln.strip()]
        if wrapped and not _starts_with_heading(lines):
            paragraphs.append(" ".join(lines))
        elif wrapped:
            paragraphs.append(lines[0])
            if len(lines) > 1:
                paragraphs.append(" ".join(lines[1:]))
        else:
            paragraphs.extend(lines)
    return paragraphs


def _starts_with_heading(lines: list[str]) -> bool:
    return len(lines) > 1 and looks_like_heading(lines[0])


def looks_like_heading(line: str) -> bool:
    """Short, no closing punctuation, title-cased or in capitals (or in a script without case), and not furniture."""
    line = line.strip()
    if len(line) > 110:  # longer than any heading in either branch: skip counting scripts letter by letter
        return False
    if is_furniture(line):
        return False
    if is_caseless(line):
        return _looks_like_caseless_heading(line)
    words = _WORD.findall(line)
    if not words or len(words) > 14 or len(line) > 110 or line.endswith(_CLOSING):
        return False
    if line.startswith(("-", "*", "•", "“", '"')):
        return False
    significant = [w for w in words if w.lower() not in _MINOR_WORDS]
    if not significant:
        return False
    capitalised = sum(1 for w in significant if w[0].isupper() or w[0].isdigit())
    starts_well = words[0][0].isupper() or words[0][0].isdigit()
    return starts_well and capitalised / len(significant) >= 0.75


def is_caseless(line: str) -> bool:
    """Whether most of the line's letters belong to scripts without capitals (Arabic, Hebrew, CJK …)."""
    if line.isascii():  # Latin letters, or none: no need to count them one by one
        return False
    counts = script_counts(line)
    total = sum(counts.values())
    return total > 0 and sum(n for script, n in counts.items() if script in CASELESS) > total / 2


def _looks_like_caseless_heading(line: str) -> bool:
    """A short line with no sentence punctuation anywhere (a heading has no clauses) and not a list item."""
    words = line.split()
    if not words or len(words) > _CASELESS_MAX_WORDS or len(line) > 90:
        return False
    if line.startswith(("-", "*", "•", "“", '"', "«")):
        return False
    return not any(mark in line for mark in _CASELESS_PUNCTUATION)


def _body_follows(heading: str, following: str) -> bool:
    """Without capitals to go by, the text after a heading must be clearly longer than the heading itself."""
    if not is_caseless(heading):
        return True
    return len(following.split()) >= max(2 * len(heading.split()), _CASELESS_MAX_WORDS)


def detect_blocks(paragraphs: list[str]) -> list[Block]:
    """Mark headings: a heading-shaped paragraph that is not the first and is followed by body text."""
    blocks: list[Block] = []
    for index, paragraph in enumerate(paragraphs):
        following = paragraphs[index + 1] if index + 1 < len(paragraphs) else None
        is_heading = (
            index > 0
            and following is not None
            and looks_like_heading(paragraph)
            and not looks_like_heading(following)
            and _body_follows(paragraph, following)
        )
        blocks.append(Block(paragraph, heading_level=1 if is_heading else 0))
    return blocks


def split_title(paragraphs: list[str]) -> tuple[str, list[str]]:
    """A headline on the first line (heading-shaped, body text after it) is the title, not part of the lead.

    Every paragraph is kept: either as the title or in the list returned.
    """
    if len(paragraphs) > 1:
        first, second = paragraphs[0], paragraphs[1]
        if looks_like_heading(first) and not looks_like_heading(second) and _body_follows(first, second):
            return first, paragraphs[1:]
    return "", paragraphs


def read_plaintext(path: Path) -> Source:
    """A headline before the text becomes the title; the dateline outlet comes from the first body paragraph.

    Lines are counted before any is split off, so a file of millions of one-letter lines is refused, not held.
    """
    text = read_text(path)
    check_lines(path, text)
    title, paragraphs = split_title(split_paragraphs(text))
    return make_source(path, "text", detect_blocks(paragraphs), title=title)
