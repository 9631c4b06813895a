"""The pages of a brief as images, one under another on a grey desk, fitted to the view's width.

The main window's preview and the template editor's preview show pages the
same way, so both use this view.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Qt
from PySide6.QtGui import QImage, QPixmap, QResizeEvent
from PySide6.QtWidgets import QLabel, QScrollArea, QSizePolicy, QVBoxLayout, QWidget

from app.pipeline.preview import PageImage

PAGE_MARGIN = 16


class PageView(QScrollArea):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._pixmaps: list[QPixmap] = []
        self._labels: list[QLabel] = []
        self.setObjectName("previewPages")
        self.setWidgetResizable(True)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        #: The widget holding one QLabel named "page" per page.
        self.canvas = QWidget()
        self.canvas.setObjectName("previewCanvas")
        self._pages_layout = QVBoxLayout(self.canvas)
        self._pages_layout.setContentsMargins(PAGE_MARGIN, PAGE_MARGIN, PAGE_MARGIN, PAGE_MARGIN)
        self._pages_layout.setSpacing(PAGE_MARGIN)
        self._pages_layout.addStretch(1)
        self.setWidget(self.canvas)

    def show_pages(self, pages: Sequence[PageImage]) -> None:
        """Replace the pages on show."""
        self._pixmaps = [
            QPixmap.fromImage(QImage(p.rgb, p.width, p.height, p.stride, QImage.Format.Format_RGB888).copy())
            for p in pages
        ]
        for label in self._labels:
            self._pages_layout.removeWidget(label)
            label.deleteLater()
        self._labels = []
        for number, _ in enumerate(self._pixmaps, start=1):
            label = QLabel()
            label.setObjectName("page")
            label.setAccessibleName(f"Page {number}")
            label.setAlignment(Qt.AlignmentFlag.AlignCenter)
            label.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Fixed)
            self._pages_layout.insertWidget(number - 1, label)
            self._labels.append(label)
        self._fit_pages()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._fit_pages()

    def _fit_pages(self) -> None:
        """Scale every page to the view's width, sharp on high-density screens."""
        width = max(120, self.viewport().width() - 2 * PAGE_MARGIN)
        ratio = self.devicePixelRatioF()
        for label, pixmap in zip(self._labels, self._pixmaps, strict=True):
            scaled = pixmap.scaledToWidth(round(width * ratio), Qt.TransformationMode.SmoothTransformation)
            scaled.setDevicePixelRatio(ratio)
            label.setPixmap(scaled)
            label.setFixedHeight(round(scaled.height() / ratio))
