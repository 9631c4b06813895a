"""Selection: turn loaded sources and a user's choice of sections into a BriefProject.

The CLI's ``--sections`` and the GUI's check boxes end here, so both build
projects the same way (the lead is background, the rest discussion).
"""

from __future__ import annotations

from collections.abc import Iterable

from app.brief.records import source_record
from app.core.errors import SelectionError
from app.core.model import BriefItem, BriefMeta, BriefProject, Section, SectionItem, Source


def numbered_sections(sources: Iterable[Source]) -> list[tuple[int, Source, Section]]:
    """Sections numbered continuously across sources, as ``briefgen inspect`` prints them."""
    listing: list[tuple[int, Source, Section]] = []
    for source in sources:
        for section in source.sections:
            listing.append((len(listing) + 1, source, section))
    return listing


def item_for(source: Source, section: Section) -> SectionItem:
    return SectionItem(
        source=source.path, section_id=section.id, role="background" if section.is_lead else "discussion"
    )


def pick_sections(sources: list[Source], specs: list[str]) -> list[BriefItem]:
    """Items for ``specs`` in the order given: section ids, or numbers from ``briefgen inspect``."""
    listing = numbered_sections(sources)
    items: list[BriefItem] = []
    specs = [s.strip() for s in specs if s.strip()]
    if not specs:
        raise SelectionError("no sections named; give section ids or numbers (see `briefgen inspect`)")
    for spec in specs:
        matches = [(src, sec) for _, src, sec in listing if sec.id == spec]
        if not matches and spec.isascii() and spec.isdigit():  # an id wins over a number: a heading may be "2024"
            matches = [(src, sec) for n, src, sec in listing if n == int(spec)]
        if not matches:
            known = ", ".join(sec.id for _, _, sec in listing)
            raise SelectionError(
                f"unknown section {spec!r}; known sections: {known} (or their numbers 1–{len(listing)})"
            )
        if len(matches) > 1:
            raise SelectionError(f"section id {spec!r} is in several sources; use its number from `briefgen inspect`")
        items.append(item_for(*matches[0]))
    return items


def default_title(sources: list[Source]) -> str:
    """The first source's headline; "" when none has one (a title made from a cut sentence ends in "…").

    With no title, the assembled brief takes the first heading of its sections,
    so a reader never sees a truncated sentence or "Brief from 2 sources".
    """
    return next((s.title for s in sources if s.title and not s.title.endswith("…")), "")


def project_from_sources(sources: list[Source], section_specs: list[str] | None = None, **meta: str) -> BriefProject:
    """A project over ``sources``: every section, or those named, in the order named."""
    if section_specs:
        items = pick_sections(sources, section_specs)
    else:
        items = [item_for(src, sec) for src in sources for sec in src.sections if sec.paragraphs]
    fields = {k: v for k, v in meta.items() if v is not None}
    fields.setdefault("title", default_title(sources))
    records = {s.path: source_record(s) for s in sources}
    return BriefProject(
        meta=BriefMeta(**fields), sources=[s.path for s in sources], items=items, source_records=records
    )
