"""The PySide6 desktop front end. Only this package imports Qt; it calls the core for everything else.

``run`` is imported by the CLI when the user asks for the window, so ``briefgen
build`` and friends never load Qt.
"""

from __future__ import annotations

from pathlib import Path


def run(project_path: Path | None = None) -> int:
    """Open the main window (on ``project_path`` if given) and run until it closes."""
    from app.gui.app import run_app  # Qt loads only when the window is wanted

    return run_app(project_path)
