"""The open brief: its project, loaded sources, file path and undo stack, and every change made to them.

Undo commands change the brief only through the methods below, so the project,
the loaded sources and the "modified" state never disagree. The Qt models
(app.gui.models) only read the session: for each change the session announces
what is about to change and then that it did, so a model can wrap the change in
Qt's begin…/end… calls and views keep their selection. A new or opened brief
replaces the contents of the same session, so widgets and models connect once.
"""

from __future__ import annotations

import pickle
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QUndoStack

from app.brief import edit as brief_edit
from app.brief.edit import FigureKey, ItemKey, SectionKey
from app.brief.records import source_record, with_details
from app.core.model import (
    BriefItem,
    BriefProject,
    FigureItem,
    QuoteItem,
    Section,
    SectionItem,
    Source,
    SourceDetails,
    SourceRecord,
)


@dataclass(frozen=True)
class RemovedSource:
    """What removing a source took away, so undo can put back the source and its items."""

    source: Source
    row: int
    project_index: int
    items: list[tuple[int, BriefItem]]


class BriefSession(QObject):
    #: Anything that changes the built brief (items, text, metadata, template, sources).
    contentChanged = Signal()
    #: A metadata field changed ('' when all of them may have: a new or opened brief).
    metaChanged = Signal(str)
    templateChanged = Signal(str)
    pathChanged = Signal()

    # Structure, for the Qt models: each "about to" signal comes just before the change, its partner just after.
    #: A different brief is about to be put in the session (new, open, recover) / has been.
    aboutToReplace = Signal()
    replaced = Signal()
    #: Items will fill rows first…last of the brief / have.
    itemsAboutToBeInserted = Signal(int, int)
    itemsInserted = Signal(int, int)
    #: The items in rows first…last will leave the brief / have.
    itemsAboutToBeRemoved = Signal(int, int)
    itemsRemoved = Signal(int, int)
    #: The item at the first row will move to end up at the second / has.
    itemAboutToBeMoved = Signal(int, int)
    itemMoved = Signal(int, int)
    #: A field of the item at this row changed (text, note, role, heading …).
    itemChanged = Signal(int)
    #: Sources will fill rows first…last of the loaded sources / have.
    sourcesAboutToBeInserted = Signal(int, int)
    sourcesInserted = Signal(int, int)
    #: The source at this row will be unloaded / has been.
    sourceAboutToBeRemoved = Signal(int)
    sourceRemoved = Signal(int)
    #: The analyst's marking of the source at this row changed (a source re-read from its file leaves and
    #: comes back instead, as its sections may differ).
    sourceChanged = Signal(int)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.project: BriefProject = brief_edit.new_project()
        self._sources: list[Source] = []
        #: The sources as the analyst corrected them (``with_details``), worked out once per change.
        self._shown: list[Source] | None = None
        self.path: Path | None = None
        #: Counts replacements, so work started for one brief can tell it finished after another opened.
        self.generation = 0
        self.undo_stack = QUndoStack(self)
        #: The brief's chosen sections and figures until its items next change (``chosen_sections``).
        self._chosen: tuple[dict[SectionKey, ItemKey], dict[FigureKey, ItemKey]] | None = None

    # --- reading ---------------------------------------------------------------------------
    @property
    def name(self) -> str:
        return self.path.stem if self.path else "Untitled brief"

    @property
    def modified(self) -> bool:
        return not self.undo_stack.isClean()

    @property
    def sources(self) -> Sequence[Source]:
        """The loaded sources in the order the analyst sees them, with their corrected details (read-only: change
        them through the session)."""
        if self._shown is None:
            self._shown = [with_details(source, self.project.record(source.path)) for source in self._sources]
        return self._shown

    def sources_by_path(self) -> dict[str, Source]:
        return {source.path: source for source in self.sources}

    def source_as_read(self, path: str) -> Source | None:
        """The source at ``path`` as its file says, before the analyst's corrections."""
        return next((source for source in self._sources if source.path == path), None)

    def resolve(self, item: BriefItem) -> tuple[Source | None, Section | None]:
        """The loaded source and section an item comes from; None for what is not loaded or not from a source."""
        path = item.source if isinstance(item, SectionItem | QuoteItem | FigureItem) else None
        source = self.sources_by_path().get(path) if path else None
        if source is None or not isinstance(item, SectionItem | QuoteItem):
            return source, None
        return source, source.section(item.section_id)

    def item(self, key: ItemKey) -> BriefItem:
        return self.project.items[brief_edit.index_of(self.project, key)]

    def chosen_sections(self) -> dict[SectionKey, ItemKey]:
        """The sections in the brief whole (``brief_edit.chosen_sections``), worked out once per change of its
        items: the sources tree asks for every row it paints, and a brief of 400 items took 1.5 ms a row."""
        return self._chosen_now()[0]

    def chosen_figures(self) -> dict[FigureKey, ItemKey]:
        """The figures of sources in the brief (``brief_edit.chosen_figures``), kept like ``chosen_sections``."""
        return self._chosen_now()[1]

    def _chosen_now(self) -> tuple[dict[SectionKey, ItemKey], dict[FigureKey, ItemKey]]:
        if self._chosen is None:
            self._chosen = brief_edit.chosen_sections(self.project), brief_edit.chosen_figures(self.project)
        return self._chosen

    def project_copy(self) -> BriefProject:
        """A copy of the brief safe to hand to another thread while the user keeps editing.

        Copied by pickling, which copies the same as a deep copy in C: pydantic's deep copy walked a 400-item
        brief in Python for 20-40 ms of the window's thread on every preview.
        """
        return pickle.loads(pickle.dumps(self.project, pickle.HIGHEST_PROTOCOL))

    def snapshot(self) -> tuple[BriefProject, dict[str, Source]]:
        """The brief (``project_copy``) and its loaded sources, for a worker."""
        return self.project_copy(), self.sources_by_path()

    # --- replacing the whole brief (not undoable: it starts a new history) -------------------
    def replace(self, project: BriefProject, sources: Sequence[Source], path: Path | None) -> None:
        self.generation += 1
        self.undo_stack.clear()
        self.aboutToReplace.emit()
        self.project = project
        self._chosen = None
        self._sources, self._shown = list(sources), None
        self.replaced.emit()
        self.set_path(path)
        self.metaChanged.emit("")
        self.templateChanged.emit(project.template)
        self.contentChanged.emit()

    def add_initial_sources(self, sources: Sequence[Source]) -> None:
        """Sources that belong to the brief as opened (a project's files, the first-run sample); one a project
        saved before fingerprints names is fingerprinted as read now."""
        known = set(self.project.sources)
        for source in sources:
            if source.path not in known:
                brief_edit.add_source(self.project, source)
            elif not self.project.record(source.path).sha256:
                self.project.source_records[source.path] = source_record(source, self.project.record(source.path))
        self._insert_sources(len(self._sources), sources)
        self.contentChanged.emit()

    def set_path(self, path: Path | None) -> None:
        self.path = path
        self.pathChanged.emit()

    def mark_saved(self, path: Path) -> None:
        self.undo_stack.setClean()
        self.set_path(path)

    # --- changes, called by undo commands -------------------------------------------------
    def insert_items(self, row: int, items: Sequence[BriefItem]) -> None:
        rows = (row, row + len(items) - 1)
        self.itemsAboutToBeInserted.emit(*rows)
        brief_edit.insert_items(self.project, row, list(items))
        self._chosen = None
        self.itemsInserted.emit(*rows)
        self.contentChanged.emit()

    def remove_items(self, keys: set[ItemKey]) -> list[tuple[int, BriefItem]]:
        removed = self._remove_items(keys)
        self.contentChanged.emit()
        return removed

    def restore_items(self, removed: list[tuple[int, BriefItem]]) -> None:
        self._restore_items(removed)
        self.contentChanged.emit()

    def move_item(self, row: int, target: int) -> None:
        self.itemAboutToBeMoved.emit(row, target)
        brief_edit.move_item(self.project, row, target)
        self._chosen = None
        self.itemMoved.emit(row, target)
        self.contentChanged.emit()

    def set_item_field(self, key: ItemKey, field: str, value: object) -> None:
        brief_edit.set_item_field(self.project, key, field, value)
        self._chosen = None
        self.itemChanged.emit(brief_edit.index_of(self.project, key))
        self.contentChanged.emit()

    def set_source_details(self, path: str, details: SourceDetails) -> None:
        brief_edit.set_source_details(self.project, path, details)
        self._shown = None
        self._source_changed(path)

    def set_source_marking(self, path: str, classification: str) -> None:
        brief_edit.set_source_marking(self.project, path, classification)
        self._source_changed(path)

    def replace_source(self, source: Source, record: SourceRecord | None = None) -> tuple[Source, SourceRecord]:
        """Put ``source`` (re-read from its file) in place of the loaded one of its path, with ``record`` (a new
        fingerprint when None); the source and record it replaced, for undo."""
        row = next(i for i, s in enumerate(self._sources) if s.path == source.path)
        old = (self._sources[row], self.project.record(source.path))
        self.sourceAboutToBeRemoved.emit(row)  # its sections may differ now: the row leaves and comes back
        del self._sources[row]
        self._shown = None
        self.sourceRemoved.emit(row)
        self.project.source_records[source.path] = record or source_record(source, old[1])
        self._insert_sources(row, [source])
        self.contentChanged.emit()
        return old

    def _source_changed(self, path: str) -> None:
        row = next((i for i, s in enumerate(self._sources) if s.path == path), None)
        if row is not None:
            self.sourceChanged.emit(row)
        self.contentChanged.emit()

    def set_meta(self, field: str, value: str | bool | None) -> None:
        brief_edit.set_meta_field(self.project, field, value)
        self.metaChanged.emit(field)
        self.contentChanged.emit()

    def set_template(self, name: str) -> None:
        self.project.template = name
        self.templateChanged.emit(name)
        self.contentChanged.emit()

    def insert_sources(self, sources: Sequence[Source], row: int, project_index: int) -> None:
        for offset, source in enumerate(sources):
            brief_edit.add_source(self.project, source, project_index + offset)
        self._insert_sources(row, sources)
        self.contentChanged.emit()

    def remove_source(self, path: str) -> RemovedSource:
        keys = {brief_edit.key_of(i) for i in brief_edit.items_from_source(self.project, path)}
        items = self._remove_items(keys) if keys else []
        project_index = brief_edit.remove_source(self.project, path)
        row = next(i for i, s in enumerate(self._sources) if s.path == path)
        self.sourceAboutToBeRemoved.emit(row)
        source = self._sources.pop(row)
        self._shown = None
        self.sourceRemoved.emit(row)
        self.contentChanged.emit()
        return RemovedSource(source, row, project_index, items)

    def restore_source(self, removed: RemovedSource) -> None:
        brief_edit.add_source(self.project, removed.source, removed.project_index)
        self._insert_sources(removed.row, [removed.source])
        self._restore_items(removed.items)
        self.contentChanged.emit()

    # --- the steps the changes share ------------------------------------------------------------
    def _insert_sources(self, row: int, sources: Sequence[Source]) -> None:
        if sources:
            rows = (row, row + len(sources) - 1)
            self.sourcesAboutToBeInserted.emit(*rows)
            self._sources[row:row] = sources
            self._shown = None
            self.sourcesInserted.emit(*rows)

    def _remove_items(self, keys: set[ItemKey]) -> list[tuple[int, BriefItem]]:
        """Remove row by row from the bottom, so views keep their selection on the rest."""
        rows = sorted((brief_edit.index_of(self.project, key) for key in keys), reverse=True)
        removed: list[tuple[int, BriefItem]] = []
        for row in rows:
            self.itemsAboutToBeRemoved.emit(row, row)
            removed += brief_edit.remove_items(self.project, {brief_edit.key_of(self.project.items[row])})
            self._chosen = None
            self.itemsRemoved.emit(row, row)
        return sorted(removed, key=lambda pair: pair[0])

    def _restore_items(self, removed: list[tuple[int, BriefItem]]) -> None:
        for row, item in removed:
            self.itemsAboutToBeInserted.emit(row, row)
            brief_edit.restore_items(self.project, [(row, item)])
            self._chosen = None
            self.itemsInserted.emit(row, row)
