"""Qt item models over the session: loaded sources → sections (with check boxes), and the brief's items.

The models only read. They present the session's objects, follow its change
signals (which bracket every change, as Qt's models require), and announce what
the user asked for (tick a section, drop an item elsewhere); the change itself
is made by an undo command through the session, so every edit is undoable and
views stay in sync.
"""

from __future__ import annotations

import itertools
from collections.abc import Mapping, Sequence
from enum import IntEnum
from typing import Any

from PySide6.QtCore import (
    QAbstractItemModel,
    QAbstractListModel,
    QByteArray,
    QMimeData,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
    Signal,
)

from app.brief import edit as brief_edit
from app.brief.search import excerpt, section_matches
from app.core.model import AnalystItem, BriefItem, FigureItem, QuoteItem, Section, SectionItem, Source, SourceFigure
from app.core.terms import ROLE_LABELS
from app.gui.session import BriefSession

Index = QModelIndex | QPersistentModelIndex
ITEM_MIME = "application/x-briefgen-item-row"
_ROOT = QModelIndex()


class Roles(IntEnum):
    """Data roles the delegates and panels read, beyond Qt's display and check roles."""

    SUBTITLE = Qt.ItemDataRole.UserRole + 1
    BADGE = Qt.ItemDataRole.UserRole + 2
    SOURCE = Qt.ItemDataRole.UserRole + 3
    SECTION = Qt.ItemDataRole.UserRole + 4
    KEY = Qt.ItemDataRole.UserRole + 5
    ITEM = Qt.ItemDataRole.UserRole + 6
    FIGURE = Qt.ItemDataRole.UserRole + 7


def _words(count: int) -> str:
    return f"{count:,} word{'s' if count != 1 else ''}"


#: What a source's row holds under it: one of its sections, or one of the figures it shows.
Entry = Section | SourceFigure


class SourcesModel(QAbstractItemModel):
    """Two levels: each loaded source, and under it its sections, then its figures, checked when in the brief.

    Ticking a source ticks its sections; its figures are added one by one, as the analyst picks them.
    """

    #: The user ticked (True) or unticked (False) these sections.
    checkRequested = Signal(list, bool)
    #: The user ticked (True) or unticked (False) a figure of a source (Source, SourceFigure, bool).
    figureCheckRequested = Signal(object, object, bool)

    def __init__(self, session: BriefSession, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._session = session
        # Stable ids for sources: a section's index names its source by id, so removing an
        # earlier source cannot leave persistent indexes pointing at the wrong parent.
        self._ids: list[int] = []
        self._repeats: Mapping[tuple[str, str], list[tuple[str, str]]] = {}
        self._counter = itertools.count(1)
        self._renumber()
        session.aboutToReplace.connect(self.beginResetModel)
        session.replaced.connect(self._replaced)
        session.sourcesAboutToBeInserted.connect(self._inserting)
        session.sourcesInserted.connect(self._inserted)
        session.sourceAboutToBeRemoved.connect(self._removing)
        session.sourceRemoved.connect(self._removed)
        session.sourceChanged.connect(self._changed)
        for signal in (session.itemsInserted, session.itemsRemoved):
            signal.connect(self.refresh_checks)  # the check boxes follow what is in the brief

    @property
    def _sources(self) -> Sequence[Source]:
        return self._session.sources

    # --- following the session --------------------------------------------------------------
    def _renumber(self) -> None:
        self._ids = [next(self._counter) for _ in self._sources]

    def _replaced(self) -> None:
        self._renumber()
        self.endResetModel()

    # The ids change once the session's list has (just before Qt's end…), so the two agree whenever a view asks.
    def _inserting(self, first: int, last: int) -> None:
        self.beginInsertRows(QModelIndex(), first, last)

    def _inserted(self, first: int, last: int) -> None:
        self._ids[first:first] = [next(self._counter) for _ in range(first, last + 1)]
        self.endInsertRows()

    def _removing(self, row: int) -> None:
        self.beginRemoveRows(QModelIndex(), row, row)

    def _removed(self, row: int) -> None:
        del self._ids[row]
        self.endRemoveRows()

    def _changed(self, row: int, roles: Sequence[int] = ()) -> None:
        parent = self.index(row, 0)
        self.dataChanged.emit(parent, parent, list(roles))
        count = self.rowCount(parent)
        if count:
            self.dataChanged.emit(self.index(0, 0, parent), self.index(count - 1, 0, parent), list(roles))

    def set_repeats(self, repeats: Mapping[tuple[str, str], list[tuple[str, str]]]) -> None:
        """Which sections carry another source's passages (app.pipeline.repeats), found on a worker.

        Only the sources whose sections' repeats changed are redrawn, and only their badges and tooltips: telling
        the views (and the search filter) that every row of 70 sources had changed kept the window 0.1 s.
        """
        keys = self._repeats.keys() | repeats.keys()
        changed = {path for path, section in keys if self._repeats.get((path, section)) != repeats.get((path, section))}
        self._repeats = repeats
        for row, source in enumerate(self._sources):
            if source.path in changed:
                self._changed(row, (Roles.BADGE, Qt.ItemDataRole.ToolTipRole))

    def refresh_checks(self) -> None:
        """The brief's items changed: every check box may have."""
        for row in range(len(self._sources)):
            parent = self.index(row, 0)
            self.dataChanged.emit(parent, parent, [Qt.ItemDataRole.CheckStateRole])
            count = self.rowCount(parent)
            if count:
                self.dataChanged.emit(
                    self.index(0, 0, parent), self.index(count - 1, 0, parent), [Qt.ItemDataRole.CheckStateRole]
                )

    # --- QAbstractItemModel --------------------------------------------------------------
    def index(self, row: int, column: int, parent: Index = _ROOT) -> QModelIndex:
        if column != 0 or row < 0:
            return QModelIndex()
        if not parent.isValid():
            return self.createIndex(row, 0, 0) if row < len(self._sources) else QModelIndex()
        if parent.internalId() != 0:
            return QModelIndex()
        source = self._sources[parent.row()]
        if row >= len(source.sections) + len(source.figures):
            return QModelIndex()
        return self.createIndex(row, 0, self._ids[parent.row()])

    def parent(self, index: Index) -> QModelIndex:  # type: ignore[override]
        if not index.isValid() or index.internalId() == 0:
            return QModelIndex()
        try:
            return self.createIndex(self._ids.index(index.internalId()), 0, 0)
        except ValueError:
            return QModelIndex()

    def rowCount(self, parent: Index = _ROOT) -> int:
        if not parent.isValid():
            return len(self._sources)
        if parent.internalId() == 0:
            source = self._sources[parent.row()]
            return len(source.sections) + len(source.figures)
        return 0

    def columnCount(self, parent: Index = _ROOT) -> int:
        return 1

    def source_and_entry(self, index: Index) -> tuple[Source | None, Entry | None]:
        """The source of a row, and the section or figure the row is (None for the source's own row)."""
        if not index.isValid():
            return None, None
        if index.internalId() == 0:
            return self._sources[index.row()], None
        parent = self.parent(index)
        if not parent.isValid():
            return None, None
        source = self._sources[parent.row()]
        row, sections = index.row(), len(source.sections)
        return source, source.sections[row] if row < sections else source.figures[row - sections]

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemIsUserCheckable

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        source, entry = self.source_and_entry(index)
        if source is None:
            return None
        if entry is None:
            return self._source_data(source, role)
        if isinstance(entry, SourceFigure):
            return self._figure_data(source, entry, role)
        return self._section_data(source, entry, role)

    def _source_data(self, source: Source, role: int) -> Any:
        if role == Qt.ItemDataRole.DisplayRole:
            return source.title
        if role == Roles.SUBTITLE:
            file_name = source.path.replace("\\", "/").rsplit("/", 1)[-1]
            marking = self._session.project.record(source.path).classification
            return " · ".join(x for x in (marking, source.outlet, source.date, file_name) if x)
        if role == Roles.BADGE:
            count = len(source.figures)
            figures = f", {count} figure{'s' if count != 1 else ''}" if count else ""
            return f"{len(source.sections)} sections{figures}"
        if role == Qt.ItemDataRole.ToolTipRole:
            marking = self._session.project.record(source.path).classification or "as the brief"
            return "\n".join([source.path, f"Marking: {marking}", *source.warnings])
        if role == Qt.ItemDataRole.CheckStateRole:
            chosen = self._session.chosen_sections()
            ticked = sum((source.path, s.id) in chosen for s in source.sections)
            if ticked == 0:
                return Qt.CheckState.Unchecked
            return Qt.CheckState.Checked if ticked == len(source.sections) else Qt.CheckState.PartiallyChecked
        if role == Roles.SOURCE:
            return source
        return None

    def _section_data(self, source: Source, section: Section, role: int) -> Any:
        if role == Qt.ItemDataRole.DisplayRole:
            return section.display_heading
        if role == Roles.SUBTITLE:
            return brief_edit.first_words(section.text)
        repeats = self._repeats.get((source.path, section.id), [])
        if role == Roles.BADGE:
            return _words(section.word_count) + (f" · also in {len(repeats)}" if repeats else "")
        if role == Qt.ItemDataRole.ToolTipRole:
            tip = f"{section.display_heading} — {_words(section.word_count)}"
            return tip + "".join(f"\nAlso in {self._place(path, section_id)}" for path, section_id in repeats)
        if role == Qt.ItemDataRole.CheckStateRole:
            chosen = (source.path, section.id) in self._session.chosen_sections()
            return Qt.CheckState.Checked if chosen else Qt.CheckState.Unchecked
        if role == Roles.SOURCE:
            return source
        if role == Roles.SECTION:
            return section
        if role == Roles.KEY:
            return (source.path, section.id)
        return None

    def _place(self, path: str, section_id: str) -> str:
        """ "Gulf Wire › Background": where else a passage appears, as the analyst knows the source."""
        source = next((s for s in self._sources if s.path == path), None)
        section = source.section(section_id) if source is not None else None
        name = (source.outlet or source.title) if source is not None else path.replace("\\", "/").rsplit("/", 1)[-1]
        return f"{name} › {section.display_heading if section else section_id}"

    def _figure_data(self, source: Source, figure: SourceFigure, role: int) -> Any:
        if role == Qt.ItemDataRole.DisplayRole:
            return figure_label(figure)
        if role == Roles.SUBTITLE:
            return figure.credit
        if role == Roles.BADGE:
            return f"{figure.width_px}×{figure.height_px}"
        if role == Qt.ItemDataRole.ToolTipRole:
            return f"{figure_label(figure)}\n{figure.width_px}×{figure.height_px} pixels"
        if role == Qt.ItemDataRole.CheckStateRole:
            chosen = (source.path, figure.id) in self._session.chosen_figures()
            return Qt.CheckState.Checked if chosen else Qt.CheckState.Unchecked
        if role == Roles.SOURCE:
            return source
        if role == Roles.FIGURE:
            return figure
        return None

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        """A tick or untick becomes a request; the undo command makes the change."""
        if role != Qt.ItemDataRole.CheckStateRole:
            return False
        source, entry = self.source_and_entry(index)
        if source is None:
            return False
        checked = Qt.CheckState(value) != Qt.CheckState.Unchecked
        if isinstance(entry, SourceFigure):
            if ((source.path, entry.id) in self._session.chosen_figures()) == checked:
                return False
            self.figureCheckRequested.emit(source, entry, checked)
            return True
        section = entry
        chosen = self._session.chosen_sections()
        sections = [section] if section is not None else source.sections
        wanted = [(source, s) for s in sections if ((source.path, s.id) in chosen) != checked]
        if not wanted:
            return False
        self.checkRequested.emit(wanted, checked)
        return True


class SectionFilterModel(QSortFilterProxyModel):
    """Shows the sections whose heading or text contains the search text, in every source."""

    def __init__(self, parent: SourcesModel) -> None:
        super().__init__(parent)
        self._query = ""
        self.setSourceModel(parent)
        self.setRecursiveFilteringEnabled(True)

    @property
    def query(self) -> str:
        return self._query

    def set_query(self, query: str) -> None:
        self.beginFilterChange()
        self._query = query.strip()
        self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def filterAcceptsRow(self, row: int, parent: Index) -> bool:
        if not self._query:
            return True
        if not parent.isValid():
            return False  # a source is shown when one of its sections matches
        model = self.sourceModel()
        index = model.index(row, 0, parent)
        figure = model.data(index, Roles.FIGURE)
        if figure is not None:
            return self._query.casefold() in f"{figure.caption} {figure.credit}".casefold()
        section = model.data(index, Roles.SECTION)
        return section is not None and section_matches(section, self._query)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role == Roles.SUBTITLE and self._query:
            section = super().data(index, Roles.SECTION)
            if section is not None:
                return excerpt(section.text, self._query, length=120)
        return super().data(index, role)

    def matching_sections(self) -> int:
        return sum(self.rowCount(self.index(row, 0)) for row in range(self.rowCount()))


class OutlineModel(QAbstractListModel):
    """The brief's items in order; rows move by drag and drop through ``moveRequested``."""

    #: Move the item at the first row so that it ends up at the second.
    moveRequested = Signal(int, int)

    def __init__(self, session: BriefSession, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._session = session
        session.aboutToReplace.connect(self.beginResetModel)
        session.replaced.connect(self.endResetModel)
        session.itemsAboutToBeInserted.connect(self._inserting)
        session.itemsInserted.connect(self.endInsertRows)
        session.itemsAboutToBeRemoved.connect(self._removing)
        session.itemsRemoved.connect(self.endRemoveRows)
        session.itemAboutToBeMoved.connect(self._moving)
        session.itemMoved.connect(self.endMoveRows)
        session.itemChanged.connect(self._changed)
        session.sourcesInserted.connect(self.refresh)  # items of a source just loaded can now show it

    @property
    def _items(self) -> list[BriefItem]:
        return self._session.project.items

    # --- following the session --------------------------------------------------------------
    def _inserting(self, first: int, last: int) -> None:
        self.beginInsertRows(QModelIndex(), first, last)

    def _removing(self, first: int, last: int) -> None:
        self.beginRemoveRows(QModelIndex(), first, last)

    def _moving(self, row: int, target: int) -> None:
        destination = target + 1 if target > row else target  # Qt counts in positions before the move
        self.beginMoveRows(QModelIndex(), row, row, QModelIndex(), destination)

    def _changed(self, row: int) -> None:
        index = self.index(row)
        self.dataChanged.emit(index, index)

    def refresh(self) -> None:
        if self._items:
            self.dataChanged.emit(self.index(0), self.index(len(self._items) - 1))

    # --- QAbstractListModel ---------------------------------------------------------------
    def rowCount(self, parent: Index = _ROOT) -> int:
        return 0 if parent.isValid() else len(self._items)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._items):
            return None
        item = self._items[index.row()]
        source, section = self._session.resolve(item)
        if role == Qt.ItemDataRole.DisplayRole:
            return item_heading(item, section)
        if role == Roles.SUBTITLE:
            path = getattr(item, "source", None)
            if path and source is None:
                return "Source not loaded: " + path.replace("\\", "/").rsplit("/", 1)[-1]
            edited = isinstance(item, SectionItem) and item.is_edited
            marks = [m for m, on in (("edited", edited), ("note", bool(item.note.strip()))) if on]
            origin = (source.outlet or source.title) if source else _own(item)
            return " · ".join(
                [ROLE_LABELS[item.role], origin, *marks, *([item.classification] if item.classification else [])]
            )
        if role == Roles.BADGE:
            return str(index.row() + 1)
        if role == Qt.ItemDataRole.ToolTipRole:
            origin = source.title if source else getattr(item, "source", "") or _own(item)
            return f"{origin}\n{item_heading(item, section)}"
        if role == Roles.KEY:
            return brief_edit.key_of(item)
        if role == Roles.ITEM:
            return item
        if role == Roles.SOURCE:
            return source
        if role == Roles.SECTION:
            return section
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.ItemIsDropEnabled
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemIsDragEnabled

    def supportedDropActions(self) -> Qt.DropAction:
        return Qt.DropAction.MoveAction

    def supportedDragActions(self) -> Qt.DropAction:
        return Qt.DropAction.MoveAction

    def mimeTypes(self) -> list[str]:
        return [ITEM_MIME]

    def mimeData(self, indexes: Sequence[QModelIndex]) -> QMimeData:
        data = QMimeData()
        rows = sorted({i.row() for i in indexes if i.isValid()})
        data.setData(ITEM_MIME, QByteArray(",".join(map(str, rows)).encode()))
        return data

    def moveRows(
        self, source_parent: Index, source_row: int, count: int, destination_parent: Index, destination: int
    ) -> bool:
        """QListView's internal move: ``destination`` is the row the item goes before."""
        if source_parent.isValid() or destination_parent.isValid() or count != 1:
            return False
        target = destination - 1 if destination > source_row else destination
        if not 0 <= source_row < len(self._items) or not 0 <= target < len(self._items):
            return False
        if target != source_row:
            self.moveRequested.emit(source_row, target)
        return True

    def dropMimeData(self, data: QMimeData, action: Qt.DropAction, row: int, column: int, parent: Index) -> bool:
        """The generic drop path (and any other view): decode the dragged row and request its move."""
        if action != Qt.DropAction.MoveAction or not data.hasFormat(ITEM_MIME):
            return False
        rows = [int(r) for r in bytes(data.data(ITEM_MIME).data()).decode().split(",") if r]
        if len(rows) != 1:
            return False
        destination = row if row >= 0 else (parent.row() if parent.isValid() else len(self._items))
        return self.moveRows(QModelIndex(), rows[0], 1, QModelIndex(), destination)


def figure_label(figure: SourceFigure) -> str:
    """How the sources tree names a figure of a source: its number there and its caption."""
    number = figure.id.removeprefix("figure-")
    return f"Figure {number}: {figure.caption}" if figure.caption else f"Figure {number} (no caption)"


def _own(item: BriefItem) -> str:
    """What an item that comes from no source is, in the outline."""
    return "Your image" if isinstance(item, FigureItem) else "Your text"


def item_heading(item: BriefItem, section: Section | None) -> str:
    """How the outline names an item: its section's heading (marked as an excerpt), or the analyst's own."""
    if isinstance(item, SectionItem):
        heading = section.display_heading if section else item.section_id
        return f"{heading} (paragraphs {item.paragraphs[0]}–{item.paragraphs[1]})" if item.paragraphs else heading
    if isinstance(item, AnalystItem):
        return item.heading or "Your text"
    if isinstance(item, QuoteItem):
        return f"“{item.text}”"
    return item.caption or "Figure"
