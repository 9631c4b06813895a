"""Every change an analyst makes to a brief, as a QUndoCommand over the session.

Typing in a field pushes a command per keystroke; consecutive keystrokes in the
same field merge (until a pause), so one Undo takes back a burst of typing
rather than one letter.
"""

from __future__ import annotations

import time
from collections.abc import Sequence
from typing import Any

from PySide6.QtGui import QUndoCommand

from app.brief.edit import ItemKey, key_of
from app.core.model import BriefItem, Source, SourceDetails, SourceRecord
from app.core.terms import ROLE_LABELS, ROLES
from app.gui.labels import field_words, template_label
from app.gui.session import BriefSession, RemovedSource

#: Keystrokes further apart than this start a new undo step.
MERGE_SECONDS = 2.0

_EDIT_ITEM_ID = 1
_EDIT_META_ID = 2


class AddItemsCommand(QUndoCommand):
    def __init__(
        self, session: BriefSession, items: Sequence[BriefItem], row: int | None = None, text: str = ""
    ) -> None:
        self._session = session
        self._items = list(items)
        self._row = len(session.project.items) if row is None else row
        if not text:
            text = f"Add {len(self._items)} sections to the brief" if len(self._items) > 1 else "Add section"
        super().__init__(text)

    def redo(self) -> None:
        self._session.insert_items(self._row, [i.model_copy() for i in self._items])

    def undo(self) -> None:
        self._session.remove_items({key_of(i) for i in self._items})


class RemoveItemsCommand(QUndoCommand):
    def __init__(self, session: BriefSession, keys: set[ItemKey]) -> None:
        super().__init__("Remove from the brief")
        self._session = session
        self._keys = set(keys)
        self._removed: list[tuple[int, BriefItem]] = []

    def redo(self) -> None:
        self._removed = self._session.remove_items(self._keys)

    def undo(self) -> None:
        self._session.restore_items(self._removed)


class MoveItemCommand(QUndoCommand):
    def __init__(self, session: BriefSession, row: int, target: int) -> None:
        super().__init__("Move item")
        self._session = session
        self._row = row
        self._target = target

    def redo(self) -> None:
        self._session.move_item(self._row, self._target)

    def undo(self) -> None:
        self._session.move_item(self._target, self._row)


class _MergingEdit(QUndoCommand):
    """Sets one value; merges with the next edit of the same value made soon after."""

    def __init__(self, text: str, target: Any, old: Any, new: Any, mergeable: bool) -> None:
        super().__init__(text)
        self._target = target
        self._old = old
        self._new = new
        self._mergeable = mergeable
        self._stamp = time.monotonic()

    def _apply(self, value: Any) -> None:
        raise NotImplementedError

    def redo(self) -> None:
        self._apply(self._new)

    def undo(self) -> None:
        self._apply(self._old)

    def mergeWith(self, other: QUndoCommand) -> bool:
        if not (
            isinstance(other, type(self))
            and self._mergeable
            and other._mergeable
            and other._target == self._target
            and other._stamp - self._stamp < MERGE_SECONDS
        ):
            return False
        self._new = other._new
        self._stamp = other._stamp
        self.setObsolete(self._new == self._old)  # typed back to where it started: nothing to undo
        return True


#: Fields whose edits come in bursts of typing, and so merge.
_TYPED_FIELDS = frozenset({"text", "note", "heading", "speaker", "caption", "credit"})
_FIELD_LABELS = {"cites": "Change cited sources"}


class EditItemCommand(_MergingEdit):
    """Change one field of an item: text (None = back to the source's), note, role, heading, cites, caption …"""

    def __init__(self, session: BriefSession, key: ItemKey, field: str, value: object) -> None:
        self._session = session
        old = getattr(session.item(key), field)
        if field == "role" and value in ROLES:
            label = f"Set role to {ROLE_LABELS[value]}"
        elif field == "text" and value is None:
            label = "Reset text to source"
        else:
            label = _FIELD_LABELS.get(field, f"Edit {field_words(field)}")
        mergeable = field in _TYPED_FIELDS and isinstance(value, str)
        super().__init__(label, (key, field), old, value, mergeable=mergeable)

    def id(self) -> int:
        return _EDIT_ITEM_ID

    def _apply(self, value: Any) -> None:
        key, field = self._target
        self._session.set_item_field(key, field, value)


class SetMetaCommand(_MergingEdit):
    def __init__(self, session: BriefSession, field: str, value: str | bool | None) -> None:
        self._session = session
        old = getattr(session.project.meta, field)
        super().__init__(f"Edit {field_words(field)}", field, old, value, mergeable=True)

    def id(self) -> int:
        return _EDIT_META_ID

    def _apply(self, value: Any) -> None:
        self._session.set_meta(self._target, value)


class SetTemplateCommand(QUndoCommand):
    def __init__(self, session: BriefSession, name: str) -> None:
        super().__init__(f"Use template {template_label(name)}")
        self._session = session
        self._old = session.project.template
        self._new = name

    def redo(self) -> None:
        self._session.set_template(self._new)

    def undo(self) -> None:
        self._session.set_template(self._old)


class AddSourcesCommand(QUndoCommand):
    def __init__(self, session: BriefSession, sources: Sequence[Source]) -> None:
        super().__init__(f"Add {len(sources)} sources" if len(sources) > 1 else "Add source")
        self._session = session
        self._sources = list(sources)
        self._row = len(session.sources)
        self._project_index = len(session.project.sources)

    def redo(self) -> None:
        self._session.insert_sources(self._sources, self._row, self._project_index)

    def undo(self) -> None:
        for source in self._sources:
            self._session.remove_source(source.path)


class RemoveSourceCommand(QUndoCommand):
    def __init__(self, session: BriefSession, path: str) -> None:
        super().__init__("Remove source")
        self._session = session
        self._path = path
        self._removed: RemovedSource | None = None

    def redo(self) -> None:
        self._removed = self._session.remove_source(self._path)

    def undo(self) -> None:
        if self._removed is not None:
            self._session.restore_source(self._removed)


class SetSourceMarkingCommand(QUndoCommand):
    def __init__(self, session: BriefSession, path: str, classification: str) -> None:
        super().__init__("Set source marking")
        self._session = session
        self._path = path
        self._old = session.project.record(path).classification
        self._new = classification

    def redo(self) -> None:
        self._session.set_source_marking(self._path, self._new)

    def undo(self) -> None:
        self._session.set_source_marking(self._path, self._old)


class SetSourceDetailsCommand(QUndoCommand):
    def __init__(self, session: BriefSession, path: str, details: SourceDetails) -> None:
        super().__init__("Edit source details")
        self._session = session
        self._path = path
        self._old = session.project.record(path).details
        self._new = details

    def redo(self) -> None:
        self._session.set_source_details(self._path, self._new)

    def undo(self) -> None:
        self._session.set_source_details(self._path, self._old)


class ReloadSourceCommand(QUndoCommand):
    """The source as its file reads now, with a new fingerprint; undo puts back what was loaded before."""

    def __init__(self, session: BriefSession, source: Source) -> None:
        super().__init__("Re-load source")
        self._session = session
        self._new = source
        self._old: tuple[Source, SourceRecord] | None = None

    def redo(self) -> None:
        self._old = self._session.replace_source(self._new)

    def undo(self) -> None:
        if self._old is not None:
            self._session.replace_source(*self._old)
