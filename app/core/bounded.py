"""Run untrusted work in a child process bounded in time and memory, so a hostile input cannot hang or sink the app.

Reading a dropped file and running a shared template meet input nobody here
wrote.  The algorithms are meant to be linear, but a library's C code (a PDF
parser, an image decoder, ``str.format``) cannot be interrupted from Python, so
the second line of defence is a process: the child gets an address-space limit
(``RLIMIT_AS``) and the parent kills it when the time is up.  Either way the
caller gets one ``LimitExceeded`` saying what was stopped and why, and the
parent process (the window) lives on.

The child starts by ``fork`` from a process that has no other threads (the
CLI: milliseconds) and from a ``forkserver`` otherwise (the GUI, whose Qt
threads make a plain fork unsafe), which ``use_forkserver`` chooses.  Results
and exceptions travel back pickled; Briefgen's own errors keep their message.

A file named by such input is read with ``read_regular_file``: a regular file
of bounded size only, so a FIFO or a device cannot block or flood the reader.
"""

from __future__ import annotations

import atexit
import contextlib
import multiprocessing
import multiprocessing.connection
import os
import sys
import threading
import time
from collections.abc import Callable, Iterator, Sequence
from multiprocessing.context import BaseContext
from pathlib import Path
from typing import Any, TypeVar, cast

from app.core.errors import BriefgenError

T = TypeVar("T")

#: Defaults: generous for real documents (a 50 MB PDF, a 500-source brief), far below what hurts a machine.
DEFAULT_SECONDS = 60.0
DEFAULT_MEMORY_BYTES = 2 * 1024**3

#: Tests and debuggers can switch the child process off: the work then runs in-process, unbounded.
INLINE_ENV = "BRIEFGEN_INLINE_WORKERS"

_context: BaseContext | None = None


class LimitExceeded(BriefgenError):
    """Work was stopped because it ran too long or needed too much memory."""


def use_forkserver(preload: Sequence[str] = ()) -> None:
    """Start children from a fork server (call once, before threads start, in a multi-threaded program).

    ``preload`` names modules the server imports once, so each child starts with them already loaded.
    """
    global _context
    if sys.platform.startswith("win"):
        _context = multiprocessing.get_context("spawn")
        return
    context = multiprocessing.get_context("forkserver")
    context.set_forkserver_preload(list(preload))
    _context = context


def start_workers() -> None:
    """Start the fork server now: it imports its preload while the program goes on starting, rather than when
    the first worker is wanted (a plain fork needs nothing started)."""
    if _context is not None and _context.get_start_method() == "forkserver":
        from multiprocessing import forkserver

        forkserver.ensure_running()


def _default_context() -> BaseContext:
    if _context is not None:
        return _context
    method = "fork" if sys.platform.startswith("linux") else "spawn"
    return multiprocessing.get_context(method)


def _inherited_memory_limit(memory_bytes: int) -> int:
    """``memory_bytes``, or less when this process is itself a bounded worker: a child never loosens its limit."""
    try:
        import resource
    except ImportError:  # Windows has no rlimits: the time limit still holds
        return memory_bytes
    soft, _hard = resource.getrlimit(resource.RLIMIT_AS)
    return memory_bytes if soft == resource.RLIM_INFINITY else min(memory_bytes, soft)


def _limit_memory(memory_bytes: int) -> None:
    """Allow the work ``memory_bytes`` of address space beyond what the process has mapped already.

    A forked child starts with its parent's mappings (a test runner, the window's libraries): counting
    them against the work would make the same file pass or fail depending on who forked it.  A limit
    already in force (a worker inside a worker) is never loosened.
    """
    try:
        import resource
    except ImportError:  # Windows has no rlimits: the time limit still holds
        return
    soft, hard = resource.getrlimit(resource.RLIMIT_AS)
    limit = _mapped_bytes() + memory_bytes
    for ceiling in (soft, hard):
        if ceiling != resource.RLIM_INFINITY:
            limit = min(limit, ceiling)
    resource.setrlimit(resource.RLIMIT_AS, (limit, hard))


def _mapped_bytes() -> int:
    """The address space this process has mapped now (Linux; 0 where it cannot be read)."""
    try:
        pages = int(Path("/proc/self/statm").read_text().split()[0])
    except (OSError, ValueError, IndexError):
        return 0
    return pages * os.sysconf("SC_PAGE_SIZE")


class _Setting:
    """The caller's environment variables and folder, which a child from a fork server does not inherit.

    The fork server started with the environment of its day; work must see the caller's (a changed data
    folder, a template folder named since) to give the same answer it would give in the caller.
    """

    def __init__(self) -> None:
        self.environment = dict(os.environ)
        self.folder = os.getcwd()

    def enter(self) -> None:
        if os.environ != self.environment:
            os.environ.clear()
            os.environ.update(self.environment)
        with contextlib.suppress(OSError):  # the caller's folder is gone: work names its files by full paths
            os.chdir(self.folder)


def _child(
    connection: multiprocessing.connection.Connection,
    setting: _Setting,
    memory_bytes: int,
    work: Callable[..., Any],
    args: tuple,
) -> None:
    """Run ``work`` under the memory limit and send back ("ok", result) or ("error", exception)."""
    try:
        setting.enter()
        _limit_memory(memory_bytes)
        _send(connection, _outcome(work, *args))
    except MemoryError:
        connection.send(("memory", None))
    finally:
        connection.close()


def _outcome(work: Callable[..., Any], *args: object) -> tuple[str, object]:
    """("ok", result) or ("error", the exception, made picklable); running out of memory is left to the caller."""
    try:
        return "ok", work(*args)
    except MemoryError:
        raise
    except BaseException as exc:  # sent back whole: the parent decides what to show
        return "error", exc if _picklable(exc) else BriefgenError(f"{type(exc).__name__}: {exc}")


def _raised_or_returned(outcome: tuple[str, object]) -> Any:
    """The value of an ("ok", value) outcome; an ("error", exception) one is raised."""
    status, value = outcome
    if status == "error":
        assert isinstance(value, BaseException)
        raise value
    return value


def _send(connection: multiprocessing.connection.Connection, outcome: tuple[str, object]) -> None:
    """Send an outcome; one that cannot be pickled becomes an error (MemoryError is left to the caller)."""
    try:
        connection.send(outcome)
    except MemoryError:
        raise
    except Exception as exc:  # an unpicklable result
        connection.send(("error", BriefgenError(f"the result could not be passed back: {exc}")))


def _too_long(what: str, seconds: float) -> LimitExceeded:
    return LimitExceeded(f"{what} was stopped after {seconds:g} s; it is too large or built to never finish")


def _too_big(what: str, memory_bytes: int) -> LimitExceeded:
    return LimitExceeded(f"{what} was stopped: it needs more than {memory_bytes // 1024**2} MB of memory")


def _died(what: str) -> LimitExceeded:
    return LimitExceeded(f"{what} was stopped: the worker ended without an answer (it ran out of memory or crashed)")


def _picklable(exc: BaseException) -> bool:
    import pickle

    try:
        pickle.loads(pickle.dumps(exc))
    except Exception:
        return False
    return True


def run_bounded(
    work: Callable[..., T],
    *args: object,
    what: str,
    seconds: float = DEFAULT_SECONDS,
    memory_bytes: int = DEFAULT_MEMORY_BYTES,
) -> T:
    """``work(*args)`` in a child process; LimitExceeded naming ``what`` when it overruns time or memory.

    ``work`` must be a module-level function and its arguments and result picklable.  An exception
    raised by ``work`` is raised here as it was (a BriefgenError keeps its message).
    """
    if os.environ.get(INLINE_ENV):
        return work(*args)
    memory_bytes = _inherited_memory_limit(memory_bytes)
    context = _default_context()
    receiver, sender = context.Pipe(duplex=False)
    # Not a daemon, so the work may start bounded work of its own; it is killed and joined below in every case.
    process = context.Process(target=_child, args=(sender, _Setting(), memory_bytes, work, args))  # type: ignore[attr-defined]
    process.start()
    sender.close()
    try:
        if not receiver.poll(seconds):
            raise _too_long(what, seconds)
        try:
            status, value = receiver.recv()
        except EOFError:
            raise _died(what) from None
    finally:
        if process.is_alive():
            process.kill()
        process.join(5)
        receiver.close()
    if status == "memory":
        raise _too_big(what, memory_bytes)
    return cast(T, _raised_or_returned((status, value)))


def _serve(connection: multiprocessing.connection.Connection, memory_bytes: int) -> None:
    """A WarmWorker's child: run each job sent, in the caller's setting, until the caller hangs up."""
    try:
        _limit_memory(memory_bytes)
        while True:
            try:
                setting, work, args = connection.recv()
            except EOFError:
                return
            setting.enter()
            _send(connection, _outcome(work, *args))
    except MemoryError:
        connection.send(("memory", None))
    finally:
        connection.close()


class WarmWorker:
    """One child process kept from job to job, bounded like ``run_bounded``, so what it caches stays warm.

    A preview rebuilt after every pause would otherwise start cold each time: fonts registered, templates
    compiled and passages compared again, several times the work of the build itself.  Jobs run one at a time
    (callers on several threads wait their turn).  A job that overruns its time or memory, or crashes the child,
    is a LimitExceeded and ends the child; the next job starts a fresh one.
    """

    def __init__(self, what: str, seconds: float = DEFAULT_SECONDS, memory_bytes: int = DEFAULT_MEMORY_BYTES) -> None:
        self._what = what
        self._seconds = seconds
        self._memory_bytes = memory_bytes
        self._lock = threading.Lock()
        self._child: tuple[Any, multiprocessing.connection.Connection] | None = None
        self._child_seen = False
        #: Jobs begun and not yet finished (``begin``); with BRIEFGEN_INLINE_WORKERS, their outcomes.
        self._begun = 0
        #: Jobs begun in a child that has been ended since: each is finished with a LimitExceeded.
        self._lost = 0
        self._inline: list[tuple[str, object]] = []

    def run(self, work: Callable[..., T], *args: object) -> T:
        """``work(*args)`` in the child; ``work`` must be a module-level function, its arguments picklable."""
        if os.environ.get(INLINE_ENV):
            return work(*args)
        with self._lock:
            if self._begun or self._lost:
                raise RuntimeError("a job begun is not finished")
            self._send(work, args)
            return cast(T, self._answer())

    def begin(self, work: Callable[..., object], *args: object) -> None:
        """Send ``work(*args)`` to the child and return at once; ``finish`` gives its answer, jobs in the order begun.

        For a caller that owns the worker and has other work meanwhile (the CLI renders the DOCX while the PDF
        is rendered here); a job begun must be finished before ``run`` is called.
        """
        if os.environ.get(INLINE_ENV):
            self._inline.append(_outcome(work, *args))
            return
        with self._lock:
            self._send(work, args)
            self._begun += 1

    def finish(self) -> Any:
        """The answer to the oldest job begun and not finished, waiting for it (LimitExceeded as ``run`` would)."""
        if os.environ.get(INLINE_ENV):
            return _raised_or_returned(self._inline.pop(0))
        with self._lock:
            if self._lost:  # begun in a child that was ended since (the job before it overran or crashed it)
                self._lost -= 1
                raise _died(self._what)
            if not self._begun:
                raise RuntimeError("no job was begun")
            self._begun -= 1
            return self._answer()

    def _send(self, work: Callable[..., object], args: tuple) -> None:
        _process, connection = self._child or self._start()
        try:
            connection.send((_Setting(), work, args))
        except (EOFError, OSError):
            self._stop()
            raise _died(self._what) from None

    def _answer(self) -> object:
        """Wait for the child's next answer; its value, or the exception it stands for."""
        assert self._child is not None
        _process, connection = self._child
        try:
            if not connection.poll(self._seconds):
                raise _too_long(self._what, self._seconds)
            status, value = connection.recv()
        except (EOFError, OSError):
            self._stop()
            raise _died(self._what) from None
        except BaseException:
            self._stop()
            raise
        if status == "memory":
            self._stop()
            raise _too_big(self._what, self._memory_bytes)
        return _raised_or_returned((status, value))

    def close(self) -> None:
        """End the child; a job waiting on it gets a LimitExceeded (the owner is going away)."""
        child = self._child
        if child is not None:
            child[0].kill()
        with self._lock:
            self._stop()

    def _start(self) -> tuple[Any, multiprocessing.connection.Connection]:
        context = _default_context()
        mine, theirs = context.Pipe(duplex=True)
        memory_bytes = _inherited_memory_limit(self._memory_bytes)
        # not a daemon, so its jobs may start bounded work of their own; ended at exit like any child
        process = context.Process(target=_serve, args=(theirs, memory_bytes))  # type: ignore[attr-defined]
        process.start()
        theirs.close()
        if not self._child_seen:
            self._child_seen = True
            atexit.register(self.close)
        self._child = (process, mine)
        return self._child

    def _stop(self) -> None:
        self._lost, self._begun = self._lost + self._begun, 0
        if self._child is not None:
            process, connection = self._child
            self._child = None
            if process.is_alive():
                process.kill()
            process.join(5)
            connection.close()


def _each_child(
    connection: multiprocessing.connection.Connection,
    setting: _Setting,
    memory_bytes: int,
    work: Callable[[Any], Any],
    items: list,
) -> None:
    """Run ``work`` on each item in turn under one memory limit, sending back each outcome as it is known.

    After running out of memory the process's state is suspect: it says so and stops, and the parent starts
    another for the items left.
    """
    try:
        setting.enter()
        _limit_memory(memory_bytes)
        for item in items:
            _send(connection, _outcome(work, item))
    except MemoryError:
        connection.send(("memory", None))
    finally:
        connection.close()


class _Worker:
    """One child working through a run of items; ``done`` counts the items it has answered for."""

    def __init__(self, context: BaseContext, work: Callable[[Any], Any], items: list, memory_bytes: int) -> None:
        self.items = items
        self.done = 0
        self.receiver, sender = context.Pipe(duplex=False)
        self.process = context.Process(  # type: ignore[attr-defined]
            target=_each_child, args=(sender, _Setting(), memory_bytes, work, items)
        )
        self.process.start()
        sender.close()

    def stop(self) -> None:
        if self.process.is_alive():
            self.process.kill()
        self.process.join(5)
        self.receiver.close()


def run_bounded_each(
    work: Callable[[Any], T],
    items: Sequence[Any],
    *,
    what: Callable[[Any], str],
    seconds: float = DEFAULT_SECONDS,
    memory_bytes: int = DEFAULT_MEMORY_BYTES,
    workers: int = 0,
) -> Iterator[tuple[int, T | BaseException]]:
    """``work(item)`` for every item, in a few child processes at once (``workers``, default the CPU count), each
    item bounded by ``seconds`` and every child by ``memory_bytes``; yields (index, result or exception) as each
    item ends, in the order they end.

    Starting a process per item would cost more than reading a small file, so each child works through a run of
    items. An item that overruns its time is a LimitExceeded and its child is killed; one that exhausts the
    child's memory, or whose child dies, is tried again alone in a fresh child (memory may have been held by the
    items before it), and only then is its LimitExceeded given. The other items go on in a new child.
    """
    if os.environ.get(INLINE_ENV):
        for index, item in enumerate(items):
            try:
                yield index, work(item)
            except Exception as exc:
                yield index, exc
        return
    memory_bytes = _inherited_memory_limit(memory_bytes)
    context = _default_context()
    count = max(1, min(workers or os.cpu_count() or 1, len(items)))
    queues = [list(range(start, len(items), count)) for start in range(count)]
    running: dict[Any, tuple[_Worker, list[int], float]] = {}

    def start(indexes: list[int]) -> None:
        if indexes:
            worker = _Worker(context, work, [items[i] for i in indexes], memory_bytes)
            running[worker.receiver] = (worker, indexes, time.monotonic() + seconds)

    for queue in queues:
        start(queue)
    try:
        while running:
            soonest = min(deadline for _, _, deadline in running.values())
            ready = multiprocessing.connection.wait(list(running), timeout=max(0.0, soonest - time.monotonic()))
            now = time.monotonic()
            for receiver, (worker, indexes, deadline) in list(running.items()):
                index = indexes[worker.done]
                if receiver in ready:
                    try:
                        status, value = receiver.recv()
                    except EOFError:
                        status, value = "died", None
                elif now >= deadline:
                    status, value = "time", None
                else:
                    continue
                if status == "ok" or status == "error":
                    worker.done += 1
                    running[receiver] = (worker, indexes, time.monotonic() + seconds)
                    yield index, value
                    if worker.done == len(indexes):
                        del running[receiver]
                        worker.stop()
                    continue
                del running[receiver]
                worker.stop()
                if status == "time":
                    yield index, _too_long(what(items[index]), seconds)
                else:  # out of memory, or the child died: perhaps of the items before this one; try it alone
                    try:
                        yield index, run_bounded(work, items[index], what=what(items[index]), seconds=seconds,
                                                 memory_bytes=memory_bytes)  # fmt: skip
                    except Exception as exc:
                        yield index, exc
                start(indexes[worker.done + 1 :])
    finally:
        for worker, _, _ in running.values():
            worker.stop()
