"""Export: the dialog asking where and in which formats, and the status-bar note with what was written.

The dialog opens window-modal without blocking the event loop (``open``), so
the window keeps painting and tests can fill it in like a user.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from PySide6.QtWidgets import (
    QCheckBox,
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

from app.core.formats import OUTPUT_FORMATS, output_format
from app.gui import dialogs
from app.gui.icons import icon


@dataclass(frozen=True)
class ExportChoice:
    folder: Path
    name: str
    formats: list[str]

    def paths(self) -> list[Path]:
        return [self.folder / f"{self.name}{output_format(fmt).extension}" for fmt in self.formats]


class ExportDialog(QDialog):
    def __init__(self, parent: QWidget, name: str, folder: str, formats: list[str]) -> None:
        super().__init__(parent)
        self.setWindowTitle("Export brief")
        self.setMinimumWidth(460)
        self.name_edit = QLineEdit(name)
        self.name_edit.setObjectName("exportName")
        self.folder_edit = QLineEdit(folder)
        self.folder_edit.setObjectName("exportFolder")
        browse = QPushButton("Choose…")
        browse.setAutoDefault(False)  # Enter exports; it does not open the folder chooser
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
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        for edit in (self.name_edit, self.folder_edit):
            edit.textChanged.connect(self._validate)

        form = QFormLayout(self)
        form.setVerticalSpacing(10)
        form.addRow("File name", self.name_edit)
        form.addRow("Folder", folder_row)
        form.addRow("Formats", format_row)
        form.addRow(self.buttons)
        self._validate()

    def choice(self) -> ExportChoice:
        return ExportChoice(
            folder=Path(self.folder_edit.text().strip()).expanduser(),
            name=self.name_edit.text().strip(),
            formats=[fmt for fmt, box in self.format_boxes.items() if box.isChecked()],
        )

    def _validate(self) -> None:
        choice = self.choice()
        self.export_button.setEnabled(bool(choice.formats and choice.name and self.folder_edit.text().strip()))

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
        self.open_button.clicked.connect(lambda: dialogs.open_path(self.main_file()))
        self.folder_button = QPushButton("Show Folder")
        self.folder_button.clicked.connect(lambda: dialogs.open_path(self.main_file().parent))
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
