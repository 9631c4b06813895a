"""The page view: only pages near the view hold pixels, drawn at the size shown; zoom and page navigation."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtGui import QWheelEvent
from PySide6.QtWidgets import QApplication

from app.core.document import Document, DocumentMeta, Paragraph, Run
from app.core.style import Style
from app.gui.page_view import FIT_PAGE, FIT_WIDTH, PAGE_MARGIN, PageView
from app.pipeline.pages import Preview, preview_of
from app.render.pdf.writer import render_pdf
from tests.sample_document import make_sample_document

pytestmark = pytest.mark.gui


@pytest.fixture(scope="module")
def long_preview() -> Preview:
    return preview_of(render_pdf(make_sample_document(paragraphs=300), Style()))


def shown(qtbot, preview: Preview, width: int, height: int) -> PageView:
    """A page view of that size on screen, showing ``preview`` once its pages in view are drawn."""
    pages = PageView()
    qtbot.addWidget(pages)
    pages.resize(width, height)
    pages.show()
    qtbot.waitExposed(pages)
    with qtbot.waitSignal(pages.pagesDrawn, timeout=10_000):
        pages.show_preview(preview)
    return pages


@pytest.fixture
def view(qtbot, long_preview: Preview) -> PageView:
    pages = shown(qtbot, long_preview, 600, 800)
    yield pages
    pages.stop()


def dark_share(view: PageView, index: int) -> float:
    """How much of a drawn page is ink rather than paper."""
    image = view.drawn[index].image
    samples = [image.pixelColor(x, y) for x in range(0, image.width(), 7) for y in range(0, image.height(), 7)]
    return sum(1 for colour in samples if colour.lightness() < 128) / len(samples)


def wheel(view: PageView, delta: int, modifiers=Qt.KeyboardModifier.ControlModifier) -> None:
    centre = QPointF(view.viewport().rect().center())
    event = QWheelEvent(
        centre,
        QPointF(view.mapToGlobal(centre.toPoint())),
        QPoint(),
        QPoint(0, delta),
        Qt.MouseButton.NoButton,
        modifiers,
        Qt.ScrollPhase.NoScrollPhase,
        False,
    )
    QApplication.sendEvent(view.viewport(), event)


def test_only_pages_near_the_view_are_drawn_at_the_width_shown(view: PageView, long_preview: Preview):
    assert long_preview.page_count > 30 and view.page_count() == long_preview.page_count
    drawn = view.drawn_pages()
    assert drawn[0] == 0 and len(drawn) <= 4
    image = view.drawn[0].image
    expected = round((view.viewport().width() - 2 * PAGE_MARGIN) * view.devicePixelRatioF())
    assert abs(image.width() - expected) <= 1
    assert 0.002 < dark_share(view, 0) < 0.5  # text on a white page
    assert view.page_spin.text() == f"Page 1 of {long_preview.page_count}"


def test_typing_a_page_number_goes_there_and_drops_pages_left_behind(qtbot, view: PageView, long_preview: Preview):
    last = long_preview.page_count
    view.page_spin.selectAll()
    qtbot.keyClicks(view.page_spin, str(last))
    qtbot.keyClick(view.page_spin, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: last - 1 in view.drawn_pages(), timeout=10_000)
    assert 0 not in view.drawn and len(view.drawn) <= 4
    assert view.current_page() >= last - 1
    assert view.canvas.accessibleName().endswith(f"of {last}")


def test_ctrl_wheel_and_ctrl_plus_zoom_in_steps(qtbot, view: PageView):
    width_fit = view.drawn[0].image.width()
    wheel(view, 120)
    zoomed = view.zoom()
    assert isinstance(zoomed, int) and zoomed > 0
    qtbot.keyClick(view, Qt.Key.Key_Plus, Qt.KeyboardModifier.ControlModifier)
    assert isinstance(view.zoom(), int) and view.zoom() > zoomed
    qtbot.waitUntil(lambda: 0 in view.drawn_pages(), timeout=10_000)
    assert view.drawn[0].image.width() > width_fit
    qtbot.keyClick(view, Qt.Key.Key_Minus, Qt.KeyboardModifier.ControlModifier)
    assert view.zoom() == zoomed
    wheel(view, 120, Qt.KeyboardModifier.NoModifier)  # a plain wheel scrolls, it does not zoom
    assert view.zoom() == zoomed


def test_zoom_choices_size_the_pages(qtbot, view: PageView, long_preview: Preview):
    width_pt, height_pt = long_preview.page_sizes[0]
    view.zoom_combo.setCurrentIndex(view.zoom_combo.findData(200))
    view.zoom_combo.activated.emit(view.zoom_combo.currentIndex())
    qtbot.waitUntil(lambda: 0 in view.drawn_pages(), timeout=10_000)
    printed = view.logicalDpiX() / 72
    assert abs(view.drawn[0].image.width() / view.devicePixelRatioF() - width_pt * 2 * printed) <= 1
    assert view.horizontalScrollBar().maximum() > 0  # wider than the view: it scrolls sideways

    view.fit_page_action.trigger()
    assert view.zoom() == FIT_PAGE
    qtbot.waitUntil(lambda: 0 in view.drawn_pages(), timeout=10_000)
    shown_height = view.drawn[0].image.height() / view.devicePixelRatioF()
    assert shown_height <= view.viewport().height() - 2 * PAGE_MARGIN + 1
    shown_width = view.drawn[0].image.width() / view.devicePixelRatioF()
    assert abs(shown_height / shown_width - height_pt / width_pt) < 0.01

    view.fit_width_action.trigger()
    assert view.zoom() == FIT_WIDTH and view.horizontalScrollBar().maximum() == 0


def test_a_newer_preview_keeps_the_place_and_replaces_the_pixels(qtbot, view: PageView, long_preview: Preview):
    view.go_to_page(10)
    qtbot.waitUntil(lambda: 9 in view.drawn_pages(), timeout=10_000)
    before = view.drawn[9]
    with qtbot.waitSignal(view.pagesDrawn, timeout=10_000):
        view.show_preview(long_preview)
    assert view.current_page() in (10, 11)
    assert view.drawn[9] is not before


def test_the_windows_zoom_is_kept_for_the_next_start(qtbot, window):
    """Chosen in the zoom box, it comes back with the window, as the window's size and splitters do."""
    from app.gui.main_window import MainWindow

    pages = window.preview_panel.pages
    assert pages.zoom() == FIT_WIDTH  # a first start
    pages.zoom_combo.setCurrentIndex(pages.zoom_combo.findData(150))
    pages.zoom_combo.activated.emit(pages.zoom_combo.currentIndex())
    window.close()
    again = MainWindow()
    qtbot.addWidget(again)
    assert again.preview_panel.pages.zoom() == 150
    assert again.preview_panel.pages.zoom_combo.currentText() == "150 %"
    again.preview_panel.pages.fit_page_action.trigger()
    again.close()
    last = MainWindow()
    qtbot.addWidget(last)
    assert last.preview_panel.pages.zoom() == FIT_PAGE
    last.close()


def test_a_zoom_setting_that_makes_no_sense_is_fit_width():
    from app.gui.page_view import zoom_from_text

    assert [zoom_from_text(text) for text in ("fit-page", "75", "", "abc", "9999", "-5")] == [
        FIT_PAGE,
        75,
        FIT_WIDTH,
        FIT_WIDTH,
        FIT_WIDTH,
        FIT_WIDTH,
    ]


def test_a_preview_replaced_while_a_page_is_drawn_still_gets_its_pages(qtbot, view: PageView, long_preview: Preview):
    """The page in flight belongs to the older preview (its PDF may be closed under it): the newer one is drawn."""
    for _ in range(5):
        with qtbot.waitSignal(view.pagesDrawn, timeout=10_000):
            view.show_preview(long_preview)
            view.show_preview(long_preview)
        assert 0 in view.drawn_pages()


def test_a_page_that_almost_fits_the_view_does_not_set_it_resizing_for_ever(qtbot):
    """Fit to width at a height where one page just fits: a scroll bar appearing would narrow the view, shrink
    the page so it fits, and the scroll bar would go again, round and round (the window hung). The view's
    width stays the same whatever the pages' height."""
    one_page = preview_of(render_pdf(Document(DocumentMeta(), [Paragraph([Run("One line.")])]), Style()))
    pages = shown(qtbot, one_page, 600, 300)
    widths = set()
    for height in range(780, 880):  # through the height where the page's fit-to-width height meets the view's
        pages.resize(600, height)
        QApplication.processEvents()
        widths.add(pages.viewport().width())
    assert len(widths) == 1
    pages.stop()
