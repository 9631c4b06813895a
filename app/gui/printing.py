"""File › Print and Print Preview: the brief's pages, as the preview shows them, on paper.

The pages are the PDF the preview drew (the same an export writes), each drawn
by pdfium at the printer's resolution (at most PRINT_DPI) and laid on the whole
sheet: the PDF carries its own margins, banners and page numbers.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, QRectF, QSizeF, Signal
from PySide6.QtGui import QAction, QImage, QKeySequence, QPageLayout, QPageSize, QPainter
from PySide6.QtPrintSupport import QPrinter, QPrintPreviewDialog
from PySide6.QtWidgets import QWidget

from app.core.errors import BriefgenError, ExportError
from app.gui import dialogs
from app.gui.icons import icon
from app.pipeline.pages import PageRasterizer, Preview

#: Sharper than this a laser printer does not show on text this size; more only makes the job slower.
PRINT_DPI = 300


def paint_pages(printer: QPrinter, preview: Preview) -> int:
    """Draw the pages ``printer`` asks for (all, or its from–to range) on it; how many were drawn."""
    first, last = printer.fromPage(), printer.toPage()
    indexes = range(first - 1, min(last, preview.page_count)) if first > 0 else range(preview.page_count)
    rasterizer = PageRasterizer(preview.pdf)
    painter = QPainter()
    if not painter.begin(printer):
        raise ExportError("the printer could not be started")
    try:
        for count, index in enumerate(indexes):
            if count:
                printer.newPage()
            _paint_page(painter, printer, rasterizer, preview, index)
    finally:
        painter.end()
        rasterizer.close()
    return len(indexes)


def _paint_page(painter: QPainter, printer: QPrinter, rasterizer: PageRasterizer, preview: Preview, index: int) -> None:
    """One page, as large as the sheet allows without changing its shape, centred."""
    width_pt, height_pt = preview.page_sizes[index]
    dots = min(printer.resolution(), PRINT_DPI)
    page = rasterizer.draw(index, round(width_pt / 72 * dots))
    image = QImage(page.pixels, page.width, page.height, page.stride, QImage.Format.Format_RGB32)
    sheet = QRectF(painter.viewport())
    scale = min(sheet.width() / width_pt, sheet.height() / height_pt)
    size = QSizeF(width_pt * scale, height_pt * scale)
    target = QRectF(sheet.x() + (sheet.width() - size.width()) / 2, sheet.y(), size.width(), size.height())
    painter.drawImage(target, image)


def brief_printer(preview: Preview) -> QPrinter:
    """A printer set to the brief's paper (A4 or Letter, from its first page), printing the whole sheet."""
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setFullPage(True)
    width_pt, height_pt = preview.page_sizes[0]
    size = QPageSize(QSizeF(width_pt, height_pt), QPageSize.Unit.Point, "", QPageSize.SizeMatchPolicy.FuzzyMatch)
    printer.setPageSize(size)
    printer.setPageOrientation(QPageLayout.Orientation.Portrait)
    return printer


class BriefPrinting(QObject):
    """The Print… and Print Preview… actions for the brief the preview shows."""

    #: A message for the status bar, and for how many milliseconds to show it.
    statusMessage = Signal(str, int)

    def __init__(self, window: QWidget, current: Callable[[], Preview | None]) -> None:
        super().__init__(window)
        self._window = window
        self._current = current
        self.print_action = QAction(icon("print"), "&Print…", self)
        self.print_action.setShortcut(QKeySequence(QKeySequence.StandardKey.Print))
        self.print_action.setToolTip("Print the brief as the preview shows it")
        self.print_action.triggered.connect(self.print_brief)
        self.preview_action = QAction("Print Pre&view…", self)
        self.preview_action.setShortcut(QKeySequence("Ctrl+Shift+P"))
        self.preview_action.setToolTip("See the pages as they will print, and print them")
        self.preview_action.triggered.connect(self.preview_print)

    def _preview(self) -> Preview | None:
        preview = self._current()
        if preview is None:
            self.statusMessage.emit("The brief is not laid out yet: print once the preview shows its pages.", 6000)
        return preview

    def print_brief(self) -> None:
        preview = self._preview()
        if preview is None:
            return
        printer = brief_printer(preview)
        if not dialogs.ask_print(self._window, printer, preview.page_count):
            return
        try:
            pages = paint_pages(printer, preview)
        except BriefgenError as exc:
            dialogs.report(self._window, "The brief could not be printed", [exc])
            return
        where = printer.outputFileName() or printer.printerName() or "the printer"
        self.statusMessage.emit(f"Sent {pages} page{'s' if pages != 1 else ''} to {where}.", 5000)

    def preview_print(self) -> None:
        preview = self._preview()
        if preview is None:
            return
        printer = brief_printer(preview)
        dialog = QPrintPreviewDialog(printer, self._window)
        dialog.setProperty("printer", printer)  # the dialog does not own its printer: keep it while it is open
        dialog.setWindowTitle("Print Preview")
        dialog.paintRequested.connect(lambda printer: self._paint_quietly(printer, preview))
        dialog.finished.connect(dialog.deleteLater)
        dialog.open()

    def _paint_quietly(self, printer: QPrinter, preview: Preview) -> None:
        try:
            paint_pages(printer, preview)
        except BriefgenError as exc:
            dialogs.report(self._window, "The brief could not be printed", [exc])
