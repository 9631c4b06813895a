"""The look: Fusion with a calm palette, light or dark as the system is, and a short style sheet.

Fusion draws the same on Linux, Windows and macOS, so the window looks as
designed everywhere; the style sheet only touches spacing, panel headers and
the preview's page background, leaving native behaviour alone.  The window
follows the system's colour scheme, also when it changes while Briefgen runs;
every text colour meets WCAG AA (4.5:1) on the background it is drawn on
(tests/gui/test_accessibility.py measures them).
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QFont, QPalette
from PySide6.QtWidgets import QApplication

from app.core.paths import ASSETS_DIR


@dataclass(frozen=True)
class Colours:
    """Every colour the window uses, for one scheme."""

    window: str
    text: str
    base: str
    alternate_base: str
    button: str
    highlight: str
    highlighted_text: str
    placeholder: str
    disabled: str
    #: Secondary text: subtitles, word counts, hints.
    muted: str
    #: What reading a source left out, in its summary.
    warning: str
    #: Search matches, behind the matched words (drawn in ``text``).
    match_background: str
    accent: str
    accent_hover: str
    link: str
    border: str
    #: The edge of a check box: 3:1 against the field, as WCAG asks of controls.
    control: str
    rule: str
    hover: str
    title: str
    page_background: str
    error_background: str
    error_text: str
    error_border: str
    #: The template editor: its gutter, current line and the line an error points at.
    gutter: str
    gutter_text: str
    current_line: str
    problem_line: str
    problem_text: str


LIGHT = Colours(
    window="#f5f6f8",
    text="#1f2937",
    base="#ffffff",
    alternate_base="#f8fafc",
    button="#ffffff",
    highlight="#dbeafe",
    highlighted_text="#0f172a",
    placeholder="#6b7280",
    disabled="#94a3b8",
    muted="#556274",
    warning="#9a4a07",
    match_background="#fde68a",
    accent="#2563eb",
    accent_hover="#1d4ed8",
    link="#1d4ed8",
    border="#d5dbe3",
    control="#6b7280",
    rule="#e2e8f0",
    hover="#eef2f7",
    title="#0f172a",
    page_background="#e2e8f0",
    error_background="#fef2f2",
    error_text="#991b1b",
    error_border="#fecaca",
    gutter="#f8fafc",
    gutter_text="#64748b",
    current_line="#f1f5f9",
    problem_line="#fee2e2",
    problem_text="#b91c1c",
)

DARK = Colours(
    window="#1b1f27",
    text="#e5e7eb",
    base="#111318",
    alternate_base="#161a21",
    button="#252a33",
    highlight="#1e3a8a",
    highlighted_text="#f8fafc",
    placeholder="#9ca3af",
    disabled="#6b7280",
    muted="#a3acb9",
    warning="#fbbf24",
    match_background="#854d0e",
    accent="#2563eb",
    accent_hover="#1d4ed8",
    link="#93c5fd",
    border="#3a4150",
    control="#9ca3af",
    rule="#2c323d",
    hover="#2c323d",
    title="#f8fafc",
    page_background="#2a2f38",
    error_background="#3b1416",
    error_text="#fecaca",
    error_border="#7f1d1d",
    gutter="#161a21",
    gutter_text="#9ca3af",
    current_line="#1c2129",
    problem_line="#4c1d1d",
    problem_text="#fca5a5",
)

_current = LIGHT


def colours() -> Colours:
    """The colours of the scheme in use (read when painting, so a change of scheme shows at once)."""
    return _current


def palette_for(c: Colours) -> QPalette:
    roles = QPalette.ColorRole
    palette = QPalette()
    for role, colour in (
        (roles.Window, c.window),
        (roles.WindowText, c.text),
        (roles.Base, c.base),
        (roles.AlternateBase, c.alternate_base),
        (roles.Text, c.text),
        (roles.Button, c.button),
        (roles.ButtonText, c.text),
        (roles.BrightText, c.title),
        (roles.Highlight, c.highlight),
        (roles.HighlightedText, c.highlighted_text),
        (roles.ToolTipBase, c.base),
        (roles.ToolTipText, c.text),
        (roles.PlaceholderText, c.placeholder),
        (roles.Link, c.link),
        (roles.Mid, c.border),
        (roles.Dark, c.disabled),
        (roles.Light, c.base),
        (roles.Midlight, c.rule),
    ):
        palette.setColor(role, QColor(colour))
    for role in (roles.WindowText, roles.Text, roles.ButtonText):
        palette.setColor(QPalette.ColorGroup.Disabled, role, QColor(c.disabled))
    return palette


#: The tick and the dash drawn in a ticked or partly ticked box.
_CHECK, _PARTIAL = ((ASSETS_DIR / "ui" / name).as_posix() for name in ("check.svg", "partial.svg"))
_INDICATORS = "QTreeView::indicator, QListView::indicator, QCheckBox::indicator"


def _indicator(state: str) -> str:
    return ", ".join(f"{part}:{state}" for part in _INDICATORS.split(", "))


def style_sheet(c: Colours) -> str:
    """The style sheet for ``c``.  Check boxes are drawn here: Fusion's edge vanishes on a dark field."""
    return f"""
{_INDICATORS} {{
    width: 13px; height: 13px; border: 1px solid {c.control}; border-radius: 3px; background: {c.base}; }}
{_indicator("checked")} {{ background: {c.accent}; border-color: {c.accent}; image: url({_CHECK}); }}
{_indicator("indeterminate")} {{ background: {c.accent}; border-color: {c.accent}; image: url({_PARTIAL}); }}
{_indicator("disabled")} {{ border-color: {c.disabled}; }}
QToolBar {{ border: none; border-bottom: 1px solid {c.rule}; padding: 4px 6px; spacing: 2px; background: {c.base}; }}
QToolBar QToolButton {{ padding: 4px 8px; border-radius: 6px; }}
QToolBar QToolButton:hover {{ background: {c.hover}; }}
QToolBar QToolButton#primaryAction {{ background: {c.accent}; color: white; font-weight: 600; }}
QToolBar QToolButton#primaryAction:hover {{ background: {c.accent_hover}; }}
QToolBar QToolButton#primaryAction:disabled {{ background: {c.rule}; color: {c.disabled}; }}
QLabel[role="panelTitle"] {{ font-weight: 600; font-size: 11pt; color: {c.title}; }}
QLabel[role="muted"] {{ color: {c.muted}; }}
QLabel#previewStatus {{ background: {c.base}; border: 1px solid {c.border}; border-radius: 6px; padding: 2px 8px; }}
QLabel[role="error"] {{
    background: {c.error_background}; color: {c.error_text}; border: 1px solid {c.error_border}; border-radius: 6px;
    padding: 6px; }}
QTreeView, QListView, QPlainTextEdit, QTextBrowser {{ border: 1px solid {c.border}; border-radius: 6px; }}
QPlainTextEdit:focus, QTreeView:focus, QListView:focus {{ border: 1px solid {c.accent}; }}
QTabWidget::pane {{ border: none; }}
QTabBar::tab {{ padding: 6px 14px; border: none; border-bottom: 2px solid transparent; color: {c.muted}; }}
QTabBar::tab:selected {{ color: {c.title}; border-bottom: 2px solid {c.accent}; font-weight: 600; }}
QSplitter::handle {{ background: {c.rule}; }}
QScrollArea#previewPages {{ background: {c.page_background}; border: 1px solid {c.border}; border-radius: 6px; }}
QWidget#previewCanvas {{ background: {c.page_background}; }}
QStatusBar {{ background: {c.base}; border-top: 1px solid {c.rule}; }}
QPushButton {{ padding: 4px 12px; border: 1px solid {c.border}; border-radius: 6px; background: {c.button}; }}
QPushButton:hover {{ background: {c.hover}; }}
QPushButton:disabled {{ color: {c.disabled}; }}
QPushButton:default {{ background: {c.accent}; color: white; border-color: {c.accent}; }}
"""


def apply_theme(app: QApplication) -> None:
    """Fusion, the app's font, and the colours of the system's scheme, now and whenever it changes."""
    app.setStyle("Fusion")
    font = QFont(app.font())
    font.setPointSizeF(max(font.pointSizeF(), 9.5))
    app.setFont(font)
    hints = app.styleHints()
    _apply_colours(app, hints.colorScheme())
    if not app.property("briefgenFollowsScheme"):
        app.setProperty("briefgenFollowsScheme", True)
        hints.colorSchemeChanged.connect(lambda scheme: _apply_colours(app, scheme))


def _apply_colours(app: QApplication, scheme: Qt.ColorScheme) -> None:
    global _current
    _current = DARK if scheme == Qt.ColorScheme.Dark else LIGHT
    app.setPalette(palette_for(_current))
    app.setStyleSheet(style_sheet(_current))
