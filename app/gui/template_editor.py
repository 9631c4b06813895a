"""The template editor: a template's markup and style beside a live preview of the brief being written.

Analysts tune a template against their real brief, so the preview renders the
main window's current project through the unsaved text on a worker shortly
after each pause in typing.  A broken template must not cost the analyst the
picture they were comparing against: an error shows in a bar under the text,
naming the file and line (click it to go there), while the last good pages
stay on screen.  Nothing is written until Save.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QAction, QCloseEvent, QGuiApplication, QKeyEvent, QKeySequence, QMouseEvent
from PySide6.QtWidgets import QLabel, QMainWindow, QSizePolicy, QSplitter, QTabWidget, QVBoxLayout, QWidget

from app.assemble.catalog import TEMPLATE_FILE, TemplateInfo
from app.core.bounded import WarmWorker
from app.core.errors import BriefgenError, TemplateError
from app.gui import dialogs
from app.gui.code_editor import CodeEditor
from app.gui.edit_actions import EditActions
from app.gui.find_bar import FindBar
from app.gui.icons import icon
from app.gui.page_view import PageView
from app.gui.session import BriefSession
from app.gui.template_highlighter import JinjaMarkdownHighlighter, TomlHighlighter
from app.gui.theme import DARK, colours
from app.gui.widgets import header_row, muted_label, panel_title, redo_keys, status_label
from app.gui.workers import JobFunction, JobRunner, LatestJob
from app.pipeline import jobs
from app.template_tools.editing import (
    TemplateText,
    is_file_of,
    parse_style_text,
    problem_message,
    read_template_text,
    save_template_text,
)
from app.template_tools.jobs import edited_preview

if TYPE_CHECKING:
    from app.template_tools.edited_build import EditedPreview

DEBOUNCE_MS = 500
#: What the editor's status says while its preview is built again, and when the template in it does not build.
UPDATING, LAST_GOOD = "Updating…", "Showing the last good preview"
STYLE_FILE = "style.toml"


def _short_path(path: Path) -> str:
    """``~/…`` for a path in the home folder, as file managers show it."""
    try:
        return str(Path("~") / path.relative_to(Path.home()))
    except ValueError:
        return str(path)


class ErrorBar(QLabel):
    """The error under the editor; clicking it asks to go to the line it names."""

    clicked = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("templateError")
        self.setProperty("role", "error")
        self.setWordWrap(True)
        self.hide()

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        if event.button() == Qt.MouseButton.LeftButton:
            self.clicked.emit()
        super().mouseReleaseEvent(event)


class TemplateEditor(QMainWindow):
    #: The edited template's pages are on screen; their count.
    rendered = Signal(int)
    #: The edited template fails; the message shown in the error bar.
    problemFound = Signal(str)
    #: The files were written; the template's name.
    saved = Signal(str)
    #: The window closed (and will be deleted).
    closed = Signal()

    def __init__(
        self, info: TemplateInfo, text: TemplateText, session: BriefSession, runner: JobRunner, parent: QWidget
    ) -> None:
        super().__init__(parent)  # a QMainWindow with a parent is still a window of its own
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.info = info
        self._session = session
        #: The last good preview: on screen, and kept while the text has an error.
        self.preview: EditedPreview | None = None
        self.problem: BriefgenError | None = None
        #: Builds this editor's previews, kept warm from one to the next.
        self._worker = WarmWorker("drawing the preview", seconds=jobs.PREVIEW_SECONDS)
        self._job = LatestJob(runner, self._make_job, DEBOUNCE_MS, self)
        self._job.succeeded.connect(self._show)
        self._job.failed.connect(self._show_problem)

        self.markup_edit = CodeEditor()
        self.markup_edit.setObjectName("markupEdit")
        self._markup_colours = JinjaMarkdownHighlighter(self.markup_edit.document(), colours() is DARK)
        self.style_edit = CodeEditor()
        self.style_edit.setObjectName("styleEdit")
        self._style_colours = TomlHighlighter(self.style_edit.document(), colours() is DARK)
        QGuiApplication.styleHints().colorSchemeChanged.connect(self._scheme_changed)
        self.tabs = QTabWidget()
        self.tabs.setDocumentMode(True)
        self.tabs.addTab(self.markup_edit, TEMPLATE_FILE)
        self.tabs.setTabToolTip(0, "The Jinja2 markup that writes the brief")
        self.tabs.addTab(self.style_edit, STYLE_FILE)
        self.tabs.setTabToolTip(1, "Page, fonts, sizes, colours, header, footer and banners")
        self.error_bar = ErrorBar()
        self.error_bar.clicked.connect(self.go_to_problem)
        self.find_bar = FindBar(self.current_editor)
        self.pages = PageView()
        self.status_label = status_label(UPDATING, LAST_GOOD)
        self.position_label = muted_label()

        self._create_actions()
        self._create_menus()
        self._create_toolbar()
        self._lay_out()
        for editor in (self.markup_edit, self.style_edit):
            editor.setReadOnly(info.builtin)
            editor.textChanged.connect(self.schedule)
            editor.document().modificationChanged.connect(self._update_title)
            editor.cursorPositionChanged.connect(self._show_position)
        self.tabs.currentChanged.connect(self._show_position)
        session.contentChanged.connect(self.schedule)  # the brief changed in the main window
        self._load(text)
        self.resize(1280, 800)

    # --- construction -----------------------------------------------------------------------
    def _create_actions(self) -> None:
        self.save_action = QAction(icon("save"), "&Save", self)
        self.save_action.setShortcut(QKeySequence.StandardKey.Save)
        self.save_action.setToolTip("Save the template (Ctrl+S)")
        self.save_action.triggered.connect(self.save)
        self.revert_action = QAction(icon("reset"), "&Revert", self)
        self.revert_action.setToolTip("Reload the template from disk, dropping unsaved edits")
        self.revert_action.triggered.connect(self.revert)
        for action in (self.save_action, self.revert_action):
            action.setEnabled(not self.info.builtin)
            self.addAction(action)
        self.close_action = QAction("&Close", self)
        self.close_action.setShortcut(QKeySequence.StandardKey.Close)
        self.close_action.setToolTip("Close the template editor (Ctrl+W, Esc)")
        self.close_action.triggered.connect(self.close)
        self.find_action = QAction(icon("search"), "&Find…", self)
        self.find_action.setShortcut(QKeySequence.StandardKey.Find)
        self.find_action.triggered.connect(lambda: self.find_bar.open_bar(replacing=False))
        self.replace_action = QAction("&Replace…", self)
        self.replace_action.setShortcut(QKeySequence("Ctrl+H"))
        self.replace_action.setEnabled(not self.info.builtin)
        self.replace_action.triggered.connect(lambda: self.find_bar.open_bar(replacing=True))
        self.find_next_action = QAction("Find &Next", self)
        self.find_next_action.setShortcut(QKeySequence.StandardKey.FindNext)
        self.find_next_action.triggered.connect(lambda: self.find_bar.find_next())
        self.find_previous_action = QAction("Find Pre&vious", self)
        self.find_previous_action.setShortcut(QKeySequence.StandardKey.FindPrevious)
        self.find_previous_action.triggered.connect(lambda: self.find_bar.find_next(backward=True))
        self.edit_actions = EditActions(self)

    def _create_menus(self) -> None:
        bar = self.menuBar()
        file_menu = bar.addMenu("&File")
        file_menu.addActions([self.save_action, self.revert_action])
        file_menu.addSeparator()
        file_menu.addAction(self.close_action)
        edit_menu = bar.addMenu("&Edit")
        undo = QAction("&Undo", self)
        undo.setShortcut(QKeySequence.StandardKey.Undo)
        undo.triggered.connect(lambda: self.current_editor().undo())
        redo = QAction("&Redo", self)
        redo.setShortcuts(redo_keys())
        redo.triggered.connect(lambda: self.current_editor().redo())
        edit_menu.addActions([undo, redo])
        edit_menu.addSeparator()
        edit_menu.addActions(list(self.edit_actions.actions.values()))
        edit_menu.aboutToShow.connect(self.edit_actions.update)
        edit_menu.addSeparator()
        edit_menu.addActions([self.find_action, self.replace_action, self.find_next_action, self.find_previous_action])
        view_menu = bar.addMenu("&View")
        view_menu.addActions([self.pages.zoom_in_action, self.pages.zoom_out_action])
        view_menu.addActions([self.pages.fit_width_action, self.pages.fit_page_action])

    def _scheme_changed(self, scheme: Qt.ColorScheme) -> None:
        """The system turned light or dark: the syntax colours follow, as the rest of the window does."""
        for highlighter in (self._markup_colours, self._style_colours):
            highlighter.recolour(scheme == Qt.ColorScheme.Dark)

    def current_editor(self) -> CodeEditor:
        """The editor on screen: the markup's or the style's."""
        return self.style_edit if self.tabs.currentWidget() is self.style_edit else self.markup_edit

    def _create_toolbar(self) -> None:
        toolbar = self.addToolBar("Template")
        toolbar.setObjectName("templateToolbar")
        toolbar.setMovable(False)
        toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        toolbar.addAction(self.revert_action)
        spacer = QWidget()
        spacer.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        toolbar.addWidget(spacer)
        toolbar.addAction(self.save_action)
        toolbar.widgetForAction(self.save_action).setObjectName("primaryAction")
        self.statusBar().addPermanentWidget(self.position_label)

    def _lay_out(self) -> None:
        if self.info.builtin:
            where = "Built-in template · read-only: duplicate it to make changes"
        else:
            where = _short_path(self.info.folder)
        location = muted_label(where)
        location.setToolTip(str(self.info.folder))
        location.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        text_side = QWidget()
        text_layout = QVBoxLayout(text_side)
        text_layout.setContentsMargins(10, 10, 6, 10)
        text_layout.setSpacing(8)
        text_layout.addLayout(header_row(panel_title(self.info.name), location, stretch_after=2))
        text_layout.addWidget(self.tabs, 1)
        text_layout.addWidget(self.find_bar)
        text_layout.addWidget(self.error_bar)

        preview_side = QWidget()
        preview_layout = QVBoxLayout(preview_side)
        preview_layout.setContentsMargins(6, 10, 10, 10)
        preview_layout.setSpacing(8)
        preview_layout.addLayout(header_row(panel_title("Preview"), self.status_label, self.pages.toolbar))
        preview_layout.addWidget(self.pages, 1)

        splitter = QSplitter()
        splitter.setObjectName("templateEditorSplitter")
        splitter.addWidget(text_side)
        splitter.addWidget(preview_side)
        splitter.setChildrenCollapsible(False)
        splitter.setSizes([700, 580])
        self.setCentralWidget(splitter)

    # --- text ---------------------------------------------------------------------------------
    def text(self) -> TemplateText:
        return TemplateText(self.markup_edit.toPlainText(), self.style_edit.toPlainText())

    @property
    def modified(self) -> bool:
        return any(e.document().isModified() for e in (self.markup_edit, self.style_edit))

    def _load(self, text: TemplateText) -> None:
        self.markup_edit.setPlainText(text.markup)
        self.style_edit.setPlainText(text.style)
        for editor in (self.markup_edit, self.style_edit):
            editor.document().setModified(False)
        self._update_title()

    def _update_title(self) -> None:
        self.setWindowTitle(f"{self.info.name}[*] — Template Editor — Briefgen")
        self.setWindowModified(self.modified)
        for editor, name in ((self.markup_edit, TEMPLATE_FILE), (self.style_edit, STYLE_FILE)):
            edited = editor.document().isModified()
            self.tabs.setTabText(self.tabs.indexOf(editor), f"{name} •" if edited else name)

    def _show_position(self) -> None:
        cursor = self.current_editor().textCursor()
        self.position_label.setText(f"Line {cursor.blockNumber() + 1}, column {cursor.positionInBlock() + 1}")

    # --- preview ------------------------------------------------------------------------------
    def schedule(self) -> None:
        """The text or the brief changed: render again once the analyst pauses."""
        self.status_label.setText(UPDATING)
        self._job.schedule()

    def _make_job(self) -> JobFunction:
        project, sources = self._session.snapshot()
        info, text = self.info, self.text()
        worker = self._worker
        return lambda _progress: worker.run(edited_preview, project, sources, info, text)

    def _show(self, preview: EditedPreview) -> None:
        self.preview = preview
        self.problem = None
        self.error_bar.hide()
        for editor in (self.markup_edit, self.style_edit):
            editor.mark_problem_line(None)
        self.status_label.clear()
        self.pages.show_preview(preview.preview)
        self.rendered.emit(preview.preview.page_count)

    def _show_problem(self, error: BriefgenError) -> None:
        self.problem = error
        target = self._problem_target()
        for editor in (self.markup_edit, self.style_edit):
            editor.mark_problem_line(target[1] if target and target[0] is editor else None)
        if isinstance(error, TemplateError) and error.filename:
            where = f"{Path(error.filename).name}:{error.lineno}" if error.lineno else Path(error.filename).name
            message = f"{where}: {problem_message(error)}"
        else:
            message = str(error)
        self.error_bar.setText(message)
        self.error_bar.setToolTip(f"Go to line {target[1]}" if target else "")
        self.error_bar.setCursor(Qt.CursorShape.PointingHandCursor if target else Qt.CursorShape.ArrowCursor)
        self.error_bar.show()
        self.status_label.setText(LAST_GOOD if self.preview else "")
        self.problemFound.emit(message)

    def _problem_target(self) -> tuple[CodeEditor, int] | None:
        """The editor and line the current error points into; None for errors elsewhere (a partial, a font)."""
        error = self.problem
        if not isinstance(error, TemplateError) or not error.lineno:
            return None
        for editor, path in ((self.markup_edit, self.info.source_path), (self.style_edit, self.info.style_path)):
            if is_file_of(error, path):
                return editor, error.lineno
        return None

    def go_to_problem(self) -> None:
        """Show the tab and select the line the error names."""
        target = self._problem_target()
        if target is not None:
            editor, line = target
            self.tabs.setCurrentWidget(editor)
            editor.go_to_line(line)

    # --- saving -------------------------------------------------------------------------------
    def save(self) -> bool:
        try:
            save_template_text(self.info, self.text())
        except BriefgenError as exc:
            dialogs.report(self, "Cannot save the template", [exc])
            return False
        for editor in (self.markup_edit, self.style_edit):
            editor.document().setModified(False)
        problem = self._style_problem() or (self.error_bar.text() if self.problem and self._job.settled else "")
        if problem:
            # Saved as the analyst asked, but the brief cannot be built with it: say so, not just "Saved".
            self.statusBar().showMessage(f"Saved with errors: {problem}", 15000)
        else:
            self.statusBar().showMessage(f"Saved {self.info.folder}.", 4000)
        self.saved.emit(self.info.name)
        return True

    def _style_problem(self) -> str:
        """What is wrong with the style as saved ("" when nothing): checked at once, it is quick to read."""
        try:
            parse_style_text(self.info, self.style_edit.toPlainText())
        except TemplateError as exc:
            return f"{STYLE_FILE}:{exc.lineno}: {problem_message(exc)}" if exc.lineno else str(exc)
        return ""

    def revert(self) -> None:
        """Go back to the files on disk (after asking, when that throws edits away)."""
        if self.modified and not dialogs.confirm(
            self,
            "Revert template",
            f"Throw away your unsaved changes to “{self.info.name}” and reload it from disk?",
            "Revert",
        ):
            return
        try:
            text = read_template_text(self.info)
        except BriefgenError as exc:
            dialogs.report(self, "Cannot reload the template", [exc])
            return
        self._load(text)
        self.statusBar().showMessage("Reloaded from disk.", 4000)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        """Esc closes the editor, as it closes a dialog (the find bar takes it first while open)."""
        if event.key() == Qt.Key.Key_Escape and not self.find_bar.isVisible():
            self.close()
            return
        super().keyPressEvent(event)

    def closeEvent(self, event: QCloseEvent) -> None:
        if self.modified:
            choice = dialogs.ask_save_changes(self, self.info.name)
            if choice == "cancel" or (choice == "save" and not self.save()):
                event.ignore()
                return
        self._job.cancel()  # a render still running must not report to a closed window
        self._worker.close()
        self.pages.stop()
        event.accept()
        self.closed.emit()
