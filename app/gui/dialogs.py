"""Every modal question, file chooser and hand-off to the desktop, in one module.

Keeping them here gives the GUI one place that turns a BriefgenError into a
dialog (``report``), and gives tests one seam to replace so nothing blocks.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Literal

from PySide6.QtCore import QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import QDialog, QFileDialog, QInputDialog, QLineEdit, QMessageBox, QWidget

from app.brief.autosave import Recovery
from app.core.errors import BriefgenError
from app.core.model import Source, SourceDetails
from app.gui.source_details_dialog import SourceDetailsDialog
from app.text.controls import printable

#: How many outside files the trust question lists before "… and N more".
MAX_LISTED = 12

SaveChoice = Literal["save", "discard", "cancel"]
BuiltinChoice = Literal["duplicate", "view", "cancel"]


def error_message(errors: Sequence[BriefgenError]) -> str:
    """One message for one or several failures, each in the core's own words."""
    if len(errors) == 1:
        return str(errors[0])
    return f"{len(errors)} problems:\n\n" + "\n\n".join(f"• {e}" for e in errors)


def report(parent: QWidget | None, title: str, errors: Sequence[BriefgenError]) -> None:
    """The one place a user-facing failure becomes a dialog."""
    if errors:
        show_error(parent, title, error_message(errors))


def show_error(parent: QWidget | None, title: str, message: str) -> None:
    box = QMessageBox(QMessageBox.Icon.Warning, title, title, QMessageBox.StandardButton.Ok, parent)
    box.setInformativeText(message)
    box.exec()


def show_warning(parent: QWidget | None, title: str, message: str) -> None:
    """Something finished but the analyst should know what it could not do (the files were still written)."""
    QMessageBox.warning(parent, title, message)


def show_info(parent: QWidget | None, title: str, message: str) -> None:
    QMessageBox.information(parent, title, message)


def confirm(parent: QWidget | None, title: str, message: str, action: str) -> bool:
    box = QMessageBox(QMessageBox.Icon.Question, title, message, QMessageBox.StandardButton.Cancel, parent)
    ok = box.addButton(action, QMessageBox.ButtonRole.AcceptRole)
    box.setDefaultButton(ok)
    box.exec()
    return box.clickedButton() is ok


def ask_save_changes(parent: QWidget | None, name: str) -> SaveChoice:
    buttons = QMessageBox.StandardButton
    answer = QMessageBox.question(
        parent,
        "Unsaved changes",
        f"Save the changes to “{name}” before closing it?",
        buttons.Save | buttons.Discard | buttons.Cancel,
        buttons.Save,
    )
    choices: dict[QMessageBox.StandardButton, SaveChoice] = {buttons.Save: "save", buttons.Discard: "discard"}
    return choices.get(answer, "cancel")


def ask_text(parent: QWidget | None, title: str, label: str, text: str = "") -> str:
    """A line of text from the user; empty when they cancel."""
    answer, ok = QInputDialog.getText(parent, title, label, QLineEdit.EchoMode.Normal, text)
    return answer.strip() if ok else ""


def ask_marking(parent: QWidget | None, title: str, label: str, choices: list[str], current: str) -> str | None:
    """A marking chosen from ``choices`` or typed; "" (the first choice) for none of its own; None on cancel."""
    options = ["", *choices]
    position = options.index(current) if current in options else 0
    answer, ok = QInputDialog.getItem(parent, title, label, options, position, True)
    if not ok:
        return None
    return answer.strip()


def ask_source_details(parent: QWidget | None, source: Source, details: SourceDetails) -> SourceDetails | None:
    """The analyst's corrections to ``source`` (as its file reads), starting from ``details``; None on cancel."""
    dialog = SourceDetailsDialog(source, details, parent)
    return dialog.details() if dialog.exec() == QDialog.DialogCode.Accepted else None


def ask_print(parent: QWidget | None, printer: QPrinter, pages: int) -> bool:
    """The system's print dialog for ``printer`` (its pages 1 to ``pages``); False on cancel."""
    printer.setFromTo(0, 0)
    dialog = QPrintDialog(printer, parent)
    dialog.setMinMax(1, pages)
    dialog.setWindowTitle("Print Brief")
    return dialog.exec() == QDialog.DialogCode.Accepted


def ask_builtin_template(parent: QWidget | None, name: str) -> BuiltinChoice:
    """Built-in templates are shared and read-only: edit a copy, or only look at this one."""
    box = QMessageBox(
        QMessageBox.Icon.Question,
        "Built-in template",
        f"“{name}” is a built-in template and cannot be changed. Duplicate it to edit your own copy?",
        QMessageBox.StandardButton.Cancel,
        parent,
    )
    duplicate = box.addButton("Duplicate…", QMessageBox.ButtonRole.AcceptRole)
    view = box.addButton("View Read-Only", QMessageBox.ButtonRole.ActionRole)
    box.setDefaultButton(duplicate)
    box.exec()
    clicked = box.clickedButton()
    if clicked is duplicate:
        return "duplicate"
    return "view" if clicked is view else "cancel"


def ask_despite_lock(parent: QWidget | None, title: str, message: str, action: str) -> bool:
    """Whether to go on with a brief another Briefgen has open (app.gui.project_lock says who and since when);
    going on can lose work, so Cancel is the default."""
    box = QMessageBox(QMessageBox.Icon.Warning, title, message, QMessageBox.StandardButton.Cancel, parent)
    go_on = box.addButton(action, QMessageBox.ButtonRole.AcceptRole)
    box.setDefaultButton(QMessageBox.StandardButton.Cancel)
    box.exec()
    return box.clickedButton() is go_on


def ask_recover(parent: QWidget | None, recovery: Recovery) -> bool:
    when = f"{recovery.saved_at:%d %b %Y at %H:%M}"
    return confirm(
        parent,
        "Recover unsaved brief",
        f"Briefgen did not close properly last time. An unsaved copy of “{printable(recovery.title)}” "
        f"from {when} was kept. Recover it?",
        "Recover",
    )


def ask_read_outside(parent: QWidget | None, project_path: Path, outside: Sequence[str]) -> bool:
    """Whether a project from elsewhere may read files outside its own folder; shown before any is read.

    A shared .brief can name any file on this machine, so the analyst sees every
    one of them (names made visible, not rendered: see ``printable``) and the safe
    answer is the default.
    """
    shown = outside[:MAX_LISTED]
    listed = "\n".join(f"• {printable(path)}" for path in shown)
    more = f"\n… and {len(outside) - len(shown)} more (see Show Details)" if len(outside) > len(shown) else ""
    box = QMessageBox(
        QMessageBox.Icon.Warning,
        "Read files outside the project?",
        f"“{printable(project_path.name)}” would read {len(outside)} file{'s' if len(outside) != 1 else ''} "
        f"outside its folder:\n\n{listed}{more}\n\n"
        "Read them only if you trust where this project came from. "
        "If you do not, the brief opens without them.",
        QMessageBox.StandardButton.NoButton,
        parent,
    )
    read = box.addButton("Read These Files", QMessageBox.ButtonRole.AcceptRole)
    skip = box.addButton("Open Without Them", QMessageBox.ButtonRole.RejectRole)
    box.setDefaultButton(skip)
    box.setEscapeButton(skip)
    if len(outside) > len(shown):
        box.setDetailedText("\n".join(printable(path) for path in outside))
    box.exec()
    return box.clickedButton() is read


def open_file_names(parent: QWidget | None, caption: str, folder: str, name_filter: str) -> list[str]:
    names, _ = QFileDialog.getOpenFileNames(parent, caption, folder, name_filter)
    return names


def open_file_name(parent: QWidget | None, caption: str, folder: str, name_filter: str) -> str:
    name, _ = QFileDialog.getOpenFileName(parent, caption, folder, name_filter)
    return name


def save_file_name(parent: QWidget | None, caption: str, path: str, name_filter: str) -> str:
    name, _ = QFileDialog.getSaveFileName(parent, caption, path, name_filter)
    return name


def existing_folder(parent: QWidget | None, caption: str, folder: str) -> str:
    return QFileDialog.getExistingDirectory(parent, caption, folder)


def open_path(path: Path) -> bool:
    """Open a file or folder in the desktop's default application; False when the desktop has none for it."""
    return QDesktopServices.openUrl(QUrl.fromLocalFile(str(path)))
