"""Toolbar and button icons drawn from small inline SVGs.

Icon themes are missing on many Linux desktops and on Windows, and Qt's
built-in standard pixmaps look dated; a dozen line icons kept as code ship with
the package and take the palette's text colour, so they suit light and dark themes.
"""

from __future__ import annotations

from functools import cache

from PySide6.QtCore import QByteArray, QRect, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QIcon, QIconEngine, QPainter, QPalette, QPixmap
from PySide6.QtSvg import QSvgRenderer
from PySide6.QtWidgets import QApplication

# 24×24 stroke drawings; "currentColor" is replaced by the palette colour.
_PATHS: dict[str, str] = {
    "new": '<path d="M14 3H7a2 2 0 0 0-2 2v14a2 2 0 0 0 2 2h10a2 2 0 0 0 2-2V8z"/><path d="M14 3v5h5"/>'
    '<path d="M12 11v6M9 14h6"/>',
    "open": '<path d="M3 7a2 2 0 0 1 2-2h4l2 2h8a2 2 0 0 1 2 2v8a2 2 0 0 1-2 2H5a2 2 0 0 1-2-2z"/>',
    "save": '<path d="M5 3h11l3 3v13a2 2 0 0 1-2 2H7a2 2 0 0 1-2-2z"/><path d="M8 3v5h7V3"/>'
    '<rect x="8" y="13" width="8" height="6" rx="1"/>',
    "add": '<path d="M14 3H7a2 2 0 0 0-2 2v14a2 2 0 0 0 2 2h5"/><path d="M14 3v5h5v4"/>'
    '<path d="M18 15v6M15 18h6"/><path d="M8 12h5M8 16h3"/>',
    "undo": '<path d="M9 14 4 9l5-5"/><path d="M4 9h10.5a5.5 5.5 0 0 1 0 11H11"/>',
    "redo": '<path d="m15 14 5-5-5-5"/><path d="M20 9H9.5a5.5 5.5 0 0 0 0 11H13"/>',
    "export": '<path d="M12 15V3"/><path d="m7 8 5-5 5 5"/><path d="M5 13v6a2 2 0 0 0 2 2h10a2 2 0 0 0 2-2v-6"/>',
    "up": '<path d="M12 19V5"/><path d="m5 12 7-7 7 7"/>',
    "down": '<path d="M12 5v14"/><path d="m19 12-7 7-7-7"/>',
    "remove": '<path d="M4 7h16"/><path d="M10 11v6M14 11v6"/><path d="M6 7l1 12a2 2 0 0 0 2 2h6a2 2 0 0 0 2-2l1-12"/>'
    '<path d="M9 7V4h6v3"/>',
    "reset": '<path d="M3 12a9 9 0 1 0 3-6.7"/><path d="M3 4v5h5"/>',
    "search": '<circle cx="11" cy="11" r="7"/><path d="m20 20-4-4"/>',
    "folder": '<path d="M3 7a2 2 0 0 1 2-2h4l2 2h8a2 2 0 0 1 2 2v8a2 2 0 0 1-2 2H5a2 2 0 0 1-2-2z"/>',
    "file": '<path d="M14 3H7a2 2 0 0 0-2 2v14a2 2 0 0 0 2 2h10a2 2 0 0 0 2-2V8z"/><path d="M14 3v5h5"/>',
    "close": '<path d="M6 6l12 12M18 6 6 18"/>',
    "write": '<path d="M4 20h4L19 9l-4-4L4 16z"/><path d="m13 7 4 4"/>',
    "figure": '<rect x="3" y="4" width="18" height="16" rx="2"/><circle cx="9" cy="10" r="2"/>'
    '<path d="m21 16-5-5-9 9"/>',
    "excerpt": '<path d="M5 5h14M5 9h14M5 13h9M5 17h6"/><path d="M18 14v6M15 17h6"/>',
    "quote": '<path d="M7 7H4v5h3l-1 5M17 7h-3v5h3l-1 5"/>',
    "warning": '<path d="M12 3 2 20h20z"/><path d="M12 10v4M12 17v.5"/>',
    "check": '<path d="m5 12 5 5 9-10"/>',
    "print": '<path d="M7 9V3h10v6"/><rect x="3" y="9" width="18" height="8" rx="2"/><path d="M7 14h10v7H7z"/>',
}

_SVG = (
    '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 24 24" fill="none" stroke="{colour}" '
    'stroke-width="1.8" stroke-linecap="round" stroke-linejoin="round">{body}</svg>'
)


def _pixmap(name: str, colour: QColor, size: int, scale: float = 1.0) -> QPixmap:
    renderer = QSvgRenderer(QByteArray(_SVG.format(colour=colour.name(), body=_PATHS[name]).encode()))
    pixels = max(1, round(size * scale))
    pixmap = QPixmap(pixels, pixels)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    renderer.render(painter, QRectF(0, 0, pixels, pixels))
    painter.end()
    pixmap.setDevicePixelRatio(scale)
    return pixmap


class _LineIcon(QIconEngine):
    """Draws its icon at the size and in the mode asked for, when first asked: the window shows each icon at one
    or two sizes, and drawing five sizes in two modes of every icon up front took 0.05 s of its start."""

    def __init__(self, name: str, normal: QColor, disabled: QColor) -> None:
        super().__init__()
        self._name = name
        self._colours = (normal, disabled)
        self._drawn: dict[tuple[int, float, bool], QPixmap] = {}

    def scaledPixmap(self, size: QSize, mode: QIcon.Mode, state: QIcon.State, scale: float) -> QPixmap:
        side = min(size.width(), size.height())
        faded = mode == QIcon.Mode.Disabled
        key = (side, scale, faded)
        if key not in self._drawn:
            self._drawn[key] = _pixmap(self._name, self._colours[faded], side, scale)
        return self._drawn[key]

    def pixmap(self, size: QSize, mode: QIcon.Mode, state: QIcon.State) -> QPixmap:
        return self.scaledPixmap(size, mode, state, 1.0)

    def paint(self, painter: QPainter, rect: QRect, mode: QIcon.Mode, state: QIcon.State) -> None:
        painter.drawPixmap(rect, self.scaledPixmap(rect.size(), mode, state, painter.device().devicePixelRatioF()))

    def clone(self) -> QIconEngine:
        return _LineIcon(self._name, *self._colours)


#: The engines behind the icons, kept here so Python never frees one a QIcon still draws with.
_engines: list[_LineIcon] = []


@cache
def icon(name: str) -> QIcon:
    """The icon ``name`` in the text colour, with a faded variant for disabled actions."""
    palette = QApplication.palette()
    normal = palette.color(QPalette.ColorGroup.Active, QPalette.ColorRole.WindowText)
    disabled = palette.color(QPalette.ColorGroup.Disabled, QPalette.ColorRole.WindowText)
    if name not in _PATHS:
        raise KeyError(name)
    engine = _LineIcon(name, normal, disabled)
    _engines.append(engine)
    return QIcon(engine)
