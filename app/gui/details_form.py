"""The brief's details: title, subtitle, author, organisation, date, recipient, summary, and its markings:
classification, marking scheme, portion marks and the classification authority.

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
from app.core.marking_schemes import find_scheme, scheme_ids
from app.core.markings import MarkingError
from app.core.model import BriefMeta
from app.gui.spell_check import Speller, attach_spell_check
from app.gui.widgets import UndoShortcutFilter, describe, muted_label, panel_title, shrinkable

#: Each one-line field: its label, the hint shown while it is empty, and its tooltip.
LINE_FIELDS = {
    "title": ("Title", "What the brief is about", "The brief's title, on its first page and in the file name"),
    "subtitle": ("Subtitle", "Optional second line", "A line under the title"),
    "author": ("Author", "Your name", "Who wrote the brief: in the byline and the files' properties"),
    "organisation": ("Organisation", "Team or department", "Your team or department, in the byline"),
    "recipient": ("Recipient", "Who the brief is for", "Who the brief is for: a memo's For: line"),
    "classified_by": (
        "Classified by",
        "Name and position of who classified it",
        "The classification authority's name and position",
    ),
    "derived_from": ("Derived from", "The classification guide or sources", "The guide or sources the marking follows"),
    "declassify_on": ("Declassify on", "A date (20511231) or an event", "When the brief may be declassified"),
}
#: The portion-marks choices and what each stores in ``meta.portion_marks``.
PORTION_MARKS = (("Automatic (template and scheme)", None), ("On: mark every paragraph", True), ("Off", False))


class DetailsForm(QScrollArea):
    #: A field and its new value (text; True, False or None for ``portion_marks``).
    edited = Signal(str, object)

    def __init__(self, speller: Speller, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWidgetResizable(True)
        self.setFrameShape(QScrollArea.Shape.NoFrame)
        undo_filter = UndoShortcutFilter(self)
        self._updating = False

        self.lines: dict[str, QLineEdit] = {}
        for field, (label, placeholder, tip) in LINE_FIELDS.items():
            edit = QLineEdit()
            edit.setObjectName(f"meta_{field}")
            edit.setPlaceholderText(placeholder)
            describe(edit, label, tip)
            edit.textEdited.connect(lambda text, f=field: self.edited.emit(f, text))
            edit.installEventFilter(undo_filter)
            self.lines[field] = edit

        self.date = QDateEdit()
        self.date.setObjectName("meta_date")
        describe(self.date, "Date", "The brief's date, under its title and in the file name's {date}")
        self.date.setCalendarPopup(True)
        self.date.setDisplayFormat("d MMMM yyyy")
        self.date.dateChanged.connect(self._date_changed)

        self.classification = QComboBox()
        self.classification.setObjectName("meta_classification")
        self.classification.setAccessibleName("Classification")
        self.classification.setEditable(True)
        self.classification.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.classification.setToolTip(
            "The brief's own marking, banner or portion form (SECRET//NOFORN, S//NF). The banner printed is the "
            "highest of this and every item's marking."
        )
        self.classification.currentTextChanged.connect(self._classification_changed)
        classification_line = self.classification.lineEdit()
        assert classification_line is not None  # an editable combo box always has one
        classification_line.installEventFilter(undo_filter)

        self.scheme = QComboBox()
        self.scheme.setObjectName("meta_marking_scheme")
        describe(self.scheme, "Marking scheme", "The classification system the brief is marked in: US, UK, NATO …")
        self.scheme.addItem("The template's", "")
        for scheme_id in scheme_ids():
            self.scheme.addItem(scheme_name(scheme_id), scheme_id)
        self.scheme.activated.connect(lambda _: self._emit("marking_scheme", self.scheme.currentData()))
        self.portion_marks = QComboBox()
        self.portion_marks.setObjectName("meta_portion_marks")
        describe(self.portion_marks, "Portion marks", "Whether each paragraph starts with its marking, as (S) or (U)")
        for label, value in PORTION_MARKS:
            self.portion_marks.addItem(label, value)
        self.portion_marks.activated.connect(lambda _: self._emit("portion_marks", self.portion_marks.currentData()))
        for combo in (self.classification, self.scheme, self.portion_marks):
            shrinkable(combo)

        self.summary = QPlainTextEdit()
        self.summary.setObjectName("meta_summary")
        describe(self.summary, "Summary", "The bottom line up front, printed first; Tab moves to the next field")
        self.summary.setPlaceholderText(
            "Bottom line up front. Leave empty to use the first source's opening sentences."
        )
        self.summary.setTabChangesFocus(True)  # Tab moves on to the next field, as in every form
        self.summary.setUndoRedoEnabled(False)
        self.summary.setAcceptDrops(False)
        self.summary.installEventFilter(undo_filter)
        self.summary.textChanged.connect(self._summary_changed)
        for text_field in (self.lines["title"], self.lines["subtitle"], self.summary):
            attach_spell_check(text_field, speller)

        page = QWidget()
        form = QFormLayout()
        form.setLabelAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        form.setVerticalSpacing(10)
        form.setHorizontalSpacing(12)
        for field in ("title", "subtitle", "author", "organisation"):
            form.addRow(LINE_FIELDS[field][0], self.lines[field])
        form.addRow("Date", self.date)
        form.addRow("Recipient", self.lines["recipient"])
        form.addRow("Summary", self.summary)
        markings = QFormLayout()
        markings.setLabelAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        markings.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        markings.setVerticalSpacing(10)
        markings.setHorizontalSpacing(12)
        markings.addRow("Classification", self.classification)
        markings.addRow("Scheme", self.scheme)
        markings.addRow("Portion marks", self.portion_marks)
        for field in ("classified_by", "derived_from", "declassify_on"):
            markings.addRow(LINE_FIELDS[field][0], self.lines[field])
        layout = QVBoxLayout(page)
        layout.setContentsMargins(6, 14, 10, 10)
        layout.addLayout(form)
        layout.addSpacing(12)
        layout.addWidget(panel_title("Markings"))
        layout.addLayout(markings)
        explanation = muted_label(
            "Items take their source's marking unless you set one; the banner on every page is the highest "
            "of them all, never lower than what you choose here. Set a source's marking from its menu in the "
            "sources list."
        )
        explanation.setWordWrap(True)
        layout.addWidget(explanation)
        layout.addStretch(1)
        self.setWidget(page)

    def show_meta(self, meta: BriefMeta, field: str = "") -> None:
        """Show ``field`` of ``meta`` (every field when empty)."""
        self._updating = True
        try:
            for name, edit in self.lines.items():
                if field in ("", name) and edit.text() != getattr(meta, name):
                    edit.setText(getattr(meta, name))
                    if not edit.hasFocus():
                        edit.setCursorPosition(0)  # a long title shows its start, not its end
            if field in ("", "date"):
                parsed = brief_edit.parse_date(meta.date)
                self.date.setDate(QDate(parsed.year, parsed.month, parsed.day) if parsed else QDate.currentDate())
            if field in ("", "classification") and self.classification.currentText() != meta.classification:
                self.classification.setCurrentText(meta.classification)
            if field in ("", "marking_scheme"):
                self.scheme.setCurrentIndex(max(self.scheme.findData(meta.marking_scheme), 0))
            if field in ("", "portion_marks"):
                self.portion_marks.setCurrentIndex([value for _, value in PORTION_MARKS].index(meta.portion_marks))
            if field in ("", "summary") and self.summary.toPlainText() != meta.summary:
                self.summary.setPlainText(meta.summary)
        finally:
            self._updating = False

    def focus_field(self, field: str) -> None:
        """Put the cursor in the widget of a detail (a check's "go there")."""
        widget = self.findChild(QWidget, f"meta_{field}")
        if widget is not None:
            self.ensureWidgetVisible(widget)
            widget.setFocus()

    def show_scheme(self, scheme_id: str) -> None:
        """Offer the levels of the scheme the brief uses (its own choice, or its template's)."""
        self._updating = True
        try:
            typed = self.classification.currentText()
            self.classification.clear()
            self.classification.addItems(brief_edit.marking_choices(scheme_id))
            self.classification.setCurrentText(typed)
            self.classification.lineEdit().setPlaceholderText(  # type: ignore[union-attr]  # editable: it has one
                f"Empty: the lowest level of the {scheme_name(scheme_id)} scheme"
            )
        finally:
            self._updating = False

    def _emit(self, field: str, value: object) -> None:
        if not self._updating:
            self.edited.emit(field, value)

    def _date_changed(self, date: QDate) -> None:
        if not self._updating:
            self.edited.emit("date", brief_edit.format_date(dt.date(date.year(), date.month(), date.day())))

    def _classification_changed(self, text: str) -> None:
        if not self._updating:
            self.edited.emit("classification", text)

    def _summary_changed(self) -> None:
        if not self._updating:
            self.edited.emit("summary", self.summary.toPlainText())


def scheme_name(scheme_id: str) -> str:
    """The scheme's own name for the choosers ("United States"), its id when it cannot be read."""
    try:
        return find_scheme(scheme_id).name
    except MarkingError:
        return scheme_id
