"""Markings and checks in the window: mark an item or a source and see the banner change in the preview, choose a
scheme, click a check to reach what to fix, re-load a changed source, see which sections repeat another source."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QTreeView

from app.core.problems import Problem
from app.gui.main_window import MainWindow
from app.gui.models import Roles
from app.gui.source_details_dialog import SourceDetailsDialog
from tests.conftest import SAMPLE
from tests.gui.helpers import load_by_drop, section_index, tick
from tests.gui.test_preview import preview_text

pytestmark = pytest.mark.gui

RENDER = 15_000


def _type_marking(qtbot, window: MainWindow, text: str) -> None:
    line = window.outline_panel.marking_combo.lineEdit()
    line.setFocus()
    line.selectAll()
    qtbot.keyClicks(line, text)
    qtbot.keyClick(line, Qt.Key.Key_Return)


def _checks(qtbot, window: MainWindow, words: str) -> Problem:
    """Wait for the Checks tab to list a problem saying ``words``; that problem."""
    panel = window.checks_panel

    def found() -> Problem | None:
        return next((p for p in panel.problems() if words in p.message), None)

    qtbot.waitUntil(lambda: found() is not None, timeout=RENDER)
    problem = found()
    assert problem is not None
    return problem


def _click_check(qtbot, window: MainWindow, problem: Problem) -> None:
    listing = window.checks_panel.list
    window.tabs.setCurrentWidget(window.checks_panel)
    row = window.checks_panel.problems().index(problem)
    rect = listing.visualItemRect(listing.item(row))
    qtbot.mouseClick(listing.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())


def test_an_item_s_marking_raises_the_banner_in_the_preview_and_undo_lowers_it(qtbot, window: MainWindow):
    panel = window.preview_panel
    load_by_drop(qtbot, window, [SAMPLE])
    with qtbot.waitSignal(panel.rendered, timeout=RENDER):
        tick(qtbot, window, "Judicial Warnings")
    assert "UNCLASSIFIED" in preview_text(window) and "(U)" not in preview_text(window)
    with qtbot.waitSignal(panel.rendered, timeout=RENDER):
        _type_marking(qtbot, window, "S//NF")
    text = preview_text(window)
    assert text.count("SECRET//NOFORN") >= 3  # both banners and the marking line
    assert "(S//NF) Faiq Zaidan" in text  # a classified brief marks its portions
    assert window.session.project.items[0].classification == "S//NF"
    with qtbot.waitSignal(panel.rendered, timeout=RENDER):
        window.undo_action.trigger()
    assert "UNCLASSIFIED" in preview_text(window) and "SECRET" not in preview_text(window)


def _source_chosen_in_the_tree(qtbot, window: MainWindow) -> QTreeView:
    """The sample loaded, a section of it in the brief, and the source itself the tree's current row."""
    load_by_drop(qtbot, window, [SAMPLE])
    with qtbot.waitSignal(window.preview_panel.rendered, timeout=RENDER):
        tick(qtbot, window, "Judicial Warnings")
    tree = window.sources_panel.tree
    tree.setCurrentIndex(section_index(window, "Judicial Warnings").parent())
    return tree


def test_a_source_s_marking_is_set_from_its_menu_and_its_items_inherit_it(qtbot, window: MainWindow, answers):
    panel = window.preview_panel
    tree = _source_chosen_in_the_tree(qtbot, window)
    answers.marking_answer = "CONFIDENTIAL"
    with qtbot.waitSignal(panel.rendered, timeout=RENDER):
        window.sources_panel.tree_menu().actions()[0].trigger()  # Set Marking…
    assert answers.marking_choices == ["UNCLASSIFIED", "CONFIDENTIAL", "SECRET", "TOP SECRET"]
    assert tree.currentIndex().data(Roles.SUBTITLE).startswith("CONFIDENTIAL · ")
    assert "(C) Faiq Zaidan" in preview_text(window) and preview_text(window).count("CONFIDENTIAL") >= 3
    assert window.outline_panel.marking_combo.lineEdit().placeholderText() == "As its source: CONFIDENTIAL"


def test_choosing_a_scheme_offers_its_levels(qtbot, window: MainWindow):
    window.tabs.setCurrentWidget(window.details_form)
    scheme = window.details_form.scheme
    scheme.setFocus()
    uk = scheme.findData("uk")
    while scheme.currentIndex() != uk:  # the arrow keys walk the choices, as a user's would
        qtbot.keyClick(scheme, Qt.Key.Key_Down)
    assert window.session.project.meta.marking_scheme == "uk"
    combo = window.details_form.classification
    assert [combo.itemText(i) for i in range(combo.count())] == [
        "OFFICIAL", "OFFICIAL-SENSITIVE", "SECRET", "TOP SECRET"
    ]  # fmt: skip
    outline = window.outline_panel.marking_combo
    assert [outline.itemText(i) for i in range(outline.count())][1:3] == ["OFFICIAL", "OFFICIAL-SENSITIVE"]


def test_clicking_a_check_takes_the_analyst_to_the_item_to_fix(qtbot, window: MainWindow):
    load_by_drop(qtbot, window, [SAMPLE])
    tick(qtbot, window, "Judicial Warnings")
    tick(qtbot, window, "Legal Measures and Accountability")
    window.outline_panel.select_row(0)
    _type_marking(qtbot, window, "S")
    window.tabs.setCurrentWidget(window.details_form)
    window.details_form.classification.setFocus()
    qtbot.keyClicks(window.details_form.classification.lineEdit(), "C")
    problem = _checks(qtbot, window, "above the brief's CONFIDENTIAL")
    assert window.tabs.tabText(window.tabs.indexOf(window.checks_panel)).startswith("Checks (")
    window.outline_panel.select_row(1)
    _click_check(qtbot, window, problem)
    assert window.tabs.currentWidget() is window.outline_panel
    assert window.outline_panel.current_key() == window.session.project.items[0].id


def test_a_source_changed_since_it_was_added_is_offered_to_be_read_again(qtbot, window: MainWindow, tmp_path: Path):
    copy = tmp_path / "report.txt"
    shutil.copy(SAMPLE, copy)
    load_by_drop(qtbot, window, [copy])
    tick(qtbot, window, "Judicial Warnings")
    with open(copy, "a", encoding="utf-8") as handle:
        handle.write("\nA paragraph written after the brief took the file, which the brief does not hold yet.\n")
    window.checks_panel.schedule()
    problem = _checks(qtbot, window, "has changed since it was added")
    assert problem.place == "source"
    with qtbot.waitSignal(window.marking_actions.reloaded, timeout=RENDER):
        _click_check(qtbot, window, problem)  # the confirmation is answered yes
    source = window.session.sources_by_path()[str(copy.resolve())]
    assert "A paragraph written after the brief took the file" in " ".join(source.paragraphs)
    qtbot.waitUntil(lambda: not any("has changed" in p.message for p in window.checks_panel.problems()), timeout=RENDER)
    window.undo_action.trigger()  # undo puts back the text as it was read before
    assert "A paragraph written after" not in " ".join(window.session.sources_by_path()[source.path].paragraphs)


def test_sections_another_source_repeats_say_where(qtbot, window: MainWindow, tmp_path: Path):
    copy = tmp_path / "wire-copy.txt"
    shutil.copy(SAMPLE, copy)
    load_by_drop(qtbot, window, [SAMPLE, copy])
    index = section_index(window, "Judicial Warnings")
    qtbot.waitUntil(lambda: "also in 1" in (index.data(Roles.BADGE) or ""), timeout=RENDER)
    assert "Also in " in index.data(Qt.ItemDataRole.ToolTipRole)
    assert "› Judicial Warnings" in index.data(Qt.ItemDataRole.ToolTipRole)


def test_a_source_s_details_are_corrected_in_its_dialog_and_reach_the_sources_list(qtbot, window: MainWindow):
    panel = window.preview_panel
    tree = _source_chosen_in_the_tree(qtbot, window)
    read_title = tree.currentIndex().data()
    typed: dict[str, str] = {}

    def fill_in() -> None:
        dialog = QApplication.activeModalWidget()
        assert isinstance(dialog, SourceDetailsDialog)
        typed["placeholder"] = dialog.fields["title"].placeholderText()
        for name, text in (("title", "Iraq moves to curb recruitment"), ("outlet", "Asharq Al-Awsat")):
            dialog.fields[name].selectAll()
            qtbot.keyClicks(dialog.fields[name], text)
        qtbot.keyClick(dialog.fields["url"], Qt.Key.Key_Return)  # Enter accepts, as in any dialog

    menu = window.sources_panel.tree_menu()
    details = next(a for a in menu.actions() if a.text() == "Edit &Details…")
    QTimer.singleShot(0, fill_in)
    with qtbot.waitSignal(panel.rendered, timeout=RENDER):
        details.trigger()
    assert typed["placeholder"] == read_title  # the file's own title stays in view, in grey
    assert tree.currentIndex().data() == "Iraq moves to curb recruitment"
    text = preview_text(window)
    assert "Iraq moves to curb recruitment" in text and "Asharq Al-Awsat" in text
    with qtbot.waitSignal(panel.rendered, timeout=RENDER):
        window.undo_action.trigger()
    assert tree.currentIndex().data() == read_title
    assert "Asharq Al-Awsat" not in preview_text(window)
