"""The QApplication: names, look, and the one main window.

Qt and the window are imported inside the functions, so ``run_app`` can start
the workers' fork server first, in the first tenth of a second.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING

from app.core.bounded import start_workers, use_forkserver
from app.core.paths import APP_ICON, APP_ID

if TYPE_CHECKING:
    from PySide6.QtWidgets import QApplication


def create_application() -> QApplication:
    from PySide6.QtGui import QIcon
    from PySide6.QtWidgets import QApplication

    from app.gui.theme import apply_theme

    existing = QApplication.instance()
    app = existing if isinstance(existing, QApplication) else QApplication(sys.argv[:1])
    app.setApplicationName("Briefgen")
    app.setOrganizationName("Briefgen")
    # The desktop entry `briefgen install-desktop` installs: a Wayland desktop shows its name and icon for the window.
    app.setDesktopFileName(APP_ID)
    app.setWindowIcon(QIcon(str(APP_ICON)))
    apply_theme(app)
    return app


#: What each worker process needs, imported once by the fork server rather than by every worker.
WORKER_PRELOAD = [
    "app.assemble.worker",
    "app.ingest",
    # the readers of text and Markdown, the commonest sources (each reading child imported them on its first file);
    # the web-page and PDF readers load trafilatura and pypdf, too slow for a server the window waits on
    "app.ingest.readers.plaintext",
    "app.ingest.readers.markdown",
    "app.pipeline.checks",
    "app.pipeline.deliver",
    "app.template_tools.edited_build",
    # the PDF writer: every preview writes a PDF, and the server is ready long before the first one is asked for
    "app.render.pdf.writer",
]


def run_app(project_path: Path | None = None) -> int:
    # Qt's threads make a plain fork unsafe: bounded workers (templates, sources) start from a fork server.
    use_forkserver(WORKER_PRELOAD)
    # Started before Qt and the window are even imported: the server loads its preload on the other processor
    # while the window opens, so the first preview does not wait for it.
    start_workers()
    from app.gui.collector import GuiThreadCollector
    from app.gui.main_window import MainWindow

    app = create_application()
    collector = GuiThreadCollector(app)
    window = MainWindow()
    window.show()
    window.start(project_path)
    try:
        return app.exec()
    finally:
        collector.stop()
