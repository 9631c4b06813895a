"""The brief outline: chosen items in order (drag, buttons or Ctrl+↑/↓ to reorder) and an editor for one item.

The editor shows the fields of the current item's kind: for a section or excerpt
its role, its text (the source's, until the analyst edits it) and where it came
from; for the analyst's own section a heading, Markdown text and the sources it
cites; for a quote its words and speaker; for a figure its image, caption and
credit; and a note for every kind. A section's text is read-only while its
section is not loaded, as it cannot be shown then. Every edit is sent
out as a request; the window pushes the undo command, and the editor refreshes
from the model, so undo and redo show up here too. Ctrl+↑/↓ and Delete act only while the
list has focus, so in the text fields those keys keep their editing meaning.
"""

from __future__ import annotations

import html

from PySide6.QtCore import QItemSelectionModel, QModelIndex, Qt, Signal
from PySide6.QtGui import QAction, QKeySequence, QPixmap
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMenu,
    QPlainTextEdit,
    QScrollArea,
    QSplitter,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from app.brief import edit as brief_edit
from app.brief.edit import ItemKey
from app.core.model import AnalystItem, BriefItem, FigureItem, QuoteItem, SectionItem, Source
from app.core.terms import ROLE_LABELS, ROLES
from app.gui.delegates import TwoLineDelegate
from app.gui.icons import icon
from app.gui.models import OutlineModel, Roles, figure_label, item_heading
from app.gui.session import BriefSession
from app.gui.spell_check import Speller, attach_spell_check
from app.gui.widgets import (
    HintListView,
    UndoShortcutFilter,
    describe,
    header_row,
    muted_label,
    panel_title,
    shrinkable,
)

EMPTY_HINT = (
    "Nothing in the brief yet.\n\nTick sections in the Sources panel to add them here, "
    "or press Ctrl+Shift+N to write a section of your own."
)
MARKDOWN_HINT = "Markdown: **bold**, *italic*, - lists, [links](https://…)"
#: Height of the figure thumbnail in the editor, in pixels.
THUMBNAIL_HEIGHT = 72
#: Most height a quote's text box takes, in pixels; other texts may take all there is.
QUOTE_HEIGHT = 110
MAX_HEIGHT = 16_777_215  # Qt's QWIDGETSIZE_MAX


def _tool_button(action: QAction, text: bool = True) -> QToolButton:
    """A flat button for ``action``: its icon with its text, or the icon alone (the tooltip names it)."""
    button = QToolButton()
    button.setDefaultAction(action)
    style = Qt.ToolButtonStyle.ToolButtonTextBesideIcon if text else Qt.ToolButtonStyle.ToolButtonIconOnly
    button.setToolButtonStyle(style)
    button.setAutoRaise(True)
    return button


class OutlinePanel(QWidget):
    #: Move the item at the first row so it ends up at the second.
    moveRequested = Signal(int, int)
    removeRequested = Signal(set)
    #: Set an item's field ('text', 'note', 'role', 'heading', 'cites' …) to a value (text None = the source's).
    fieldEdited = Signal(str, str, object)
    #: Show this item's section in the sources panel (the item's key).
    revealRequested = Signal(str)
    #: Add an analyst section / a figure after the current item.
    addAnalystRequested = Signal()
    addFigureRequested = Signal()

    def __init__(
        self, session: BriefSession, model: OutlineModel, speller: Speller, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self._session = session
        self._model = model
        self._shown: ItemKey | None = None
        undo_filter = UndoShortcutFilter(self)

        self.move_up_action = self._action("Move Up", "up", QKeySequence("Ctrl+Up"), lambda: self._move(-1))
        self.move_down_action = self._action("Move Down", "down", QKeySequence("Ctrl+Down"), lambda: self._move(1))
        self.remove_action = self._action(
            "Remove from Brief", "remove", QKeySequence(QKeySequence.StandardKey.Delete), self._remove
        )
        self.reset_action = self._action("Reset to Source", "reset", QKeySequence(), self._reset_text)
        self.reset_action.setToolTip("Discard your edits and use the source's text again")
        self.add_analyst_action = self._action(
            "Add &Analyst Section", "write", QKeySequence("Ctrl+Shift+N"), self.addAnalystRequested.emit
        )
        self.add_analyst_action.setToolTip("Write a section of your own after the current item (Ctrl+Shift+N)")
        self.add_figure_action = self._action("Add &Figure…", "figure", QKeySequence(), self.addFigureRequested.emit)
        self.add_figure_action.setToolTip("Add a PNG or JPEG image with a caption after the current item")

        self.list = HintListView(EMPTY_HINT)
        self.list.setObjectName("outlineList")
        describe(self.list, "Brief outline", "The brief's parts in order: drag or Ctrl+Up/Down to move, Delete removes")
        self.list.setModel(self._model)
        self.list.setItemDelegate(TwoLineDelegate(self.list))
        self.list.setUniformItemSizes(True)  # every row is two lines: the view need not ask each of 400 rows
        self.list.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.list.setDragDropMode(QAbstractItemView.DragDropMode.InternalMove)
        self.list.setDefaultDropAction(Qt.DropAction.MoveAction)
        self.list.setDragDropOverwriteMode(False)
        self.list.setDropIndicatorShown(True)
        for action in (self.move_up_action, self.move_down_action, self.remove_action):
            action.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
            self.list.addAction(action)
        self.list.selectionModel().currentChanged.connect(self._current_changed)
        self._model.moveRequested.connect(self.moveRequested)
        self._model.dataChanged.connect(self._refresh_editor)
        for signal in (self._model.rowsInserted, self._model.rowsRemoved, self._model.rowsMoved):
            signal.connect(self._rows_changed)
        self._model.modelReset.connect(self._rows_changed)
        # Sources arrive after the brief they belong to (read on a worker): the current item can show its text then.
        session.sourcesInserted.connect(self._refresh_editor)
        session.sourceRemoved.connect(self._refresh_editor)
        session.sourceChanged.connect(self._refresh_editor)  # a source's marking: what its items inherit
        session.metaChanged.connect(lambda field: self._refresh_editor() if field in ("", "classification") else None)

        self.count_label = muted_label()
        self.add_menu = QMenu(self)
        self.add_menu.addActions([self.add_analyst_action, self.add_figure_action])
        self.add_button = QToolButton()
        self.add_button.setObjectName("outlineAdd")
        self.add_button.setText("Add")
        self.add_button.setIcon(icon("new"))
        self.add_button.setToolTip("Add your own section or a figure after the current item")
        self.add_button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.add_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.add_button.setAutoRaise(True)
        self.add_button.setMenu(self.add_menu)
        buttons = QHBoxLayout()
        buttons.setSpacing(2)
        buttons.addWidget(self.add_button)
        # Moving has arrows that speak for themselves: their words made the outline too wide for a small screen.
        buttons.addWidget(_tool_button(self.move_up_action, text=False))
        buttons.addWidget(_tool_button(self.move_down_action, text=False))
        buttons.addWidget(_tool_button(self.remove_action))
        buttons.addStretch(1)

        top = QWidget()
        top_layout = QVBoxLayout(top)
        top_layout.setContentsMargins(0, 0, 0, 0)
        top_layout.setSpacing(6)
        top_layout.addLayout(header_row(panel_title("Brief outline"), self.count_label, stretch_after=2))
        top_layout.addWidget(self.list, 1)
        top_layout.addLayout(buttons)

        self.origin_label = QLabel()
        self.origin_label.setProperty("role", "muted")
        self.origin_label.setWordWrap(True)
        self.origin_label.setTextFormat(Qt.TextFormat.RichText)
        self.origin_label.linkActivated.connect(self._reveal)
        self.role_combo = QComboBox()
        self.role_combo.setObjectName("itemRole")
        describe(self.role_combo, "Role", "Where the item goes in the brief: key points, discussion, assessment …")
        for role in ROLES:
            self.role_combo.addItem(ROLE_LABELS[role], role)
        self.role_combo.activated.connect(self._role_chosen)
        shrinkable(self.role_combo)
        self.marking_combo = QComboBox()
        self.marking_combo.setObjectName("itemMarking")
        self.marking_combo.setAccessibleName("Marking")
        self.marking_combo.setEditable(True)
        self.marking_combo.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.marking_combo.setToolTip(
            "This item's classification (C, S//NF, SECRET//NOFORN …); empty takes its source's, or the brief's"
        )
        self.marking_combo.activated.connect(lambda _: self._marking_typed())
        marking_line = self.marking_combo.lineEdit()
        assert marking_line is not None  # an editable combo box always has one
        marking_line.editingFinished.connect(self._marking_typed)
        shrinkable(self.marking_combo)
        marking_line.installEventFilter(undo_filter)

        self.lines: dict[str, QLineEdit] = {}
        for field, placeholder in (
            ("heading", "The heading printed above your text"),
            ("speaker", "Who said it"),
            ("caption", "What the figure shows"),
            ("credit", "Where the image comes from, e.g. “Photo: Reuters”"),
        ):
            line = QLineEdit()
            line.setObjectName(f"item{field.capitalize()}")
            line.setPlaceholderText(placeholder)
            line.textEdited.connect(lambda text, f=field: self._line_typed(f, text))
            line.installEventFilter(undo_filter)
            self.lines[field] = line

        self.image_label = QLabel()
        self.image_label.setObjectName("itemImage")
        self.image_label.setWordWrap(True)
        self.image_thumbnail = QLabel()
        self.image_thumbnail.setObjectName("itemThumbnail")
        image_box = QVBoxLayout()
        image_box.setContentsMargins(0, 0, 0, 0)
        image_box.setSpacing(4)
        image_box.addWidget(self.image_thumbnail)
        image_box.addWidget(self.image_label)
        self._image_box = image_box

        self.edited_label = muted_label()
        self.edited_label.setWordWrap(True)  # the Markdown hint wraps rather than widen the editor past the panel
        self.text_edit = QPlainTextEdit()
        self.text_edit.setObjectName("itemText")
        describe(
            self.text_edit, "Text", "The item's text in Markdown; edit an excerpt freely, Reset puts the source's back"
        )
        self.text_edit.setMinimumHeight(90)
        self.text_edit.textChanged.connect(self._text_typed)
        self.cites_list = QListWidget()
        self.cites_list.setObjectName("itemCites")
        self.cites_list.setToolTip("Tick the sources your text draws on: they are cited after it")
        self.cites_list.setMaximumHeight(76)
        self.cites_list.setWordWrap(True)  # long titles wrap rather than scroll sideways
        self.cites_list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.cites_list.setResizeMode(QListWidget.ResizeMode.Adjust)
        self.cites_list.itemChanged.connect(self._cite_toggled)
        self.note_edit = QPlainTextEdit()
        self.note_edit.setObjectName("itemNote")
        describe(self.note_edit, "Note", "Your comment for the reader, printed in a box under the item")
        self.note_edit.setPlaceholderText("Your comment for the reader: shown in a box under this item")
        self.note_edit.setMaximumHeight(64)
        self.note_edit.setMinimumHeight(40)
        self.note_edit.textChanged.connect(self._note_typed)
        for edit in (self.text_edit, self.note_edit):
            edit.setTabChangesFocus(True)  # Tab moves on, as in every form; a brief's text has no use for tabs
            edit.setUndoRedoEnabled(False)  # the window's undo stack covers typing
            edit.setAcceptDrops(False)  # files dropped here are sources for the window, not text
            edit.installEventFilter(undo_filter)
            attach_spell_check(edit, speller)
        for field in ("heading", "caption"):
            attach_spell_check(self.lines[field], speller)

        self.reset_button = _tool_button(self.reset_action)
        text_header = QHBoxLayout()
        text_header.setContentsMargins(0, 0, 0, 0)
        text_header.addWidget(self.edited_label, 1)
        text_header.addWidget(self.reset_button)
        self._text_header = text_header

        self.editor = QWidget()
        form = QFormLayout()
        form.setContentsMargins(0, 6, 4, 0)
        form.setVerticalSpacing(8)
        form.setLabelAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        form.addRow("From", self.origin_label)
        form.addRow("Image", image_box)
        form.addRow("Role", self.role_combo)
        form.addRow("Marking", self.marking_combo)
        form.addRow("Heading", self.lines["heading"])
        form.addRow("Text", text_header)
        form.addRow(self.text_edit)
        form.addRow("Speaker", self.lines["speaker"])
        form.addRow("Caption", self.lines["caption"])
        form.addRow("Credit", self.lines["credit"])
        form.addRow("Cites", self.cites_list)
        form.addRow("Note", self.note_edit)
        self._form = form
        # The form takes the spare height when it has a long text to edit; otherwise the space below it does.
        self._editor_layout = QVBoxLayout(self.editor)
        self._editor_layout.setContentsMargins(0, 0, 0, 0)
        self._editor_layout.addLayout(form, 1)
        self._editor_layout.addStretch(0)
        editor_scroll = QScrollArea()
        editor_scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        editor_scroll.setWidgetResizable(True)
        editor_scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        editor_scroll.setWidget(self.editor)

        self.splitter = QSplitter(Qt.Orientation.Vertical)
        self.splitter.setObjectName("outlineSplitter")
        self.splitter.addWidget(top)
        self.splitter.addWidget(editor_scroll)
        self.splitter.setStretchFactor(0, 1)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setChildrenCollapsible(False)
        # The outline first: at 1280 × 800 it shows 8 items and more, the editor below scrolls; the analyst's own
        # split is restored over this.
        self.splitter.setSizes([480, 280])

        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 10, 6, 10)
        layout.addWidget(self.splitter)
        self._rows_changed()

    def _action(self, text: str, icon_name: str, shortcut: QKeySequence, slot: object) -> QAction:
        action = QAction(icon(icon_name), text, self)
        action.setShortcut(shortcut)
        action.setToolTip(f"{text} ({shortcut.toString(QKeySequence.SequenceFormat.NativeText)})")
        action.triggered.connect(slot)
        return action

    # --- the current item ------------------------------------------------------------------
    def current_key(self) -> ItemKey | None:
        return self.list.currentIndex().data(Roles.KEY)

    def select_row(self, row: int) -> None:
        self.list.selectionModel().setCurrentIndex(
            self._model.index(row), QItemSelectionModel.SelectionFlag.ClearAndSelect
        )

    def _current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        self._shown = current.data(Roles.KEY) if current.isValid() else None
        self._refresh_editor()

    def _rows_changed(self) -> None:
        count = self._model.rowCount()
        self.count_label.setText(f"{count} item{'s' if count != 1 else ''}")
        if not self.list.currentIndex().isValid() and count:
            self.select_row(count - 1)
        self._shown = self.current_key()
        self._refresh_editor()

    def _refresh_editor(self) -> None:
        """Show the current item's fields; a field the user is typing in is only rewritten if it differs."""
        row = self.list.currentIndex().row()
        self.move_up_action.setEnabled(row > 0)
        self.move_down_action.setEnabled(0 <= row < self._model.rowCount() - 1)
        self.remove_action.setEnabled(row >= 0)
        self.editor.setEnabled(self._shown is not None)
        if self._shown is None:
            self._show_rows("section", has_source=True)
            self.reset_action.setEnabled(False)
            self.origin_label.clear()
            self.edited_label.clear()
            self._show_item_text("", missing="")
            self._set_text(self.note_edit, "")
            return
        item = self._session.item(self._shown)
        source, section = self._session.resolve(item)
        path = getattr(item, "source", None) or ""
        self._show_rows(item.kind, has_source=bool(path))
        if source is None:
            self.origin_label.setText(f"Source not loaded: {html.escape(path)}")
            self.origin_label.setToolTip(path)
        elif isinstance(item, FigureItem):
            self.origin_label.setText(html.escape(source.outlet or source.title))
            self.origin_label.setToolTip(f"{source.title}\n{source.path}")
        else:
            name = section.display_heading if isinstance(item, QuoteItem) and section else item_heading(item, section)
            heading = html.escape(name)
            self.origin_label.setText(f'{html.escape(source.outlet or source.title)} › <a href="reveal">{heading}</a>')
            self.origin_label.setToolTip(f"{source.title}\n{source.path}")
        self.role_combo.setCurrentIndex(ROLES.index(item.role))
        self._show_marking(item, path)
        for field, line in self.lines.items():
            value = getattr(item, field, None)
            if isinstance(value, str) and line.text() != value:
                line.setText(value)
                if not line.hasFocus():
                    line.setCursorPosition(0)
        edited = isinstance(item, SectionItem) and item.is_edited
        self.reset_action.setEnabled(edited and section is not None)
        missing = ""
        if isinstance(item, SectionItem):
            self.edited_label.setText("Edited — differs from the source" if edited else "As in the source")
            if section is None and source is None:
                missing = "The source is not loaded, so this text cannot be shown or edited."
            elif section is None:
                missing = "The source no longer has this section, so its text cannot be shown or edited."
        elif isinstance(item, AnalystItem):
            self.edited_label.setText(MARKDOWN_HINT)
            self._show_cites(item.cites)
        elif isinstance(item, QuoteItem):
            self.edited_label.setText("The words as printed, without quotation marks")
        if isinstance(item, FigureItem):
            self._show_image(item, source)
        else:
            self._show_item_text(brief_edit.item_text(item, section), missing)
        self._set_text(self.note_edit, item.note)

    def set_marking_choices(self, choices: list[str]) -> None:
        """The levels of the scheme the brief uses, offered for items (any marking may be typed)."""
        typed = self.marking_combo.currentText()
        self.marking_combo.blockSignals(True)
        self.marking_combo.clear()
        self.marking_combo.addItems(["", *choices])
        self.marking_combo.setCurrentText(typed)
        self.marking_combo.blockSignals(False)

    def _show_marking(self, item: BriefItem, path: str) -> None:
        """The item's own marking, and what it inherits when it has none (shown as the placeholder)."""
        inherited = self._session.project.record(path).classification if path else ""
        brief = self._session.project.meta.classification or "the scheme's lowest level"
        line = self.marking_combo.lineEdit()
        if line is not None:
            line.setPlaceholderText(f"As its source: {inherited}" if inherited else f"As the brief: {brief}")
        if self.marking_combo.currentText() != item.classification:
            self.marking_combo.blockSignals(True)
            self.marking_combo.setCurrentText(item.classification)
            self.marking_combo.blockSignals(False)

    def _marking_typed(self) -> None:
        text = self.marking_combo.currentText().strip()
        if self._shown is not None and self._session.item(self._shown).classification != text:
            self.fieldEdited.emit(self._shown, "classification", text)

    def _show_rows(self, kind: str, has_source: bool) -> None:
        """Show the rows of the form that the item's kind has, and hide the rest."""
        rows: dict[QWidget | QHBoxLayout | QVBoxLayout, bool] = {
            self.origin_label: has_source,
            self._image_box: kind == "figure",
            self.lines["heading"]: kind == "analyst",
            self._text_header: kind != "figure",
            self.text_edit: kind != "figure",
            self.lines["speaker"]: kind == "quote",
            self.lines["caption"]: kind == "figure",
            self.lines["credit"]: kind == "figure",
            self.cites_list: kind == "analyst",
        }
        for row, visible in rows.items():
            self._form.setRowVisible(row, visible)
        self.reset_button.setVisible(kind == "section")
        long_text = kind in ("section", "analyst")
        self._editor_layout.setStretch(0, 1 if long_text else 0)
        self._editor_layout.setStretch(1, 0 if long_text else 1)
        self.text_edit.setMaximumHeight(QUOTE_HEIGHT if kind == "quote" else MAX_HEIGHT)
        text_label = self._form.labelForField(self._text_header)
        if isinstance(text_label, QLabel):
            text_label.setText("Quote" if kind == "quote" else "Text")

    def _show_cites(self, cites: list[str]) -> None:
        """One check box per source of the brief (and any cited source no longer in it), ticked when cited."""
        loaded = self._session.sources_by_path()
        paths = [*self._session.project.sources, *(c for c in cites if c not in self._session.project.sources)]
        labels = [
            loaded[path].title if path in loaded else path.replace("\\", "/").rsplit("/", 1)[-1] + " (not loaded)"
            for path in paths
        ]
        self.cites_list.blockSignals(True)
        try:
            shown = [
                (self.cites_list.item(i).data(Qt.ItemDataRole.UserRole), self.cites_list.item(i).text())
                for i in range(self.cites_list.count())
            ]
            if shown != list(zip(paths, labels, strict=True)):  # a source loaded since changes its label
                self.cites_list.clear()
                for path, label in zip(paths, labels, strict=True):
                    entry = QListWidgetItem(label)
                    entry.setData(Qt.ItemDataRole.UserRole, path)
                    entry.setToolTip(path)
                    entry.setFlags(
                        Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemIsUserCheckable
                    )
                    self.cites_list.addItem(entry)
            for i in range(self.cites_list.count()):
                entry = self.cites_list.item(i)
                cited = entry.data(Qt.ItemDataRole.UserRole) in cites
                entry.setCheckState(Qt.CheckState.Checked if cited else Qt.CheckState.Unchecked)
        finally:
            self.cites_list.blockSignals(False)

    def _show_image(self, item: FigureItem, source: Source | None) -> None:
        """A thumbnail of the figure's image file, or of the picture its source showed."""
        found = source.figure(item.figure_id) if source is not None and item.figure_id else None
        if item.from_source:
            self.image_label.setText(figure_label(found) if found else f"{item.figure_id} (not in the source)")
            self.image_label.setToolTip(item.source or "")
            pixmap = QPixmap()
            if found is not None:
                pixmap.loadFromData(found.data)
        else:
            self.image_label.setText(item.image.replace("\\", "/").rsplit("/", 1)[-1])
            self.image_label.setToolTip(item.image)
            pixmap = QPixmap(item.image)
        if pixmap.isNull():
            self.image_thumbnail.clear()
            self.image_thumbnail.setText("The image cannot be shown.")
        else:
            self.image_thumbnail.setPixmap(
                pixmap.scaledToHeight(
                    min(THUMBNAIL_HEIGHT, pixmap.height()), Qt.TransformationMode.SmoothTransformation
                )
            )

    def focus_field(self, field: str) -> None:
        """Put the cursor in a field of the current item ('heading', 'caption', 'speaker', 'text'), all selected."""
        if field == "text":
            self.text_edit.setFocus()
            self.text_edit.selectAll()
            return
        line = self.lines[field]
        line.setFocus()
        line.selectAll()

    def _show_item_text(self, text: str, missing: str) -> None:
        """The item's text, editable only when its section is loaded (``missing`` says why it is not).

        Without the section the editor cannot show the text the brief will print,
        and whatever is typed there would replace that whole text unseen; so it
        is read-only until the source arrives (read on a worker, or added again).
        """
        self.text_edit.setReadOnly(bool(missing) or self._shown is None)
        self.text_edit.setPlaceholderText(missing)
        self._set_text(self.text_edit, text)

    @staticmethod
    def _set_text(edit: QPlainTextEdit, text: str) -> None:
        if edit.toPlainText() != text:
            edit.blockSignals(True)
            cursor = edit.textCursor().position()
            edit.setPlainText(text)
            moved = edit.textCursor()
            moved.setPosition(min(cursor, len(text)))
            edit.setTextCursor(moved)
            edit.blockSignals(False)

    # --- requests ---------------------------------------------------------------------------
    def _move(self, step: int) -> None:
        row = self.list.currentIndex().row()
        if row >= 0 and 0 <= row + step < self._model.rowCount():
            self.moveRequested.emit(row, row + step)

    def _remove(self) -> None:
        if self._shown is not None:
            self.removeRequested.emit({self._shown})

    def _reveal(self, _link: str) -> None:
        if self._shown is not None:
            self.revealRequested.emit(self._shown)

    def _reset_text(self) -> None:
        if self._shown is not None:
            self.fieldEdited.emit(self._shown, "text", None)

    def _role_chosen(self, position: int) -> None:
        if self._shown is not None and self._session.item(self._shown).role != ROLES[position]:
            self.fieldEdited.emit(self._shown, "role", ROLES[position])

    def _text_typed(self) -> None:
        if self._shown is None:
            return
        item = self._session.item(self._shown)
        typed = self.text_edit.toPlainText()
        if isinstance(item, FigureItem):
            return
        if not isinstance(item, SectionItem):
            self.fieldEdited.emit(self._shown, "text", typed)
            return
        _, section = self._session.resolve(item)
        if section is None:  # the editor is read-only then; never store text it did not show
            return
        self.fieldEdited.emit(self._shown, "text", brief_edit.edited_text(typed, brief_edit.source_text(item, section)))

    def _line_typed(self, field: str, text: str) -> None:
        if self._shown is not None:
            self.fieldEdited.emit(self._shown, field, text)

    def _cite_toggled(self, _entry: QListWidgetItem) -> None:
        if self._shown is None:
            return
        cites = [
            self.cites_list.item(i).data(Qt.ItemDataRole.UserRole)
            for i in range(self.cites_list.count())
            if self.cites_list.item(i).checkState() == Qt.CheckState.Checked
        ]
        self.fieldEdited.emit(self._shown, "cites", cites)

    def _note_typed(self) -> None:
        if self._shown is not None:
            self.fieldEdited.emit(self._shown, "note", self.note_edit.toPlainText())
