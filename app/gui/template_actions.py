"""The Template menu: duplicate, edit, import and export templates, and the editor windows it opens.

The work is the core's (app.template_tools.store, app.template_tools.editing); this
module decides when to ask the user, keeps the template picker in step with
what is installed, and keeps one editor window per template.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QAction

from app.assemble.templating import TemplateInfo, discover_templates, find_template
from app.core.errors import BriefgenError
from app.gui import dialogs
from app.gui.template_editor import TemplateEditor
from app.gui.undo_commands import SetTemplateCommand
from app.template_tools.editing import read_template_text
from app.template_tools.store import duplicate_template, export_zip, import_zip

if TYPE_CHECKING:
    from app.gui.main_window import MainWindow

ZIP_FILTER = "Template archives (*.zip)"


def free_copy_name(name: str, taken: set[str]) -> str:
    """A name for a copy of ``name`` that no installed template has: house-copy, house-copy-2, …"""
    stem = name.lower()
    candidate, number = f"{stem}-copy", 2
    while candidate in taken:
        candidate, number = f"{stem}-copy-{number}", number + 1
    return candidate


class TemplateActions(QObject):
    #: An editor window opened (tests and the window find it here).
    editorOpened = Signal(object)

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self._window = window
        self.editors: dict[Path, TemplateEditor] = {}
        self.duplicate_action = self._action("&Duplicate Template…", self.duplicate)
        self.edit_action = self._action("&Edit Template…", self.edit)
        self.import_action = self._action("&Import Template…", self.import_template)
        self.export_action = self._action("E&xport Template…", self.export_template)

    def _action(self, text: str, slot: object) -> QAction:
        action = QAction(text, self._window)
        action.triggered.connect(slot)
        return action

    def _current(self) -> TemplateInfo | None:
        """The template the brief uses, or None (after saying why) when it cannot be found."""
        try:
            return find_template(self._window.session.project.template)
        except BriefgenError as exc:
            dialogs.report(self._window, "Cannot find the template", [exc])
            return None

    # --- menu commands --------------------------------------------------------------------------
    def duplicate(self) -> None:
        """Copy the brief's template under a name the user gives, use the copy, and open it in the editor."""
        original = self._current()
        if original is None:
            return
        suggested = free_copy_name(original.name, set(discover_templates()))
        name = dialogs.ask_text(
            self._window,
            "Duplicate template",
            f"Name of the copy of “{original.name}” (lower-case letters, digits, - and _):",
            suggested,
        )
        if not name:
            return
        try:
            copy = duplicate_template(str(original.folder), name)
        except BriefgenError as exc:
            dialogs.report(self._window, "Cannot duplicate the template", [exc])
            return
        self._window.preview_panel.load_templates()
        self._window.session.undo_stack.push(SetTemplateCommand(self._window.session, copy.name))
        self._window.statusBar().showMessage(f"Created the template “{copy.name}” in {copy.folder}.", 6000)
        self.open_editor(copy)

    def edit(self) -> None:
        """Open the brief's template in the editor; a built-in is offered as a copy, or read-only."""
        info = self._current()
        if info is None:
            return
        if info.builtin:
            choice = dialogs.ask_builtin_template(self._window, info.name)
            if choice == "duplicate":
                self.duplicate()
                return
            if choice == "cancel":
                return
        self.open_editor(info)

    def import_template(self) -> None:
        settings = self._window.settings
        name = dialogs.open_file_name(self._window, "Import template", settings.folder("templates"), ZIP_FILTER)
        if not name:
            return
        path = Path(name)
        settings.set_folder("templates", path.parent)
        try:
            info = import_zip(path)
        except BriefgenError as exc:
            dialogs.report(self._window, "Cannot import the template", [exc])
            return
        self._window.preview_panel.load_templates()
        self._window.statusBar().showMessage(
            f"Imported the template “{info.name}”: choose it in the preview's template list.", 8000
        )

    def export_template(self) -> None:
        info = self._current()
        if info is None:
            return
        settings = self._window.settings
        suggested = str(Path(settings.folder("templates")) / f"{info.name}.zip")
        name = dialogs.save_file_name(self._window, "Export template", suggested, ZIP_FILTER)
        if not name:
            return
        path = Path(name) if name.lower().endswith(".zip") else Path(name + ".zip")
        try:
            export_zip(str(info.folder), path)
        except BriefgenError as exc:
            dialogs.report(self._window, "Cannot export the template", [exc])
            return
        settings.set_folder("templates", path.parent)
        self._window.statusBar().showMessage(f"Exported the template “{info.name}” to {path}.", 6000)

    # --- editor windows -------------------------------------------------------------------------
    def open_editor(self, info: TemplateInfo) -> TemplateEditor | None:
        """Show the editor for ``info``: the one already open for that folder, or a new one."""
        editor = self.editors.get(info.folder)
        if editor is None:
            try:
                text = read_template_text(info)
            except BriefgenError as exc:
                dialogs.report(self._window, "Cannot open the template", [exc])
                return None
            window = self._window
            editor = TemplateEditor(info, text, window.session, window.runner, window)
            editor.saved.connect(window.preview_panel.schedule)
            editor.closed.connect(lambda folder=info.folder: self.editors.pop(folder, None))
            self.editors[info.folder] = editor
            self.editorOpened.emit(editor)
        editor.show()
        editor.raise_()
        editor.activateWindow()
        return editor

    def close_editors(self) -> bool:
        """Close every editor, each asking about unsaved edits; False when the user keeps one open."""
        return all(editor.close() for editor in list(self.editors.values()))
