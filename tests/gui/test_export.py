"""Export from the window: failures explained in a dialog, earlier files kept, choices remembered."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from PySide6.QtCore import Qt

import app.core.atomic as export_module
from app.core import bounded
from app.gui.main_window import MainWindow
from tests.conftest import SAMPLE
from tests.gui.helpers import load_by_drop, open_export_dialog, tick

pytestmark = pytest.mark.gui


def test_failed_export_says_why_and_keeps_the_earlier_file(qtbot, window: MainWindow, answers, tmp_path, monkeypatch):
    load_by_drop(qtbot, window, [SAMPLE])
    tick(qtbot, window, "Judicial Warnings")
    earlier = tmp_path / "brief.pdf"
    earlier.write_bytes(b"the earlier export")
    real_replace = os.replace

    def disk_full(source: str, target: os.PathLike) -> None:
        if str(target).endswith(".pdf"):
            raise OSError(28, "No space left on device")
        real_replace(source, target)

    monkeypatch.setattr(export_module.os, "replace", disk_full)
    monkeypatch.setenv(bounded.INLINE_ENV, "1")  # the export runs here, where the disk is made to fail
    dialog = open_export_dialog(qtbot, window, tmp_path, "brief", ["pdf"])
    with qtbot.waitSignal(window.exportFailed, timeout=15_000):
        qtbot.mouseClick(dialog.export_button, Qt.MouseButton.LeftButton)

    assert answers.questions == [f"brief.pdf already exists in {tmp_path}. Replace it?"]
    assert answers.errors == [("Export failed", f"cannot write {earlier}: No space left on device")]
    assert earlier.read_bytes() == b"the earlier export"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["brief.pdf"]
    assert not window.export_result.isVisible()
    assert window.export_action.isEnabled()


def test_export_remembers_folder_and_formats(qtbot, window: MainWindow, tmp_path: Path):
    load_by_drop(qtbot, window, [SAMPLE])
    dialog = open_export_dialog(qtbot, window, tmp_path, "only-docx", ["docx"])
    with qtbot.waitSignal(window.exported, timeout=15_000) as done:
        qtbot.mouseClick(dialog.export_button, Qt.MouseButton.LeftButton)
    assert done.args[0] == [tmp_path / "only-docx.docx"]
    assert window.settings.folder("export") == str(tmp_path)
    assert window.settings.export_formats() == ["docx"]

    window.export_action.trigger()
    qtbot.waitUntil(lambda: window.findChild(type(dialog)) is not None)
    again = window.findChild(type(dialog))
    assert again.folder_edit.text() == str(tmp_path)
    assert [f for f, box in again.format_boxes.items() if box.isChecked()] == ["docx"]
    assert again.name_edit.text() == "{title}-{template}"  # the default: templates never overwrite each other
    again.format_boxes["docx"].setChecked(False)
    assert not again.export_button.isEnabled()  # nothing to export
    again.reject()


def test_cancelling_the_replace_question_writes_nothing(qtbot, window: MainWindow, answers, tmp_path: Path):
    existing = tmp_path / "brief.docx"
    existing.write_bytes(b"keep me")
    answers.confirm_answer = False
    dialog = open_export_dialog(qtbot, window, tmp_path, "brief", ["docx"])
    qtbot.mouseClick(dialog.export_button, Qt.MouseButton.LeftButton)
    assert len(answers.questions) == 1
    assert existing.read_bytes() == b"keep me"
    assert not window.progress.isVisible()


def test_text_the_pdf_cannot_draw_is_a_warning_after_export(qtbot, window: MainWindow, answers, tmp_path: Path):
    source = tmp_path / "ethiopic.md"
    source.write_text("# Greeting\n\nThe greeting ሰላም was heard in Addis Ababa.\n", encoding="utf-8")
    load_by_drop(qtbot, window, [source])
    tick(qtbot, window, "Lead")
    dialog = open_export_dialog(qtbot, window, tmp_path / "out", "brief", ["docx", "pdf"])
    with qtbot.waitSignal(window.exported, timeout=15_000) as done:
        qtbot.mouseClick(dialog.export_button, Qt.MouseButton.LeftButton)
    assert [p.name for p in done.args[0]] == ["brief.docx", "brief.pdf"]
    ((title, message),) = answers.warnings
    assert title == "Exported with warnings"
    assert message.startswith("The PDF cannot show 3 characters in Ethiopic (ላ ም ሰ)")


def test_parts_the_analyst_left_empty_are_listed_after_export(qtbot, window: MainWindow, answers, tmp_path: Path):
    load_by_drop(qtbot, window, [SAMPLE])
    tick(qtbot, window, "Judicial Warnings")
    panel = window.outline_panel
    panel.select_row(0)
    qtbot.keyClick(panel.list, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    assert len(window.session.project.items) == 2  # an Assessment of the analyst's own
    dialog = open_export_dialog(qtbot, window, tmp_path, "brief", ["docx"])
    with qtbot.waitSignal(window.exported, timeout=15_000):
        qtbot.mouseClick(dialog.export_button, Qt.MouseButton.LeftButton)
    ((title, message),) = answers.warnings
    assert title == "Exported with warnings"
    assert "No summary written" in message and "The Recommendations part is empty" in message


def test_the_export_dialog_writes_the_web_page_too(qtbot, window: MainWindow, tmp_path: Path):
    load_by_drop(qtbot, window, [SAMPLE])
    tick(qtbot, window, "Judicial Warnings")
    dialog = open_export_dialog(qtbot, window, tmp_path, "brief", ["pdf"])
    html_box = dialog.format_boxes["html"]
    assert html_box.text() == "HTML" and not html_box.isChecked()
    qtbot.mouseClick(html_box, Qt.MouseButton.LeftButton)
    with qtbot.waitSignal(window.exported, timeout=15_000) as done:
        qtbot.mouseClick(dialog.export_button, Qt.MouseButton.LeftButton)
    assert done.args[0] == [tmp_path / "brief.pdf", tmp_path / "brief.html"]
    page = (tmp_path / "brief.html").read_text(encoding="utf-8")
    assert "Judicial Warnings" in page and "<script" not in page
