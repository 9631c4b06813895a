"""The Checks tab: what to fix before the brief leaves, updated as it changes; a click goes to the place.

The list is app.pipeline.checks' (the same ``briefgen check`` prints), worked
out on a worker after the analyst pauses, like the preview; the preview's page
count feeds the page-target check so the PDF is not drawn twice.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QLabel, QListWidget, QListWidgetItem, QVBoxLayout, QWidget

from app.core.bounded import WarmWorker
from app.core.model import BriefProject, Source
from app.core.problems import Problem
from app.gui.icons import icon
from app.gui.widgets import header_row, muted_label, panel_title, status_label
from app.gui.workers import JobFunction, JobRunner, LatestJob
from app.pipeline import jobs

#: Checks wait for a longer pause than the preview: they build the brief and read every source file's bytes.
DEBOUNCE_MS = 900
#: What the panel's status says while the brief is checked again.
CHECKING = "Checking…"

Snapshot = Callable[[], tuple[BriefProject, Mapping[str, Source]]]


class ChecksPanel(QWidget):
    #: The analyst clicked a problem: go where it can be fixed (a Problem).
    placeRequested = Signal(object)
    #: How many problems are listed now.
    counted = Signal(int)

    def __init__(
        self, snapshot: Snapshot, runner: JobRunner, worker: WarmWorker, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self._snapshot = snapshot
        self._worker = worker
        self._pages: int | None = None
        self._job = LatestJob(runner, self._make_job, DEBOUNCE_MS, self)
        self._job.succeeded.connect(self._show)
        self._job.failed.connect(lambda error: self._show([Problem(str(error), "template")]))

        self.status_label = status_label(CHECKING)
        self.list = QListWidget()
        self.list.setObjectName("checksList")
        self.list.setAccessibleName("Checks")
        self.list.setToolTip("What to fix before the brief leaves: click one to go to it")
        self.list.setWordWrap(True)
        self.list.setTextElideMode(Qt.TextElideMode.ElideNone)
        self.list.itemActivated.connect(self._activated)
        self.list.itemClicked.connect(self._activated)
        self.clean_label = QLabel("Nothing to fix: the brief is ready to leave.")
        self.clean_label.setObjectName("checksClean")
        self.clean_label.setProperty("role", "muted")
        self.clean_label.hide()

        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 10, 6, 10)
        layout.setSpacing(8)
        layout.addLayout(header_row(panel_title("Before it leaves"), self.status_label, stretch_after=1))
        layout.addWidget(self.clean_label)
        layout.addWidget(self.list, 1)
        hint = muted_label("Click a problem to go where it can be fixed.")
        hint.setWordWrap(True)
        layout.addWidget(hint)

    def schedule(self) -> None:
        """The brief changed: check it again once the analyst pauses."""
        self.status_label.setText(CHECKING)
        self._job.schedule()

    def set_pages(self, pages: int) -> None:
        """The preview drew the brief on ``pages`` pages."""
        if pages != self._pages:
            self._pages = pages
            self.schedule()

    def problems(self) -> list[Problem]:
        return [self.list.item(row).data(Qt.ItemDataRole.UserRole) for row in range(self.list.count())]

    def _make_job(self) -> JobFunction:
        project, sources = self._snapshot()
        pages = self._pages
        unread = {
            path: "it could not be read when the brief was opened"
            for path in project.sources
            if path not in sources and Path(path).is_file()
        }

        worker = self._worker
        # in the worker process: building the brief would otherwise hold the interpreter the window paints with
        return lambda _progress: worker.run(jobs.checks, project, sources, unread, pages)

    def hold(self) -> None:
        """The brief's sources are being read: check once they are all here (``release``)."""
        self._job.hold()

    def release(self) -> None:
        self._job.release(at_once=False)  # after its pause: the preview, which the analyst watches, goes first

    def stop(self) -> None:
        """The window is closing: drop any check to come."""
        self._job.cancel()

    def _show(self, problems: list[Problem]) -> None:
        self.status_label.clear()
        self.list.clear()
        for problem in problems:
            entry = QListWidgetItem(icon("warning"), problem.message)
            entry.setData(Qt.ItemDataRole.UserRole, problem)
            entry.setToolTip(problem.message)
            self.list.addItem(entry)
        self.clean_label.setVisible(not problems)
        self.counted.emit(len(problems))

    def _activated(self, entry: QListWidgetItem) -> None:
        self.placeRequested.emit(entry.data(Qt.ItemDataRole.UserRole))
