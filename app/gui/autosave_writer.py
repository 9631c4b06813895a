"""The session's autosaves, written on a thread of their own so an autosave falling due never pauses typing.

Turning a long brief into JSON and writing it (app.brief.autosave) took 60-90 ms
of the window's thread, a stall the analyst felt whenever the autosave timer
fired mid-sentence. The window now hands over a copy of the brief and goes on;
one thread writes the copies in the order they were given, so a later autosave
is never overwritten by an earlier one. Removing the autosave (the brief was
saved, or the window closes) first waits for any write still under way, so no
write can bring back a file that was removed.
"""

from __future__ import annotations

from concurrent.futures import Future, ThreadPoolExecutor
from pathlib import Path

from PySide6.QtCore import QObject, Signal

from app.brief.autosave import Autosaver
from app.core.errors import BriefgenError
from app.core.model import BriefProject


class AutosaveWriter(QObject):
    """Writes ``autosaver``'s file in the background; ``failed`` (a BriefgenError) arrives on the window's thread."""

    failed = Signal(object)

    def __init__(self, autosaver: Autosaver, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.autosaver = autosaver
        self._thread = ThreadPoolExecutor(max_workers=1, thread_name_prefix="autosave")
        self._last: Future[None] | None = None

    def save(self, project: BriefProject, project_path: Path | None) -> None:
        """Autosave ``project``, a copy nobody changes meanwhile (``BriefSession.project_copy``); returns at once."""
        self._last = self._thread.submit(self._write, project, project_path)

    def wait(self) -> None:
        """Until every autosave asked for is on disk (or has failed)."""
        if self._last is not None:
            self._last.result()

    def discard(self) -> None:
        """Remove the autosave, once any write still under way has finished."""
        self.wait()
        self.autosaver.discard()

    def close(self) -> None:
        """Remove the autosave and end the thread (the window is closing)."""
        self.discard()
        self._thread.shutdown(wait=True)

    def _write(self, project: BriefProject, project_path: Path | None) -> None:
        try:
            self.autosaver.save(project, project_path)
        except BriefgenError as exc:  # reported on the window's thread: a full disk must not stop the analyst
            self.failed.emit(exc)
        except Exception as exc:  # a bug: said, never raised into the window's close
            self.failed.emit(BriefgenError(f"unexpected error: {type(exc).__name__}: {exc}"))
