"""Live preview of the exact PDF pages, re-rendered on a worker shortly after each change.

Changes restart a short timer (debounce) so typing does not queue a render per
keystroke; at most one render runs at a time, and a result that is older than
the latest change is thrown away instead of shown, so the preview never lags
behind with stale pages and the window never waits for it.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QImage, QPixmap, QResizeEvent
from PySide6.QtWidgets import QComboBox, QLabel, QScrollArea, QSizePolicy, QVBoxLayout, QWidget

from app.errors import BriefgenError, TemplateError
from app.gui.widgets import header_row, muted_label, panel_title
from app.gui.workers import JobRunner
from app.model import BriefProject, Source
from app.preview import Preview, render_preview
from app.templating import discover_templates

DEBOUNCE_MS = 400
PAGE_MARGIN = 16

Snapshot = Callable[[], tuple[BriefProject, dict[str, Source]]]


class _PagesArea(QScrollArea):
    """Scroll area that fits the pages to its width whenever it is resized."""

    resized = Signal()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self.resized.emit()


class PreviewPanel(QWidget):
    templateChosen = Signal(str)
    #: A fresh preview is on screen; its page count.
    rendered = Signal(int)

    def __init__(self, snapshot: Snapshot, runner: JobRunner, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._snapshot = snapshot
        self._runner = runner
        self._generation = 0
        self._running = False
        self._pending = False
        self._pixmaps: list[QPixmap] = []
        self.preview: Preview | None = None

        self.template_combo = QComboBox()
        self.template_combo.setObjectName("templateCombo")
        self.template_combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.template_combo.activated.connect(self._template_activated)
        self.page_label = muted_label()
        self.status_label = muted_label()
        self.error_label = QLabel()
        self.error_label.setProperty("role", "error")
        self.error_label.setWordWrap(True)
        self.error_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.error_label.hide()

        self.canvas = QWidget()
        self.canvas.setObjectName("previewCanvas")
        self._pages_layout = QVBoxLayout(self.canvas)
        self._pages_layout.setContentsMargins(PAGE_MARGIN, PAGE_MARGIN, PAGE_MARGIN, PAGE_MARGIN)
        self._pages_layout.setSpacing(PAGE_MARGIN)
        self._pages_layout.addStretch(1)
        self.scroll = _PagesArea()
        self.scroll.setObjectName("previewPages")
        self.scroll.setWidgetResizable(True)
        self.scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.scroll.setWidget(self.canvas)
        self.scroll.resized.connect(self._fit_pages)

        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(DEBOUNCE_MS)
        self._timer.timeout.connect(self._start)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 10, 10, 10)
        layout.setSpacing(8)
        layout.addLayout(
            header_row(panel_title("Preview"), self.status_label, self.page_label, self.template_combo, stretch_after=1)
        )
        layout.addWidget(self.error_label)
        layout.addWidget(self.scroll, 1)
        self.load_templates()

    # --- templates --------------------------------------------------------------------------
    def load_templates(self) -> None:
        self.template_combo.clear()
        try:
            templates = discover_templates()
        except TemplateError as exc:
            self._show_error(str(exc))
            return
        for name, info in sorted(templates.items()):
            self.template_combo.addItem(name.replace("-", " ").capitalize(), name)
            last = self.template_combo.count() - 1
            self.template_combo.setItemData(last, info.description, Qt.ItemDataRole.ToolTipRole)

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
        self._generation += 1
        self.status_label.setText("Updating…")
        self._timer.start()

    def _start(self) -> None:
        if self._running:
            self._pending = True
            return
        project, sources = self._snapshot()
        generation = self._generation
        self._running = True
        self._runner.start(
            lambda _progress: render_preview(project, sources),
            on_success=lambda preview: self._finished(generation, preview),
            on_failure=lambda error: self._finished(generation, error),
        )

    def _finished(self, generation: int, result: Preview | BriefgenError) -> None:
        self._running = False
        if generation == self._generation:
            if isinstance(result, Preview):
                self._show(result)
            else:
                self._show_error(str(result))
            self.status_label.clear()
        if self._pending:
            self._pending = False
            self._start()

    def _show(self, preview: Preview) -> None:
        self.preview = preview
        self.error_label.hide()
        self._pixmaps = [
            QPixmap.fromImage(QImage(p.rgb, p.width, p.height, p.stride, QImage.Format.Format_RGB888).copy())
            for p in preview.pages
        ]
        while self._pages_layout.count() > 1:
            widget = self._pages_layout.takeAt(0).widget()
            widget.deleteLater()
        for number, _ in enumerate(self._pixmaps, start=1):
            label = QLabel()
            label.setObjectName("page")
            label.setAccessibleName(f"Page {number}")
            label.setAlignment(Qt.AlignmentFlag.AlignCenter)
            label.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Fixed)
            self._pages_layout.insertWidget(number - 1, label)
        self._fit_pages()
        count = len(preview.pages)
        self.page_label.setText(f"{count} page{'s' if count != 1 else ''}")
        self.rendered.emit(count)

    def _show_error(self, message: str) -> None:
        self.error_label.setText(f"The preview cannot be drawn: {message}")
        self.error_label.show()

    def _fit_pages(self) -> None:
        """Scale every page to the panel's width, sharp on high-density screens."""
        width = max(120, self.scroll.viewport().width() - 2 * PAGE_MARGIN)
        ratio = self.devicePixelRatioF()
        for position, pixmap in enumerate(self._pixmaps):
            label = self._pages_layout.itemAt(position).widget()
            scaled = pixmap.scaledToWidth(round(width * ratio), Qt.TransformationMode.SmoothTransformation)
            scaled.setDevicePixelRatio(ratio)
            label.setPixmap(scaled)
            label.setFixedHeight(round(scaled.height() / ratio))
