"""Acting like a user on the main window: dropping files, ticking sections, reading the outline."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from PySide6.QtCore import QMimeData, QModelIndex, QPointF, Qt, QUrl
from PySide6.QtGui import QAction, QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import QApplication, QToolButton, QWidget

from app.gui.export_dialog import ExportDialog
from app.gui.main_window import MainWindow


def drop_files(target: QWidget, paths: list[Path]) -> None:
    """Drag files from the file manager onto ``target`` and drop them, as Qt delivers a real drop."""
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(p)) for p in paths])
    point = QPointF(target.rect().center())
    enter = QDragEnterEvent(
        point.toPoint(), Qt.DropAction.CopyAction, mime, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier
    )
    QApplication.sendEvent(target, enter)
    assert enter.isAccepted(), "the window refused the drag"
    drop = QDropEvent(point, Qt.DropAction.CopyAction, mime, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier)
    QApplication.sendEvent(target, drop)
    assert drop.isAccepted(), "the window refused the drop"


def load_by_drop(qtbot, window: MainWindow, paths: list[Path]) -> None:
    with qtbot.waitSignal(window.sourcesLoaded, timeout=10_000):
        drop_files(window.sources_panel.tree.viewport(), paths)


def section_index(window: MainWindow, heading: str) -> QModelIndex:
    """The tree row showing the section ``heading`` (through the search filter, as the view shows it)."""
    model = window.sources_panel.tree.model()
    for row in range(model.rowCount()):
        parent = model.index(row, 0)
        for child in range(model.rowCount(parent)):
            index = model.index(child, 0, parent)
            if index.data(Qt.ItemDataRole.DisplayRole) == heading:
                return index
    raise AssertionError(f"no section {heading!r} in the sources tree")


def tick(qtbot, window: MainWindow, heading: str) -> None:
    """Select a section in the tree and press Space, which toggles its check box."""
    tree = window.sources_panel.tree
    tree.setFocus()
    tree.setCurrentIndex(section_index(window, heading))
    qtbot.keyClick(tree, Qt.Key.Key_Space)


def outline_headings(window: MainWindow) -> list[str]:
    model = window.outline_panel.list.model()
    return [model.index(row, 0).data(Qt.ItemDataRole.DisplayRole) for row in range(model.rowCount())]


def click_action_button(qtbot, panel: QWidget, text: str) -> None:
    """Click the visible tool button for the action labelled ``text``."""
    buttons = [b for b in panel.findChildren(QToolButton) if b.defaultAction() and b.defaultAction().text() == text]
    assert buttons, f"no button {text!r}"
    qtbot.mouseClick(buttons[0], Qt.MouseButton.LeftButton)


def type_into(qtbot, widget: QWidget, text: str) -> None:
    """Replace a field's content the way a user does: select all, then type."""
    widget.setFocus()
    qtbot.keyClick(widget, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(widget, text)


def open_export_dialog(qtbot, window: MainWindow, folder: Path, name: str, formats: list[str]) -> ExportDialog:
    """Press Ctrl+E and fill in the export dialog; the caller presses Export."""
    qtbot.keyClick(window, Qt.Key.Key_E, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: window.findChild(ExportDialog) is not None and window.findChild(ExportDialog).isVisible())
    dialog = window.findChild(ExportDialog)
    type_into(qtbot, dialog.name_edit, name)
    type_into(qtbot, dialog.folder_edit, str(folder))
    for fmt, box in dialog.format_boxes.items():
        box.setChecked(fmt in formats)
    return dialog


def menu_action(window: MainWindow, menu: str, text: str) -> QAction:
    """The action ``text`` in the menu bar's ``menu``, as the user finds it (mnemonic ampersands ignored)."""
    for entry in window.menuBar().actions():
        if entry.menu() is not None and entry.text().replace("&", "") == menu:
            for action in entry.menu().actions():
                if action.text().replace("&", "") == text:
                    return action
    raise AssertionError(f"no {menu} → {text} in the menu bar")


def recent_action(window: MainWindow, path: Path) -> QAction:
    """The File › Open Recent entry for ``path``, as the menu lists it when it opens."""
    window.recent_menu.aboutToShow.emit()
    for action in window.recent_menu.actions():
        if action.toolTip() == str(path):
            return action
    raise AssertionError(f"{path} is not in Open Recent")


def pretend_crashed(autosave: Path) -> Path:
    """Make an autosave look left behind by a session that died; returns where it now is.

    Its process id becomes one no longer running, and it moves to a name of its
    own, so the live session that wrote it cannot overwrite or discard it.
    """
    dead = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True)
    record = json.loads(autosave.read_text(encoding="utf-8"))
    record["pid"] = int(dead.stdout)
    crashed = autosave.with_name(f"session-{record['pid']}-crashed.json")
    crashed.write_text(json.dumps(record), encoding="utf-8")
    autosave.unlink()
    return crashed
