"""Re-make the window screenshots in docs/: the first start at 1024 × 700 and 1440 × 900, light and dark.

Run ``QT_QPA_PLATFORM=offscreen .venv/bin/python tools/make_window_screenshots.py``.  Each picture is taken in a
process of its own with empty user folders, as a first start; the PNGs are reduced to 256 colours.
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
from pathlib import Path

PROJECT_DIR = Path(__file__).resolve().parents[1]
SIZES = ((1024, 700), (1440, 900))
SCHEMES = ("light", "dark")
#: How long the first start takes to read the sample and draw its pages before the picture is taken.
SETTLE_MS = 7000


def shoot(width: int, height: int, scheme: str, out: Path) -> None:
    """One window, as a first start shows it, saved to ``out``."""
    from PIL import Image
    from PySide6.QtCore import Qt, QTimer

    from app.core import bounded
    from app.gui.app import WORKER_PRELOAD, create_application

    bounded.use_forkserver(WORKER_PRELOAD)
    app = create_application()
    if scheme == "dark":
        app.styleHints().colorSchemeChanged.emit(Qt.ColorScheme.Dark)
    from app.gui.main_window import MainWindow

    window = MainWindow()
    window.resize(width, height)
    window.show()
    window.start()

    def grab() -> None:
        window.grab().save(str(out))
        app.quit()

    QTimer.singleShot(SETTLE_MS, grab)
    app.exec()
    picture = Image.open(out).convert("RGB").quantize(colors=256, dither=Image.Dither.NONE)
    picture.save(out, optimize=True)


def main() -> None:
    if len(sys.argv) == 5:
        shoot(int(sys.argv[1]), int(sys.argv[2]), sys.argv[3], Path(sys.argv[4]))
        os._exit(0)  # the worker processes are not waited for
    for width, height in SIZES:
        for scheme in SCHEMES:
            out = PROJECT_DIR / "docs" / f"window-{width}x{height}-{scheme}.png"
            with tempfile.TemporaryDirectory() as home:
                env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
                env.update({key: f"{home}/{key}" for key in ("XDG_CONFIG_HOME", "XDG_DATA_HOME", "XDG_CACHE_HOME")})
                args = [sys.executable, __file__, str(width), str(height), scheme, str(out)]
                subprocess.run(args, env=env, check=True, cwd=PROJECT_DIR, timeout=120)
            print(out.relative_to(PROJECT_DIR))


if __name__ == "__main__":
    main()
