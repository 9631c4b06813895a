"""Markings and sources in the window: a source's marking and details, re-reading a changed source, the scheme's levels
offered in the forms, and which sections repeat other sources'.

The work is the core's (app.brief.edit, app.pipeline.repeats); this module asks
the analyst, runs the slow parts on a worker and pushes undo commands, so the
window only connects it.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QWidget

from app.assemble.catalog import find_template
from app.brief import edit as brief_edit
from app.core.bounded import WarmWorker
from app.core.errors import BriefgenError
from app.core.marking_schemes import DEFAULT_SCHEME
from app.core.model import Source
from app.gui import dialogs
from app.gui.models import SourcesModel
from app.gui.session import BriefSession
from app.gui.undo_commands import ReloadSourceCommand, SetSourceDetailsCommand, SetSourceMarkingCommand
from app.gui.workers import JobFunction, JobRunner, LatestJob
from app.ingest import ingest_bounded
from app.pipeline import jobs

#: Sources change in batches (a folder dropped): look for repeats once they have settled.
REPEATS_DELAY_MS = 300


class MarkingActions(QObject):
    #: The scheme the brief uses changed (its id): forms should offer its levels.
    schemeChanged = Signal(str)
    #: A message for the status bar, and for how many milliseconds to show it.
    statusMessage = Signal(str, int)
    #: A source was read again from its file (its path).
    reloaded = Signal(str)

    def __init__(
        self, session: BriefSession, runner: JobRunner, model: SourcesModel, window: QWidget, worker: WarmWorker
    ) -> None:
        """``worker`` compares sources for repeated passages (the preview's: its builds use the same comparison)."""
        super().__init__(window)
        self._session = session
        self._runner = runner
        self._worker = worker
        self._window = window
        self._scheme = ""
        self._repeats = LatestJob(runner, self._repeats_job, REPEATS_DELAY_MS, self)
        self._repeats.succeeded.connect(model.set_repeats)
        for signal in (session.sourcesInserted, session.sourceRemoved, session.replaced):
            signal.connect(self._repeats.schedule)
        session.templateChanged.connect(self.update_scheme)
        session.metaChanged.connect(lambda field: self.update_scheme() if field in ("", "marking_scheme") else None)

    def scheme_id(self) -> str:
        """The scheme the brief uses: its own choice, else its template's."""
        chosen = self._session.project.meta.marking_scheme.strip()
        if chosen:
            return chosen
        try:
            return find_template(self._session.project.template).marking_scheme()
        except BriefgenError:  # the Checks tab and the preview say what is wrong with the template
            return DEFAULT_SCHEME

    def update_scheme(self) -> None:
        scheme = self.scheme_id()
        if scheme != self._scheme:
            self._scheme = scheme
            self.schemeChanged.emit(scheme)

    def ask_source_marking(self, path: str) -> None:
        """Ask for the marking of the source at ``path``; an undoable change."""
        source = self._session.sources_by_path().get(path)
        current = self._session.project.record(path).classification
        label = (
            f"Marking of “{source.title if source else path}”.\\n"
            "Its items take it unless you mark them; empty gives them the brief's."
        )
        answer = dialogs.ask_marking(
            self._window, "Source marking", label, brief_edit.marking_choices(self.scheme_id()), current
        )
        if answer is not None and answer != current:
            self._session.undo_stack.push(SetSourceMarkingCommand(self._session, path, answer))

    def ask_source_details(self, path: str) -> None:
        """Ask for the analyst's corrections to the title, outlet, author, date and URL of the source at ``path``;
        an undoable change."""
        source = self._session.source_as_read(path)
        if source is None:
            return
        current = self._session.project.record(path).details
        answer = dialogs.ask_source_details(self._window, source, current)
        if answer is not None and answer != current:
            self._session.undo_stack.push(SetSourceDetailsCommand(self._session, path, answer))

    def reload_source(self, path: str) -> None:
        """Read the source at ``path`` again on a worker; put it in place of the loaded one (undoable)."""
        brief = self._session.generation
        self.statusMessage.emit(f"Reading {path} again…", 0)
        self._runner.start(
            lambda _progress: ingest_bounded(path),
            on_success=lambda source: self._reloaded(brief, source),
            on_failure=lambda exc: dialogs.report(self._window, "The source could not be read again", [exc]),
        )

    def _reloaded(self, brief: int, source: Source) -> None:
        if brief != self._session.generation or source.path not in self._session.sources_by_path():
            return  # another brief was opened, or the source removed, meanwhile
        self._session.undo_stack.push(ReloadSourceCommand(self._session, source))
        self.statusMessage.emit(f"Re-loaded {source.title}: the brief now quotes the file as it is.", 6000)
        self.reloaded.emit(source.path)

    def _repeats_job(self) -> JobFunction:
        sources, worker = list(self._session.sources), self._worker
        return lambda _progress: worker.run(jobs.repeats, sources)
