"""The sources panel: loaded sources and their sections with check boxes, a search box, and a reader.

Ticking a section asks for it to be added to the brief (the window turns the
request into an undoable command); the reader shows the full text of the
current section with search matches highlighted. Text selected in the reader can
be added as an excerpt (the paragraphs the selection touches) or as a quote (the
selected words, with the speaker the quote finder names).
"""

from __future__ import annotations

import html
from dataclasses import dataclass

from PySide6.QtCore import QItemSelectionModel, QModelIndex, QPoint, Qt, QUrl, Signal, SignalInstance
from PySide6.QtGui import QAction, QImage, QKeySequence, QTextDocument
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QLineEdit,
    QMenu,
    QSplitter,
    QStyle,
    QTextBrowser,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from app.assemble.quotes import find_quotes
from app.brief import edit as brief_edit
from app.brief.search import split_highlights
from app.core.model import Section, Source, SourceFigure
from app.gui.delegates import TwoLineDelegate
from app.gui.icons import icon
from app.gui.models import Roles, SectionFilterModel, SourcesModel, figure_label
from app.gui.theme import colours
from app.gui.widgets import HintTreeView, describe, header_row, muted_label, panel_title

EMPTY_HINT = "No sources yet.\n\nDrop files here, or choose File › Add Sources…"
#: Blocks the reader shows before a section's first paragraph: its heading and the line naming its origin.
READER_HEAD_BLOCKS = 2


@dataclass(frozen=True)
class ReaderSelection:
    """Text selected in the reader: its section, the paragraphs it touches (1-based, inclusive) and its words."""

    source: Source
    section: Section
    paragraphs: tuple[int, int]
    text: str


def speaker_for(words: str, passage: str) -> str:
    """Who says ``words`` in ``passage``, as the quote finder reads it: the speaker of the quote holding them."""
    wanted = " ".join(words.split())
    if not wanted:
        return ""
    for quote, speaker in find_quotes(passage):
        quote = " ".join(quote.split())
        if wanted in quote or quote in wanted:
            return speaker
    return ""


def _marked(text: str, query: str) -> str:
    return "".join(
        f'<span style="background:{colours().match_background}">{html.escape(piece)}</span>'
        if hit
        else html.escape(piece)
        for piece, hit in split_highlights(text, query)
    )


def reader_html(source: Source, section: Section | None, query: str) -> str:
    """The reader's page for a source or one of its sections, matches marked."""
    details = " · ".join(html.escape(x) for x in (source.outlet, source.date, source.author) if x)
    muted = f'<p style="color:{colours().muted}">'
    if section is None:
        words = sum(s.word_count for s in source.sections)
        warnings = "".join(f'<p style="color:{colours().warning}">{html.escape(w)}</p>' for w in source.warnings)
        return (
            f"<h3>{_marked(source.title, query)}</h3>{muted}{details}</p>"
            f"<p>{len(source.sections)} sections, {words:,} words</p>{warnings}{muted}{html.escape(source.path)}</p>"
        )
    paragraphs = "".join(f"<p>{_marked(p, query)}</p>" for p in section.paragraphs)
    origin = " · ".join([details or html.escape(source.title), f"{section.word_count:,} words"])
    # Left to right whatever the source's script: in a right-to-left line "60 words" read "words 60".
    heading = _marked(section.display_heading, query)
    return f'<h3>{heading}</h3><p dir="ltr" style="color:{colours().muted}">{origin}</p>{paragraphs}'


#: Where the reader finds the picture of the figure it shows (a resource of its document, never a file).
FIGURE_URL = QUrl("briefgen-figure:shown")


def figure_reader_html(source: Source, figure: SourceFigure, width: int) -> str:
    """The reader's page for a figure of a source: the picture (FIGURE_URL) at most ``width`` pixels wide, its
    caption, credit and origin."""
    muted = f'<p style="color:{colours().muted}">'
    section = source.section(figure.section_id)
    where = f"In “{html.escape(section.display_heading)}”, " if section is not None else ""
    width = max(1, min(width, figure.width_px))
    credit = f"{muted}{html.escape(figure.credit)}</p>" if figure.credit else ""
    return (
        f"<h3>{html.escape(figure_label(figure))}</h3>"
        f"{muted}{where}{html.escape(source.outlet or source.title)} · {figure.width_px}×{figure.height_px} pixels</p>"
        f'<p><img src="{FIGURE_URL.toString()}" width="{width}"></p>{credit}'
        "<p>Tick the figure to add it to the brief.</p>"
    )


class SourcesPanel(QWidget):
    addRequested = Signal()
    #: Remove the source at this path (the window asks first if its sections are in the brief).
    removeRequested = Signal(str)
    #: Add the reader's selection to the brief as an excerpt / as a quote (a ReaderSelection).
    excerptRequested = Signal(object)
    quoteRequested = Signal(object)
    #: Ask for the marking of the source at this path / read it again from its file.
    markingRequested = Signal(str)
    detailsRequested = Signal(str)
    reloadRequested = Signal(str)

    def __init__(self, model: SourcesModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._filter = SectionFilterModel(model)

        add_button = QToolButton()
        add_button.setIcon(icon("add"))
        describe(add_button, "Add sources", "Add sources… (Ctrl+Shift+O)")
        add_button.setAutoRaise(True)
        add_button.clicked.connect(self.addRequested)
        self.remove_button = QToolButton()
        self.remove_button.setIcon(icon("remove"))
        describe(self.remove_button, "Remove source", "Remove the selected source and its items from the brief")
        self.remove_button.setAutoRaise(True)
        self.remove_button.clicked.connect(self._request_remove)

        self.search = QLineEdit()
        self.search.setPlaceholderText("Search all sources")
        self.search.setClearButtonEnabled(True)
        describe(self.search, "Search sources", "Find sections in every source by their words (Ctrl+F)")
        self.search.addAction(icon("search"), QLineEdit.ActionPosition.LeadingPosition)
        self.search.textChanged.connect(self._search)
        self.match_label = muted_label()
        self.match_label.hide()

        self.tree = HintTreeView(EMPTY_HINT)
        self.tree.setObjectName("sourcesTree")
        describe(
            self.tree,
            "Sources and their sections",
            "Tick a section to add it to the brief; right-click a source for its marking, details or re-loading",
        )
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
        self.marking_action = QAction("Set &Marking…", self)
        self.marking_action.setToolTip("The source's classification: its items take it unless you mark them")
        self.marking_action.triggered.connect(lambda: self._request_for_source(self.markingRequested))
        self.details_action = QAction("Edit &Details…", self)
        self.details_action.setToolTip("Correct the source's title, outlet, author, date and URL")
        self.details_action.triggered.connect(lambda: self._request_for_source(self.detailsRequested))
        self.reload_action = QAction(icon("reset"), "Re-&load from File", self)
        self.reload_action.setToolTip("Read the source's file again, as it is now")
        self.reload_action.triggered.connect(lambda: self._request_for_source(self.reloadRequested))
        self.tree.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.tree.customContextMenuRequested.connect(self._tree_menu_requested)

        self.reader = QTextBrowser()
        self.reader.setObjectName("reader")
        describe(self.reader, "Reader", "The selected section's text: select words to add them as an excerpt or quote")
        self.reader.setOpenLinks(False)
        self.reader.setPlaceholderText("Select a section to read it here.")
        self.reader.document().setDocumentMargin(10)
        self.reader.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.reader.customContextMenuRequested.connect(self._reader_menu_requested)
        self.reader.selectionChanged.connect(self._update_reader_actions)
        #: The section the reader shows, when its paragraphs are the reader's blocks one for one.
        self._shown_section: tuple[Source, Section] | None = None

        self.add_excerpt_action = QAction(icon("excerpt"), "Add &Excerpt", self)
        self.add_excerpt_action.setShortcut(QKeySequence("Ctrl+Shift+E"))
        self.add_excerpt_action.setToolTip("Add the paragraphs of the selected text to the brief (Ctrl+Shift+E)")
        self.add_excerpt_action.triggered.connect(lambda: self._request(self.excerptRequested))
        self.add_quote_action = QAction(icon("quote"), "Add as &Quote", self)
        self.add_quote_action.setShortcut(QKeySequence("Ctrl+Shift+K"))
        self.add_quote_action.setToolTip("Add the selected words to the brief as a key quote (Ctrl+Shift+K)")
        self.add_quote_action.triggered.connect(lambda: self._request(self.quoteRequested))
        reader_buttons = QHBoxLayout()
        reader_buttons.setContentsMargins(0, 0, 0, 0)
        reader_buttons.setSpacing(2)
        for action in (self.add_excerpt_action, self.add_quote_action):
            button = QToolButton()
            button.setDefaultAction(action)
            button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
            button.setAutoRaise(True)
            reader_buttons.addWidget(button)
        reader_buttons.addStretch(1)
        reader_box = QWidget()
        reader_layout = QVBoxLayout(reader_box)
        reader_layout.setContentsMargins(0, 0, 0, 0)
        reader_layout.setSpacing(2)
        reader_layout.addWidget(self.reader, 1)
        reader_layout.addLayout(reader_buttons)

        self.splitter = QSplitter(Qt.Orientation.Vertical)
        self.splitter.setObjectName("sourcesSplitter")
        self.splitter.addWidget(self.tree)
        self.splitter.addWidget(reader_box)
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
        self._update_reader_actions()

    def current_source(self) -> Source | None:
        return self.tree.currentIndex().data(Roles.SOURCE)

    def select_source(self, path: str) -> None:
        """Make the source at ``path`` the current row (the search is cleared so it is shown)."""
        self.search.clear()
        for row in range(self._filter.rowCount()):
            index = self._filter.index(row, 0)
            source = index.data(Roles.SOURCE)
            if source is not None and source.path == path:
                self.tree.setCurrentIndex(index)
                self.tree.scrollTo(index)
                self.tree.setFocus()
                return

    def tree_menu(self) -> QMenu:
        """The sources list's menu for the current row's source."""
        menu = QMenu(self)
        menu.addActions([self.marking_action, self.details_action, self.reload_action])
        menu.addSeparator()
        remove = menu.addAction(icon("remove"), "Remove Source")
        remove.triggered.connect(self._request_remove)
        has_source = self.current_source() is not None
        for action in menu.actions():
            action.setEnabled(has_source)
        return menu

    def _tree_menu_requested(self, position: QPoint) -> None:
        index = self.tree.indexAt(position)
        if index.isValid():
            self.tree.setCurrentIndex(index)
            self.tree_menu().exec(self.tree.viewport().mapToGlobal(position))

    def _request_for_source(self, signal: SignalInstance) -> None:
        source = self.current_source()
        if source is not None:
            signal.emit(source.path)

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
        query = self._filter.query
        if query:
            count = self._filter.matching_sections()
            none = f"No sections match “{text.strip()}”."
            self.match_label.setText(none if not count else f"{count} matching section{'s' if count != 1 else ''}")
            self.tree.hint = none if self._filter.sourceModel().rowCount() else EMPTY_HINT
        else:
            self.tree.hint = EMPTY_HINT
        self.match_label.setVisible(bool(query))
        self._show_current(self.tree.currentIndex())
        self.tree.viewport().update()

    def _expand_inserted(self, parent: QModelIndex, first: int, last: int) -> None:
        if not parent.isValid():
            for row in range(first, last + 1):
                self.tree.expand(self._filter.index(row, 0))
        self._update_buttons()

    def _show_current(self, index: QModelIndex, _previous: QModelIndex | None = None) -> None:
        source = index.data(Roles.SOURCE) if index.isValid() else None
        section = index.data(Roles.SECTION) if source is not None else None
        figure = index.data(Roles.FIGURE) if source is not None else None
        if source is None:
            self.reader.clear()
        elif figure is not None:
            picture = QImage.fromData(figure.data)
            self.reader.document().addResource(QTextDocument.ResourceType.ImageResource, FIGURE_URL, picture)
            scroll_bar = self.reader.style().pixelMetric(QStyle.PixelMetric.PM_ScrollBarExtent)
            margins = 2 * int(self.reader.document().documentMargin())
            width = self.reader.viewport().width() - margins - scroll_bar - 8  # room for a vertical scroll bar
            self.reader.setHtml(figure_reader_html(source, figure, width))
        else:
            self.reader.setHtml(reader_html(source, section, self._filter.query))
        blocks = self.reader.document().blockCount()
        if source is not None and section is not None and blocks == READER_HEAD_BLOCKS + len(section.paragraphs):
            self._shown_section = (source, section)
        else:  # a source's summary, or a paragraph the reader split in two: no paragraph numbers to go by
            self._shown_section = None
        self._update_buttons()
        self._update_reader_actions()

    # --- the reader's selection ------------------------------------------------------------------
    def reader_selection(self) -> ReaderSelection | None:
        """The section and paragraphs of the text selected in the reader; None without a selection in a section."""
        cursor = self.reader.textCursor()
        if self._shown_section is None or not cursor.hasSelection():
            return None
        source, section = self._shown_section
        document = self.reader.document()
        start, end = cursor.selectionStart(), cursor.selectionEnd()
        last_block = document.findBlock(end)
        if end == last_block.position() and end > start:  # selected up to the start of a paragraph, none of it
            last_block = last_block.previous()
        first = document.findBlock(start).blockNumber() - READER_HEAD_BLOCKS
        last = last_block.blockNumber() - READER_HEAD_BLOCKS
        paragraphs = brief_edit.excerpt_range(first, last, len(section.paragraphs))
        text = cursor.selectedText().replace("\u2029", "\n").replace("\u2028", "\n")
        if paragraphs is None or not text.strip():
            return None
        return ReaderSelection(source, section, paragraphs, text)

    def reader_menu(self, position: QPoint) -> QMenu:
        """The reader's context menu: copying, and adding the selection to the brief."""
        menu = self.reader.createStandardContextMenu(position)
        menu.addSeparator()
        menu.addActions([self.add_excerpt_action, self.add_quote_action])
        return menu

    def _reader_menu_requested(self, position: QPoint) -> None:
        menu = self.reader_menu(position)
        menu.exec(self.reader.viewport().mapToGlobal(position))
        menu.deleteLater()

    def _update_reader_actions(self) -> None:
        selected = self.reader_selection() is not None
        self.add_excerpt_action.setEnabled(selected)
        self.add_quote_action.setEnabled(selected)

    def _request(self, signal: SignalInstance) -> None:
        selection = self.reader_selection()
        if selection is not None:
            signal.emit(selection)

    def _update_buttons(self) -> None:
        self.remove_button.setEnabled(self.current_source() is not None)

    def _request_remove(self) -> None:
        source = self.current_source()
        if source is not None:
            self.removeRequested.emit(source.path)
