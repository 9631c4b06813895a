"""The live preview: exact PDF pages, refreshed off the GUI thread after edits, stale results dropped."""

from __future__ import annotations

import threading
from io import BytesIO

import pytest
from pypdf import PdfReader
from PySide6.QtCore import Qt

from app.core import bounded
from app.gui.main_window import MainWindow
from app.gui.undo_commands import SetTemplateCommand
from app.pipeline import jobs
from tests.conftest import SAMPLE
from tests.gui.helpers import load_by_drop, tick

pytestmark = pytest.mark.gui


def preview_text(window: MainWindow) -> str:
    pdf = PdfReader(BytesIO(window.preview_panel.preview.pdf))
    return "\n".join(page.extract_text() for page in pdf.pages)


def test_preview_shows_the_pages_and_follows_edits(qtbot, window: MainWindow):
    panel = window.preview_panel
    load_by_drop(qtbot, window, [SAMPLE])
    with qtbot.waitSignal(panel.rendered, timeout=10_000):
        tick(qtbot, window, "Judicial Warnings")
    assert "Judicial Warnings" in preview_text(window)
    pages = panel.preview.page_count
    assert panel.pages.page_spin.text() == f"Page 1 of {pages}"
    qtbot.waitUntil(lambda: 0 in panel.pages.drawn_pages(), timeout=5_000)

    title = window.details_form.lines["title"]
    qtbot.keyClick(title, Qt.Key.Key_End)  # the field shows the title's start: go to its end, as a user does
    with qtbot.waitSignal(panel.rendered, timeout=10_000):
        qtbot.keyClicks(title, " on recruitment")
    assert "Untitled brief on recruitment" in preview_text(window)
    assert panel.status_label.text() == ""


def test_the_status_shown_while_typing_moves_nothing_around_it(qtbot, window: MainWindow):
    """ "Updating…" on every keystroke once resized the page view and the sources tree: 50 ms a keystroke."""
    panel = window.preview_panel
    window.resize(1400, 900)
    load_by_drop(qtbot, window, [SAMPLE])
    with qtbot.waitSignal(panel.rendered, timeout=10_000):
        tick(qtbot, window, "Judicial Warnings")
    qtbot.wait(50)
    sizes = {widget: widget.size() for widget in (panel.pages, window.sources_panel.tree, panel.template_combo)}
    qtbot.keyClicks(window.details_form.lines["title"], "x")
    assert panel.status_label.text() == "Updating…"
    qtbot.wait(50)  # the layout has had its chance to move things
    assert {widget: widget.size() for widget in sizes} == sizes
    shown = panel.status_label
    assert shown.isVisible() and shown.width() >= shown.fontMetrics().horizontalAdvance(shown.text())


def test_a_render_overtaken_by_an_edit_is_discarded(qtbot, window: MainWindow, monkeypatch):
    """While a slow render runs, the window stays usable; its result is dropped for the newer one."""
    panel = window.preview_panel
    qtbot.waitUntil(lambda: panel.preview is not None, timeout=10_000)
    release = threading.Event()
    started = threading.Event()
    real = jobs.preview

    def slow(project, sources):
        started.set()
        release.wait(10)
        return real(project, sources)

    monkeypatch.setenv(bounded.INLINE_ENV, "1")  # the preview is built here, where it can be slowed
    monkeypatch.setattr(jobs, "preview", slow)
    shown: list[str] = []
    panel.rendered.connect(lambda _count: shown.append(preview_text(window)))

    title = window.details_form.lines["title"]
    qtbot.keyClick(title, Qt.Key.Key_End)
    qtbot.keyClicks(title, " one")
    qtbot.waitUntil(started.is_set, timeout=15_000)
    qtbot.keyClicks(title, " two")  # the GUI thread handles typing while the render is blocked
    assert window.session.project.meta.title == "Untitled brief one two"
    release.set()
    # The blocked render finishes first; had it been shown, it would be shown[0].
    qtbot.waitUntil(lambda: len(shown) >= 1, timeout=10_000)
    assert "Untitled brief one two" in shown[0]


def test_template_error_shows_in_the_panel_not_a_dialog(qtbot, window: MainWindow, answers):
    panel = window.preview_panel
    qtbot.waitUntil(lambda: panel.preview is not None, timeout=10_000)
    window.session.undo_stack.push(SetTemplateCommand(window.session, "no-such-template"))
    qtbot.waitUntil(lambda: panel.error_label.isVisible(), timeout=10_000)
    assert "unknown template 'no-such-template'" in panel.error_label.text()
    assert panel.template_combo.currentText() == "no-such-template"
    assert answers.errors == []
    window.undo_action.trigger()
    qtbot.waitUntil(lambda: not panel.error_label.isVisible(), timeout=10_000)


def test_opening_a_brief_renders_once_its_sources_are_read(qtbot, window: MainWindow, tmp_path):
    """No preview of the brief without its sources: the first one shown already quotes them."""
    from app.brief.project_file import save_project
    from app.brief.select import project_from_sources
    from app.ingest import ingest

    source = ingest(SAMPLE)
    path = tmp_path / "opened.brief"
    save_project(project_from_sources([source], ["judicial-warnings"], title="Opened brief"), path)
    panel = window.preview_panel
    qtbot.waitUntil(lambda: panel.preview is not None, timeout=15_000)  # the start's own preview
    shown: list[str] = []
    panel.rendered.connect(lambda _count: shown.append(preview_text(window)))
    window.open_project(path)
    assert panel.status_label.text() == "Reading sources…"
    qtbot.waitUntil(lambda: len(shown) >= 1, timeout=15_000)
    assert "Opened brief" in shown[0] and "Supreme Judicial Council" in shown[0]
