"""Running core work (ingest, preview, export) on a thread pool, reporting back through signals.

A job is a plain function taking a progress callback; its result, failure or
progress arrive as queued signals on the GUI thread, so the window keeps
painting while it runs and the core never needs to know about Qt.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QRunnable, QThreadPool, QTimer, Signal, SignalInstance

from app.core.errors import BriefgenError

log = logging.getLogger(__name__)

Progress = Callable[[int, int], None]
JobFunction = Callable[[Progress], Any]


class JobSignals(QObject):
    """Lives on the GUI thread; the worker emits, Qt queues the calls across."""

    progress = Signal(int, int)
    succeeded = Signal(object)
    failed = Signal(object)  # a BriefgenError
    finished = Signal()


class _Job(QRunnable):
    def __init__(self, function: JobFunction, signals: JobSignals) -> None:
        super().__init__()
        self._function = function
        self._signals = signals

    def run(self) -> None:
        try:
            result = self._function(self._signals.progress.emit)
        except BriefgenError as exc:
            self._signals.failed.emit(exc)
        except Exception as exc:  # a bug must reach the user as a message, not kill the worker silently
            log.exception("background job failed")
            self._signals.failed.emit(BriefgenError(f"unexpected error: {type(exc).__name__}: {exc}"))
        else:
            self._signals.succeeded.emit(result)
        self._signals.finished.emit()


class JobRunner(QObject):
    """Starts jobs and keeps their signal objects alive until each one finishes."""

    def __init__(self, parent: QObject | None = None, threads: int = 0) -> None:
        """``threads``: how many jobs may run at once (0: one per processor)."""
        super().__init__(parent)
        self._pool = QThreadPool(self)
        if threads:
            self._pool.setMaxThreadCount(threads)
        self._active: set[JobSignals] = set()

    def start(
        self,
        function: JobFunction,
        on_success: Callable[[Any], None],
        on_failure: Callable[[BriefgenError], None],
        on_progress: Callable[[int, int], None] | None = None,
    ) -> JobSignals:
        signals = JobSignals(self)
        signals.succeeded.connect(on_success)
        signals.failed.connect(on_failure)
        if on_progress is not None:
            signals.progress.connect(on_progress)
        signals.finished.connect(lambda: self._done(signals))
        self._active.add(signals)
        self._pool.start(_Job(function, signals))
        return signals

    def _done(self, signals: JobSignals) -> None:
        self._active.discard(signals)
        signals.deleteLater()

    def wait(self) -> None:
        """Block until running jobs end: used when the window closes, so no job reports to a dead widget."""
        self._pool.waitForDone()


class LatestJob(QObject):
    """Runs a job for the newest request only: after a pause, one at a time, dropping overtaken results.

    Live previews use it. Each request restarts a short timer, so typing does
    not queue a render per keystroke; a request made while a job runs waits for
    it, and a result that is older than the latest request is thrown away
    rather than shown, so pages are never replaced by older ones.
    """

    #: The result of the newest request.
    succeeded = Signal(object)
    #: The newest request failed: a BriefgenError.
    failed = Signal(object)

    def __init__(
        self, runner: JobRunner, make_job: Callable[[], JobFunction], delay_ms: int, parent: QObject | None = None
    ) -> None:
        super().__init__(parent)
        self._runner = runner
        self._make_job = make_job  # called on the GUI thread when the job starts, to take a snapshot
        self._generation = 0
        self._running = False
        self._pending = False
        self._held = False
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(delay_ms)
        self._timer.timeout.connect(self._start)

    def schedule(self) -> None:
        """Something changed: run again once the user pauses."""
        self._generation += 1
        if not self._held:
            self._timer.start()

    def hold(self) -> None:
        """Start nothing until ``release`` (a brief's sources are still being read: a job now would be wasted)."""
        self._held = True
        self._timer.stop()

    @property
    def held(self) -> bool:
        return self._held

    @property
    def settled(self) -> bool:
        """Whether the last result given is for the newest request: nothing waits, runs, or is held."""
        return not (self._running or self._pending or self._held or self._timer.isActive())

    def release(self, at_once: bool = True) -> None:
        """Run for what changed while held: now (nothing was typed, no pause to wait for), or after the usual
        pause, leaving the processors to more urgent work first."""
        self._held = False
        if at_once:
            self._generation += 1
            self._start()
        else:
            self.schedule()

    def cancel(self) -> None:
        """Drop any waiting request and the result of a running one (the owner is going away)."""
        self._generation += 1
        self._pending = False
        self._timer.stop()

    def _start(self) -> None:
        if self._running:
            self._pending = True
            return
        generation = self._generation
        self._running = True
        self._runner.start(
            self._make_job(),
            on_success=lambda result: self._finished(generation, self.succeeded, result),
            on_failure=lambda error: self._finished(generation, self.failed, error),
        )

    def _finished(self, generation: int, signal: SignalInstance, result: object) -> None:
        self._running = False
        if generation == self._generation:
            signal.emit(result)
        if self._pending:
            self._pending = False
            self._start()
