"""The real application, killed while the analyst types, leaves an autosave holding all but the last interval.

The child process runs ``briefgen gui`` (the CLI's own entry point) with a
short autosave interval; a timer started before the window opens types into it
with QTest, logs each keystroke, and then kills the process with SIGKILL, as a
crash or a power cut would, so nothing gets a chance to save on the way out.
The test then recovers the autosave exactly as the next start would.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from app.brief.autosave import find_recoverable

pytestmark = [pytest.mark.gui, pytest.mark.skipif(os.name != "posix", reason="kills itself with SIGKILL")]

REPO = Path(__file__).resolve().parents[2]
INTERVAL_MS = 300
#: How late a due autosave may run: key presses and the save itself happen on the same event loop.
LATENESS_S = 0.25

DRIVER = """
import json, os, signal, sys, time

from PySide6.QtCore import Qt, QTimer
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from app.cli.main import main
from app.gui import autosave_schedule
from app.gui.app import create_application
from app.gui.main_window import MainWindow

autosave_schedule.INTERVAL_MS = int(sys.argv[1])
TEXT = sys.argv[2]


def log(**event):
    print(json.dumps({"t": time.monotonic(), **event}), flush=True)


def drive():
    window = next(w for w in QApplication.topLevelWidgets() if isinstance(w, MainWindow))
    for _ in range(200):  # the first start reads the bundled sample on a worker: let it land first
        if window.sources_model.rowCount():
            break
        QTest.qWait(50)
    window.tabs.setCurrentWidget(window.details_form)
    field = window.details_form.lines["title"]
    field.setFocus()
    QTest.keyClick(field, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)  # typing replaces "Untitled brief"
    for count, char in enumerate(TEXT, start=1):
        QTest.keyClicks(field, char)
        log(typed=TEXT[:count])
        QTest.qWait(40)
    log(killed=True)
    os.kill(os.getpid(), signal.SIGKILL)


create_application()
QTimer.singleShot(200, drive)
sys.exit(main(["gui"]))
"""


def test_a_killed_session_keeps_all_but_the_last_interval(tmp_path: Path):
    text = "Recruitment of Iraqi nationals into Russian forces, second draft"
    env = {
        **os.environ,
        "QT_QPA_PLATFORM": "offscreen",
        "XDG_DATA_HOME": str(tmp_path / "data"),
        "XDG_CONFIG_HOME": str(tmp_path / "config"),
        "XDG_CACHE_HOME": str(tmp_path / "cache"),
    }
    done = subprocess.run(
        [sys.executable, "-c", DRIVER, str(INTERVAL_MS), text],
        cwd=REPO,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == -signal.SIGKILL, done.stderr
    events = [json.loads(line) for line in done.stdout.splitlines() if line.startswith("{")]
    typing = [e for e in events if "typed" in e]
    (killed,) = [e["t"] for e in events if e.get("killed")]
    assert typing[-1]["typed"] == text
    assert killed - typing[0]["t"] > 4 * INTERVAL_MS / 1000, "the typing should span several intervals"

    (recovery,) = find_recoverable(tmp_path / "data" / "briefgen" / "autosave")
    recovered = recovery.load().meta.title
    # Everything typed up to one interval (and a little scheduling slack) before the kill is there …
    safe = [e["typed"] for e in typing if e["t"] <= killed - INTERVAL_MS / 1000 - LATENESS_S]
    assert safe, "the kill came too soon after the first keystroke to test anything"
    assert recovered.startswith(safe[-1]), f"lost more than the last interval: {recovered!r} vs {safe[-1]!r}"
    # … and nothing that was not typed.
    assert text.startswith(recovered)
