"""Live preview of the exact PDF pages, re-rendered on a worker shortly after each change.

Changes go through a LatestJob: typing does not queue a render per
keystroke, at most one render runs at a time, and a result older than the
latest change is thrown away instead of shown, so the preview never lags
behind with stale pages and the window never waits for it.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QComboBox, QLabel, QVBoxLayout, QWidget

from app.assemble.catalog import discover_templates
from app.core.bounded import WarmWorker
from app.core.errors import BriefgenError, TemplateError
from app.core.model import BriefProject, Source
from app.gui.page_view import PageView
from app.gui.widgets import header_row, panel_title, status_label
from app.gui.workers import JobFunction, JobRunner, LatestJob
from app.pipeline import jobs
from app.pipeline.pages import Preview

DEBOUNCE_MS = 400

Snapshot = Callable[[], tuple[BriefProject, dict[str, Source]]]

#: What the panel's status says while the sources are read, and while the brief is built again.
READING, UPDATING = "Reading sources…", "Updating…"


class PreviewPanel(QWidget):
    templateChosen = Signal(str)
    #: A fresh preview is on screen; its page count.
    rendered = Signal(int)

    def __init__(
        self, snapshot: Snapshot, runner: JobRunner, worker: WarmWorker, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self._snapshot = snapshot
        self._runner = runner
        self._worker = worker
        self.preview: Preview | None = None
        self._job = LatestJob(runner, self._make_job, DEBOUNCE_MS, self)
        self._job.succeeded.connect(self._show)
        self._job.failed.connect(self._show_error)

        self.template_combo = QComboBox()
        self.template_combo.setObjectName("templateCombo")
        self.template_combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.template_combo.activated.connect(self._template_activated)
        self.status_label = status_label(READING, UPDATING)
        self.error_label = QLabel()
        self.error_label.setProperty("role", "error")
        self.error_label.setWordWrap(True)
        self.error_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.error_label.hide()
        self.pages = PageView()

        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 10, 10, 10)
        layout.setSpacing(8)
        layout.addLayout(
            header_row(
                panel_title("Preview"), self.status_label, self.pages.toolbar, self.template_combo, stretch_after=2
            )
        )
        layout.addWidget(self.error_label)
        layout.addWidget(self.pages, 1)
        self.load_templates()

    # --- templates --------------------------------------------------------------------------
    def load_templates(self) -> None:
        """Fill the picker with the installed templates, keeping the one chosen (it may be new or gone)."""
        chosen = self.template_combo.currentData()
        self.template_combo.clear()
        try:
            templates = discover_templates()
        except TemplateError as exc:
            self._show_error(exc)
            return
        for name, info in sorted(templates.items()):
            self.template_combo.addItem(name.replace("-", " ").capitalize(), name)
            last = self.template_combo.count() - 1
            self.template_combo.setItemData(last, info.description, Qt.ItemDataRole.ToolTipRole)
        if chosen is not None:
            self.show_template(chosen)

    def show_template(self, name: str) -> None:
        position = self.template_combo.findData(name)
        if position < 0:  # a template given by folder, or one no longer installed
            self.template_combo.addItem(name, name)
            position = self.template_combo.count() - 1
        self.template_combo.setCurrentIndex(position)

    def _template_activated(self, position: int) -> None:
        self.templateChosen.emit(self.template_combo.itemData(position))

    # --- rendering --------------------------------------------------------------------------
    def schedule(self) -> None:
        """Something changed: render again once the user pauses."""
        if not self._job.held:  # else it still says the sources are being read
            self.status_label.setText(UPDATING)
        self._job.schedule()

    def hold(self) -> None:
        """The brief's sources are being read: render once they are all here (``release``)."""
        self.status_label.setText(READING)
        self._job.hold()

    def release(self) -> None:
        self.status_label.setText(UPDATING)
        self._job.release()

    def warm_up(self) -> None:
        """Have the worker load the PDF writer and the fonts now, while the window opens and the sources are read,
        rather than in the first preview (which waits for it if it is not done; a failure is its to report)."""
        worker = self._worker
        self._runner.start(lambda _progress: worker.run(jobs.warm_up_preview), _ignore, _ignore)

    def _make_job(self) -> JobFunction:
        project, sources = self._snapshot()
        worker = self._worker
        return lambda _progress: worker.run(jobs.preview, project, sources)

    def _show(self, preview: Preview) -> None:
        self.preview = preview
        self.status_label.clear()
        self.error_label.hide()
        self.pages.show_preview(preview)
        self.rendered.emit(preview.page_count)

    def stop(self) -> None:
        """The window is closing: drop any render to come and let the page drawing end."""
        self._job.cancel()
        self.pages.stop()

    def _show_error(self, error: BriefgenError) -> None:
        self.status_label.clear()
        self.error_label.setText(f"The preview cannot be drawn: {error}")
        self.error_label.show()


def _ignore(_outcome: object) -> None:
    """A warm-up's result or failure: nothing to show."""
