"""Accessibility: every control named for a screen reader and explained by a tooltip, the accessibility tree reaching
them, colours that meet WCAG AA, and the system's light or dark scheme followed."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QAccessible, QAccessibleInterface, QGuiApplication, QPalette
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QAbstractSpinBox,
    QApplication,
    QComboBox,
    QLineEdit,
    QPlainTextEdit,
    QTabBar,
    QTextEdit,
    QWidget,
)

from app.gui.app import create_application
from app.gui.export_dialog import ExportDialog
from app.gui.main_window import MainWindow
from app.gui.template_highlighter import _STYLES, _TAG_BACKGROUND
from app.gui.theme import DARK, LIGHT, Colours, colours
from tests.gui.helpers import menu_action

pytestmark = pytest.mark.gui

CONTROLS = (
    QAbstractButton,
    QComboBox,
    QLineEdit,
    QPlainTextEdit,
    QTextEdit,
    QAbstractSpinBox,
    QAbstractItemView,
    QTabBar,
)


def unexplained(top: QWidget) -> list[str]:
    """The visible controls under ``top`` without a spoken name or a tooltip."""
    missing = []
    for widget in top.findChildren(QWidget):
        if not isinstance(widget, CONTROLS) or not widget.isVisibleTo(top):
            continue
        if isinstance(widget.parent(), QComboBox | QAbstractSpinBox | QLineEdit):
            continue  # a combo box's or spin box's own line, a line's clear button: parts of one control
        interface = QAccessible.queryAccessibleInterface(widget)
        name = interface.text(QAccessible.Text.Name) if interface else ""
        if isinstance(widget, QTabBar):
            tips = all(widget.tabToolTip(i) for i in range(widget.count()))
        else:
            tips = bool(widget.toolTip())
        if not name or not tips:
            missing.append(f"{type(widget).__name__} {widget.objectName()!r} name={name!r} tooltip={tips}")
    return missing


def test_every_control_of_the_window_has_a_name_and_a_tooltip(qtbot, window: MainWindow):
    for tab in range(window.tabs.count()):
        window.tabs.setCurrentIndex(tab)
        assert unexplained(window) == [], window.tabs.tabText(tab)
    assert window.outline_panel.role_combo.accessibleName() == "Role"  # its label, where Qt names it by its value


def test_every_control_of_the_export_dialog_has_a_name_and_a_tooltip(qtbot, window: MainWindow):
    window.export_action.trigger()
    dialog = next(d for d in window.findChildren(ExportDialog) if d.isVisible())
    missing = unexplained(dialog)
    assert missing == [], "\n".join(missing)
    dialog.reject()


def _names(interface: QAccessibleInterface, depth: int = 0) -> list[str]:
    """Every name in the accessibility tree under ``interface``, as a screen reader walks it."""
    found = [interface.text(QAccessible.Text.Name)]
    if depth < 40:
        for index in range(interface.childCount()):
            child = interface.child(index)
            if child is not None and child.isValid():
                found += _names(child, depth + 1)
    return found


def test_a_screen_reader_reaches_the_brief_s_fields_through_the_accessibility_tree(qtbot, window: MainWindow):
    window.tabs.setCurrentWidget(window.details_form)
    names = set(_names(QAccessible.queryAccessibleInterface(window)))
    wanted = {"Title", "Summary", "Search sources", "Sources and their sections", "Export", "Go to page", "Details"}
    assert wanted <= names, wanted - names
    title = QAccessible.queryAccessibleInterface(window.details_form.lines["title"])
    assert title.role() == QAccessible.Role.EditableText


def contrast(foreground: str, background: str) -> float:
    """WCAG 2 contrast ratio of two #rrggbb colours."""

    def luminance(colour: str) -> float:
        channels = (int(colour[i : i + 2], 16) / 255 for i in (1, 3, 5))
        r, g, b = (c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels)
        return 0.2126 * r + 0.7152 * g + 0.0722 * b

    light, dark = sorted((luminance(foreground), luminance(background)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


@pytest.mark.parametrize("scheme", [LIGHT, DARK], ids=["light", "dark"])
def test_every_text_colour_meets_wcag_aa(scheme: Colours):
    pairs = {
        "text": (scheme.text, scheme.base),
        "text on window": (scheme.text, scheme.window),
        "muted": (scheme.muted, scheme.window),
        "muted on fields": (scheme.muted, scheme.base),
        "placeholder": (scheme.placeholder, scheme.base),
        "link": (scheme.link, scheme.base),
        "warning": (scheme.warning, scheme.base),
        "selection": (scheme.highlighted_text, scheme.highlight),
        "error": (scheme.error_text, scheme.error_background),
        "export button": ("#ffffff", scheme.accent),
        "search match": (scheme.text, scheme.match_background),
        "line numbers": (scheme.gutter_text, scheme.gutter),
        "error line number": (scheme.problem_text, scheme.gutter),
    }
    pick = 0 if scheme is LIGHT else 1
    for kind, (*foregrounds, _bold, _italic, tagged) in _STYLES.items():
        pairs[f"template {kind}"] = (foregrounds[pick], _TAG_BACKGROUND[pick] if tagged else scheme.base)
    weak = {name: round(contrast(*pair), 2) for name, pair in pairs.items() if contrast(*pair) < 4.5}
    assert weak == {}
    assert contrast(scheme.control, scheme.base) >= 3  # a check box's edge, as WCAG asks of controls


def test_the_window_follows_the_system_s_dark_and_light_scheme(qtbot, window: MainWindow):
    create_application()  # the look the app sets up when it starts
    hints = QGuiApplication.styleHints()  # what the desktop says when its scheme changes (offscreen has none)
    try:
        hints.colorSchemeChanged.emit(Qt.ColorScheme.Dark)
        assert colours() is DARK
        palette = QApplication.palette()
        assert palette.color(QPalette.ColorRole.Window).lightness() < 60
        assert palette.color(QPalette.ColorRole.WindowText).lightness() > 200
        menu_action(window, "Template", "Edit Template…")  # the window keeps working in the new scheme
    finally:
        hints.colorSchemeChanged.emit(Qt.ColorScheme.Light)
    assert colours() is LIGHT
    assert QApplication.palette().color(QPalette.ColorRole.Window).lightness() > 200
