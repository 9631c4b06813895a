"""The brief's details: title, subtitle, author, organisation, date, classification, recipient, summary.

Each edit is sent out as ``edited(field, value)`` for the window to push as an
undo command; ``show_meta`` writes values back without re-announcing them, and
leaves a field alone when it already shows the value (so the cursor stays put
while typing).
"""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QDate, Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QFormLayout,
    QLineEdit,
    QPlainTextEdit,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from app.brief import edit as brief_edit
from app.core.model import BriefMeta
from app.gui.widgets import UndoShortcutFilter, muted_label

LINE_FIELDS = {
    "title": ("Title", "What the brief is about"),
    "subtitle": ("Subtitle", "Optional second line"),
    "author": ("Author", "Your name"),
    "organisation": ("Organisation", "Team or department"),
    "recipient": ("Recipient", "Who the brief is for"),
}


class DetailsForm(QScrollArea):
    edited = Signal(str, str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWidgetResizable(True)
        self.setFrameShape(QScrollArea.Shape.NoFrame)
        undo_filter = UndoShortcutFilter(self)
        self._updating = False

        self.lines: dict[str, QLineEdit] = {}
        for field, (_, placeholder) in LINE_FIELDS.items():
            edit = QLineEdit()
            edit.setObjectName(f"meta_{field}")
            edit.setPlaceholderText(placeholder)
            edit.textEdited.connect(lambda text, f=field: self.edited.emit(f, text))
            edit.installEventFilter(undo_filter)
            self.lines[field] = edit

        self.date = QDateEdit()
        self.date.setObjectName("meta_date")
        self.date.setCalendarPopup(True)
        self.date.setDisplayFormat("d MMMM yyyy")
        self.date.dateChanged.connect(self._date_changed)

        self.classification = QComboBox()
        self.classification.setObjectName("meta_classification")
        self.classification.setEditable(True)
        self.classification.addItems(brief_edit.COMMON_CLASSIFICATIONS)
        self.classification.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.classification.currentTextChanged.connect(self._classification_changed)
        classification_line = self.classification.lineEdit()
        assert classification_line is not None  # an editable combo box always has one
        classification_line.installEventFilter(undo_filter)

        self.summary = QPlainTextEdit()
        self.summary.setObjectName("meta_summary")
        self.summary.setPlaceholderText(
            "Bottom line up front. Leave empty to use the first source's opening sentences."
        )
        self.summary.setUndoRedoEnabled(False)
        self.summary.setAcceptDrops(False)
        self.summary.installEventFilter(undo_filter)
        self.summary.textChanged.connect(self._summary_changed)

        page = QWidget()
        form = QFormLayout()
        form.setLabelAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        form.setVerticalSpacing(10)
        form.setHorizontalSpacing(12)
        for field in ("title", "subtitle", "author", "organisation"):
            form.addRow(LINE_FIELDS[field][0], self.lines[field])
        form.addRow("Date", self.date)
        form.addRow("Classification", self.classification)
        form.addRow("Recipient", self.lines["recipient"])
        form.addRow("Summary", self.summary)
        layout = QVBoxLayout(page)
        layout.setContentsMargins(6, 14, 10, 10)
        layout.addLayout(form)
        layout.addWidget(muted_label("The classification marking is printed on every page of the brief."))
        layout.addStretch(1)
        self.setWidget(page)

    def show_meta(self, meta: BriefMeta, field: str = "") -> None:
        """Show ``field`` of ``meta`` (every field when empty)."""
        self._updating = True
        try:
            for name, edit in self.lines.items():
                if field in ("", name) and edit.text() != getattr(meta, name):
                    edit.setText(getattr(meta, name))
            if field in ("", "date"):
                parsed = brief_edit.parse_date(meta.date)
                self.date.setDate(QDate(parsed.year, parsed.month, parsed.day) if parsed else QDate.currentDate())
            if field in ("", "classification") and self.classification.currentText() != meta.classification:
                self.classification.setCurrentText(meta.classification)
            if field in ("", "summary") and self.summary.toPlainText() != meta.summary:
                self.summary.setPlainText(meta.summary)
        finally:
            self._updating = False

    def _date_changed(self, date: QDate) -> None:
        if not self._updating:
            self.edited.emit("date", brief_edit.format_date(dt.date(date.year(), date.month(), date.day())))

    def _classification_changed(self, text: str) -> None:
        if not self._updating:
            self.edited.emit("classification", text)

    def _summary_changed(self) -> None:
        if not self._updating:
            self.edited.emit("summary", self.summary.toPlainText())
