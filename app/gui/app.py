"""The QApplication: names, look, and the one main window."""

from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtWidgets import QApplication

from app.core.bounded import start_workers, use_forkserver
from app.gui.main_window import MainWindow
from app.gui.theme import apply_theme


def create_application() -> QApplication:
    existing = QApplication.instance()
    app = existing if isinstance(existing, QApplication) else QApplication(sys.argv[:1])
    app.setApplicationName("Briefgen")
    app.setOrganizationName("Briefgen")
    apply_theme(app)
    return app


#: What each worker process needs, imported once by the fork server rather than by every worker.
WORKER_PRELOAD = [
    "app.assemble.worker",
    "app.ingest",
    "app.ingest.warm",
    "app.pipeline.checks",
    "app.pipeline.deliver",
    "app.template_tools.edited_build",
    "app.template_tools.warm",
]


def run_app(project_path: Path | None = None) -> int:
    # Qt's threads make a plain fork unsafe: bounded workers (templates, sources) start from a fork server.
    use_forkserver(WORKER_PRELOAD)
    start_workers()  # the server loads its preload while the window opens, not when the first file is read
    app = create_application()
    window = MainWindow()
    window.show()
    window.start(project_path)
    return app.exec()
