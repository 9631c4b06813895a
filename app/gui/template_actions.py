"""The Template menu: duplicate, edit, import and export templates, and the editor windows it opens.

The work is the core's (app.template_tools.store, app.template_tools.editing); this
module decides when to ask the user and keeps one editor window per template.
It is given the session, the job runner, the settings and the window to parent
its dialogs on, and tells the window by signals what it should update (the
template picker, the preview, the status bar), so it needs nothing else of it.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QWidget

from app.assemble.catalog import TemplateInfo, find_template
from app.core.errors import BriefgenError
from app.gui import dialogs
from app.gui.session import BriefSession
from app.gui.settings import Settings
from app.gui.undo_commands import SetTemplateCommand
from app.gui.workers import JobRunner
from app.template_tools.store import duplicate_template, export_zip, free_copy_name, import_zip

if TYPE_CHECKING:
    from app.gui.template_editor import TemplateEditor

ZIP_FILTER = "Template archives (*.zip)"


class TemplateActions(QObject):
    #: An editor window opened (tests and the window find it here).
    editorOpened = Signal(object)
    #: Templates were added (a copy, an import): the template picker should list them again.
    templatesChanged = Signal()
    #: An editor saved its template (the name): previews should render again.
    templateSaved = Signal(str)
    #: A message for the status bar, and for how many milliseconds to show it.
    statusMessage = Signal(str, int)

    def __init__(self, session: BriefSession, runner: JobRunner, settings: Settings, window: QWidget) -> None:
        super().__init__(window)
        self._session = session
        self._runner = runner
        self._settings = settings
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
            return find_template(self._session.project.template)
        except BriefgenError as exc:
            dialogs.report(self._window, "Cannot find the template", [exc])
            return None

    # --- menu commands --------------------------------------------------------------------------
    def duplicate(self) -> None:
        """Copy the brief's template under a name the user gives, use the copy, and open it in the editor."""
        original = self._current()
        if original is None:
            return
        suggested = free_copy_name(original.name)
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
        self.templatesChanged.emit()  # before the brief uses the copy, so the picker can show it
        self._session.undo_stack.push(SetTemplateCommand(self._session, copy.name))
        self.statusMessage.emit(f"Created the template “{copy.name}” in {copy.folder}.", 6000)
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
        name = dialogs.open_file_name(self._window, "Import template", self._settings.folder("templates"), ZIP_FILTER)
        if not name:
            return
        path = Path(name)
        self._settings.set_folder("templates", path.parent)
        try:
            info = import_zip(path)
        except BriefgenError as exc:
            dialogs.report(self._window, "Cannot import the template", [exc])
            return
        self.templatesChanged.emit()
        self.statusMessage.emit(f"Imported the template “{info.name}”: choose it in the preview's template list.", 8000)

    def export_template(self) -> None:
        info = self._current()
        if info is None:
            return
        suggested = str(Path(self._settings.folder("templates")) / f"{info.name}.zip")
        name = dialogs.save_file_name(self._window, "Export template", suggested, ZIP_FILTER)
        if not name:
            return
        path = Path(name) if name.lower().endswith(".zip") else Path(name + ".zip")
        try:
            export_zip(str(info.folder), path)
        except BriefgenError as exc:
            dialogs.report(self._window, "Cannot export the template", [exc])
            return
        self._settings.set_folder("templates", path.parent)
        self.statusMessage.emit(f"Exported the template “{info.name}” to {path}.", 6000)

    # --- editor windows -------------------------------------------------------------------------
    def open_editor(self, info: TemplateInfo) -> TemplateEditor | None:
        """Show the editor for ``info``: the one already open for that folder, or a new one.

        The editor (and the style models it checks a style with) is imported on first use: most sessions never
        open it, and importing it was a tenth of the window's start."""
        from app.gui.template_editor import TemplateEditor
        from app.template_tools.editing import read_template_text

        editor = self.editors.get(info.folder)
        if editor is None:
            try:
                text = read_template_text(info)
            except BriefgenError as exc:
                dialogs.report(self._window, "Cannot open the template", [exc])
                return None
            editor = TemplateEditor(info, text, self._session, self._runner, self._window)
            editor.saved.connect(self.templateSaved)
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
