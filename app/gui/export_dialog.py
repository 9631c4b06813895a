"""Export: the dialog asking where, in which formats, with which template, marking scheme and citation style and
under which name (or preset), and the status-bar note with what was written.

The dialog opens window-modal without blocking the event loop (``open``), so
the window keeps painting and tests can fill it in like a user.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QToolButton,
    QWidget,
)

from app.core.errors import BriefgenError
from app.core.formats import OUTPUT_FORMATS, output_format
from app.core.marking_schemes import scheme_ids
from app.core.presets import (
    DEFAULT_NAME_PATTERN,
    PLACEHOLDERS,
    delete_preset,
    is_name_pattern,
    load_presets,
    make_preset,
    name_pattern_problem,
    save_preset,
)
from app.gui import dialogs
from app.gui.details_form import scheme_name
from app.gui.icons import icon
from app.gui.labels import template_label
from app.gui.widgets import describe


@dataclass(frozen=True)
class ExportChoice:
    folder: Path
    #: A file name, or a pattern of PLACEHOLDERS (app/pipeline/naming.py), without extension.
    name: str
    formats: list[str]
    #: A template for this export; "" is the brief's own.
    template: str = ""
    #: A marking scheme for this export only; None is the brief's own.
    marking_scheme: str | None = None
    #: A citation style for this export only; None is the template's.
    citation_style: str | None = None

    def paths(self, stem: str) -> list[Path]:
        """The files written when the name comes out as ``stem``."""
        return [self.folder / f"{stem}{output_format(fmt).extension}" for fmt in self.formats]


class ExportDialog(QDialog):
    """Where, in which formats, with which template, scheme and citation style and under which name; presets fill
    all of it at once."""

    def __init__(
        self,
        parent: QWidget,
        name: str,
        folder: str,
        formats: list[str],
        template: str = "",
        templates: Sequence[str] = (),
        scheme: str = "",
    ) -> None:
        """``template`` and ``scheme`` are the brief's own, named in the choosers' first entries."""
        super().__init__(parent)
        self.setWindowTitle("Export brief")
        self.setMinimumWidth(520)
        self._brief_template = template

        self.preset_combo = QComboBox()
        self.preset_combo.setObjectName("exportPreset")
        self.preset_combo.setToolTip(
            "Fill in the template, marking scheme, citation style, formats, folder and file name saved under a name"
        )
        self.preset_combo.activated.connect(self._preset_chosen)
        self.save_preset_button = QPushButton("Save as Preset…")
        self.save_preset_button.setObjectName("savePreset")
        self.save_preset_button.setAutoDefault(False)
        self.save_preset_button.setToolTip("Keep this dialog's choices under a name, to choose them again at once")
        self.save_preset_button.clicked.connect(self._save_preset)
        self.delete_preset_button = QPushButton("Delete")
        self.delete_preset_button.setObjectName("deletePreset")
        self.delete_preset_button.setAutoDefault(False)
        self.delete_preset_button.setToolTip("Delete the chosen preset")
        self.delete_preset_button.clicked.connect(self._delete_preset)
        preset_row = QHBoxLayout()
        preset_row.addWidget(self.preset_combo, 1)
        preset_row.addWidget(self.save_preset_button)
        preset_row.addWidget(self.delete_preset_button)
        #: What the presets file could not give (a damaged file, a preset that does not validate).
        self.preset_problem = QLabel()
        self.preset_problem.setObjectName("presetProblem")
        self.preset_problem.setWordWrap(True)
        self.preset_problem.hide()

        self.template_combo = QComboBox()
        self.template_combo.setObjectName("exportTemplate")
        self.template_combo.addItem(f"The brief's ({template})" if template else "The brief's", "")
        for each in templates:
            self.template_combo.addItem(template_label(each), each)
        self.template_combo.setToolTip("The template this export is laid out with; the brief keeps its own")
        self.scheme_combo = QComboBox()
        self.scheme_combo.setObjectName("exportMarkingScheme")
        self.scheme_combo.setToolTip("Mark this export in another scheme; the brief keeps its own")
        self.scheme_combo.addItem(f"The brief's ({scheme})" if scheme else "The brief's", "")
        for scheme_id in scheme_ids():
            self.scheme_combo.addItem(scheme_name(scheme_id), scheme_id)
        self.citation_combo = QComboBox()
        self.citation_combo.setObjectName("exportCitationStyle")
        self.citation_combo.setToolTip("How this export cites its sources; the template's style otherwise")
        self.citation_combo.addItem("The template's", "")
        from app.assemble.citation_styles import citation_styles  # the styles' engine loads when first asked for

        for style in citation_styles():
            self.citation_combo.addItem(style.title, style.id)

        self.name_edit = QLineEdit(name)
        self.name_edit.setObjectName("exportName")
        self.name_edit.setToolTip(
            "A file name, or a pattern of " + " ".join(f"{{{p}}}" for p in PLACEHOLDERS) + " (the default: "
            f"{DEFAULT_NAME_PATTERN}, so each template's files keep their own names)"
        )
        self.name_hint = QLabel()
        self.name_hint.setObjectName("exportNameHint")
        self.name_hint.setWordWrap(True)
        self.folder_edit = QLineEdit(folder)
        self.folder_edit.setObjectName("exportFolder")
        describe(self.folder_edit, "Folder", "The folder the files are written to")
        browse = QPushButton("Choose…")
        browse.setAutoDefault(False)  # Enter exports; it does not open the folder chooser
        browse.setToolTip("Choose the folder in a file dialog")
        browse.clicked.connect(self._browse)
        folder_row = QHBoxLayout()
        folder_row.addWidget(self.folder_edit, 1)
        folder_row.addWidget(browse)
        self.format_boxes = {fmt.name: QCheckBox(fmt.label) for fmt in OUTPUT_FORMATS}
        format_row = QHBoxLayout()
        for fmt, box in self.format_boxes.items():
            box.setToolTip(output_format(fmt).description)
            box.setObjectName(f"export_{fmt}")
            box.setChecked(fmt in formats)
            box.toggled.connect(self._validate)
            format_row.addWidget(box)
        format_row.addStretch(1)

        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.export_button = self.buttons.addButton("Export", QDialogButtonBox.ButtonRole.AcceptRole)
        self.export_button.setDefault(True)
        self.export_button.setToolTip("Write the brief in each format ticked (Enter)")
        cancel = self.buttons.button(QDialogButtonBox.StandardButton.Cancel)
        cancel.setToolTip("Close without exporting (Esc)")
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        for edit in (self.name_edit, self.folder_edit):
            edit.textChanged.connect(self._validate)

        form = QFormLayout(self)
        form.setVerticalSpacing(10)
        form.addRow("Preset", preset_row)
        form.addRow(self.preset_problem)
        form.addRow("Template", self.template_combo)
        form.addRow("Marking scheme", self.scheme_combo)
        form.addRow("Citation style", self.citation_combo)
        form.addRow("File name", self.name_edit)
        form.addRow("", self.name_hint)
        form.addRow("Folder", folder_row)
        form.addRow("Formats", format_row)
        form.addRow(self.buttons)
        self.load_presets()
        self._validate()

    def choice(self) -> ExportChoice:
        return ExportChoice(
            folder=Path(self.folder_edit.text().strip()).expanduser(),
            name=self.name_edit.text().strip(),
            formats=[fmt for fmt, box in self.format_boxes.items() if box.isChecked()],
            template=self.template_combo.currentData() or "",
            marking_scheme=self.scheme_combo.currentData() or None,
            citation_style=self.citation_combo.currentData() or None,
        )

    # --- presets ------------------------------------------------------------------------------------
    def load_presets(self, chosen: str = "") -> None:
        """Fill the preset chooser from the presets file, ``chosen`` selected; what cannot be read is said once."""
        book = load_presets()
        self._presets = {preset.name: preset for preset in book.presets}
        self.preset_combo.clear()
        self.preset_combo.addItem("No preset", "")
        for preset in sorted(book.presets, key=lambda p: p.name.casefold()):
            self.preset_combo.addItem(preset.name, preset.name)
            self.preset_combo.setItemData(self.preset_combo.count() - 1, preset.summary(), Qt.ItemDataRole.ToolTipRole)
        self.preset_combo.setCurrentIndex(max(self.preset_combo.findData(chosen), 0))
        self.preset_problem.setText(book.problem)
        self.preset_problem.setVisible(bool(book.problem))
        self._preset_buttons()

    def _preset_chosen(self, _index: int = -1) -> None:
        preset = self._presets.get(self.preset_combo.currentData() or "")
        self._preset_buttons()
        if preset is None:
            return
        self._choose(self.template_combo, preset.template or "")
        self._choose(self.scheme_combo, preset.marking_scheme or "")
        self._choose(self.citation_combo, preset.citation_style or "")
        if preset.formats:
            for fmt, box in self.format_boxes.items():
                box.setChecked(fmt in preset.formats)
        if preset.folder:
            self.folder_edit.setText(preset.folder)
        self.name_edit.setText(preset.file_name or DEFAULT_NAME_PATTERN)

    @staticmethod
    def _choose(combo: QComboBox, value: str) -> None:
        """Select ``value`` in ``combo``; one not offered (a template given by folder, a scheme or style no longer
        installed) is added as named, and the export says what is wrong with it."""
        position = combo.findData(value)
        if position < 0:
            combo.addItem(value, value)
            position = combo.count() - 1
        combo.setCurrentIndex(position)

    def _preset_buttons(self) -> None:
        self.delete_preset_button.setEnabled(bool(self.preset_combo.currentData()))

    def _save_preset(self) -> None:
        current = self.preset_combo.currentData() or ""
        name = dialogs.ask_text(self, "Save Preset", "Save these export choices as the preset:", current)
        if not name:
            return
        existing = next((n for n in self._presets if n.casefold() == name.casefold()), None)
        if (
            existing
            and existing != current
            and not dialogs.confirm(
                self, "Replace preset", f"There is already a preset “{existing}”. Replace it?", "Replace"
            )
        ):
            return
        choice = self.choice()
        try:
            preset = make_preset(
                name=name,
                template=choice.template or None,
                formats=choice.formats,
                marking_scheme=choice.marking_scheme,
                citation_style=choice.citation_style,
                folder=self.folder_edit.text().strip() or None,
                file_name=choice.name or None,
            )
            save_preset(preset)
        except BriefgenError as exc:
            dialogs.report(self, "Cannot save the preset", [exc])
            return
        self.load_presets(preset.name)

    def _delete_preset(self) -> None:
        name = self.preset_combo.currentData() or ""
        if not name or not dialogs.confirm(self, "Delete preset", f"Delete the preset “{name}”?", "Delete"):
            return
        try:
            delete_preset(name)
        except BriefgenError as exc:
            dialogs.report(self, "Cannot delete the preset", [exc])
            return
        self.load_presets()

    # --- checking -----------------------------------------------------------------------------------
    def _validate(self) -> None:
        choice = self.choice()
        problem = name_pattern_problem(choice.name) if is_name_pattern(choice.name) else None
        if problem:
            self.name_hint.setText(problem[:1].upper() + problem[1:])
        else:
            self.name_hint.setText("Placeholders: " + " ".join(f"{{{p}}}" for p in PLACEHOLDERS))
        ready = choice.formats and choice.name and self.folder_edit.text().strip() and not problem
        self.export_button.setEnabled(bool(ready))

    def _browse(self) -> None:
        folder = dialogs.existing_folder(self, "Export to folder", self.folder_edit.text())
        if folder:
            self.folder_edit.setText(folder)


class ExportResult(QWidget):
    """'Exported x.pdf' with buttons to open the file or its folder, shown in the status bar."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._paths: list[Path] = []
        self.label = QLabel()
        self.open_button = QPushButton("Open")
        self.open_button.setObjectName("openExported")
        self.open_button.clicked.connect(self._open_file)
        self.folder_button = QPushButton("Show Folder")
        self.folder_button.clicked.connect(self._show_folder)
        close = QToolButton()
        close.setIcon(icon("close"))
        close.setAutoRaise(True)
        close.setToolTip("Dismiss")
        close.clicked.connect(self.hide)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(6)
        layout.addWidget(self.label)
        layout.addWidget(self.open_button)
        layout.addWidget(self.folder_button)
        layout.addWidget(close)
        self.hide()

    def show_paths(self, paths: list[Path]) -> None:
        self._paths = paths
        names = " and ".join(p.name for p in paths)
        self.label.setText(f"Exported {names} to {paths[0].parent}")
        self.label.setToolTip("\n".join(str(p) for p in paths))
        self.open_button.setText(f"Open {self.main_file().suffix.lstrip('.').upper()}")
        self.show()

    def main_file(self) -> Path:
        """The file 'Open' opens: the PDF when there is one, since it opens without an office suite."""
        return next((p for p in self._paths if p.suffix == ".pdf"), self._paths[-1])

    def _open_file(self) -> None:
        """Hand the file to the desktop; when nothing there opens its kind, say so and where the file is."""
        path = self.main_file()
        if not dialogs.open_path(path):
            kind = path.suffix.lstrip(".").upper()
            dialogs.show_error(
                self,
                f"Cannot open the {kind}",
                f"No application on this computer opens {kind} files, so “{path.name}” could not be opened.\n\n"
                f"It is in {path.parent}.",
            )

    def _show_folder(self) -> None:
        folder = self.main_file().parent
        if not dialogs.open_path(folder):
            dialogs.show_error(self, "Cannot show the folder", f"No file manager on this computer could show {folder}.")
