"""Cyclic garbage is collected on the GUI thread only, a little at a time, from the event loop.

Python runs its cycle collector in whichever thread happens to allocate when a
threshold is crossed: in the window that can be a worker thread unpickling a
job's result.  A cycle holding a Qt object (a widget and a lambda connected to
its signal) would then be destroyed off the GUI thread, which can crash Qt.
So automatic collection is off while the window runs, and this timer does the
collector's work at the same thresholds, on the GUI thread, where Qt objects
may die.  Reference counting frees everything else at once, as ever.

A full collection looks at every object the window holds: with a 155-page
brief's sources loaded, some 80,000, which kept the event loop for 80–90 ms
each time.  So what survives a full collection is frozen (``gc.freeze``) and
later full collections look only at what was made since.  Every
``SWEEP_SECONDS`` the frozen objects are given back and swept once, so cycles
among long-lived objects that have since become garbage are not kept for ever.
"""

from __future__ import annotations

import gc
import time

from PySide6.QtCore import QObject, QTimer

#: How often the thresholds are looked at: often enough that garbage never piles up, rarely enough to cost nothing.
CHECK_MS = 250
#: How often a full collection looks at the frozen objects too (the one pause of its length in that time).
SWEEP_SECONDS = 600.0


class GuiThreadCollector(QObject):
    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._was_enabled = gc.isenabled()
        gc.disable()
        self._next_sweep = time.monotonic() + SWEEP_SECONDS
        self._timer = QTimer(self)
        self._timer.setInterval(CHECK_MS)
        self._timer.timeout.connect(self.collect_due)
        self._timer.start()

    def collect_due(self) -> None:
        """Collect the generations whose allocation counts passed their thresholds, as the automatic collector would;
        a full collection freezes what it leaves, and now and then first unfreezes everything."""
        counts, thresholds = gc.get_count(), gc.get_threshold()
        for generation in (2, 1, 0):
            if counts[generation] > thresholds[generation]:
                if generation == 2 and time.monotonic() >= self._next_sweep:
                    gc.unfreeze()
                    self._next_sweep = time.monotonic() + SWEEP_SECONDS
                gc.collect(generation)
                if generation == 2:
                    gc.freeze()
                return

    def stop(self) -> None:
        """Give collection back to Python (the window is closing), the frozen objects with it."""
        self._timer.stop()
        gc.unfreeze()
        if self._was_enabled:
            gc.enable()
