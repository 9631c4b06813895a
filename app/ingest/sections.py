"""Turn a flat run of headings and paragraphs into ordered, uniquely-identified sections.

Every reader produces the same flat stream, so section ids, the lead section
and titles work the same whatever the file format.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, replace
from pathlib import Path

from app.core.model import LEAD_ID, Section, Source
from app.ingest.figures import FoundFigure, source_figures
from app.ingest.invisible import has_visible_text, without_direction_controls
from app.ingest.limits import Tally, shorten_field
from app.text.controls import strip_controls
from app.text.datelines import dateline_outlet, strip_dateline
from app.text.furniture import is_furniture, is_gallery_caption
from app.text.language import detect_language
from app.text.scripts import CASELESS, script_of
from app.text.sentences import shorten, split_sentences
from app.text.slug import slugify

#: "بغداد — " before an Arabic lead: a dateline that app.text.datelines' capital-letter pattern cannot see.
_CASELESS_DATELINE = re.compile(r"^[^\W\d_][^—–\n]{0,40}?\s[—–]\s+")
#: A derived title of fewer words (and characters: Chinese and Japanese have no spaces) is an abbreviation or
#: an initial the sentence splitter cut at ("Ex-Gov.", "Kevin C."), not a sentence.
_WEB_ADDRESS = re.compile(r"^https?://[^\s/?#]+[^\s]*$", re.IGNORECASE)
_URL_MAX = 500
_TITLE_MIN_WORDS = 3
_TITLE_MIN_CHARS = 30


@dataclass(frozen=True)
class Block:
    """One heading or paragraph as a reader found it."""

    text: str
    heading_level: int = 0
    page: int | None = None

    @property
    def is_heading(self) -> bool:
        return self.heading_level > 0


def build_sections(blocks: list[Block]) -> list[Section]:
    """Group paragraphs under the heading before them; text before any heading is the lead."""
    sections: list[Section] = []
    ids = _SectionIds()
    heading: Block | None = None
    paragraphs: list[str] = []
    first_page: int | None = None

    def close() -> None:
        if heading is None and not paragraphs:
            return
        sections.append(
            Section(
                id=LEAD_ID if heading is None else ids.claim(slugify(heading.text)),
                heading=heading.text if heading else "",
                level=heading.heading_level if heading else 1,
                paragraphs=list(paragraphs),
                page=heading.page if heading and heading.page else first_page,
            )
        )

    for block in blocks:
        if block.is_heading:
            close()
            heading, paragraphs, first_page = block, [], block.page
        else:
            if not paragraphs and first_page is None:
                first_page = block.page
            paragraphs.append(block.text)
    close()
    return sections


class _SectionIds:
    """Unique ids in the order headings come: a repeated heading's slug gets -2, -3 …

    Each slug remembers the next number to try, so a thousand identical headings cost a thousand steps, not
    half a million; a number already taken by another heading ("Same 2" → same-2) is skipped.
    """

    def __init__(self) -> None:
        self._used: set[str] = set()
        self._next: dict[str, int] = {}

    def claim(self, slug: str) -> str:
        if slug == LEAD_ID:
            slug = f"{LEAD_ID}-section"
        candidate = slug
        if candidate in self._used:
            number = self._next.get(slug, 2)
            while f"{slug}-{number}" in self._used:
                number += 1
            self._next[slug] = number + 1
            candidate = f"{slug}-{number}"
        self._used.add(candidate)
        return candidate


def web_address(url: str) -> str:
    """A page's address as the page gives it, if it is a plain http(s) URL of sane length; "" otherwise."""
    url = _clean(url)
    return url if _WEB_ADDRESS.match(url) and len(url) <= _URL_MAX else ""


def _clean(text: str) -> str:
    return " ".join(without_direction_controls(strip_controls(text)).split())


def clean_blocks(blocks: list[Block]) -> list[Block]:
    """Blocks without control characters, escapes or direction overrides, whitespace collapsed; blocks with
    nothing visible left (empty, or only zero-width characters) are dropped."""
    cleaned = (replace(block, text=_clean(block.text)) for block in blocks)
    return [block for block in cleaned if has_visible_text(block.text)]


def check_size(path: Path, blocks: list[Block]) -> None:
    """Refuse more headings or paragraphs than limits allow, before any Section is built."""
    tally = Tally(path)
    for block in blocks:
        tally.count(heading=block.is_heading)


def _strip_caseless_dateline(paragraph: str) -> str:
    if paragraph and script_of(paragraph[0]) in CASELESS:
        return _CASELESS_DATELINE.sub("", paragraph, count=1)
    return paragraph


def _article_paragraphs(paragraphs: Iterable[str]) -> Iterator[str]:
    """The paragraphs that are the article's own, bylines, credits and gallery captions left out (lazily: only
    the first few are ever looked at)."""
    return (p for p in paragraphs if not (is_furniture(p) or is_gallery_caption(p)))


def _language_sample(blocks: list[Block], paragraphs: list[str]) -> str:
    """The text a source's language is told from: its paragraphs, as headings are often in another language
    (English section names over foreign text), unless headings hold most of the text, as on slides, whose
    paragraphs may be only references."""
    headings = [b.text for b in blocks if b.is_heading]
    if sum(map(len, headings)) > sum(map(len, paragraphs)):
        return "\n".join(headings + paragraphs)
    return "\n".join(paragraphs)


def title_from_sections(sections: list[Section], fallback: str) -> str:
    """A title for a source that has none: its lead's first sentence, shortened.

    Page furniture (a byline, a photo credit, a gallery caption) is skipped while there is other text, and a
    first sentence of a word or two takes the next ones with it: the splitter cut at an abbreviation or an
    initial, not at a sentence end.
    """
    paragraphs = [p for section in sections for p in section.paragraphs]
    for paragraph in itertools.chain(_article_paragraphs(paragraphs), paragraphs):
        sentences = split_sentences(_strip_caseless_dateline(strip_dateline(paragraph)))
        if sentences:
            title = sentences[0]
            for sentence in sentences[1:]:
                if len(title.split()) >= _TITLE_MIN_WORDS or len(title) >= _TITLE_MIN_CHARS:
                    break
                title = f"{title} {sentence}"
            return shorten(title)
    return fallback


def make_source(
    path: Path,
    fmt: str,
    blocks: list[Block],
    *,
    title: str = "",
    outlet: str = "",
    author: str = "",
    date: str = "",
    url: str = "",
    language: str = "",
    figures: Sequence[FoundFigure] = (),
    warnings: Sequence[str] = (),
) -> Source:
    """The Source every reader returns: what the format told us, and the rest worked out from the text.

    A missing title comes from the lead's first sentence, a missing outlet
    from a news dateline (both after any page furniture), a missing language
    from the text's script and words.
    Whatever the reader, text and metadata come out without control characters,
    terminal escapes or direction overrides and with whitespace collapsed, and its
    ``figures`` are checked and placed in their sections (app.ingest.figures); a
    block with nothing visible is dropped, metadata is cut to a readable length,
    and a source with more headings or paragraphs than ``limits`` allows is refused.
    """
    blocks = clean_blocks(blocks)
    check_size(path, blocks)
    sections = build_sections(blocks)
    paragraphs = [b.text for b in blocks if not b.is_heading]
    title, outlet, author, date = (shorten_field(_clean(value)) for value in (title, outlet, author, date))
    return Source(
        path=str(path),
        title=title or title_from_sections(sections, _clean(path.stem)),
        outlet=outlet or dateline_outlet(next(_article_paragraphs(paragraphs), "")),
        author=author,
        date=date,
        url=web_address(url),
        language=shorten_field(_clean(language), 35) or detect_language(_language_sample(blocks, paragraphs)),
        format=fmt,
        sections=sections,
        figures=source_figures(figures, sections),
        warnings=list(warnings),
    )
