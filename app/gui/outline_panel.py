"""The brief outline: chosen items in order (drag, buttons or Ctrl+↑/↓ to reorder) and an editor for one item.

The editor shows the current item's role, its text (the source's, until the
analyst edits it), a note, and where it came from; the text is read-only while
the item's section is not loaded, as it cannot be shown then. Every edit is sent
out as a request; the window pushes the undo command, and the editor refreshes
from the model, so undo and redo show up here too. Ctrl+↑/↓ and Delete act only while the
list has focus, so in the text fields those keys keep their editing meaning.
"""

from __future__ import annotations

import html

from PySide6.QtCore import QItemSelectionModel, QModelIndex, Qt, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QSplitter,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from app.brief import edit as brief_edit
from app.brief.edit import ItemKey
from app.core.model import ROLE_LABELS, ROLES, SectionItem
from app.gui.delegates import TwoLineDelegate
from app.gui.icons import icon
from app.gui.models import OutlineModel, Roles, item_heading
from app.gui.session import BriefSession
from app.gui.widgets import HintListView, UndoShortcutFilter, header_row, muted_label, panel_title

EMPTY_HINT = "Nothing in the brief yet.\n\nTick sections in the Sources panel to add them here."


def _tool_button(action: QAction) -> QToolButton:
    button = QToolButton()
    button.setDefaultAction(action)
    button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
    button.setAutoRaise(True)
    return button


class OutlinePanel(QWidget):
    #: Move the item at the first row so it ends up at the second.
    moveRequested = Signal(int, int)
    removeRequested = Signal(set)
    #: Set an item's field ('text', 'note', 'role') to a value (text None = back to the source's).
    fieldEdited = Signal(tuple, str, object)
    #: Show this item's section in the sources panel.
    revealRequested = Signal(tuple)

    def __init__(self, session: BriefSession, model: OutlineModel, parent: QWidget | None = None) -> None:
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

        self.list = HintListView(EMPTY_HINT)
        self.list.setObjectName("outlineList")
        self.list.setModel(self._model)
        self.list.setItemDelegate(TwoLineDelegate(self.list))
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

        self.count_label = muted_label()
        buttons = QHBoxLayout()
        buttons.setSpacing(2)
        for action in (self.move_up_action, self.move_down_action, self.remove_action):
            buttons.addWidget(_tool_button(action))
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
        for role in ROLES:
            self.role_combo.addItem(ROLE_LABELS[role], role)
        self.role_combo.activated.connect(self._role_chosen)
        self.edited_label = muted_label()
        self.text_edit = QPlainTextEdit()
        self.text_edit.setObjectName("itemText")
        self.text_edit.textChanged.connect(self._text_typed)
        self.note_edit = QPlainTextEdit()
        self.note_edit.setObjectName("itemNote")
        self.note_edit.setPlaceholderText("Your comment for the reader: shown in a box under this item")
        self.note_edit.setMaximumHeight(80)
        self.note_edit.textChanged.connect(self._note_typed)
        for edit in (self.text_edit, self.note_edit):
            edit.setUndoRedoEnabled(False)  # the window's undo stack covers typing
            edit.setAcceptDrops(False)  # files dropped here are sources for the window, not text
            edit.installEventFilter(undo_filter)

        text_header = QHBoxLayout()
        text_header.setContentsMargins(0, 0, 0, 0)
        text_header.addWidget(self.edited_label, 1)
        text_header.addWidget(_tool_button(self.reset_action))

        self.editor = QWidget()
        form = QFormLayout(self.editor)
        form.setContentsMargins(0, 6, 0, 0)
        form.setVerticalSpacing(8)
        form.setLabelAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        form.addRow("From", self.origin_label)
        form.addRow("Role", self.role_combo)
        form.addRow("Text", text_header)
        form.addRow(self.text_edit)
        form.addRow("Note", self.note_edit)

        self.splitter = QSplitter(Qt.Orientation.Vertical)
        self.splitter.setObjectName("outlineSplitter")
        self.splitter.addWidget(top)
        self.splitter.addWidget(self.editor)
        self.splitter.setStretchFactor(0, 2)
        self.splitter.setStretchFactor(1, 3)
        self.splitter.setChildrenCollapsible(False)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 10, 6, 10)
        layout.addWidget(self.splitter)
        self._rows_changed()

    def _action(self, text: str, icon_name: str, shortcut: QKeySequence, slot: object) -> QAction:
        action = QAction(icon(icon_name), text, self)
        action.setShortcut(shortcut)
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
        """Show the current item; a field the user is typing in is only rewritten if it differs."""
        row = self.list.currentIndex().row()
        self.move_up_action.setEnabled(row > 0)
        self.move_down_action.setEnabled(0 <= row < self._model.rowCount() - 1)
        self.remove_action.setEnabled(row >= 0)
        self.editor.setEnabled(self._shown is not None)
        if self._shown is None:
            self.reset_action.setEnabled(False)
            self.origin_label.clear()
            self.edited_label.clear()
            self._show_item_text("", missing="")
            self._set_text(self.note_edit, "")
            return
        item = self._session.item(self._shown)
        source, section = self._session.resolve(item)
        path = getattr(item, "source", None) or ""
        edited = isinstance(item, SectionItem) and item.is_edited
        if not path:
            self.origin_label.setText("Your own text")
            self.origin_label.setToolTip("")
        elif source is None:
            self.origin_label.setText(f"Source not loaded: {html.escape(path)}")
            self.origin_label.setToolTip(path)
        else:
            heading = html.escape(item_heading(item, section))
            self.origin_label.setText(f'{html.escape(source.outlet or source.title)} › <a href="reveal">{heading}</a>')
            self.origin_label.setToolTip(f"{source.title}\n{source.path}")
        self.role_combo.setCurrentIndex(ROLES.index(item.role))
        self.reset_action.setEnabled(edited and section is not None)
        self.edited_label.setText("Edited — differs from the source" if edited else "As in the source")
        if section is not None:
            missing = ""
        elif source is None:
            missing = "The source is not loaded, so this text cannot be shown or edited."
        else:
            missing = "The source no longer has this section, so its text cannot be shown or edited."
        self._show_item_text(brief_edit.item_text(item, section), missing)
        self._set_text(self.note_edit, item.note)

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
        if not isinstance(item, SectionItem):
            self.fieldEdited.emit(self._shown, "text", typed)
            return
        _, section = self._session.resolve(item)
        if section is None:  # the editor is read-only then; never store text it did not show
            return
        self.fieldEdited.emit(self._shown, "text", brief_edit.edited_text(typed, brief_edit.source_text(item, section)))

    def _note_typed(self) -> None:
        if self._shown is not None:
            self.fieldEdited.emit(self._shown, "note", self.note_edit.toPlainText())
