"""The sources panel: loaded sources and their sections with check boxes, a search box, and a reader.

Ticking a section asks for it to be added to the brief (the window turns the
request into an undoable command); the reader shows the full text of the
current section with search matches highlighted.
"""

from __future__ import annotations

import html

from PySide6.QtCore import QItemSelectionModel, QModelIndex, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QLineEdit,
    QSplitter,
    QTextBrowser,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from app.brief.search import split_highlights
from app.core.model import Section, Source
from app.gui.delegates import TwoLineDelegate
from app.gui.icons import icon
from app.gui.models import Roles, SectionFilterModel, SourcesModel
from app.gui.theme import MATCH_BACKGROUND, MUTED_TEXT
from app.gui.widgets import HintTreeView, header_row, muted_label, panel_title

EMPTY_HINT = "No sources yet.\n\nDrop files here, or choose File › Add Sources…"


def _marked(text: str, query: str) -> str:
    return "".join(
        f'<span style="background:{MATCH_BACKGROUND}">{html.escape(piece)}</span>' if hit else html.escape(piece)
        for piece, hit in split_highlights(text, query)
    )


def reader_html(source: Source, section: Section | None, query: str) -> str:
    """The reader's page for a source or one of its sections, matches marked."""
    details = " · ".join(html.escape(x) for x in (source.outlet, source.date, source.author) if x)
    muted = f'<p style="color:{MUTED_TEXT}">'
    if section is None:
        words = sum(s.word_count for s in source.sections)
        return (
            f"<h3>{_marked(source.title, query)}</h3>{muted}{details}</p>"
            f"<p>{len(source.sections)} sections, {words:,} words</p>{muted}{html.escape(source.path)}</p>"
        )
    paragraphs = "".join(f"<p>{_marked(p, query)}</p>" for p in section.paragraphs)
    origin = " · ".join([details or html.escape(source.title), f"{section.word_count:,} words"])
    return f"<h3>{_marked(section.display_heading, query)}</h3>{muted}{origin}</p>{paragraphs}"


class SourcesPanel(QWidget):
    addRequested = Signal()
    #: Remove the source at this path (the window asks first if its sections are in the brief).
    removeRequested = Signal(str)

    def __init__(self, model: SourcesModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._filter = SectionFilterModel(model)

        add_button = QToolButton()
        add_button.setIcon(icon("add"))
        add_button.setToolTip("Add sources…")
        add_button.setAutoRaise(True)
        add_button.clicked.connect(self.addRequested)
        self.remove_button = QToolButton()
        self.remove_button.setIcon(icon("remove"))
        self.remove_button.setToolTip("Remove the selected source")
        self.remove_button.setAutoRaise(True)
        self.remove_button.clicked.connect(self._request_remove)

        self.search = QLineEdit()
        self.search.setPlaceholderText("Search all sources")
        self.search.setClearButtonEnabled(True)
        self.search.addAction(icon("search"), QLineEdit.ActionPosition.LeadingPosition)
        self.search.textChanged.connect(self._search)
        self.match_label = muted_label()
        self.match_label.hide()

        self.tree = HintTreeView(EMPTY_HINT)
        self.tree.setObjectName("sourcesTree")
        self.tree.setModel(self._filter)
        self.tree.setHeaderHidden(True)
        self.tree.setUniformRowHeights(True)
        self.tree.setIndentation(16)
        self.tree.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.tree.setItemDelegate(TwoLineDelegate(self.tree, query=lambda: self._filter.query, bold_top_level=True))
        self.tree.selectionModel().currentChanged.connect(self._show_current)
        self._filter.rowsInserted.connect(self._expand_inserted)
        self._filter.modelReset.connect(self.tree.expandAll)
        self._filter.rowsRemoved.connect(self._update_buttons)

        self.reader = QTextBrowser()
        self.reader.setObjectName("reader")
        self.reader.setOpenLinks(False)
        self.reader.setPlaceholderText("Select a section to read it here.")
        self.reader.document().setDocumentMargin(10)

        self.splitter = QSplitter(Qt.Orientation.Vertical)
        self.splitter.setObjectName("sourcesSplitter")
        self.splitter.addWidget(self.tree)
        self.splitter.addWidget(self.reader)
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 2)
        self.splitter.setChildrenCollapsible(False)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(10, 10, 6, 10)
        layout.setSpacing(8)
        layout.addLayout(header_row(panel_title("Sources"), add_button, self.remove_button))
        layout.addWidget(self.search)
        layout.addWidget(self.match_label)
        layout.addWidget(self.splitter, 1)
        self._update_buttons()

    def current_source(self) -> Source | None:
        return self.tree.currentIndex().data(Roles.SOURCE)

    def select_section(self, source_path: str, section_id: str) -> None:
        """Make a section current (and visible) in the tree."""
        for row in range(self._filter.rowCount()):
            parent = self._filter.index(row, 0)
            for child_row in range(self._filter.rowCount(parent)):
                child = self._filter.index(child_row, 0, parent)
                if child.data(Roles.KEY) == (source_path, section_id):
                    self.tree.selectionModel().setCurrentIndex(child, QItemSelectionModel.SelectionFlag.ClearAndSelect)
                    self.tree.scrollTo(child)
                    return

    def _search(self, text: str) -> None:
        self._filter.set_query(text)
        self.tree.expandAll()
        if self._filter.query:
            count = self._filter.matching_sections()
            self.match_label.setText("No section matches" if not count else f"{count} matching section(s)")
        self.match_label.setVisible(bool(self._filter.query))
        self._show_current(self.tree.currentIndex())
        self.tree.viewport().update()

    def _expand_inserted(self, parent: QModelIndex, first: int, last: int) -> None:
        if not parent.isValid():
            for row in range(first, last + 1):
                self.tree.expand(self._filter.index(row, 0))
        self._update_buttons()

    def _show_current(self, index: QModelIndex, _previous: QModelIndex | None = None) -> None:
        source = index.data(Roles.SOURCE) if index.isValid() else None
        if source is None:
            self.reader.clear()
        else:
            self.reader.setHtml(reader_html(source, index.data(Roles.SECTION), self._filter.query))
        self._update_buttons()

    def _update_buttons(self) -> None:
        self.remove_button.setEnabled(self.current_source() is not None)

    def _request_remove(self) -> None:
        source = self.current_source()
        if source is not None:
            self.removeRequested.emit(source.path)
