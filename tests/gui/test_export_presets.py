"""Export presets in the export dialog, driven as a user does: choose one, save one, delete one."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox

from app.core.presets import find_preset, load_presets, make_preset, presets_file, save_preset
from app.gui.export_dialog import ExportDialog
from app.gui.main_window import MainWindow
from tests.conftest import SAMPLE
from tests.gui.helpers import load_by_drop, tick, type_into

pytestmark = pytest.mark.gui


def open_dialog(qtbot, window: MainWindow) -> ExportDialog:
    window.export_action.trigger()  # File › Export… (Ctrl+E)
    qtbot.waitUntil(lambda: any(d.isVisible() for d in window.findChildren(ExportDialog)))
    return next(d for d in window.findChildren(ExportDialog) if d.isVisible())  # an earlier one may await deletion


def choose(qtbot, combo: QComboBox, text: str) -> None:
    """Pick an entry with the keyboard, as a user does (Home, then Down until it shows)."""
    combo.setFocus()
    qtbot.keyClick(combo, Qt.Key.Key_Home)
    for _ in range(combo.count()):
        if combo.currentText() == text:
            return
        qtbot.keyClick(combo, Qt.Key.Key_Down)
    assert combo.currentText() == text, [combo.itemText(i) for i in range(combo.count())]


def checked(dialog: ExportDialog) -> list[str]:
    return [fmt for fmt, box in dialog.format_boxes.items() if box.isChecked()]


def entries(combo: QComboBox) -> list[str]:
    return [combo.itemText(i) for i in range(combo.count())]


def test_choosing_a_preset_fills_the_dialog_and_exports_as_it_says(qtbot, window: MainWindow, answers, tmp_path: Path):
    folder = tmp_path / "memos"
    save_preset(make_preset(
        name="Memo for the minister", template="decision-memo", formats=["pdf", "html"], folder=str(folder),
        file_name="{title}-{marking}-{template}", marking_scheme="uk", citation_style="apa",
    ))  # fmt: skip
    load_by_drop(qtbot, window, [SAMPLE])
    tick(qtbot, window, "Judicial Warnings")
    dialog = open_dialog(qtbot, window)
    assert entries(dialog.preset_combo) == ["No preset", "Memo for the minister"]
    assert checked(dialog) == ["docx", "pdf"] and not dialog.delete_preset_button.isEnabled()

    choose(qtbot, dialog.preset_combo, "Memo for the minister")
    assert checked(dialog) == ["pdf", "html"]
    assert dialog.folder_edit.text() == str(folder)
    assert dialog.name_edit.text() == "{title}-{marking}-{template}"
    assert dialog.template_combo.currentData() == "decision-memo"
    assert dialog.scheme_combo.currentText() == "United Kingdom (Government Security Classifications)"
    assert dialog.citation_combo.currentText() == "APA Style 7th edition"
    assert dialog.delete_preset_button.isEnabled()
    choice = dialog.choice()
    assert (choice.marking_scheme, choice.citation_style) == ("uk", "apa")

    with qtbot.waitSignal(window.exported, timeout=30_000) as done:
        qtbot.mouseClick(dialog.export_button, Qt.MouseButton.LeftButton)
    stem = "untitled-brief-official-decision-memo"  # the UK scheme's lowest level, the preset's template
    assert done.args[0] == [folder / f"{stem}.pdf", folder / f"{stem}.html"]
    page = (folder / f"{stem}.html").read_text(encoding="utf-8")
    assert "OFFICIAL" in page
    assert "n.d.)" in page and not re.search(r">\[\d+\]<", page)  # the preset's citation style: APA labels
    assert window.session.project.template == "policy-brief"  # the preset's template was for this export only
    assert window.session.project.meta.marking_scheme == ""


def test_a_saved_preset_is_stored_and_offered_when_the_dialog_opens_again(
    qtbot, window: MainWindow, answers, tmp_path: Path
):
    dialog = open_dialog(qtbot, window)
    choose(qtbot, dialog.template_combo, "Situation report")
    choose(qtbot, dialog.citation_combo, "Chicago Manual of Style 18th edition (notes and bibliography)")
    type_into(qtbot, dialog.name_edit, "{date}-{title}")
    type_into(qtbot, dialog.folder_edit, str(tmp_path / "weekly"))
    qtbot.mouseClick(dialog.format_boxes["docx"], Qt.MouseButton.LeftButton)  # off
    qtbot.mouseClick(dialog.format_boxes["md"], Qt.MouseButton.LeftButton)  # on
    answers.text_answer = "Weekly"
    qtbot.mouseClick(dialog.save_preset_button, Qt.MouseButton.LeftButton)

    assert answers.questions == ["Save these export choices as the preset: []"]
    assert find_preset("weekly") == make_preset(
        name="Weekly", template="situation-report", formats=["pdf", "md"], folder=str(tmp_path / "weekly"),
        file_name="{date}-{title}", citation_style="chicago-notes-bibliography",
    )  # fmt: skip
    assert dialog.preset_combo.currentText() == "Weekly"
    dialog.reject()

    again = open_dialog(qtbot, window)
    assert entries(again.preset_combo) == ["No preset", "Weekly"]
    assert again.preset_combo.currentText() == "No preset"
    assert again.template_combo.currentData() == "" and again.name_edit.text() == "{title}-{template}"
    assert again.citation_combo.currentText() == "The template's"
    choose(qtbot, again.preset_combo, "Weekly")
    assert again.template_combo.currentData() == "situation-report"
    assert again.citation_combo.currentData() == "chicago-notes-bibliography"
    assert checked(again) == ["pdf", "md"] and again.folder_edit.text() == str(tmp_path / "weekly")
    assert again.name_edit.text() == "{date}-{title}"
    again.reject()


def test_saving_under_a_name_in_use_asks_first(qtbot, window: MainWindow, answers, tmp_path: Path):
    save_preset(make_preset(name="weekly", formats=["docx"]))
    dialog = open_dialog(qtbot, window)
    answers.text_answer, answers.confirm_answer = "WEEKLY", False
    qtbot.mouseClick(dialog.save_preset_button, Qt.MouseButton.LeftButton)
    assert answers.questions[-1] == "There is already a preset “weekly”. Replace it?"
    assert find_preset("weekly").formats == ["docx"]
    answers.confirm_answer = True
    qtbot.mouseClick(dialog.save_preset_button, Qt.MouseButton.LeftButton)
    assert load_presets().names() == ["WEEKLY"] and find_preset("weekly").formats == ["docx", "pdf"]
    dialog.reject()


def test_deleting_a_preset(qtbot, window: MainWindow, answers):
    save_preset(make_preset(name="old", formats=["html"]))
    save_preset(make_preset(name="kept", formats=["pdf"]))
    dialog = open_dialog(qtbot, window)
    choose(qtbot, dialog.preset_combo, "old")
    qtbot.mouseClick(dialog.delete_preset_button, Qt.MouseButton.LeftButton)
    assert answers.questions == ["Delete the preset “old”?"]
    assert load_presets().names() == ["kept"]
    assert entries(dialog.preset_combo) == ["No preset", "kept"]
    assert not dialog.delete_preset_button.isEnabled()
    dialog.reject()


def test_a_damaged_presets_file_is_said_once_and_kept(qtbot, window: MainWindow, answers):
    presets_file().parent.mkdir(parents=True)
    presets_file().write_text('{"presets": [{"name": "weekly",', encoding="utf-8")
    dialog = open_dialog(qtbot, window)
    assert dialog.preset_problem.isVisible()
    assert dialog.preset_problem.text().startswith(f"the presets file {presets_file()} is damaged")
    assert entries(dialog.preset_combo) == ["No preset"]
    answers.text_answer = "new"
    qtbot.mouseClick(dialog.save_preset_button, Qt.MouseButton.LeftButton)
    ((title, message),) = answers.errors
    assert title == "Cannot save the preset" and "the presets in it are kept" in message
    assert presets_file().read_text(encoding="utf-8") == '{"presets": [{"name": "weekly",'
    assert dialog.export_button.isEnabled()  # exporting still works
    dialog.reject()


def test_a_bad_preset_is_said_while_the_others_are_offered(qtbot, window: MainWindow):
    presets_file().parent.mkdir(parents=True)
    good, bad = {"name": "good", "formats": ["pdf"]}, {"name": "bad", "formats": ["pfd"]}
    presets_file().write_text(json.dumps({"presets": [good, bad]}), encoding="utf-8")
    dialog = open_dialog(qtbot, window)
    assert entries(dialog.preset_combo) == ["No preset", "good"]
    assert "preset “bad”: formats: unknown format 'pfd'" in dialog.preset_problem.text()
    dialog.reject()


def test_an_unknown_placeholder_is_said_and_export_waits(qtbot, window: MainWindow):
    dialog = open_dialog(qtbot, window)
    assert dialog.name_hint.text() == "Placeholders: {date} {title} {marking} {template}"
    type_into(qtbot, dialog.name_edit, "{title}-{author}")
    assert dialog.name_hint.text().startswith("Unknown placeholder {author} in the file-name pattern")
    assert not dialog.export_button.isEnabled()
    type_into(qtbot, dialog.name_edit, "{title}-{marking}")
    assert dialog.export_button.isEnabled()
    dialog.reject()


def test_the_default_name_keeps_each_templates_files(qtbot, window: MainWindow, answers, tmp_path: Path):
    load_by_drop(qtbot, window, [SAMPLE])
    tick(qtbot, window, "Judicial Warnings")
    written = []
    for template in ("Policy brief", "Situation report", "Decision memo"):
        dialog = open_dialog(qtbot, window)
        type_into(qtbot, dialog.folder_edit, str(tmp_path))
        choose(qtbot, dialog.template_combo, template)
        with qtbot.waitSignal(window.exported, timeout=30_000) as done:
            qtbot.mouseClick(dialog.export_button, Qt.MouseButton.LeftButton)
        written += done.args[0]
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(p.name for p in written)
    assert len(written) == 6 and {p.stem for p in written} == {
        "untitled-brief-policy-brief", "untitled-brief-situation-report", "untitled-brief-decision-memo"
    }  # fmt: skip


def test_a_scheme_and_citation_style_chosen_in_the_dialog_mark_and_cite_that_export_only(
    qtbot, window: MainWindow, tmp_path: Path
):
    load_by_drop(qtbot, window, [SAMPLE])
    tick(qtbot, window, "Judicial Warnings")
    dialog = open_dialog(qtbot, window)
    assert dialog.scheme_combo.currentText() == "The brief's (us)"
    choose(qtbot, dialog.scheme_combo, "NATO")
    choose(qtbot, dialog.citation_combo, "APA Style 7th edition")
    type_into(qtbot, dialog.folder_edit, str(tmp_path))
    type_into(qtbot, dialog.name_edit, "nato")
    qtbot.mouseClick(dialog.format_boxes["docx"], Qt.MouseButton.LeftButton)  # off
    qtbot.mouseClick(dialog.format_boxes["html"], Qt.MouseButton.LeftButton)  # on
    with qtbot.waitSignal(window.exported, timeout=30_000):
        qtbot.mouseClick(dialog.export_button, Qt.MouseButton.LeftButton)
    page = (tmp_path / "nato.html").read_text(encoding="utf-8")
    assert "NATO UNCLASSIFIED" in page
    assert "n.d.)" in page and not re.search(r">\[\d+\]<", page)  # APA's author-date labels, not [n]
    assert window.session.project.meta.marking_scheme == ""  # the brief keeps its own
