"""A project from someone else names files outside its folder: the window lists them and asks before reading any.

The project here is written by Briefgen in one folder (so trusted *there*) and
copied to another, the way a shared project arrives: the copy is not trusted.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from app.brief.autosave import autosave_dir
from app.brief.project_file import save_project
from app.brief.select import item_for
from app.brief.trust import is_trusted
from app.core.model import BriefProject
from app.gui.main_window import MainWindow
from app.ingest import ingest
from tests.gui.helpers import drop_files, outline_headings, pretend_crashed, recent_action, type_into

pytestmark = pytest.mark.gui


def received_project(tmp_path: Path) -> tuple[Path, str, str]:
    """A .brief with one source beside it and one in ``../library``; returns it and both source paths."""
    library = tmp_path / "library"
    library.mkdir()
    outside = library / "cable.md"
    outside.write_text("# Cable\n\nIntro.\n\n## Outside Finding\n\nFrom the library.\n", encoding="utf-8")
    written = tmp_path / "written"
    written.mkdir()
    (written / "notes.md").write_text("# Notes\n\nIntro.\n\n## Inside Finding\n\nFrom beside it.\n", encoding="utf-8")
    sources = [ingest(outside), ingest(written / "notes.md")]
    project = BriefProject(
        sources=[s.path for s in sources],
        items=[item_for(s, next(x for x in s.sections if "Finding" in x.display_heading)) for s in sources],
    )
    save_project(project, written / "shared.brief")  # trusted where Briefgen wrote it …

    received = tmp_path / "received"  # … but this copy came from someone else
    received.mkdir()
    shutil.copy(written / "shared.brief", received / "shared.brief")
    shutil.copy(written / "notes.md", received / "notes.md")
    return received / "shared.brief", str(outside), str(received / "notes.md")


def open_by(way: str, qtbot, window: MainWindow, answers, path: Path | None) -> MainWindow:
    """Open ``path`` the way the analyst does (None: start as after a crash); returns the window that opened it."""
    if way == "open dialog":
        answers.open_name = str(path)
        with qtbot.waitSignal(window.projectOpened, timeout=10_000):
            qtbot.keyClick(window, Qt.Key.Key_O, Qt.KeyboardModifier.ControlModifier)
        return window
    if way == "open recent":
        window.settings.add_recent_project(path)
        with qtbot.waitSignal(window.projectOpened, timeout=10_000):
            recent_action(window, path).trigger()
        return window
    if way == "drop":
        with qtbot.waitSignal(window.projectOpened, timeout=10_000):
            drop_files(window, [path])
        return window
    started = MainWindow()  # `briefgen gui shared.brief`
    qtbot.addWidget(started)
    started.show()
    with qtbot.waitSignal(started.projectOpened, timeout=10_000):
        started.start(path)
    return started


WAYS = ["open dialog", "open recent", "drop", "command line"]


@pytest.mark.parametrize("way", WAYS)
def test_yes_reads_them_and_is_remembered(qtbot, window: MainWindow, answers, tmp_path: Path, way: str):
    project, outside, inside = received_project(tmp_path)
    answers.trust_answer = True
    opened = open_by(way, qtbot, window, answers, project)
    assert answers.trust_questions == [[outside]]
    assert sorted(s.path for s in opened.session.sources) == sorted([outside, inside])
    assert outline_headings(opened) == ["Outside Finding", "Inside Finding"]
    assert is_trusted(project, [outside])

    opened.new_action.trigger()
    with qtbot.waitSignal(opened.projectOpened, timeout=10_000):
        recent_action(opened, project).trigger()
    assert answers.trust_questions == [[outside]]  # not asked again
    assert len(opened.session.sources) == 2


@pytest.mark.parametrize("way", WAYS)
def test_no_opens_the_brief_without_them_and_says_so(qtbot, window: MainWindow, answers, tmp_path: Path, way: str):
    project, outside, inside = received_project(tmp_path)
    answers.trust_answer = False
    opened = open_by(way, qtbot, window, answers, project)
    assert answers.trust_questions == [[outside]]
    assert [s.path for s in opened.session.sources] == [inside]  # the file beside it was read, the other not
    assert opened.session.project.sources == [outside, inside]  # the brief itself is unchanged
    assert not opened.isWindowModified()
    assert "1 file outside its folder was not read" in opened.statusBar().currentMessage()
    assert not is_trusted(project, [outside])

    panel = opened.outline_panel
    panel.select_row(0)  # the item from the file not read
    assert "Source not loaded" in panel.origin_label.text()
    assert panel.text_edit.isReadOnly()
    panel.select_row(1)
    assert panel.text_edit.toPlainText() == "From beside it." and not panel.text_edit.isReadOnly()


def test_saving_after_no_does_not_trust_the_files_declined(qtbot, window: MainWindow, answers, tmp_path: Path):
    project, outside, _inside = received_project(tmp_path)
    answers.trust_answer = False
    open_by("open dialog", qtbot, window, answers, project)
    qtbot.keyClicks(window.details_form.lines["title"], "My reading of it")
    qtbot.keyClick(window, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    assert not window.isWindowModified()
    assert not is_trusted(project, [outside])

    window.new_action.trigger()
    with qtbot.waitSignal(window.projectOpened, timeout=10_000):
        recent_action(window, project).trigger()
    assert answers.trust_questions == [[outside], [outside]]  # asked again, as the analyst never said yes


def test_a_project_that_reads_nothing_outside_never_asks(qtbot, window: MainWindow, answers, tmp_path: Path):
    folder = tmp_path / "self-contained"
    folder.mkdir()
    (folder / "notes.md").write_text("# Notes\n\nIntro.\n\n## Inside Finding\n\nHere.\n", encoding="utf-8")
    source = ingest(folder / "notes.md")
    save_project(BriefProject(sources=[source.path], items=[item_for(source, source.sections[1])]), folder / "x.brief")
    open_by("open dialog", qtbot, window, answers, folder / "x.brief")
    assert answers.trust_questions == []
    assert outline_headings(window) == ["Inside Finding"]


def test_recovering_a_shared_project_asks_again(qtbot, window: MainWindow, answers, tmp_path: Path):
    project, outside, inside = received_project(tmp_path)
    answers.trust_answer = False
    open_by("open dialog", qtbot, window, answers, project)
    type_into(qtbot, window.details_form.lines["title"], "Unsaved reading")
    window.autosave()
    window.autosave_writer.wait()  # it writes on its own thread
    (autosave,) = autosave_dir().glob("session-*.json")
    window.session.undo_stack.setClean()
    pretend_crashed(autosave)

    answers.recover_answer = True
    recovered = open_by("command line", qtbot, window, answers, None)
    assert recovered.session.project.meta.title == "Unsaved reading"
    assert answers.trust_questions == [[outside], [outside]]  # a crash does not turn "no" into "yes"
    assert [s.path for s in recovered.session.sources] == [inside]
    recovered.session.undo_stack.setClean()
