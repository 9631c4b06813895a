"""The main window: panels side by side, menus and toolbar, and the wiring from user requests to undo commands.

Business rules stay in the core (app.brief.edit, app.brief.select, app.pipeline.build);
this module decides only when to ask the user, which command to push, and
which work to send to a worker thread. When to autosave (app.gui.autosave_schedule), what becomes of crash
recoveries (app.gui.recovery_offer) and which files a shared project may read (app.gui.project_trust) are
decided in modules of their own.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from PySide6.QtCore import QByteArray, QEvent, Qt, QTimer, Signal
from PySide6.QtGui import (
    QAction,
    QCloseEvent,
    QDragEnterEvent,
    QDragMoveEvent,
    QDropEvent,
    QKeySequence,
    QUndoCommand,
)
from PySide6.QtWidgets import (
    QMainWindow,
    QMenu,
    QProgressBar,
    QSizePolicy,
    QSplitter,
    QTabWidget,
    QToolButton,
    QWidget,
)

from app import __version__
from app.brief import edit as brief_edit
from app.brief.autosave import Autosaver
from app.brief.edit import ItemKey
from app.brief.project_file import EXTENSION, load_project, save_project
from app.brief.select import item_for
from app.core.bounded import WarmWorker
from app.core.errors import BriefgenError
from app.core.formats import open_dialog_filters
from app.core.images import read_figure
from app.core.model import (
    AnalystItem,
    BriefItem,
    BriefProject,
    FigureItem,
    QuoteItem,
    Section,
    SectionItem,
    Source,
    SourceFigure,
)
from app.core.paths import SAMPLE_BRIEF, SEEDS_DIR
from app.core.presets import DEFAULT_NAME_PATTERN
from app.core.problems import Problem
from app.gui import dialogs
from app.gui.autosave_schedule import AutosaveSchedule
from app.gui.autosave_writer import AutosaveWriter
from app.gui.checks_panel import ChecksPanel
from app.gui.details_form import DetailsForm
from app.gui.drops import accepts, left_message, sort_drop
from app.gui.edit_actions import EditActions
from app.gui.export_dialog import ExportChoice, ExportDialog, ExportResult
from app.gui.icons import icon
from app.gui.marking_actions import MarkingActions
from app.gui.models import OutlineModel, SourcesModel
from app.gui.outline_panel import OutlinePanel
from app.gui.page_view import zoom_from_text
from app.gui.preview_panel import PreviewPanel
from app.gui.printing import BriefPrinting
from app.gui.project_lock import ProjectLock
from app.gui.project_trust import files_not_to_read, keep_refusal
from app.gui.recovery_offer import offer_recoveries
from app.gui.session import BriefSession
from app.gui.settings import Settings
from app.gui.sources_panel import ReaderSelection, SourcesPanel, speaker_for
from app.gui.spell_check import Speller, follow_writing_language
from app.gui.template_actions import TemplateActions
from app.gui.undo_commands import (
    AddItemsCommand,
    AddSourcesCommand,
    EditItemCommand,
    MoveItemCommand,
    RemoveItemsCommand,
    RemoveSourceCommand,
    SetMetaCommand,
    SetTemplateCommand,
)
from app.gui.widgets import redo_keys
from app.gui.workers import JobRunner, Progress
from app.ingest import ingest_many_bounded
from app.ingest.collect import files_to_read
from app.pipeline.export import output_name
from app.pipeline.jobs import PREVIEW_SECONDS, deliver_bounded

PROJECT_FILTER = f"Briefgen projects (*{EXTENSION})"
FIGURE_FILTER = "Images (*.png *.jpg *.jpeg *.gif *.webp);;All files (*)"
#: What the first start says under the sample brief it opens: what to do next.
SAMPLE_HINT = (
    "This is a sample brief: tick sections on the left to add them, write in the outline, Ctrl+E to export. "
    "File › New Brief starts your own."
)


def source_filter() -> str:
    return ";;".join([*open_dialog_filters(), "All files (*)"])


def _local_paths(event: QDropEvent | QDragEnterEvent | QDragMoveEvent) -> list[Path]:
    return [Path(url.toLocalFile()) for url in event.mimeData().urls() if url.isLocalFile()]


class MainWindow(QMainWindow):
    #: A batch of files was read: how many sources were added and how many files failed.
    sourcesLoaded = Signal(int, int)
    #: A project finished opening: it shows at once, and this comes once its sources have been read.
    projectOpened = Signal()
    #: An export finished; the files written.
    exported = Signal(list)
    exportFailed = Signal(str)

    def __init__(self) -> None:
        super().__init__()
        self.settings = Settings()
        self.autosaver = Autosaver()
        self.autosave_writer = AutosaveWriter(self.autosaver, self)
        self.autosave_writer.failed.connect(lambda exc: self.statusBar().showMessage(f"Autosave failed: {exc}", 8000))
        self.session = BriefSession(self)
        self.project_lock = ProjectLock(self.session, self)  # the open brief's lock follows its file
        self.runner = JobRunner(self)
        self.sources_model = SourcesModel(self.session, self)
        self.outline_model = OutlineModel(self.session, self)

        self.speller = Speller(self.runner, parent=self)
        follow_writing_language(self.session, self.speller)
        self.sources_panel = SourcesPanel(self.sources_model)
        self.outline_panel = OutlinePanel(self.session, self.outline_model, self.speller)
        self.details_form = DetailsForm(self.speller)
        # Previews and checks are built in one worker process kept warm from one build to the next (the window's
        # own thread never builds): the checks, asked for after the preview, reuse the brief it built
        # (app/pipeline/last_build.py) instead of a second worker building it again at the same time.
        self.preview_worker = WarmWorker("drawing the preview", seconds=PREVIEW_SECONDS)
        self.preview_panel = PreviewPanel(self.session.snapshot, self.runner, self.preview_worker)
        self.template_actions = TemplateActions(self.session, self.runner, self.settings, self)
        self.marking_actions = MarkingActions(self.session, self.runner, self.sources_model, self, self.preview_worker)
        self.checks_panel = ChecksPanel(self.session.snapshot, self.runner, self.preview_worker)
        self.tabs = QTabWidget()
        self.tabs.setDocumentMode(True)
        self.tabs.addTab(self.outline_panel, "Outline")
        self.tabs.addTab(self.details_form, "Details")
        self.tabs.addTab(self.checks_panel, "Checks")
        for index, tip in enumerate(
            (
                "The brief's parts and the one being edited (Ctrl+1)",
                "Title, summary and markings (Ctrl+2)",
                "What to fix before the brief leaves",
            )
        ):
            self.tabs.setTabToolTip(index, tip)

        self.splitter = QSplitter()
        self.splitter.setObjectName("mainSplitter")
        for widget in (self.sources_panel, self.tabs, self.preview_panel):
            self.splitter.addWidget(widget)
        self.splitter.setChildrenCollapsible(False)
        self.splitter.setSizes([370, 440, 470])
        self.setCentralWidget(self.splitter)

        self.progress = QProgressBar()
        self.progress.setMaximumWidth(160)
        self.progress.setTextVisible(False)
        self.progress.hide()
        self.export_result = ExportResult()
        self.statusBar().addPermanentWidget(self.export_result)
        self.statusBar().addPermanentWidget(self.progress)

        self.autosave_schedule = AutosaveSchedule(self.autosave, self)
        #: Files outside the open project's folder that the analyst chose not to let it read.
        self._declined_outside: list[str] = []

        self._create_actions()
        self._create_menus()
        self._create_toolbar()
        self._connect()
        self.setAcceptDrops(True)
        self.resize(1280, 800)
        self._restore_layout()
        self._update_title()
        self.details_form.show_meta(self.session.project.meta)
        self.preview_panel.show_template(self.session.project.template)
        self.preview_panel.schedule()
        self.marking_actions.update_scheme()
        self.checks_panel.schedule()

    # --- construction ---------------------------------------------------------------------
    def _action(
        self, text: str, slot: object, shortcut: QKeySequence | QKeySequence.StandardKey | str = "", icon_name: str = ""
    ) -> QAction:
        action = QAction(text, self)
        if icon_name:
            action.setIcon(icon(icon_name))
        if shortcut:
            action.setShortcut(QKeySequence(shortcut))
        action.triggered.connect(slot)
        return action

    def _create_actions(self) -> None:
        keys = QKeySequence.StandardKey
        self.new_action = self._action("&New Brief", self.new_brief, keys.New, "new")
        self.open_action = self._action("&Open…", lambda: self.open_project(), keys.Open, "open")
        self.save_action = self._action("&Save", self.save, keys.Save, "save")
        self.save_as_action = self._action("Save &As…", self.save_as, keys.SaveAs)
        self.add_sources_action = self._action("&Add Sources…", self.choose_sources, "Ctrl+Shift+O", "add")
        self.add_sources_action.setIconText("Add Sources")
        self.remove_source_action = self._action("&Remove Source", self._remove_current_source)
        self.export_action = self._action("&Export…", self.export, "Ctrl+E", "export")
        self.export_action.setIconText("Export")
        self.quit_action = self._action("&Quit", self.close, keys.Quit)
        stack = self.session.undo_stack
        self.undo_action = stack.createUndoAction(self, "&Undo")
        self.undo_action.setShortcuts(keys.Undo)
        self.undo_action.setIcon(icon("undo"))
        self.redo_action = stack.createRedoAction(self, "&Redo")
        self.redo_action.setShortcuts(redo_keys())  # Ctrl+Shift+Z and Ctrl+Y on every platform
        self.redo_action.setIcon(icon("redo"))
        self.find_action = self._action("&Find in Sources", self._focus_search, keys.Find)
        self.outline_tab_action = self._action(
            "&Outline", lambda: self.tabs.setCurrentWidget(self.outline_panel), "Ctrl+1"
        )
        self.details_tab_action = self._action(
            "Brief &Details", lambda: self.tabs.setCurrentWidget(self.details_form), "Ctrl+2"
        )
        self.refresh_action = self._action("&Refresh Preview", self.preview_panel.schedule, keys.Refresh)
        self.sample_brief_action = self._action("Open Sample &Brief", self.open_sample_brief)
        self.sample_action = self._action("Load &Sample Sources", self.load_sample)
        self.about_action = self._action("&About Briefgen", self._about)
        self.edit_actions = EditActions(self)
        self.printing = BriefPrinting(self, lambda: self.preview_panel.preview)

    def _create_menus(self) -> None:
        bar = self.menuBar()
        file_menu = bar.addMenu("&File")
        file_menu.addActions([self.new_action, self.open_action])
        self.recent_menu = QMenu("Open &Recent", self)
        self.recent_menu.aboutToShow.connect(self._fill_recent_menu)
        file_menu.addMenu(self.recent_menu)
        file_menu.addSeparator()
        file_menu.addActions([self.save_action, self.save_as_action])
        file_menu.addSeparator()
        file_menu.addActions([self.add_sources_action, self.remove_source_action])
        file_menu.addSeparator()
        file_menu.addAction(self.export_action)
        file_menu.addActions([self.printing.print_action, self.printing.preview_action])
        file_menu.addSeparator()
        file_menu.addAction(self.quit_action)

        edit_menu = bar.addMenu("&Edit")
        edit_menu.addActions([self.undo_action, self.redo_action])
        edit_menu.addSeparator()
        edit_menu.addActions(list(self.edit_actions.actions.values()))
        edit_menu.aboutToShow.connect(self.edit_actions.update)
        edit_menu.addSeparator()
        edit_menu.addAction(self.find_action)

        outline = self.outline_panel
        sources = self.sources_panel
        brief_menu = bar.addMenu("&Brief")
        brief_menu.addActions([outline.add_analyst_action, sources.add_excerpt_action, sources.add_quote_action])
        brief_menu.addAction(outline.add_figure_action)
        brief_menu.addSeparator()
        brief_menu.addActions([outline.move_up_action, outline.move_down_action, outline.remove_action])
        brief_menu.addAction(outline.reset_action)
        brief_menu.addSeparator()
        brief_menu.addActions([self.outline_tab_action, self.details_tab_action, self.refresh_action])

        pages = self.preview_panel.pages
        view_menu = bar.addMenu("&View")
        view_menu.addActions([pages.zoom_in_action, pages.zoom_out_action])
        view_menu.addActions([pages.fit_width_action, pages.fit_page_action])

        templates = self.template_actions
        template_menu = bar.addMenu("&Template")
        template_menu.addActions([templates.duplicate_action, templates.edit_action])
        template_menu.addSeparator()
        template_menu.addActions([templates.import_action, templates.export_action])

        help_menu = bar.addMenu("&Help")
        help_menu.addActions([self.sample_brief_action, self.sample_action, self.about_action])

    def _create_toolbar(self) -> None:
        toolbar = self.addToolBar("Main")
        toolbar.setObjectName("mainToolbar")
        toolbar.setMovable(False)
        toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        toolbar.addActions([self.new_action, self.open_action, self.save_action])
        toolbar.addSeparator()
        toolbar.addAction(self.add_sources_action)
        toolbar.addSeparator()
        toolbar.addActions([self.undo_action, self.redo_action])
        spacer = QWidget()
        spacer.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        toolbar.addWidget(spacer)
        toolbar.addAction(self.export_action)
        toolbar.widgetForAction(self.export_action).setObjectName("primaryAction")
        for action in (self.undo_action, self.redo_action):
            button = toolbar.widgetForAction(action)
            if isinstance(button, QToolButton):  # a toolbar shows each action as a tool button
                button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonIconOnly)

    def _connect(self) -> None:
        session = self.session
        session.contentChanged.connect(self.preview_panel.schedule)
        session.contentChanged.connect(self.autosave_schedule.changed)
        session.metaChanged.connect(lambda field: self.details_form.show_meta(session.project.meta, field))
        session.templateChanged.connect(self.preview_panel.show_template)
        session.pathChanged.connect(self._update_title)
        session.undo_stack.cleanChanged.connect(self._update_title)
        self.sources_model.checkRequested.connect(self._check_requested)
        self.sources_model.figureCheckRequested.connect(self._figure_check_requested)
        self.sources_panel.addRequested.connect(self.choose_sources)
        self.sources_panel.removeRequested.connect(self.remove_source)
        self.outline_panel.moveRequested.connect(self._move_requested)
        self.outline_panel.removeRequested.connect(lambda keys: self._push(RemoveItemsCommand(session, keys)))
        self.outline_panel.fieldEdited.connect(self._field_edited)
        self.outline_panel.revealRequested.connect(self._reveal)
        self.outline_panel.addAnalystRequested.connect(self.add_analyst_section)
        self.outline_panel.addFigureRequested.connect(self.add_figure)
        self.sources_panel.excerptRequested.connect(self.add_excerpt)
        self.sources_panel.quoteRequested.connect(self.add_quote)
        self.details_form.edited.connect(self._meta_edited)
        self.preview_panel.templateChosen.connect(self._template_chosen)
        self.template_actions.templatesChanged.connect(self.preview_panel.load_templates)
        self.template_actions.templateSaved.connect(self.preview_panel.schedule)
        self.template_actions.statusMessage.connect(self.statusBar().showMessage)
        self.printing.statusMessage.connect(self.statusBar().showMessage)
        # A newer message replaces the last export's note rather than showing cut short beside it.
        self.statusBar().messageChanged.connect(lambda text: self.export_result.hide() if text else None)
        session.contentChanged.connect(self.checks_panel.schedule)
        self.preview_panel.rendered.connect(self.checks_panel.set_pages)
        self.checks_panel.counted.connect(self._checks_counted)
        self.checks_panel.placeRequested.connect(self.go_to_problem)
        self.marking_actions.schemeChanged.connect(self._scheme_changed)
        self.marking_actions.statusMessage.connect(self.statusBar().showMessage)
        self.sources_panel.markingRequested.connect(self.marking_actions.ask_source_marking)
        self.sources_panel.detailsRequested.connect(self.marking_actions.ask_source_details)
        self.sources_panel.reloadRequested.connect(self.marking_actions.reload_source)

    # --- layout memory ----------------------------------------------------------------------
    def _splitters(self) -> list[QSplitter]:
        return [self.splitter, self.sources_panel.splitter, self.outline_panel.splitter]

    def _restore_layout(self) -> None:
        geometry = self.settings.byte_array("window/geometry")
        if geometry is not None:
            self.restoreGeometry(geometry)
        for splitter in self._splitters():
            state = self.settings.byte_array(f"splitters/{splitter.objectName()}")
            if state is not None:
                splitter.restoreState(state)
        self.preview_panel.pages.set_zoom(zoom_from_text(self.settings.preview_zoom()))

    def _save_layout(self) -> None:
        self.settings.set_byte_array("window/geometry", QByteArray(self.saveGeometry()))
        for splitter in self._splitters():
            self.settings.set_byte_array(f"splitters/{splitter.objectName()}", QByteArray(splitter.saveState()))
        self.settings.set_preview_zoom(str(self.preview_panel.pages.zoom()))
        self.settings.sync()

    def _update_title(self) -> None:
        self.setWindowTitle(f"{self.session.name}[*] — Briefgen")
        self.setWindowModified(self.session.modified)

    # --- start-up -----------------------------------------------------------------------------
    def start(self, project_path: Path | None = None) -> None:
        """What a fresh launch shows: a recovered brief, the project asked for, or (first time) the sample."""
        if not self.offer_recovery():
            if project_path is not None:
                self.open_project(project_path)
            elif self.settings.first_run:
                self.open_sample_brief(initial=True)
        self.preview_panel.warm_up()
        self.settings.mark_started()

    def offer_recovery(self) -> bool:
        """Offer autosaves left by sessions that crashed (app.gui.recovery_offer); True when one was opened."""
        recovered = offer_recoveries(self, self.autosaver)
        if recovered is None:
            return False
        project, path = recovered
        self._open_with_sources(project, path, recovered=True)
        return True

    # --- sources --------------------------------------------------------------------------------
    def choose_sources(self) -> None:
        paths = dialogs.open_file_names(self, "Add sources", self.settings.folder("sources"), source_filter())
        if paths:
            self.settings.set_folder("sources", Path(paths[0]).parent)
            self.add_source_files([Path(p) for p in paths])

    def open_sample_brief(self, initial: bool = False) -> None:
        """The bundled sample brief (every kind of item) as a new, untitled brief: saving it asks where, so the
        sample stays as shipped. The first start opens it without asking."""
        if not initial and not self.maybe_save():
            return
        try:
            project = load_project(SAMPLE_BRIEF)
        except BriefgenError as exc:
            dialogs.report(self, "Cannot open the sample brief", [exc])
            return
        self._open_with_sources(project, None, opened_message=SAMPLE_HINT if initial else "")

    def load_sample(self, initial: bool = False) -> None:
        self.add_source_files([SEEDS_DIR], initial=initial)

    def add_source_files(self, paths: Sequence[Path], initial: bool = False) -> None:
        """Read files on a worker and add those that load; the rest are reported in one dialog.

        Menu, drag and drop and the bundled sample all come through here. ``initial``
        sources belong to the brief as it starts (not an undoable change).
        """
        loaded = {source.path for source in self.session.sources}
        files = [str(p.resolve()) for p in files_to_read(paths)]
        files = [f for f in dict.fromkeys(files) if f not in loaded]
        if not files:
            self.statusBar().showMessage("Those sources are already loaded.", 4000)
            return
        self.statusBar().showMessage(f"Reading {len(files)} file{'s' if len(files) != 1 else ''}…")
        brief = self.session.generation
        self.runner.start(
            lambda progress: ingest_many_bounded(files, progress=progress),
            on_success=lambda result: self._sources_read(brief, initial, *result),
            on_failure=lambda exc: self._sources_read(brief, initial, [], [exc]),
            on_progress=self._reading_progress,
        )

    def _reading_progress(self, done: int, total: int) -> None:
        if total > 1:
            self.statusBar().showMessage(f"Reading files… {done} of {total}")

    def _sources_read(self, brief: int, initial: bool, sources: list[Source], errors: Sequence[BriefgenError]) -> None:
        self.statusBar().clearMessage()
        if brief != self.session.generation:  # another brief was opened meanwhile: these were for the old one
            self.sourcesLoaded.emit(0, 0)
            return
        loaded = {source.path for source in self.session.sources}
        sources = [s for s in sources if s.path not in loaded]  # the same file dropped twice in a row
        named = set(self.session.project.sources)
        missing = [s for s in sources if s.path in named]
        if missing:  # files the brief names but could not read when it opened: loading them changes nothing in it
            self.session.add_initial_sources(missing)
        sources = [s for s in sources if s.path not in named]
        if sources and initial:
            self.session.add_initial_sources(sources)
            self.statusBar().showMessage("Sample sources loaded: tick sections to add them to the brief.", 15000)
        elif sources:
            self._push(AddSourcesCommand(self.session, sources))
            added = f"Added {len(sources)} source{'s' if len(sources) != 1 else ''}."
            partly = [f"{Path(s.path).name}: {s.warnings[0]}" for s in sources if s.warnings]
            self.statusBar().showMessage(" ".join([added, *partly[:1]]), 15000 if partly else 5000)
        dialogs.report(self, "Some files could not be added", errors)
        self.sourcesLoaded.emit(len(sources), len(errors))

    def remove_source(self, path: str) -> None:
        items = brief_edit.items_from_source(self.session.project, path)
        if items:
            title = self.session.sources_by_path()[path].title
            question = (
                f"{len(items)} section{'s' if len(items) != 1 else ''} of “{title}” "
                f"{'are' if len(items) != 1 else 'is'} in the brief. Remove the source and "
                f"{'them' if len(items) != 1 else 'it'}?"
            )
            if not dialogs.confirm(self, "Remove source", question, "Remove"):
                return
        self._push(RemoveSourceCommand(self.session, path))

    def _remove_current_source(self) -> None:
        source = self.sources_panel.current_source()
        if source is not None:
            self.remove_source(source.path)

    # --- drag and drop of files -----------------------------------------------------------------
    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if accepts(_local_paths(event)):
            event.acceptProposedAction()
        else:
            event.ignore()

    def dragMoveEvent(self, event: QDragMoveEvent) -> None:
        event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:
        """Dropped sources are read; a dropped brief is opened (app.gui.drops)."""
        paths = _local_paths(event)
        if not paths:
            return
        event.acceptProposedAction()
        drop = sort_drop(paths)
        if drop.brief is None:
            self.add_source_files(drop.sources)
        else:  # once the drop is over: the file manager waits for it to end, and opening may ask questions first
            QTimer.singleShot(0, lambda brief=drop.brief: self.open_dropped_brief(brief, drop.left))

    def open_dropped_brief(self, brief: Path, left: list[Path]) -> None:
        self.open_project(brief)
        if left and self.session.path == brief.resolve():
            dialogs.show_info(self, "Only the brief was opened", left_message(brief, left))

    # --- edits -> undo commands -----------------------------------------------------------------
    def _push(self, command: QUndoCommand) -> None:
        self.session.undo_stack.push(command)

    def _check_requested(self, pairs: list[tuple[Source, Section]], checked: bool) -> None:
        if checked:
            self._push(AddItemsCommand(self.session, [item_for(source, section) for source, section in pairs]))
        else:
            chosen = self.session.chosen_sections()
            keys = {
                chosen[(source.path, section.id)] for source, section in pairs if (source.path, section.id) in chosen
            }
            self._push(RemoveItemsCommand(self.session, keys))

    def _figure_check_requested(self, source: Source, figure: SourceFigure, checked: bool) -> None:
        """A ticked figure of a source joins the brief with the source's caption and credit, ready to edit."""
        if checked:
            item = FigureItem(source=source.path, figure_id=figure.id, caption=figure.caption, credit=figure.credit)
            self._push(AddItemsCommand(self.session, [item], text="Add figure"))
        else:
            key = self.session.chosen_figures().get((source.path, figure.id))
            if key is not None:
                self._push(RemoveItemsCommand(self.session, {key}))

    def _move_requested(self, row: int, target: int) -> None:
        self._push(MoveItemCommand(self.session, row, target))
        self.outline_panel.select_row(target)

    def _add_item(self, item: BriefItem, text: str, focus: str = "") -> None:
        """Put ``item`` after the current item of the outline (at the end without one), select it, focus ``focus``."""
        current = self.outline_panel.list.currentIndex()
        row = current.row() + 1 if current.isValid() else len(self.session.project.items)
        self._push(AddItemsCommand(self.session, [item], row, text))
        self.tabs.setCurrentWidget(self.outline_panel)
        self.outline_panel.select_row(row)
        if focus:
            self.outline_panel.focus_field(focus)

    def add_analyst_section(self) -> None:
        """A section the analyst writes, as an assessment to start with."""
        self._add_item(AnalystItem(role="assessment", heading="Assessment"), "Add analyst section", focus="heading")

    def add_excerpt(self, selection: ReaderSelection) -> None:
        role = "background" if selection.section.is_lead else "discussion"
        item = SectionItem(
            source=selection.source.path, section_id=selection.section.id, paragraphs=selection.paragraphs, role=role
        )
        self._add_item(item, "Add excerpt")

    def add_quote(self, selection: ReaderSelection) -> None:
        words = brief_edit.quote_words(selection.text)
        if not words:
            return
        speaker = speaker_for(words, selection.section.text)
        item = QuoteItem(source=selection.source.path, section_id=selection.section.id, text=words, speaker=speaker)
        self._add_item(item, "Add quote", focus="speaker" if not speaker else "")

    def add_figure(self) -> None:
        """Ask for an image file and add it as a figure, its caption ready to type; app.core.images checks it."""
        name = dialogs.open_file_name(self, "Add figure", self.settings.folder("figures"), FIGURE_FILTER)
        if not name:
            return
        try:
            read_figure(Path(name))
        except ValueError as exc:
            dialogs.report(self, "Cannot add the figure", [BriefgenError(str(exc))])
            return
        self.settings.set_folder("figures", Path(name).parent)
        self._add_item(FigureItem(image=str(Path(name).resolve())), "Add figure", focus="caption")

    def _field_edited(self, key: ItemKey, field: str, value: object) -> None:
        if getattr(self.session.item(key), field) != value:
            self._push(EditItemCommand(self.session, key, field, value))

    def _meta_edited(self, field: str, value: str) -> None:
        if getattr(self.session.project.meta, field) != value:
            self._push(SetMetaCommand(self.session, field, value))

    def _template_chosen(self, name: str) -> None:
        if name != self.session.project.template:
            self._push(SetTemplateCommand(self.session, name))

    def _scheme_changed(self, scheme: str) -> None:
        self.details_form.show_scheme(scheme)
        self.outline_panel.set_marking_choices(brief_edit.marking_choices(scheme))

    def _checks_counted(self, count: int) -> None:
        self.tabs.setTabText(self.tabs.indexOf(self.checks_panel), f"Checks ({count})" if count else "Checks")

    def go_to_problem(self, problem: Problem) -> None:
        """Take the analyst where ``problem`` can be fixed; a changed source is offered to be read again."""
        if problem.place == "item" and problem.target in {item.id for item in self.session.project.items}:
            self.tabs.setCurrentWidget(self.outline_panel)
            self.outline_panel.select_row(brief_edit.index_of(self.session.project, problem.target))
            self.outline_panel.list.setFocus()
        elif problem.place == "source":
            self.sources_panel.select_source(problem.target)
            changed = " has changed since " in problem.message
            if changed and dialogs.confirm(
                self, "Source changed", f"{problem.message}.\n\nRead it again now?", "Re-load"
            ):
                self.marking_actions.reload_source(problem.target)
        elif problem.place == "detail":
            self.tabs.setCurrentWidget(self.details_form)
            self.details_form.focus_field(problem.target)
        elif problem.place == "template":
            self.preview_panel.template_combo.setFocus()

    def _reveal(self, key: ItemKey) -> None:
        item = self.session.item(key)
        if isinstance(item, SectionItem | QuoteItem):
            self.sources_panel.search.clear()
            self.sources_panel.select_section(item.source, item.section_id)

    def _focus_search(self) -> None:
        self.sources_panel.search.setFocus()
        self.sources_panel.search.selectAll()

    # --- projects -----------------------------------------------------------------------------------
    def new_brief(self) -> None:
        if self.maybe_save():
            self.session.replace(brief_edit.new_project(), [], None)
            self._declined_outside = []
            self.autosave_writer.discard()

    def open_project(self, path: Path | None = None) -> None:
        if not self.maybe_save():
            return
        if path is None:
            name = dialogs.open_file_name(self, "Open brief", self.settings.folder("projects"), PROJECT_FILTER)
            if not name:
                return
            path = Path(name)
        try:
            project = load_project(path)
        except BriefgenError as exc:
            dialogs.report(self, "Cannot open the brief", [exc])
            return
        if not self.project_lock.may_take(path, "open"):
            return
        self.settings.set_folder("projects", path.parent)
        self.settings.add_recent_project(path.resolve())
        self._open_with_sources(project, path.resolve())

    def _open_with_sources(
        self, project: BriefProject, path: Path | None, recovered: bool = False, opened_message: str = ""
    ) -> None:
        """Show the project at once and read its sources on a worker; they join it as they arrive, and the status
        bar says ``opened_message`` (else that it opened).

        Showing it straight away means nothing typed while the sources load goes
        into the brief being closed. A project file whose sources lie outside its
        folder reads those only when it is trusted or the analyst allows it.
        """
        declined = files_not_to_read(self, project, path) if path is not None else []
        for panel in (self.preview_panel, self.checks_panel):
            panel.hold()  # a brief without its sources is not worth a build
        self.session.replace(project, [], path)
        if recovered:
            self.session.undo_stack.resetClean()  # recovered work is unsaved work
        self._declined_outside = declined
        files = [source for source in project.sources if source not in declined]
        self.statusBar().showMessage(f"Opening {self.session.name}…")
        brief = self.session.generation
        self.runner.start(
            lambda progress: ingest_many_bounded(files, progress=progress),
            on_success=lambda result: self._project_sources_read(brief, result[0], result[1], opened_message),
            on_failure=lambda exc: self._project_sources_read(brief, [], [exc]),
            on_progress=self._reading_progress,
        )

    def _project_sources_read(
        self, brief: int, sources: list[Source], errors: Sequence[BriefgenError], message: str = ""
    ) -> None:
        """The opened brief's sources arrived; ``errors`` are those unreadable (or why none could be read)."""
        if brief != self.session.generation:  # another brief was opened meanwhile
            return
        self.statusBar().clearMessage()
        loaded = {source.path for source in self.session.sources}  # one dropped again while these were read
        self.session.add_initial_sources([s for s in sources if s.path not in loaded])
        for panel in (self.preview_panel, self.checks_panel):
            panel.release()
        dialogs.report(self, "Some sources of the brief could not be read", errors)
        message = message or f"Opened {self.session.name}."
        if declined := len(self._declined_outside):
            message += (
                f" {declined} file{'s' if declined != 1 else ''} outside its folder "
                f"{'were' if declined != 1 else 'was'} not read, so items from "
                f"{'them' if declined != 1 else 'it'} show as not loaded."
            )
        self.statusBar().showMessage(message, 30000 if declined or message == SAMPLE_HINT else 4000)
        self.projectOpened.emit()

    def save(self) -> bool:
        if self.session.path is None:
            return self.save_as()
        return self._save_to(self.session.path)

    def save_as(self) -> bool:
        suggested = Path(self.settings.folder("projects")) / f"{output_name(self.session.project.meta.title)}"
        name = dialogs.save_file_name(self, "Save brief as", str(suggested) + EXTENSION, PROJECT_FILTER)
        if not name:
            return False
        path = Path(name)
        if path.suffix != EXTENSION:
            path = path.with_name(path.name + EXTENSION)
        return self.project_lock.may_take(path, "save") and self._save_to(path)

    def _save_to(self, path: Path) -> bool:
        try:
            save_project(self.session.project, path)
        except BriefgenError as exc:
            dialogs.report(self, "Cannot save the brief", [exc])
            return False
        path = path.resolve()
        keep_refusal(self.session.project, path, self._declined_outside, [s.path for s in self.session.sources])
        self.session.mark_saved(path)
        self.settings.set_folder("projects", path.parent)
        self.settings.add_recent_project(path)
        self.autosave_schedule.cancel()
        self.autosave_writer.discard()
        self.statusBar().showMessage(f"Saved {path}.", 4000)
        return True

    def maybe_save(self) -> bool:
        """Before the brief is closed or replaced: True when it is fine to go on."""
        if not self.session.modified:
            return True
        choice = dialogs.ask_save_changes(self, self.session.name)
        if choice == "save":
            return self.save()
        return choice == "discard"

    def _fill_recent_menu(self) -> None:
        self.recent_menu.clear()
        recent = self.settings.recent_projects()
        for number, name in enumerate(recent, start=1):
            action = self.recent_menu.addAction(f"&{number} {Path(name).name}")
            action.setToolTip(name)
            action.setStatusTip(name)
            action.triggered.connect(lambda _=False, n=name: self.open_project(Path(n)))
        if recent:
            self.recent_menu.addSeparator()
        clear = self.recent_menu.addAction("Clear Recent Briefs")
        clear.setEnabled(bool(recent))
        clear.triggered.connect(self.settings.clear_recent_projects)

    def autosave(self) -> None:
        """Keep a copy of unsaved work in the user data folder; a saved brief needs none."""
        if not self.session.modified:
            self.autosave_writer.discard()
            return
        self.autosave_writer.save(self.session.project_copy(), self.session.path)  # written on its own thread

    # --- export -----------------------------------------------------------------------------------
    def export(self) -> None:
        combo = self.preview_panel.template_combo
        dialog = ExportDialog(
            self,
            name=DEFAULT_NAME_PATTERN,
            folder=self.settings.folder("export"),
            formats=self.settings.export_formats(),
            template=self.session.project.template,
            templates=[combo.itemData(i) for i in range(combo.count()) if combo.itemData(i)],
            scheme=self.marking_actions.scheme_id(),
        )
        dialog.accepted.connect(lambda: self.export_to(dialog.choice()))
        dialog.finished.connect(dialog.deleteLater)
        dialog.open()

    def export_to(self, choice: ExportChoice) -> None:
        from app.assemble.catalog import find_template  # the names need the template's name and marking scheme
        from app.pipeline.naming import export_project, file_stem

        project, sources = self.session.snapshot()
        project = export_project(project, choice.template, choice.marking_scheme)
        try:
            stem = file_stem(choice.name, project, find_template(project.template))
        except BriefgenError as exc:
            self._export_failed(exc)
            return
        paths = choice.paths(stem)
        existing = [p for p in paths if p.exists()]
        if existing and not dialogs.confirm(
            self,
            "Replace files",
            f"{', '.join(p.name for p in existing)} already exist{'s' if len(existing) == 1 else ''} "
            f"in {choice.folder}. Replace {'it' if len(existing) == 1 else 'them'}?",
            "Replace",
        ):
            return
        self.settings.set_folder("export", choice.folder)
        self.settings.set_export_formats(choice.formats)

        def run(_progress: Progress) -> tuple[list[Path], list[str]]:
            return deliver_bounded(project, sources, choice.folder, choice.formats, stem, choice.citation_style)

        self.export_action.setEnabled(False)
        self.export_result.hide()
        self.progress.setRange(0, 0)
        self.progress.show()
        self.statusBar().showMessage("Exporting…")
        self.runner.start(run, self._exported, self._export_failed)

    def _exported(self, result: tuple[list[Path], list[str]]) -> None:
        paths, warnings = result
        self._export_ended()
        self.export_result.show_paths(paths)
        if warnings:
            dialogs.show_warning(self, "Exported with warnings", "\n\n".join(w[:1].upper() + w[1:] for w in warnings))
        self.exported.emit(paths)

    def _export_failed(self, error: BriefgenError) -> None:
        self._export_ended()
        self.statusBar().showMessage("Export failed.", 8000)
        dialogs.report(self, "Export failed", [error])
        self.exportFailed.emit(str(error))

    def _export_ended(self) -> None:
        self.progress.hide()
        self.statusBar().clearMessage()
        self.export_action.setEnabled(True)

    # --- closing and focus -------------------------------------------------------------------------
    def changeEvent(self, event: QEvent) -> None:
        """The analyst switched to another window: keep unsaved work safe now rather than at the next interval."""
        if event.type() == QEvent.Type.ActivationChange and not self.isActiveWindow():
            self.autosave_schedule.save_now()
        super().changeEvent(event)

    def closeEvent(self, event: QCloseEvent) -> None:
        if not self.template_actions.close_editors() or not self.maybe_save():
            event.ignore()
            return
        self.autosave_schedule.cancel()
        self._save_layout()
        self.preview_panel.stop()
        self.checks_panel.stop()
        self.preview_worker.close()  # a build still running ends now, rather than the window waiting for it
        self.runner.wait()
        self.autosave_writer.close()
        self.project_lock.release()
        event.accept()

    def _about(self) -> None:
        dialogs.show_info(
            self,
            "About Briefgen",
            f"Briefgen {__version__}\n\nTurns the sources an analyst reads into a formatted policy brief "
            "(DOCX and PDF), with every passage cited back to its source.",
        )
