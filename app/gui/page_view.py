"""The pages of a brief one under another on a grey desk, with zoom and page navigation; only pages in view hold pixels.

A long brief must not cost the window its memory or its smoothness: the view
lays out every page from its size alone, and draws (on a worker thread, one
page at a time) only the pages in view plus one screen either side, at the
size they are shown.  Pages scrolled away drop their pixels.  While a newer
preview is drawn, a page shows its older image scaled, rather than a blank.

The main window's preview and the template editor's preview show pages the
same way, so both use this view.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass

from PySide6.QtCore import QRect, QRectF, Qt, Signal
from PySide6.QtGui import QAction, QColor, QImage, QKeySequence, QPainter, QPaintEvent, QResizeEvent, QWheelEvent
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QScrollArea, QSpinBox, QWidget

from app.gui.workers import JobRunner
from app.pipeline.pages import PageImage, PageRasterizer, Preview

PAGE_MARGIN = 16
#: Zoom steps, in percent of the page's printed size; Ctrl+wheel and Ctrl+plus/minus move between them.
ZOOM_STEPS = (25, 50, 75, 100, 125, 150, 200, 300, 400)
FIT_WIDTH, FIT_PAGE = "fit-width", "fit-page"
Zoom = str | int  # FIT_WIDTH, FIT_PAGE or a percentage


def zoom_from_text(text: str) -> Zoom:
    """A zoom as ``str(zoom)`` wrote it (settings); fit width for anything else."""
    if text in (FIT_WIDTH, FIT_PAGE):
        return text
    return int(text) if text.isdigit() and ZOOM_STEPS[0] <= int(text) <= ZOOM_STEPS[-1] else FIT_WIDTH


@dataclass
class _Drawn:
    """A page's pixels, the preview they belong to and the device width they were drawn at."""

    image: QImage
    source: PageImage  # keeps the bytes the image reads alive
    generation: int


class PagesCanvas(QWidget):
    """Paints the pages the view has laid out: white sheets, each with its pixels once they are drawn."""

    def __init__(self, view: PageView) -> None:
        super().__init__()
        self._view = view
        self.setObjectName("previewCanvas")
        self.setAccessibleName("Preview pages")

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
        exposed = event.rect()
        for index, rect in self._view.pages_in(exposed.top(), exposed.bottom()):
            painter.fillRect(rect.adjusted(1, 2, 1, 2), QColor(0, 0, 0, 40))  # a soft edge below and right
            drawn = self._view.drawn.get(index)
            if drawn is None:
                painter.fillRect(rect, Qt.GlobalColor.white)
            else:
                painter.drawImage(QRectF(rect), drawn.image)
        painter.end()


class PageView(QScrollArea):
    #: Every page in view shows the newest preview.
    pagesDrawn = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._runner = JobRunner(self, threads=1)  # its own thread: pages never wait behind a long job
        self._preview: Preview | None = None
        self._rasterizer: PageRasterizer | None = None
        self._generation = 0
        self._drawing: tuple[int, int, int] | None = None  # (generation, page, width) being drawn
        self._failed: set[tuple[int, int]] = set()  # (generation, page) pdfium could not draw
        self._tops: list[int] = []
        self._rects: list[QRect] = []
        self._zoom: Zoom = FIT_WIDTH
        self._current = 0
        self._complete = False  # every page in view was drawn when last looked
        #: Page index → its pixels, for the pages near the view.
        self.drawn: dict[int, _Drawn] = {}
        self.setObjectName("previewPages")
        self.setWidgetResizable(False)
        # Always there, so the view's width never depends on the pages' height: fitting to the width, a scroll bar
        # that came and went narrowed the view, shrank a page that just fitted, and went again, for ever.
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOn)
        self.setAlignment(Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop)
        #: The widget the pages are painted on.
        self.canvas = PagesCanvas(self)
        self.setWidget(self.canvas)
        self.verticalScrollBar().valueChanged.connect(self._scrolled)
        self.horizontalScrollBar().valueChanged.connect(self._scrolled)
        self.toolbar = self._make_toolbar()
        self._make_actions()

    # --- what is shown ------------------------------------------------------------------------
    def show_preview(self, preview: Preview) -> None:
        """Show a newer preview, keeping the place in the brief; its pages are drawn as they come into view."""
        anchor = self._anchor()
        self._preview = preview
        if self._rasterizer is not None:
            self._rasterizer.close()
        self._rasterizer = PageRasterizer(preview.pdf)
        self._generation += 1
        self._failed.clear()
        self.page_spin.setMaximum(max(1, preview.page_count))
        self.page_spin.setSuffix(f" of {preview.page_count}")
        self._relayout(anchor)

    def page_count(self) -> int:
        return self._preview.page_count if self._preview else 0

    def current_page(self) -> int:
        """The page at the middle of the view, from 1 (0 with nothing shown)."""
        return self._current + 1 if self._preview else 0

    def drawn_pages(self) -> list[int]:
        """The pages (from 0) showing the newest preview at the size shown: those in view and a screen either side."""
        return sorted(index for index in self.drawn if not self._needs_drawing(index))

    def go_to_page(self, number: int) -> None:
        """Scroll so page ``number`` (from 1) starts at the top of the view."""
        if self._rects:
            index = min(max(number, 1), len(self._rects)) - 1
            self.verticalScrollBar().setValue(self._rects[index].top() - PAGE_MARGIN)

    def stop(self) -> None:
        """Wait for the page being drawn and let go of the PDF: the owner is closing."""
        self._generation += 1
        self._runner.wait()
        if self._rasterizer is not None:
            self._rasterizer.close()
            self._rasterizer = None

    # --- zoom ---------------------------------------------------------------------------------
    def zoom(self) -> Zoom:
        return self._zoom

    def set_zoom(self, zoom: Zoom) -> None:
        """Fit the width, fit a whole page, or show pages at a percentage of their printed size."""
        if isinstance(zoom, int):
            zoom = min(max(zoom, ZOOM_STEPS[0]), ZOOM_STEPS[-1])
        self._zoom = zoom
        position = self.zoom_combo.findData(zoom)
        if position < 0:
            self.zoom_combo.addItem(f"{zoom} %", zoom)
            position = self.zoom_combo.count() - 1
        self.zoom_combo.setCurrentIndex(position)
        self._relayout(self._anchor())

    def zoom_in(self) -> None:
        percent = self._percent()
        self.set_zoom(next((step for step in ZOOM_STEPS if step > percent + 0.5), ZOOM_STEPS[-1]))

    def zoom_out(self) -> None:
        percent = self._percent()
        self.set_zoom(next((step for step in reversed(ZOOM_STEPS) if step < percent - 0.5), ZOOM_STEPS[0]))

    def wheelEvent(self, event: QWheelEvent) -> None:
        if event.modifiers() & Qt.KeyboardModifier.ControlModifier:
            steps = event.angleDelta().y()
            if steps > 0:
                self.zoom_in()
            elif steps < 0:
                self.zoom_out()
            event.accept()
            return
        super().wheelEvent(event)

    def _percent(self) -> float:
        """The zoom now, as a percentage of printed size (what a fit mode comes to at this window size)."""
        return self._scale() / self._printed_scale() * 100

    def _printed_scale(self) -> float:
        """Pixels per point at 100 %: a page the size it prints, on this screen."""
        return self.logicalDpiX() / 72

    def _scale(self) -> float:
        """Pixels per point for the zoom chosen; fit modes fit the widest (and tallest) page."""
        if isinstance(self._zoom, int):
            return self._zoom / 100 * self._printed_scale()
        sizes = self._preview.page_sizes if self._preview else ((595.0, 842.0),)
        widest, tallest = max(w for w, _ in sizes), max(h for _, h in sizes)
        viewport = self.viewport()
        fit_width = max(60, viewport.width() - 2 * PAGE_MARGIN) / widest
        if self._zoom == FIT_PAGE:
            return min(fit_width, max(60, viewport.height() - 2 * PAGE_MARGIN) / tallest)
        return fit_width

    # --- layout -------------------------------------------------------------------------------
    def resizeEvent(self, event: QResizeEvent) -> None:
        anchor = self._anchor()
        super().resizeEvent(event)
        if not isinstance(self._zoom, int):
            self._relayout(anchor)
        else:
            self._update_pages()

    def pages_in(self, top: int, bottom: int) -> list[tuple[int, QRect]]:
        """The pages (index, rectangle on the canvas) that reach between canvas rows ``top`` and ``bottom``."""
        first = max(0, bisect.bisect_right(self._tops, top) - 1)
        found = []
        for index in range(first, len(self._rects)):
            rect = self._rects[index]
            if rect.top() > bottom:
                break
            if rect.bottom() >= top:
                found.append((index, rect))
        return found

    def _relayout(self, anchor: tuple[int, float]) -> None:
        """Place every page for the zoom and view size, then return to ``anchor`` (page, fraction down it)."""
        scale = self._scale()
        sizes = self._preview.page_sizes if self._preview else ()
        widths = [round(w * scale) for w, _ in sizes]
        canvas_width = max([self.viewport().width(), *(w + 2 * PAGE_MARGIN for w in widths)])
        self._rects, y = [], PAGE_MARGIN
        for (_, height), width in zip(sizes, widths, strict=True):
            self._rects.append(QRect((canvas_width - width) // 2, y, width, round(height * scale)))
            y += self._rects[-1].height() + PAGE_MARGIN
        self._tops = [rect.top() for rect in self._rects]
        self.canvas.resize(canvas_width, max(y, self.viewport().height()))
        page, fraction = anchor
        if self._rects:
            rect = self._rects[min(page, len(self._rects) - 1)]
            self.verticalScrollBar().setValue(round(rect.top() + fraction * rect.height()) - PAGE_MARGIN)
        self._update_pages()
        self.canvas.update()

    def _anchor(self) -> tuple[int, float]:
        """The page at the top of the view and how far down it the view starts, to keep across a relayout."""
        top = self.verticalScrollBar().value() + PAGE_MARGIN
        for index, rect in self.pages_in(top, top):
            return index, (top - rect.top()) / max(1, rect.height())
        return 0, 0.0

    def _scrolled(self) -> None:
        self._update_pages()

    # --- drawing ------------------------------------------------------------------------------
    def _update_pages(self) -> None:
        """Drop pixels far from the view, note the page in view, and draw the next page that needs it."""
        top = self.verticalScrollBar().value()
        height = self.viewport().height()
        visible = [index for index, _ in self.pages_in(top, top + height)]
        near = {index for index, _ in self.pages_in(top - height, top + 2 * height)}
        for index in [index for index in self.drawn if index not in near]:
            del self.drawn[index]
        middle = self.pages_in(top + height // 2, top + height // 2)
        current = middle[0][0] if middle else (visible[0] if visible else 0)
        self._current = current
        if self._preview:
            self.page_spin.blockSignals(True)
            self.page_spin.setValue(current + 1)
            self.page_spin.blockSignals(False)
            self.canvas.setAccessibleName(f"Preview, page {current + 1} of {self._preview.page_count}")
        complete = bool(visible) and not any(self._needs_drawing(index) for index in visible)
        if complete and not self._complete:
            self.pagesDrawn.emit()
        self._complete = complete
        # the pages in view first, top to bottom, then the screen either side
        self._draw_next(visible + sorted(near - set(visible), key=lambda index: abs(index - current)))

    def _device_width(self, index: int) -> int:
        return round(self._rects[index].width() * self.devicePixelRatioF())

    def _needs_drawing(self, index: int) -> bool:
        drawn = self.drawn.get(index)
        return drawn is None or drawn.generation != self._generation or drawn.image.width() != self._device_width(index)

    def _draw_next(self, wanted: list[int]) -> None:
        if self._drawing is not None or self._rasterizer is None:
            return
        generation = self._generation
        index = next((i for i in wanted if self._needs_drawing(i) and (generation, i) not in self._failed), None)
        if index is None:
            return
        rasterizer, width = self._rasterizer, self._device_width(index)
        self._drawing = (generation, index, width)
        self._runner.start(
            lambda _progress: rasterizer.draw(index, width),
            on_success=lambda image: self._page_drawn(generation, index, image),
            on_failure=lambda _error: self._page_failed(generation, index),
        )

    def _page_drawn(self, generation: int, index: int, page: PageImage) -> None:
        self._drawing = None
        if generation == self._generation and index < len(self._rects):
            image = QImage(page.pixels, page.width, page.height, page.stride, QImage.Format.Format_RGB32)
            image.setDevicePixelRatio(self.devicePixelRatioF())
            self.drawn[index] = _Drawn(image, page, generation)
            self.canvas.update(self._rects[index])
        self._update_pages()

    def _page_failed(self, generation: int, index: int) -> None:
        """A page pdfium cannot draw stays a white sheet, not tried again for this preview (the preview's own errors
        are shown by its panel); a page whose preview was replaced while it was drawn is drawn for the newer one."""
        self._drawing = None
        self._failed.add((generation, index))
        self._update_pages()

    # --- controls -----------------------------------------------------------------------------
    def _make_toolbar(self) -> QWidget:
        """Page number and zoom, for the owner to place in its header."""
        self.page_spin = QSpinBox()
        self.page_spin.setObjectName("pageSpin")
        self.page_spin.setPrefix("Page ")
        self.page_spin.setRange(1, 1)
        self.page_spin.setAccessibleName("Go to page")
        self.page_spin.setToolTip("The page shown: type a number to go to it")
        self.page_spin.setKeyboardTracking(False)
        self.page_spin.valueChanged.connect(self.go_to_page)
        self.zoom_combo = QComboBox()
        self.zoom_combo.setObjectName("zoomCombo")
        self.zoom_combo.setAccessibleName("Zoom")
        self.zoom_combo.setToolTip("Zoom: fit the width or the page, or a size (Ctrl++, Ctrl+-)")
        self.zoom_combo.addItem("Fit width", FIT_WIDTH)
        self.zoom_combo.addItem("Fit page", FIT_PAGE)
        for step in ZOOM_STEPS:
            self.zoom_combo.addItem(f"{step} %", step)
        self.zoom_combo.activated.connect(lambda position: self.set_zoom(self.zoom_combo.itemData(position)))
        bar = QWidget()
        row = QHBoxLayout(bar)
        row.setContentsMargins(0, 0, 0, 0)
        row.setSpacing(6)
        row.addWidget(self.page_spin)
        row.addWidget(self.zoom_combo)
        return bar

    def _make_actions(self) -> None:
        """Zoom shortcuts for the window holding the view (the owner may list these actions in a menu)."""
        keys = QKeySequence.StandardKey

        def action(text: str, slot: object, *shortcuts: QKeySequence | QKeySequence.StandardKey | str) -> QAction:
            made = QAction(text, self)
            made.setShortcuts([QKeySequence(s) for s in shortcuts])
            made.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
            made.triggered.connect(slot)
            self.addAction(made)
            return made

        self.zoom_in_action = action("Zoom &In", self.zoom_in, keys.ZoomIn, "Ctrl+=")
        self.zoom_out_action = action("Zoom &Out", self.zoom_out, keys.ZoomOut)
        self.fit_width_action = action("Fit &Width", lambda: self.set_zoom(FIT_WIDTH), "Ctrl+0")
        self.fit_page_action = action("Fit &Page", lambda: self.set_zoom(FIT_PAGE), "Ctrl+9")
