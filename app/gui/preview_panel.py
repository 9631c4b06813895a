"""Live preview of the exact PDF pages, re-rendered on a worker shortly after each change.

Changes go through a LatestJob: typing does not queue a render per
keystroke, at most one render runs at a time, and a result older than the
latest change is thrown away instead of shown, so the preview never lags
behind with stale pages and the window never waits for it.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import QComboBox, QLabel, QVBoxLayout, QWidget

from app.assemble.catalog import discover_templates
from app.core.bounded import WarmWorker
from app.core.errors import BriefgenError, TemplateError
from app.core.model import BriefProject, Source
from app.gui.labels import template_label
from app.gui.page_view import PageView
from app.gui.widgets import header_row, muted_label, panel_title, shrinkable
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
        shrinkable(self.template_combo, 10)
        self.template_combo.setToolTip("The template the brief is laid out with")
        self.template_combo.setAccessibleName("Template")
        self.template_combo.activated.connect(self._template_activated)
        self.error_label = QLabel()
        self.error_label.setProperty("role", "error")
        self.error_label.setWordWrap(True)
        self.error_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.error_label.hide()
        self.pages = PageView()
        #: "Updating…" over the pages' top corner rather than in the header, where its width took the page tools'.
        self.status_label = muted_label()
        self.status_label.setParent(self.pages)
        self.status_label.setObjectName("previewStatus")
        self.status_label.hide()

        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 10, 10, 10)
        layout.setSpacing(8)
        layout.addLayout(header_row(panel_title("Preview"), self.pages.toolbar, self.template_combo, stretch_after=1))
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
            self.template_combo.addItem(template_label(name), name)
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
            self._set_status(UPDATING)
        self._job.schedule()

    def hold(self) -> None:
        """The brief's sources are being read: render once they are all here (``release``)."""
        self._set_status(READING)
        self._job.hold()

    def release(self) -> None:
        self._set_status(UPDATING)
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
        self._set_status("")
        self.error_label.hide()
        self.pages.show_preview(preview)
        self.rendered.emit(preview.page_count)

    def stop(self) -> None:
        """The window is closing: drop any render to come and let the page drawing end."""
        self._job.cancel()
        self.pages.stop()

    def _set_status(self, text: str) -> None:
        self.status_label.setText(text)
        self.status_label.setVisible(bool(text))
        if text:
            self._place_status()

    def _place_status(self) -> None:
        """Keep the status at the pages' top right, clear of the scroll bar."""
        label = self.status_label
        label.adjustSize()
        right = self.pages.viewport().geometry().right()
        label.move(right - label.width() - 8, 8)
        label.raise_()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        if self.status_label.isVisible():
            self._place_status()

    def _show_error(self, error: BriefgenError) -> None:
        self._set_status("")
        self.error_label.setText(f"The preview cannot be drawn: {error}")
        self.error_label.show()


def _ignore(_outcome: object) -> None:
    """A warm-up's result or failure: nothing to show."""
