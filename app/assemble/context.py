"""What a template sees: plain, read-only views of the brief, numbered for citation.

Templates get these views rather than the pydantic models so they can only
read, and so numbering (sources in order of first use) is done once, here.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field

from app.core.clock import build_time
from app.core.errors import SelectionError
from app.core.model import ROLE_LABELS, BriefProject, Section, SectionItem, Source, SourcedItem
from app.text.controls import readable
from app.text.datelines import strip_dateline
from app.text.dates import format_date
from app.text.sentences import first_sentences, split_sentences


@dataclass(frozen=True)
class SourceView:
    number: int
    title: str
    outlet: str
    author: str
    date: str
    file_name: str
    format: str


@dataclass(frozen=True)
class ItemView:
    number: int
    heading: str
    paragraphs: list[str]
    note: str
    role: str
    role_label: str
    source: SourceView
    section_id: str
    page: int | None
    edited: bool

    @property
    def text(self) -> str:
        return "\n\n".join(self.paragraphs)

    @property
    def first_sentence(self) -> str:
        for paragraph in self.paragraphs:
            sentences = split_sentences(strip_dateline(paragraph))
            if sentences:
                return sentences[0]
        return ""


@dataclass(frozen=True)
class QuoteView:
    text: str
    speaker: str
    item: ItemView


@dataclass
class BriefContext:
    meta: dict[str, str]
    items: list[ItemView]
    sources: list[SourceView]
    summary: str
    roles: dict[str, list[ItemView]] = field(default_factory=dict)

    def text_size(self) -> int:
        """Characters of text in the brief: the limits on what its template may write grow with this."""
        items = sum(len(i.heading) + len(i.note) + sum(map(len, i.paragraphs)) for i in self.items)
        sources = sum(len(s.title + s.outlet + s.author + s.date + s.file_name) for s in self.sources)
        return sum(map(len, self.meta.values())) + len(self.summary) + items + sources


def resolve(item: SourcedItem, sources: Mapping[str, Source]) -> tuple[Source, Section]:
    source = sources.get(item.source)
    if source is None:
        raise SelectionError(f"the brief refers to a source that is not loaded: {item.source}")
    section = source.section(item.section_id)
    if section is None:
        raise SelectionError(f"{source.path}: no section {item.section_id!r} (see `briefgen inspect`)")
    return source, section


def _paragraphs(text: str) -> list[str]:
    return [" ".join(p.split()) for p in re.split(r"\n\s*\n", text) if p.strip()]


def today() -> str:
    return format_date(build_time().date())


def build_context(project: BriefProject, sources: Mapping[str, Source]) -> BriefContext:
    source_views: dict[str, SourceView] = {}
    items: list[ItemView] = []
    for number, item in enumerate(project.items, start=1):
        if not isinstance(item, SectionItem):
            continue
        source, section = resolve(item, sources)
        if source.path not in source_views:
            source_views[source.path] = SourceView(
                number=len(source_views) + 1,
                title=source.title,
                outlet=source.outlet,
                author=source.author,
                date=source.date,
                file_name=readable(source.path.replace("\\", "/").rsplit("/", 1)[-1]),
                format=source.format,
            )
        items.append(
            ItemView(
                number=number,
                heading=section.heading or "Overview",
                paragraphs=_paragraphs(item.text) if item.text is not None else item.source_paragraphs(section),
                note=item.note.strip(),
                role=item.role,
                role_label=ROLE_LABELS[item.role],
                source=source_views[source.path],
                section_id=section.id,
                page=section.page,
                edited=item.text is not None,
            )
        )
    meta = {key: value.strip() for key, value in project.meta.model_dump().items()}  # "  " is no author
    meta["date"] = meta["date"] or today()
    return BriefContext(
        meta=meta,
        items=items,
        sources=list(source_views.values()),
        summary=project.meta.summary.strip() or _lead_summary(project, sources),
        roles={role: [i for i in items if i.role == role] for role in ROLE_LABELS},
    )


def _lead_summary(project: BriefProject, sources: Mapping[str, Source]) -> str:
    """With no summary written, the first sentences of the first chosen source's lead stand in."""
    for item in project.items:
        source = sources.get(item.source) if isinstance(item, SectionItem) else None
        if source and source.sections:
            lead = source.sections[0]
            if lead.paragraphs:
                return first_sentences(lead.paragraphs[0], 2)
    return ""
