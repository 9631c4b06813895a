"""The installed Qt binding keeps Python's reference counts straight.

PySide6-Essentials 6.12.0 drops a reference to None on every Qt call that
returns nothing and one to True on every Signal.emit(); on Python 3.11 the
interpreter aborts ("none_dealloc") within seconds of using the app.
pyproject.toml excludes that release; this test fails if a bump brings such a
release back.
"""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from app.core.paths import PROJECT_DIR

pytestmark = pytest.mark.gui

PROBE = """
import sys
from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QApplication, QWidget

class Emitter(QObject):
    ping = Signal()

qt = QApplication([])
widget, emitter = QWidget(), Emitter()
emitter.ping.connect(lambda: None)
none_before, true_before = sys.getrefcount(None), sys.getrefcount(True)
for _ in range(1000):
    widget.update()
    emitter.ping.emit()
print(sys.getrefcount(None) - none_before, sys.getrefcount(True) - true_before)
"""


def test_void_calls_and_emits_keep_none_and_true_counts():
    result = subprocess.run(
        [sys.executable, "-c", PROBE], capture_output=True, text=True, cwd=PROJECT_DIR, timeout=120,
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
    )  # fmt: skip
    assert result.returncode == 0, result.stderr[-2000:]
    none_delta, true_delta = (int(v) for v in result.stdout.split())
    assert none_delta >= 0 and true_delta >= 0
