"""The four kinds of item through the real widgets: analyst sections, excerpts and quotes from the reader, figures.

Each is added, edited in the outline's editor, undone and redone, and moved by drag and drop like any item.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QModelIndex, QPoint, Qt
from PySide6.QtGui import QColor, QImage, QTextCursor

from app.core.model import AnalystItem, FigureItem, QuoteItem, SectionItem
from app.gui.main_window import MainWindow
from app.gui.models import Roles
from tests.conftest import SAMPLE
from tests.gui.helpers import load_by_drop, menu_action, outline_headings, section_index, tick, type_into

pytestmark = pytest.mark.gui

A, LEAD = "Judicial Warnings", "Lead"
LEGAL = "Legal Measures and Accountability"
NEARLY = "Nearly 5,000 Iraqis Reportedly Recruited"
CTRL_SHIFT = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier


@pytest.fixture
def loaded(qtbot, window: MainWindow) -> MainWindow:
    load_by_drop(qtbot, window, [SAMPLE])
    return window


def show_section(window: MainWindow, heading: str) -> None:
    window.sources_panel.tree.setCurrentIndex(section_index(window, heading))


def select_in_reader(window: MainWindow, start: str, end: str, end_at_start: bool = False) -> None:
    """Select reader text from the start of ``start`` to the end of ``end`` (or its start), as a drag would."""
    reader = window.sources_panel.reader
    document = reader.document()
    first, last = document.find(start), document.find(end)
    assert not first.isNull() and not last.isNull(), "text not in the reader"
    cursor = QTextCursor(document)
    cursor.setPosition(first.selectionStart())
    cursor.setPosition(last.selectionStart() if end_at_start else last.selectionEnd(), QTextCursor.MoveMode.KeepAnchor)
    reader.setTextCursor(cursor)


def test_analyst_section_is_added_edited_and_undone(qtbot, loaded: MainWindow):
    window, panel, project = loaded, loaded.outline_panel, loaded.session.project
    tick(qtbot, window, A)
    tick(qtbot, window, LEAD)
    panel.select_row(0)
    qtbot.keyClick(panel.list, Qt.Key.Key_N, CTRL_SHIFT)
    assert outline_headings(window) == [A, "Assessment", LEAD]
    item = project.items[1]
    assert isinstance(item, AnalystItem) and item.role == "assessment" and item.cites == []
    assert panel.list.currentIndex().row() == 1
    heading = panel.lines["heading"]
    assert heading.hasFocus() and heading.selectedText() == "Assessment"
    assert heading.isVisible() and panel.cites_list.isVisible() and panel.text_edit.isVisible()
    assert not panel.lines["speaker"].isVisible() and not panel.lines["caption"].isVisible()
    assert not panel.reset_button.isVisible()
    assert menu_action(window, "Brief", "Add Analyst Section") is panel.add_analyst_action
    assert panel.add_button.menu().actions() == [panel.add_analyst_action, panel.add_figure_action]

    qtbot.keyClicks(heading, "Outlook for the courts")
    type_into(qtbot, panel.text_edit, "Courts are **now** the main lever.")
    cites = panel.cites_list
    assert cites.count() == 1 and cites.item(0).checkState() == Qt.CheckState.Unchecked
    cites.setFocus()
    cites.setCurrentRow(0)
    qtbot.keyClick(cites, Qt.Key.Key_Space)
    panel.role_combo.setFocus()
    qtbot.keyClick(panel.role_combo, Qt.Key.Key_Down)  # Assessment → Implications
    type_into(qtbot, panel.note_edit, "Check with legal.")
    item = project.items[1]
    assert isinstance(item, AnalystItem)
    assert (item.heading, item.text) == ("Outlook for the courts", "Courts are **now** the main lever.")
    assert item.cites == [project.sources[0]] == [window.session.sources[0].path]
    assert (item.role, item.note) == ("implications", "Check with legal.")
    assert outline_headings(window)[1] == "Outlook for the courts"

    undo = window.undo_action.trigger
    undo()
    assert item.note == "" and panel.note_edit.toPlainText() == ""
    undo()
    assert item.role == "assessment" and panel.role_combo.currentText() == "Assessment"
    undo()
    assert item.cites == [] and cites.item(0).checkState() == Qt.CheckState.Unchecked
    undo()
    assert item.text == "" and panel.text_edit.toPlainText() == ""
    undo()
    assert item.heading == "Assessment" and heading.text() == "Assessment"
    undo()
    assert outline_headings(window) == [A, LEAD]
    for _ in range(6):
        window.redo_action.trigger()
    redone = project.items[1]
    assert isinstance(redone, AnalystItem)
    assert (redone.heading, redone.role, redone.note) == ("Outlook for the courts", "implications", "Check with legal.")
    assert redone.cites == [project.sources[0]]
    assert outline_headings(window) == [A, "Outlook for the courts", LEAD]


def test_excerpt_from_a_selection_in_the_reader(qtbot, loaded: MainWindow):
    window, sources, project = loaded, loaded.sources_panel, loaded.session.project
    show_section(window, LEGAL)
    assert not sources.add_excerpt_action.isEnabled()
    select_in_reader(window, LEGAL, LEGAL)  # the heading alone is no paragraph
    assert not sources.add_excerpt_action.isEnabled()
    select_in_reader(window, "travel agencies", "committed to dismantling")
    assert sources.add_excerpt_action.isEnabled() and sources.add_quote_action.isEnabled()
    menu = sources.reader_menu(QPoint(5, 5))
    assert sources.add_excerpt_action in menu.actions() and sources.add_quote_action in menu.actions()
    assert menu_action(window, "Brief", "Add Excerpt") is sources.add_excerpt_action
    sources.add_excerpt_action.trigger()

    assert outline_headings(window) == [f"{LEGAL} (paragraphs 2–3)"]
    item = project.items[0]
    assert isinstance(item, SectionItem) and item.paragraphs == (2, 3) and item.role == "discussion"
    assert section_index(window, LEGAL).data(Qt.ItemDataRole.CheckStateRole) == Qt.CheckState.Unchecked
    panel = window.outline_panel
    source = window.session.sources[0].section(item.section_id)
    assert source is not None and panel.text_edit.toPlainText() == "\n\n".join(source.paragraphs[1:3])
    assert panel.reset_button.isVisible() and not panel.lines["heading"].isVisible()

    # A selection that ends where the next paragraph starts takes none of it; the whole section can still be ticked.
    select_in_reader(window, "The new measures", "Furthermore, the committee", end_at_start=True)
    qtbot.keyClick(sources.reader, Qt.Key.Key_E, CTRL_SHIFT)
    assert outline_headings(window)[1] == f"{LEGAL} (paragraphs 2–2)"
    tick(qtbot, window, LEGAL)
    assert len(project.items) == 3

    type_into(qtbot, panel.note_edit, "Key measure.")
    window.undo_action.trigger()
    window.undo_action.trigger()
    window.undo_action.trigger()
    assert outline_headings(window) == [f"{LEGAL} (paragraphs 2–3)"]
    window.undo_action.trigger()
    assert outline_headings(window) == []
    window.redo_action.trigger()
    window.redo_action.trigger()
    assert outline_headings(window) == [f"{LEGAL} (paragraphs 2–3)", f"{LEGAL} (paragraphs 2–2)"]


def test_quote_from_the_reader_takes_the_speaker_the_finder_names(qtbot, loaded: MainWindow):
    window, sources, panel, project = loaded, loaded.sources_panel, loaded.outline_panel, loaded.session.project
    show_section(window, NEARLY)
    select_in_reader(window, "Fewer than 5,000", "have joined")
    assert menu_action(window, "Brief", "Add as Quote") is sources.add_quote_action
    sources.reader_menu(QPoint(5, 5))
    sources.add_quote_action.trigger()
    item = project.items[0]
    assert isinstance(item, QuoteItem)
    assert (item.text, item.speaker) == ("Fewer than 5,000 Iraqis have joined", "Hussein Allawi")
    assert outline_headings(window) == ["“Fewer than 5,000 Iraqis have joined”"]
    speaker = panel.lines["speaker"]
    assert speaker.isVisible() and speaker.text() == "Hussein Allawi" and panel.text_edit.isVisible()
    assert not panel.cites_list.isVisible()

    type_into(qtbot, speaker, "Allawi, adviser to the PM")
    type_into(qtbot, panel.text_edit, "Fewer than 5,000 Iraqis")
    assert (item.speaker, item.text) == ("Allawi, adviser to the PM", "Fewer than 5,000 Iraqis")
    window.undo_action.trigger()
    assert item.text == "Fewer than 5,000 Iraqis have joined"
    window.undo_action.trigger()
    assert item.speaker == "Hussein Allawi" and speaker.text() == "Hussein Allawi"
    window.undo_action.trigger()
    assert project.items == []
    window.redo_action.trigger()
    assert isinstance(project.items[0], QuoteItem) and project.items[0].speaker == "Hussein Allawi"

    # Words no quotation holds: no speaker, and the cursor waits in the speaker field.
    show_section(window, A)
    select_in_reader(window, "Legal experts", "Legal experts")
    qtbot.keyClick(sources.reader, Qt.Key.Key_K, CTRL_SHIFT)
    second = project.items[1]
    assert isinstance(second, QuoteItem) and (second.text, second.speaker) == ("Legal experts", "")
    assert speaker.hasFocus()


def _png(path: Path) -> Path:
    image = QImage(64, 40, QImage.Format.Format_RGB32)
    image.fill(QColor("steelblue"))
    assert image.save(str(path))
    return path


def test_figure_is_chosen_captioned_and_undone(qtbot, loaded: MainWindow, tmp_path: Path, answers):
    window, panel, project = loaded, loaded.outline_panel, loaded.session.project
    tick(qtbot, window, A)
    answers.open_name = str(_png(tmp_path / "routes.png"))
    menu_action(window, "Brief", "Add Figure…").trigger()
    item = project.items[1]
    assert isinstance(item, FigureItem) and Path(item.image) == (tmp_path / "routes.png").resolve()
    assert outline_headings(window) == [A, "Figure"]
    caption, credit = panel.lines["caption"], panel.lines["credit"]
    assert caption.hasFocus() and caption.isVisible() and credit.isVisible()
    assert not panel.text_edit.isVisible() and panel.image_label.text() == "routes.png"
    assert panel.image_thumbnail.pixmap() is not None and not panel.image_thumbnail.pixmap().isNull()

    qtbot.keyClicks(caption, "Recruitment routes")
    type_into(qtbot, credit, "Map: Peregraf")
    assert (item.caption, item.credit) == ("Recruitment routes", "Map: Peregraf")
    assert outline_headings(window) == [A, "Recruitment routes"]
    window.undo_action.trigger()
    assert item.credit == "" and credit.text() == ""
    window.undo_action.trigger()
    assert item.caption == "" and caption.text() == ""
    window.undo_action.trigger()
    assert outline_headings(window) == [A]
    for _ in range(3):
        window.redo_action.trigger()
    assert outline_headings(window) == [A, "Recruitment routes"]
    assert answers.errors == []

    bad = tmp_path / "fake.png"
    bad.write_text("not an image", encoding="utf-8")
    answers.open_name = str(bad)
    panel.add_figure_action.trigger()
    assert len(project.items) == 2
    assert [title for title, _ in answers.errors] == ["Cannot add the figure"]
    assert "fake.png" in answers.errors[0][1]

    answers.open_name = ""  # the dialog cancelled
    panel.add_figure_action.trigger()
    assert len(project.items) == 2


def test_every_kind_moves_by_drag_and_drop(qtbot, loaded: MainWindow, tmp_path: Path, answers):
    window, panel = loaded, loaded.outline_panel
    tick(qtbot, window, A)
    panel.add_analyst_action.trigger()
    answers.open_name = str(_png(tmp_path / "f.png"))
    panel.add_figure_action.trigger()
    show_section(window, NEARLY)
    select_in_reader(window, "Fewer than 5,000", "have joined")
    window.sources_panel.add_quote_action.trigger()
    assert outline_headings(window) == [A, "Assessment", "Figure", "“Fewer than 5,000 Iraqis have joined”"]

    model = panel.list.model()
    for source_row, destination, expected in (
        (3, 0, ["“Fewer than 5,000 Iraqis have joined”", A, "Assessment", "Figure"]),
        (3, 1, ["“Fewer than 5,000 Iraqis have joined”", "Figure", A, "Assessment"]),
        (0, 4, ["Figure", A, "Assessment", "“Fewer than 5,000 Iraqis have joined”"]),
    ):
        data = model.mimeData([model.index(source_row, 0)])
        assert model.dropMimeData(data, Qt.DropAction.MoveAction, destination, 0, QModelIndex())
        assert outline_headings(window) == expected
    window.undo_action.trigger()
    assert outline_headings(window)[0] == "“Fewer than 5,000 Iraqis have joined”"


def test_reveal_link_shows_the_items_section(qtbot, loaded: MainWindow):
    tick(qtbot, loaded, A)
    tick(qtbot, loaded, LEAD)
    loaded.outline_panel.select_row(0)
    loaded.outline_panel.origin_label.linkActivated.emit("reveal")
    assert loaded.sources_panel.tree.currentIndex().data(Qt.ItemDataRole.DisplayRole) == A


def test_a_figure_of_no_source_says_so_in_the_outline(qtbot, loaded: MainWindow, tmp_path: Path, answers):
    answers.open_name = str(_png(tmp_path / "f.png"))
    loaded.outline_panel.add_figure_action.trigger()
    index = loaded.outline_panel.list.model().index(0, 0)
    assert index.data(Roles.SUBTITLE) == "Discussion · Your image"


def _page_with_figure(folder: Path) -> Path:
    picture = QImage(400, 300, QImage.Format.Format_RGB32)  # large enough to be a figure, not an icon
    picture.fill(QColor("darkred"))
    assert picture.save(str(folder / "map.png"))
    words = "The ministry said on Tuesday that 5,000 recruits had joined the new brigade in Basra province. " * 3
    path = folder / "page.html"
    path.write_text(
        f"<html><head><title>Recruits surge</title></head><body><article><h1>Recruits surge</h1><p>{words}</p>"
        '<figure><img src="map.png"><figcaption>Recruitment offices <span class="credit">Peregraf</span>'
        f"</figcaption></figure><h2>Training</h2><p>{words}</p></article></body></html>",
        encoding="utf-8",
    )
    return path


def test_a_sources_figure_is_ticked_into_the_brief_shown_and_undone(qtbot, window: MainWindow, tmp_path: Path):
    load_by_drop(qtbot, window, [_page_with_figure(tmp_path)])
    source_row = window.sources_panel.tree.model().index(0, 0)
    assert source_row.data(Roles.BADGE) == "2 sections, 1 figure"
    figure_row = section_index(window, "Figure 1: Recruitment offices")
    assert figure_row.data(Roles.SUBTITLE) == "Peregraf"

    tick(qtbot, window, "Figure 1: Recruitment offices")  # shows it in the reader, and ticks it
    reader = window.sources_panel.reader
    assert "Recruitment offices" in reader.toPlainText() and "Peregraf" in reader.toPlainText()
    item = window.session.project.items[0]
    assert isinstance(item, FigureItem)
    expected = ("figure-1", "Recruitment offices", "Peregraf", "")
    assert (item.figure_id, item.caption, item.credit, item.image) == expected
    assert figure_row.data(Qt.ItemDataRole.CheckStateRole) == Qt.CheckState.Checked
    assert outline_headings(window) == ["Recruitment offices"]

    panel = window.outline_panel
    panel.select_row(0)
    assert panel.image_label.text() == "Figure 1: Recruitment offices"
    assert panel.image_thumbnail.pixmap() is not None and not panel.image_thumbnail.pixmap().isNull()

    window.undo_action.trigger()
    assert window.session.project.items == []
    assert figure_row.data(Qt.ItemDataRole.CheckStateRole) == Qt.CheckState.Unchecked
    window.redo_action.trigger()
    tick(qtbot, window, "Figure 1: Recruitment offices")  # unticking takes it out again
    assert window.session.project.items == []
