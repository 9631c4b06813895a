"""Editing a BriefProject in place: the small, pure operations behind every GUI command.

The desktop's undo commands call these, so the rules (a whole section at most
once, where a moved item lands, which fields each kind of item has and which
roles exist, how an edit that matches the source again stops counting as an
edit) live in the core, are tested without Qt, and serve any other front end
the same way.
"""

from __future__ import annotations

import datetime as dt
import re

from app.brief.records import source_record
from app.core.marking_schemes import DEFAULT_SCHEME, find_scheme
from app.core.markings import MarkingError
from app.core.model import (
    BriefItem,
    BriefMeta,
    BriefProject,
    FigureItem,
    Section,
    SectionItem,
    Source,
    SourceDetails,
    SourceRecord,
)
from app.core.terms import ROLES
from app.text.dates import MONTHS, format_date

#: An item is identified by its id: the same section may be in a brief whole once and in excerpts besides.
ItemKey = str
#: A section of a source: (source path, section id).
SectionKey = tuple[str, str]
#: A figure of a source: (source path, figure id).
FigureKey = tuple[str, str]

META_FIELDS: tuple[str, ...] = tuple(BriefMeta.model_fields)
#: Fields that say what an item is and where it came from: fixed once the item exists.
FIXED_FIELDS = frozenset({"id", "kind", "source", "section_id", "figure_id"})


def parse_date(text: str) -> dt.date | None:
    """The date in a brief's date field, or None when it is free text such as 'Spring 2026'."""
    match = re.fullmatch(r"\s*(\d{1,2})\s+([A-Za-z]+)\s+(\d{4})\s*", text)
    if not match:
        return None
    names = [m.lower() for m in MONTHS]
    month = match.group(2).lower()
    if month not in names:
        return None
    try:
        return dt.date(int(match.group(3)), names.index(month) + 1, int(match.group(1)))
    except ValueError:
        return None


def new_project() -> BriefProject:
    """An empty brief dated today, so a saved brief keeps the day it was written."""
    return BriefProject(meta=BriefMeta(date=format_date(dt.date.today())))


def key_of(item: BriefItem) -> ItemKey:
    return item.id


def index_of(project: BriefProject, key: ItemKey) -> int:
    """Position of the item for ``key``; KeyError when it is not in the brief."""
    for index, item in enumerate(project.items):
        if item.id == key:
            return index
    raise KeyError(key)


def whole_section(item: BriefItem) -> SectionKey | None:
    """The section a whole-section item stands for; None for excerpts and every other kind."""
    if isinstance(item, SectionItem) and not item.is_excerpt:
        return (item.source, item.section_id)
    return None


def chosen_sections(project: BriefProject) -> dict[SectionKey, ItemKey]:
    """The sections in the brief whole (what the sources tree shows ticked), with their items' keys."""
    return {section: item.id for item in project.items if (section := whole_section(item)) is not None}


def chosen_figures(project: BriefProject) -> dict[FigureKey, ItemKey]:
    """The figures of sources in the brief (what the sources tree shows ticked), with their items' keys."""
    return {
        (item.source, item.figure_id): item.id
        for item in project.items
        if isinstance(item, FigureItem) and item.source and item.figure_id
    }


def insert_items(project: BriefProject, index: int, items: list[BriefItem]) -> None:
    """Put ``items`` at ``index``; a whole section already in the brief, or an id taken, is refused."""
    sections = set(chosen_sections(project))
    ids = {item.id for item in project.items}
    for item in items:
        section = whole_section(item)
        if section is not None and section in sections:
            raise ValueError(f"section {section[1]!r} of {section[0]} is already in the brief")
        if item.id in ids:
            raise ValueError(f"an item with id {item.id!r} is already in the brief")
        if section is not None:
            sections.add(section)
        ids.add(item.id)
    project.items[index:index] = items


def remove_items(project: BriefProject, keys: set[ItemKey]) -> list[tuple[int, BriefItem]]:
    """Take out the items for ``keys``; returns them with their positions, ready for restore_items."""
    removed = [(i, item) for i, item in enumerate(project.items) if key_of(item) in keys]
    for index, _ in reversed(removed):
        del project.items[index]
    return removed


def restore_items(project: BriefProject, removed: list[tuple[int, BriefItem]]) -> None:
    """Undo remove_items: positions are ascending, so each lands where it was."""
    for index, item in removed:
        project.items.insert(index, item)


def move_item(project: BriefProject, source: int, target: int) -> None:
    """Move the item at ``source`` so it ends up at index ``target``."""
    count = len(project.items)
    if not (0 <= source < count and 0 <= target < count):
        raise IndexError(f"cannot move item {source} to {target} in a brief of {count} items")
    project.items.insert(target, project.items.pop(source))


def edited_text(new_text: str, original: str | None) -> str | None:
    """The value to store for a section item's text: None when it is the source's text (``original``) again."""
    if original is not None and new_text.strip() == original.strip():
        return None
    return new_text


def source_text(item: SectionItem, section: Section | None) -> str:
    """The source's own text for a section item: the whole section or the excerpt's paragraphs."""
    return "\n\n".join(item.source_paragraphs(section)) if section is not None else ""


def item_text(item: BriefItem, section: Section | None) -> str:
    """What the brief will print as ``item``'s text: the analyst's wording, else the source's."""
    if isinstance(item, SectionItem):
        return item.text if item.text is not None else source_text(item, section)
    if isinstance(item, FigureItem):
        return item.caption
    return item.text


def item_fields(item: BriefItem) -> tuple[str, ...]:
    """The fields of ``item`` an edit may change (its kind decides which)."""
    return tuple(name for name in type(item).model_fields if name not in FIXED_FIELDS)


def set_item_field(project: BriefProject, key: ItemKey, field: str, value: object) -> object:
    """Set one field of one item (text, note, role, heading, caption …); returns the old value for undo."""
    item = project.items[index_of(project, key)]
    if field not in item_fields(item):
        raise ValueError(f"unknown field {field!r} for a {item.kind} item")
    if field == "role" and value not in ROLES:
        raise ValueError(f"unknown role {value!r}; roles are {', '.join(ROLES)}")
    if field in ("note", "heading", "caption", "credit", "speaker", "classification") and not isinstance(value, str):
        raise ValueError(f"{field} is text; use '' for none")
    if field == "cites" and not (isinstance(value, list) and all(isinstance(path, str) for path in value)):
        raise ValueError("cites is a list of source paths")
    old = getattr(item, field)
    setattr(item, field, value)
    return old


def set_meta_field(project: BriefProject, field: str, value: str | bool | None) -> str | bool | None:
    """Set one metadata field (title, date, classification…); returns the old value for undo.

    Every field is text but ``portion_marks``: True, False, or None to follow the template.
    """
    if field not in META_FIELDS:
        raise ValueError(f"unknown brief field {field!r}")
    if (field == "portion_marks") != (value is None or isinstance(value, bool)):
        raise ValueError(f"{field} is {'True, False or None' if field == 'portion_marks' else 'text'}")
    old = getattr(project.meta, field)
    setattr(project.meta, field, value)
    return old


def set_source_marking(project: BriefProject, path: str, classification: str) -> str:
    """Set the analyst's marking for a source of the brief ("" for the brief's own); returns the old one."""
    return _update_record(project, path, classification=classification).classification


def set_source_details(project: BriefProject, path: str, details: SourceDetails) -> SourceDetails:
    """Set the analyst's corrections to a source's title, outlet, author, date and URL; returns the old ones."""
    return _update_record(project, path, details=details).details


def _update_record(project: BriefProject, path: str, **changes: object) -> SourceRecord:
    """Change what the brief records of one of its sources; the record as it was."""
    if path not in project.sources:
        raise ValueError(f"{path} is not a source of the brief")
    record = project.record(path)
    project.source_records[path] = record.model_copy(update=changes)
    return record


def marking_choices(scheme_id: str) -> list[str]:
    """The markings the window offers for a scheme: each level, banner form (any other text may be typed)."""
    try:
        return [level.banner for level in find_scheme(scheme_id or DEFAULT_SCHEME).levels if level.banner]
    except MarkingError:
        return []


def add_source(project: BriefProject, source: Source, index: int | None = None) -> None:
    """Add ``source`` and record its fingerprint, so a file changed later is noticed before the brief leaves.

    A source put back as it was (an undone removal) keeps its record; the analyst's marking for a path is kept
    whatever its file holds now.
    """
    if source.path in project.sources:
        raise ValueError(f"{source.path} is already a source of the brief")
    project.sources.insert(len(project.sources) if index is None else index, source.path)
    project.source_records[source.path] = source_record(source, project.source_records.get(source.path))


def remove_source(project: BriefProject, path: str) -> int:
    """Drop a source path and return where it was; take its items out first (items_from_source)."""
    index = project.sources.index(path)
    del project.sources[index]
    return index


def items_from_source(project: BriefProject, path: str) -> list[BriefItem]:
    """Items that come from the source at ``path`` (sections, excerpts, quotes, its figures)."""
    return [item for item in project.items if getattr(item, "source", None) == path]


def first_words(text: str, count: int = 14) -> str:
    """The opening words of a section, for a one-line glimpse of it in a list."""
    words = text.split()
    return " ".join(words[:count]) + ("…" if len(words) > count else "")


def excerpt_range(first: int, last: int, count: int) -> tuple[int, int] | None:
    """The 1-based, inclusive paragraphs of a section (of ``count``) that a selection touches.

    ``first`` and ``last`` are the 0-based indexes of the paragraphs where the selection
    starts and ends; negative for text before the first paragraph (a heading), at or past
    ``count`` for text after the last. None when no paragraph is touched.
    """
    first, last = max(first, 0), min(last, count - 1)
    if count <= 0 or first > last:
        return None
    return first + 1, last + 1


def quote_words(selected: str) -> str:
    """The words of a quote as selected in a text: whitespace made single, enclosing quote marks and spaces dropped."""
    words = " ".join(selected.split())
    return words.strip(" \"'“”‘’«»,")
