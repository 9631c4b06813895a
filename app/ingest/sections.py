"""Turn a flat run of headings and paragraphs into ordered, uniquely-identified sections.

Every reader produces the same flat stream, so section ids, the lead section
and titles work the same whatever the file format.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from pathlib import Path

from app.core.model import LEAD_ID, Section, Source, slugify
from app.ingest.language import detect_language
from app.text.controls import strip_controls
from app.text.datelines import dateline_outlet, strip_dateline
from app.text.scripts import CASELESS, script_of
from app.text.sentences import shorten, split_sentences

#: "بغداد — " before an Arabic lead: a dateline that app.text.datelines' capital-letter pattern cannot see.
_CASELESS_DATELINE = re.compile(r"^[^\W\d_][^—–\n]{0,40}?\s[—–]\s+")


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
    used_ids: set[str] = set()
    heading: Block | None = None
    paragraphs: list[str] = []
    first_page: int | None = None

    def close() -> None:
        if heading is None and not paragraphs:
            return
        section_id = LEAD_ID if heading is None else _unique(slugify(heading.text), used_ids)
        used_ids.add(section_id)
        sections.append(
            Section(
                id=section_id,
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


def _clean(text: str) -> str:
    return " ".join(strip_controls(text).split())


def clean_blocks(blocks: list[Block]) -> list[Block]:
    """Blocks with control characters and escapes removed and whitespace collapsed; empty ones dropped."""
    cleaned = (replace(block, text=_clean(block.text)) for block in blocks)
    return [block for block in cleaned if block.text]


def _unique(candidate: str, used: set[str]) -> str:
    if candidate == LEAD_ID:
        candidate = f"{LEAD_ID}-section"
    if candidate not in used:
        return candidate
    n = 2
    while f"{candidate}-{n}" in used:
        n += 1
    return f"{candidate}-{n}"


def _strip_caseless_dateline(paragraph: str) -> str:
    if paragraph and script_of(paragraph[0]) in CASELESS:
        return _CASELESS_DATELINE.sub("", paragraph, count=1)
    return paragraph


def title_from_sections(sections: list[Section], fallback: str) -> str:
    """A title for a source that has none: its lead's first sentence, shortened."""
    for section in sections:
        for paragraph in section.paragraphs:
            sentences = split_sentences(_strip_caseless_dateline(strip_dateline(paragraph)))
            if sentences:
                return shorten(sentences[0])
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
    language: str = "",
) -> Source:
    """The Source every reader returns: what the format told us, and the rest worked out from the text.

    A missing title comes from the lead's first sentence, a missing outlet
    from a news dateline, a missing language from the text's script and words.
    Whatever the reader, text and metadata come out without control characters
    or terminal escapes and with whitespace collapsed; a block left empty is dropped.
    """
    blocks = clean_blocks(blocks)
    sections = build_sections(blocks)
    paragraphs = [b.text for b in blocks if not b.is_heading]
    title, outlet, author, date = (_clean(value) for value in (title, outlet, author, date))
    return Source(
        path=str(path),
        title=title or title_from_sections(sections, _clean(path.stem)),
        outlet=outlet or (dateline_outlet(paragraphs[0]) if paragraphs else ""),
        author=author,
        date=date,
        language=language or detect_language("\n".join(paragraphs)),
        format=fmt,
        sections=sections,
    )
