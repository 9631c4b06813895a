"""Re-make the app icon's PNG sizes (assets/icons/briefgen-N.png) from its drawing, assets/icons/briefgen.svg.

``briefgen install-desktop`` installs the drawing and these sizes into the hicolor icon theme: the icon theme
specification asks for at least a 48×48 PNG, for desktops and docks that draw no SVG. Drawn by Qt's SVG renderer,
as the window draws its own icons: ``.venv/bin/python tools/make_app_icons.py``.
"""

from __future__ import annotations

import os
import sys

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QGuiApplication, QImage, QPainter
from PySide6.QtSvg import QSvgRenderer

from app.core.paths import APP_ICON, APP_ICON_SIZES, app_icon_png


def main() -> int:
    _app = QGuiApplication(sys.argv[:1])
    renderer = QSvgRenderer(str(APP_ICON))
    for size in APP_ICON_SIZES:
        image = QImage(size, size, QImage.Format.Format_ARGB32)
        image.fill(Qt.GlobalColor.transparent)
        painter = QPainter(image)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        renderer.render(painter, QRectF(0, 0, size, size))
        painter.end()
        if not image.save(str(app_icon_png(size))):
            print(f"could not write {app_icon_png(size)}", file=sys.stderr)
            return 1
        print(app_icon_png(size))
    return 0


if __name__ == "__main__":
    sys.exit(main())
