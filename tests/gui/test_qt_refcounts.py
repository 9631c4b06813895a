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


def test_cyclic_garbage_is_collected_on_the_gui_thread_only(qtbot):
    """Automatic collection is off while the window runs; the collector's timer does it, on the GUI thread."""
    import gc
    import threading

    assert not gc.isenabled()  # the fixture's collector, as run_app's
    collected_in: list[str] = []

    class Cyclic:
        def __init__(self) -> None:
            self.me = self

        def __del__(self) -> None:
            collected_in.append(threading.current_thread().name)

    def make_garbage() -> None:
        for _ in range(5000):  # well past the first threshold, allocated on a worker thread
            Cyclic()

    worker = threading.Thread(target=make_garbage, name="worker")
    worker.start()
    worker.join()
    assert collected_in == []  # nothing collected where it was allocated
    qtbot.waitUntil(lambda: len(collected_in) >= 5000, timeout=5_000)
    assert set(collected_in) == {threading.main_thread().name}
