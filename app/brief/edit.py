"""Editing a BriefProject in place: the small, pure operations behind every GUI command.

The desktop's undo commands call these, so the rules (one item per section, where
a moved item lands, which fields and roles exist, how an edit that matches the
source again stops counting as an edit) live in the core, are tested without Qt,
and serve any other front end the same way.
"""

from __future__ import annotations

import datetime as dt
import re

from app.core.model import ROLES, BriefItem, BriefMeta, BriefProject, Section
from app.text.dates import MONTHS, format_date

#: An item is identified by where it came from: a section is chosen at most once.
ItemKey = tuple[str, str]

META_FIELDS: tuple[str, ...] = tuple(BriefMeta.model_fields)
ITEM_FIELDS: tuple[str, ...] = ("text", "note", "role")

#: Markings offered in the GUI's classification box; any other text is allowed too.
COMMON_CLASSIFICATIONS: tuple[str, ...] = (
    "UNCLASSIFIED",
    "OFFICIAL",
    "OFFICIAL-SENSITIVE",
    "RESTRICTED",
    "CONFIDENTIAL",
    "SECRET",
    "SECRET//NOFORN",
    "TOP SECRET",
    "TLP:CLEAR",
    "TLP:GREEN",
    "TLP:AMBER",
    "TLP:RED",
)


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
    return (item.source, item.section_id)


def index_of(project: BriefProject, key: ItemKey) -> int:
    """Position of the item for ``key``; KeyError when that section is not in the brief."""
    for index, item in enumerate(project.items):
        if key_of(item) == key:
            return index
    raise KeyError(key)


def chosen_keys(project: BriefProject) -> set[ItemKey]:
    return {key_of(item) for item in project.items}


def insert_items(project: BriefProject, index: int, items: list[BriefItem]) -> None:
    """Put ``items`` at ``index``; a section already in the brief is refused rather than doubled."""
    keys = chosen_keys(project)
    for item in items:
        if key_of(item) in keys:
            raise ValueError(f"section {item.section_id!r} of {item.source} is already in the brief")
        keys.add(key_of(item))
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


def edited_text(new_text: str, section: Section | None) -> str | None:
    """The value to store for an item's text: None when it is the source's text again."""
    if section is not None and new_text.strip() == section.text.strip():
        return None
    return new_text


def item_text(item: BriefItem, section: Section | None) -> str:
    """What the brief will print for ``item``: the analyst's text, else the source's."""
    if item.text is not None:
        return item.text
    return section.text if section is not None else ""


def set_item_field(project: BriefProject, key: ItemKey, field: str, value: str | None) -> str | None:
    """Set text, note or role of one item; returns the old value for undo."""
    if field not in ITEM_FIELDS:
        raise ValueError(f"unknown item field {field!r}")
    if field == "role" and value not in ROLES:
        raise ValueError(f"unknown role {value!r}; roles are {', '.join(ROLES)}")
    if field == "note" and value is None:
        raise ValueError("a note is text; use '' for no note")
    item = project.items[index_of(project, key)]
    old = getattr(item, field)
    setattr(item, field, value)
    return old


def set_meta_field(project: BriefProject, field: str, value: str) -> str:
    """Set one metadata field (title, date, classification…); returns the old value for undo."""
    if field not in META_FIELDS:
        raise ValueError(f"unknown brief field {field!r}")
    old = getattr(project.meta, field)
    setattr(project.meta, field, value)
    return old


def add_source(project: BriefProject, path: str, index: int | None = None) -> None:
    if path in project.sources:
        raise ValueError(f"{path} is already a source of the brief")
    project.sources.insert(len(project.sources) if index is None else index, path)


def remove_source(project: BriefProject, path: str) -> int:
    """Drop a source path and return where it was; take its items out first (items_from_source)."""
    index = project.sources.index(path)
    del project.sources[index]
    return index


def items_from_source(project: BriefProject, path: str) -> list[BriefItem]:
    return [item for item in project.items if item.source == path]


def first_words(text: str, count: int = 14) -> str:
    """The opening words of a section, for a one-line glimpse of it in a list."""
    words = text.split()
    return " ".join(words[:count]) + ("…" if len(words) > count else "")
