"""The sources panel: adding files (drop and menu), bad files, search with highlights, the reader, removal."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from app.core.paths import SEEDS_DIR
from app.gui.delegates import is_right_to_left
from app.gui.main_window import MainWindow
from app.gui.models import Roles
from app.gui.theme import colours
from tests.conftest import SAMPLE
from tests.gui.helpers import drop_files, load_by_drop, outline_headings, section_index, tick

pytestmark = pytest.mark.gui


def test_bad_files_dropped_with_a_good_one_are_reported_in_one_dialog(qtbot, window: MainWindow, answers, tmp_path):
    empty = tmp_path / "empty.txt"
    empty.write_text("   \n", encoding="utf-8")
    unknown = tmp_path / "notes.xyz"
    unknown.write_text("text", encoding="utf-8")
    with qtbot.waitSignal(window.sourcesLoaded, timeout=10_000) as loaded:
        drop_files(window.sources_panel.tree.viewport(), [empty, SAMPLE, unknown])
    assert loaded.args == [1, 2]
    assert [s.path for s in window.session.sources] == [str(SAMPLE.resolve())]
    assert len(answers.errors) == 1
    title, message = answers.errors[0]
    assert "could not be added" in title
    assert f"• {empty}: " in message and f"• {unknown}: unsupported file type .xyz" in message


def test_a_drag_without_source_files_is_refused(qtbot, window: MainWindow, tmp_path: Path):
    image = tmp_path / "photo.png"
    image.write_bytes(b"\x89PNG")
    with pytest.raises(AssertionError, match="refused the drag"):
        drop_files(window, [image])


def test_menu_adds_sources_and_remembers_the_folder(qtbot, window: MainWindow, answers):
    answers.open_names = [str(SAMPLE)]
    with qtbot.waitSignal(window.sourcesLoaded, timeout=10_000):
        window.add_sources_action.trigger()
    assert window.sources_model.rowCount() == 1
    assert window.settings.folder("sources") == str(SAMPLE.parent)
    assert window.isWindowModified()
    window.undo_action.trigger()
    assert window.sources_model.rowCount() == 0
    assert window.session.project.sources == []


def test_search_filters_sections_across_sources_and_highlights(qtbot, window: MainWindow, tmp_path: Path):
    other = tmp_path / "cable.md"
    other.write_text("# Cable\n\nNothing here.\n\n## Penal code reform\n\nThe penal code changes.\n", encoding="utf-8")
    load_by_drop(qtbot, window, [SAMPLE, other])
    panel = window.sources_panel
    qtbot.keyClicks(panel.search, "PENAL code")
    tree = panel.tree.model()
    shown = {
        tree.index(r, 0).data(): [
            tree.index(c, 0, tree.index(r, 0)).data() for c in range(tree.rowCount(tree.index(r, 0)))
        ]
        for r in range(tree.rowCount())
    }
    assert list(shown.values()) == [["Legal Measures and Accountability", "Judicial Warnings"], ["Penal code reform"]]
    assert panel.match_label.text() == "3 matching sections"
    # The glimpse under a heading moves to the match.
    index = section_index(window, "Judicial Warnings")
    assert "penal code articles" in index.data(Roles.SUBTITLE)

    panel.tree.setCurrentIndex(index)
    html = panel.reader.toHtml()
    assert "Faiq Zaidan" in panel.reader.toPlainText()
    assert colours().match_background in html and ">penal code<" in html

    panel.search.clear()
    assert sum(tree.rowCount(tree.index(r, 0)) for r in range(tree.rowCount())) == 7
    assert panel.match_label.isHidden()


def test_removing_a_source_asks_when_its_sections_are_in_the_brief(qtbot, window: MainWindow, answers):
    load_by_drop(qtbot, window, [SAMPLE])
    tick(qtbot, window, "Judicial Warnings")
    panel = window.sources_panel
    panel.tree.setCurrentIndex(panel.tree.model().index(0, 0))

    answers.confirm_answer = False
    qtbot.mouseClick(panel.remove_button, Qt.MouseButton.LeftButton)
    assert "1 section of" in answers.questions[-1]
    assert window.sources_model.rowCount() == 1

    answers.confirm_answer = True
    qtbot.mouseClick(panel.remove_button, Qt.MouseButton.LeftButton)
    assert window.sources_model.rowCount() == 0
    assert outline_headings(window) == []

    window.undo_action.trigger()
    assert window.sources_model.rowCount() == 1
    assert outline_headings(window) == ["Judicial Warnings"]
    assert section_index(window, "Judicial Warnings").data(Qt.ItemDataRole.CheckStateRole) == Qt.CheckState.Checked


def test_removing_an_unused_source_does_not_ask(qtbot, window: MainWindow, answers):
    load_by_drop(qtbot, window, [SAMPLE])
    window.sources_panel.tree.setCurrentIndex(section_index(window, "Lead"))
    window.remove_source_action.trigger()
    assert answers.questions == []
    assert window.sources_model.rowCount() == 0


def test_ticking_a_source_takes_all_its_sections(qtbot, window: MainWindow):
    load_by_drop(qtbot, window, [SAMPLE])
    tick(qtbot, window, "Judicial Warnings")
    tree = window.sources_panel.tree
    source = tree.model().index(0, 0)
    assert source.data(Qt.ItemDataRole.CheckStateRole) == Qt.CheckState.PartiallyChecked
    tree.setCurrentIndex(source)
    qtbot.keyClick(tree, Qt.Key.Key_Space)
    assert len(outline_headings(window)) == 5 and outline_headings(window)[0] == "Judicial Warnings"
    assert window.session.project.items[1].role == "background"  # the lead
    qtbot.keyClick(tree, Qt.Key.Key_Space)
    assert outline_headings(window) == []


def test_files_still_loading_when_a_new_brief_starts_are_not_added_to_it(qtbot, window: MainWindow):
    with qtbot.waitSignal(window.sourcesLoaded, timeout=10_000) as loaded:
        drop_files(window, [SAMPLE])
        window.new_action.trigger()  # before the worker reports back
    assert loaded.args == [0, 0]
    assert window.sources_model.rowCount() == 0 and not window.isWindowModified()


def test_right_to_left_headings_are_recognised():
    assert is_right_to_left("٥٠٠٠ نحو خمسة آلاف عراقي")  # digits have no strong direction
    assert not is_right_to_left("Judicial Warnings (القضاء)")
    assert not is_right_to_left("2026")


def test_many_files_load_together_with_progress_in_the_status_bar(qtbot, window: MainWindow, tmp_path):
    folder = tmp_path / "reports"
    folder.mkdir()
    for n in range(12):
        (folder / f"report-{n:02}.txt").write_text(
            f"Report {n}\n\nThe committee met on Wednesday to address recruitment, case {n}, officials said.\n",
            encoding="utf-8",
        )
    shown: list[str] = []
    window.statusBar().messageChanged.connect(shown.append)
    with qtbot.waitSignal(window.sourcesLoaded, timeout=20_000) as loaded:
        drop_files(window.sources_panel.tree.viewport(), [folder])
    assert loaded.args == [12, 0]
    assert [Path(s.path).name for s in window.session.sources] == [f"report-{n:02}.txt" for n in range(12)]
    assert "Reading files… 12 of 12" in shown


def test_the_tree_ticks_follow_every_change_to_the_brief(qtbot, window: MainWindow):
    """The ticks are worked out once per change of the brief's items: undo, redo and a new brief must show."""
    load_by_drop(qtbot, window, [SAMPLE])

    def ticked() -> Qt.CheckState:
        return section_index(window, "Judicial Warnings").data(Qt.ItemDataRole.CheckStateRole)

    assert ticked() == Qt.CheckState.Unchecked
    tick(qtbot, window, "Judicial Warnings")
    assert ticked() == Qt.CheckState.Checked
    window.session.undo_stack.undo()
    assert ticked() == Qt.CheckState.Unchecked
    window.session.undo_stack.redo()
    assert ticked() == Qt.CheckState.Checked
    outline = window.outline_panel.list
    outline.setCurrentIndex(outline.model().index(0, 0))
    window.outline_panel.remove_action.trigger()
    assert outline_headings(window) == [] and ticked() == Qt.CheckState.Unchecked


def test_a_search_without_matches_says_so_rather_than_that_there_are_no_sources(qtbot, window: MainWindow):
    load_by_drop(qtbot, window, [SAMPLE])
    panel = window.sources_panel
    qtbot.keyClicks(panel.search, "zeppelin")
    assert panel.tree.model().rowCount() == 0
    assert panel.match_label.text() == "No sections match “zeppelin”."
    assert panel.tree.hint == "No sections match “zeppelin”."  # what the empty tree paints
    panel.search.clear()
    assert panel.tree.model().rowCount() == 1 and panel.match_label.isHidden()


def test_the_reader_s_line_about_a_right_to_left_section_reads_left_to_right(qtbot, window: MainWindow):
    load_by_drop(qtbot, window, [SEEDS_DIR / "arabic-sample-recruitment.txt"])
    panel = window.sources_panel
    source = panel.tree.model().index(0, 0)
    panel.tree.setCurrentIndex(panel.tree.model().index(0, 0, source))
    document = panel.reader.document()
    block = document.begin()
    while block.isValid() and "words" not in block.text():
        block = block.next()
    text = block.text()
    assert block.isValid() and text.endswith(" words"), text
    document.documentLayout().blockBoundingRect(block)  # laid out as the reader draws it
    layout = block.layout()
    number = text.rindex(" words") - 1  # the count's last digit
    words = text.rindex("words")
    # Drawn as "60 words": the count to the left of the word, not "words 60".
    line = layout.lineForTextPosition(words)
    assert line.lineNumber() == layout.lineForTextPosition(number).lineNumber()  # a long title wraps before them
    assert line.cursorToX(number)[0] < line.cursorToX(words)[0]
