"""The dialog where the analyst corrects what a source says of itself: title, outlet, author, date, URL.

Each field shows what the file gave as its placeholder, so an empty field plainly
means "as read", and clearing a correction puts the file's value back.
"""

from __future__ import annotations

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QFormLayout, QLabel, QLineEdit, QVBoxLayout, QWidget

from app.core.model import Source, SourceDetails

#: The fields in the order they are asked, with their labels and what each is for.
FIELDS = (
    ("title", "&Title:", "The headline, as the sources list and citations print it"),
    ("outlet", "&Outlet:", "The newspaper, agency or publisher"),
    ("author", "&Author:", "Who wrote it; several separated by “;”"),
    ("date", "&Date:", "When it was published, e.g. 2026-01-05"),
    ("url", "&URL:", "Where it can be read on the web"),
)


class SourceDetailsDialog(QDialog):
    """Asks for the corrections to one source; ``details()`` gives them once accepted."""

    def __init__(self, source: Source, details: SourceDetails, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Source Details")
        self.setMinimumWidth(460)
        intro = QLabel("Correct what the file says of itself. An empty field keeps what was read (shown in grey).")
        intro.setWordWrap(True)
        form = QFormLayout()
        self.fields: dict[str, QLineEdit] = {}
        for name, label, tip in FIELDS:
            field = QLineEdit(getattr(details, name))
            field.setPlaceholderText(getattr(source, name) or "Not given by the file")
            field.setToolTip(tip)
            field.setAccessibleName(label.replace("&", "").rstrip(":"))
            field.setClearButtonEnabled(True)
            form.addRow(label, field)
            self.fields[name] = field
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(buttons)

    def details(self) -> SourceDetails:
        """The corrections as typed, trimmed; an empty one keeps the file's value."""
        return SourceDetails(**{name: field.text().strip() for name, field in self.fields.items()})
