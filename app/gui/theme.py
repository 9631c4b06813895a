"""The look: Fusion with a calm light palette and a short style sheet.

Fusion draws the same on Linux, Windows and macOS, so the window looks as
designed everywhere; the style sheet only touches spacing, panel headers and
the preview's page background, leaving native behaviour alone.
"""

from __future__ import annotations

from PySide6.QtGui import QColor, QFont, QPalette
from PySide6.QtWidgets import QApplication

ACCENT = "#2563eb"
MATCH_BACKGROUND = "#fde68a"
MUTED_TEXT = "#64748b"
#: What reading a source left out, in its summary.
WARNING_TEXT = "#b45309"
PAGE_BACKGROUND = "#e2e8f0"

_PALETTE = {
    QPalette.ColorRole.Window: "#f5f6f8",
    QPalette.ColorRole.WindowText: "#1f2937",
    QPalette.ColorRole.Base: "#ffffff",
    QPalette.ColorRole.AlternateBase: "#f8fafc",
    QPalette.ColorRole.Text: "#1f2937",
    QPalette.ColorRole.Button: "#ffffff",
    QPalette.ColorRole.ButtonText: "#1f2937",
    QPalette.ColorRole.Highlight: "#dbeafe",
    QPalette.ColorRole.HighlightedText: "#0f172a",
    QPalette.ColorRole.ToolTipBase: "#ffffff",
    QPalette.ColorRole.ToolTipText: "#1f2937",
    QPalette.ColorRole.PlaceholderText: "#94a3b8",
    QPalette.ColorRole.Link: ACCENT,
    QPalette.ColorRole.Mid: "#cbd5e1",
    QPalette.ColorRole.Dark: "#94a3b8",
    QPalette.ColorRole.Light: "#ffffff",
    QPalette.ColorRole.Midlight: "#e2e8f0",
}

STYLE_SHEET = f"""
QToolBar {{ border: none; border-bottom: 1px solid #e2e8f0; padding: 4px 6px; spacing: 2px; background: #ffffff; }}
QToolBar QToolButton {{ padding: 4px 8px; border-radius: 6px; }}
QToolBar QToolButton:hover {{ background: #eef2f7; }}
QToolBar QToolButton#primaryAction {{ background: {ACCENT}; color: white; font-weight: 600; }}
QToolBar QToolButton#primaryAction:hover {{ background: #1d4ed8; }}
QLabel[role="panelTitle"] {{ font-weight: 600; font-size: 11pt; color: #0f172a; }}
QLabel[role="muted"] {{ color: {MUTED_TEXT}; }}
QLabel[role="error"] {{
    background: #fef2f2; color: #991b1b; border: 1px solid #fecaca; border-radius: 6px; padding: 6px; }}
QTreeView, QListView, QPlainTextEdit, QTextBrowser {{ border: 1px solid #d5dbe3; border-radius: 6px; }}
QPlainTextEdit:focus, QTreeView:focus, QListView:focus {{ border: 1px solid {ACCENT}; }}
QTabWidget::pane {{ border: none; }}
QTabBar::tab {{ padding: 6px 14px; border: none; border-bottom: 2px solid transparent; color: {MUTED_TEXT}; }}
QTabBar::tab:selected {{ color: #0f172a; border-bottom: 2px solid {ACCENT}; font-weight: 600; }}
QSplitter::handle {{ background: #e2e8f0; }}
QScrollArea#previewPages {{ background: {PAGE_BACKGROUND}; border: 1px solid #d5dbe3; border-radius: 6px; }}
QWidget#previewCanvas {{ background: {PAGE_BACKGROUND}; }}
QStatusBar {{ background: #ffffff; border-top: 1px solid #e2e8f0; }}
QPushButton {{ padding: 4px 12px; border: 1px solid #cbd5e1; border-radius: 6px; background: #ffffff; }}
QPushButton:hover {{ background: #f1f5f9; }}
QPushButton:disabled {{ color: #94a3b8; }}
QPushButton:default {{ background: {ACCENT}; color: white; border-color: {ACCENT}; }}
"""


def apply_theme(app: QApplication) -> None:
    app.setStyle("Fusion")
    palette = QPalette()
    for role, colour in _PALETTE.items():
        palette.setColor(role, QColor(colour))
    for role in (QPalette.ColorRole.WindowText, QPalette.ColorRole.Text, QPalette.ColorRole.ButtonText):
        palette.setColor(QPalette.ColorGroup.Disabled, role, QColor("#94a3b8"))
    app.setPalette(palette)
    font = QFont(app.font())
    font.setPointSizeF(max(font.pointSizeF(), 9.5))
    app.setFont(font)
    app.setStyleSheet(STYLE_SHEET)
