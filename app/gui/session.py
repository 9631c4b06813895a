"""The open brief: its project, loaded sources, file path, Qt models and undo stack, kept together.

Panels read from the session and request changes; undo commands make the
changes through the methods below, so the models, the project and the
"modified" state never disagree. A new or opened brief replaces the contents of
the same session, so widgets connect once.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QUndoStack

from app.brief import edit as brief_edit
from app.brief.edit import ItemKey
from app.core.model import BriefItem, BriefProject, Section, Source
from app.gui.models import OutlineModel, SectionFilterModel, SourcesModel


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
    #: A different brief was put in the session (new, open, recover).
    replaced = Signal()
    pathChanged = Signal()

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.project: BriefProject = brief_edit.new_project()
        self.path: Path | None = None
        #: Counts replacements, so work started for one brief can tell it finished after another opened.
        self.generation = 0
        self.undo_stack = QUndoStack(self)
        self.sources = SourcesModel(self)
        self.section_filter = SectionFilterModel(self.sources)
        self.outline = OutlineModel(self)
        for signal in (self.outline.rowsInserted, self.outline.rowsRemoved, self.outline.modelReset):
            signal.connect(self.sources.refresh_checks)

    # --- reading ---------------------------------------------------------------------------
    @property
    def name(self) -> str:
        return self.path.stem if self.path else "Untitled brief"

    @property
    def modified(self) -> bool:
        return not self.undo_stack.isClean()

    def sources_by_path(self) -> dict[str, Source]:
        return {source.path: source for source in self.sources.sources()}

    def resolve(self, item: BriefItem) -> tuple[Source | None, Section | None]:
        source = self.sources_by_path().get(item.source)
        return source, (source.section(item.section_id) if source else None)

    def item(self, key: ItemKey) -> BriefItem:
        return self.project.items[brief_edit.index_of(self.project, key)]

    def snapshot(self) -> tuple[BriefProject, dict[str, Source]]:
        """A copy safe to hand to a worker thread while the user keeps editing."""
        return self.project.model_copy(deep=True), self.sources_by_path()

    # --- replacing the whole brief (not undoable: it starts a new history) -------------------
    def replace(self, project: BriefProject, sources: Sequence[Source], path: Path | None) -> None:
        self.generation += 1
        self.undo_stack.clear()
        self.outline.beginResetModel()
        self.project = project
        self.outline.endResetModel()
        self.sources.set_sources(sources)
        self.set_path(path)
        self.replaced.emit()
        self.metaChanged.emit("")
        self.templateChanged.emit(project.template)
        self.contentChanged.emit()

    def add_initial_sources(self, sources: Sequence[Source]) -> None:
        """Sources that belong to the brief as opened (a project's files, the first-run sample)."""
        known = set(self.project.sources)
        for source in sources:
            if source.path not in known:
                brief_edit.add_source(self.project, source.path)
        if sources:
            self.sources.insert_sources(self.sources.rowCount(), list(sources))
        self.outline.refresh()
        self.contentChanged.emit()

    def set_path(self, path: Path | None) -> None:
        self.path = path
        self.pathChanged.emit()

    def mark_saved(self, path: Path) -> None:
        self.undo_stack.setClean()
        self.set_path(path)

    # --- changes, called by undo commands -------------------------------------------------
    def insert_items(self, row: int, items: Sequence[BriefItem]) -> None:
        self.outline.insert_items(row, items)
        self.contentChanged.emit()

    def remove_items(self, keys: set[ItemKey]) -> list[tuple[int, BriefItem]]:
        removed = self.outline.remove_items(keys)
        self.contentChanged.emit()
        return removed

    def restore_items(self, removed: list[tuple[int, BriefItem]]) -> None:
        self.outline.restore_items(removed)
        self.contentChanged.emit()

    def move_item(self, row: int, target: int) -> None:
        self.outline.move_item(row, target)
        self.contentChanged.emit()

    def set_item_field(self, key: ItemKey, field: str, value: str | None) -> None:
        self.outline.set_item_field(key, field, value)
        self.contentChanged.emit()

    def set_meta(self, field: str, value: str) -> None:
        brief_edit.set_meta_field(self.project, field, value)
        self.metaChanged.emit(field)
        self.contentChanged.emit()

    def set_template(self, name: str) -> None:
        self.project.template = name
        self.templateChanged.emit(name)
        self.contentChanged.emit()

    def insert_sources(self, sources: Sequence[Source], row: int, project_index: int) -> None:
        for offset, source in enumerate(sources):
            brief_edit.add_source(self.project, source.path, project_index + offset)
        self.sources.insert_sources(row, sources)
        self.outline.refresh()
        self.contentChanged.emit()

    def remove_source(self, path: str) -> RemovedSource:
        keys = {brief_edit.key_of(i) for i in brief_edit.items_from_source(self.project, path)}
        items = self.outline.remove_items(keys) if keys else []
        project_index = brief_edit.remove_source(self.project, path)
        row, source = self.sources.remove_source(path)
        self.contentChanged.emit()
        return RemovedSource(source, row, project_index, items)

    def restore_source(self, removed: RemovedSource) -> None:
        brief_edit.add_source(self.project, removed.source.path, removed.project_index)
        self.sources.insert_sources(removed.row, [removed.source])
        self.outline.restore_items(removed.items)
        self.contentChanged.emit()
