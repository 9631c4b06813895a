"""The status bar's Open and Show Folder hand the exported file to the desktop; when the desktop has no application
for it, one message names the file and where it is.

The offscreen platform the tests run on is a desktop with no application for anything: QDesktopServices.openUrl
answers False there, as it does on a desktop without a PDF viewer (or without xdg-open).
"""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication

from app.gui import dialogs
from app.gui.export_dialog import ExportResult
from app.gui.main_window import MainWindow

pytestmark = pytest.mark.gui

#: The real hand-off, before the answers fixture replaces it.
DESKTOP_OPEN = dialogs.open_path


@pytest.fixture
def exported(window: MainWindow, tmp_path: Path) -> ExportResult:
    paths = [tmp_path / "recruitment.docx", tmp_path / "recruitment.pdf"]
    for path in paths:
        path.write_bytes(b"written")
    window.export_result.show_paths(paths)
    return window.export_result


def test_open_hands_the_pdf_to_the_desktop(qtbot, exported: ExportResult, answers, tmp_path: Path):
    assert exported.open_button.text() == "Open PDF"
    qtbot.mouseClick(exported.open_button, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(exported.folder_button, Qt.MouseButton.LeftButton)
    assert answers.opened == [tmp_path / "recruitment.pdf", tmp_path]
    assert answers.errors == []


def test_without_an_application_for_the_file_one_message_says_so(
    qtbot, exported: ExportResult, answers, monkeypatch, tmp_path: Path
):
    if QGuiApplication.platformName() != "offscreen":
        pytest.skip("a real desktop would open the file")
    monkeypatch.setattr(dialogs, "open_path", DESKTOP_OPEN)
    qtbot.mouseClick(exported.open_button, Qt.MouseButton.LeftButton)
    assert answers.errors == [
        (
            "Cannot open the PDF",
            f"No application on this computer opens PDF files, so “recruitment.pdf” could not be opened.\n\n"
            f"It is in {tmp_path}.",
        )
    ]
    qtbot.mouseClick(exported.folder_button, Qt.MouseButton.LeftButton)
    assert answers.errors[1] == ("Cannot show the folder", f"No file manager on this computer could show {tmp_path}.")
