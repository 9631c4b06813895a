"""Work in a bounded child process: results and errors come back, overruns end in one clear LimitExceeded."""

from __future__ import annotations

import os
import signal
import time

import pytest

from app.core import bounded
from app.core.bounded import LimitExceeded, run_bounded
from app.core.errors import IngestError, TemplateError

MB = 1024**2


def add(a: int, b: int) -> int:
    return a + b


def refuse(path: str) -> None:
    raise IngestError(path, "not a real document")


def template_fails() -> None:
    raise TemplateError("unknown filter", "brief.md.j2", 12)


def spin() -> None:
    while True:
        pass


def sleep_in_c() -> None:
    time.sleep(3600)  # C code: no Python-level hook can interrupt it


def grab_memory() -> int:
    chunks = [bytearray(64 * MB) for _ in range(200)]  # 12.8 GB if nothing stopped it
    return len(chunks)


def crash() -> None:
    os.kill(os.getpid(), signal.SIGKILL)


def unpicklable_error() -> None:
    class Local(Exception):
        pass

    raise Local("made inside a function")


@pytest.fixture(autouse=True)
def real_children(monkeypatch):
    monkeypatch.delenv(bounded.INLINE_ENV, raising=False)


def test_result_comes_back():
    assert run_bounded(add, 2, 3, what="adding") == 5


def test_briefgen_errors_come_back_unchanged():
    with pytest.raises(IngestError) as info:
        run_bounded(refuse, "/tmp/x.pdf", what="reading x.pdf")
    assert (info.value.path, info.value.reason) == ("/tmp/x.pdf", "not a real document")
    with pytest.raises(TemplateError) as template_info:
        run_bounded(template_fails, what="the template")
    assert str(template_info.value) == "brief.md.j2:12: unknown filter"


@pytest.mark.parametrize("work", [spin, sleep_in_c], ids=["python loop", "C call"])
def test_work_past_the_time_limit_is_stopped(work):
    started = time.monotonic()
    with pytest.raises(LimitExceeded, match=r"reading odd\.pdf was stopped after 1 s"):
        run_bounded(work, what="reading odd.pdf", seconds=1)
    assert time.monotonic() - started < 8


def test_work_past_the_memory_limit_is_stopped():
    with pytest.raises(LimitExceeded, match="needs more than 1024 MB of memory"):
        run_bounded(grab_memory, what="reading big.html", memory_bytes=1024 * MB)


def test_a_crashing_worker_is_reported_and_the_caller_lives_on():
    with pytest.raises(LimitExceeded, match="the worker ended without an answer"):
        run_bounded(crash, what="reading bad.pdf")
    assert run_bounded(add, 1, 1, what="after") == 2


def test_an_error_that_cannot_travel_keeps_its_message():
    with pytest.raises(Exception, match="Local: made inside a function"):
        run_bounded(unpicklable_error, what="x")


def test_inline_mode_runs_in_process(monkeypatch):
    monkeypatch.setenv(bounded.INLINE_ENV, "1")
    assert run_bounded(os.getpid, what="pid") == os.getpid()
    monkeypatch.delenv(bounded.INLINE_ENV)
    assert run_bounded(os.getpid, what="pid") != os.getpid()


def setting_seen(_item: object = None) -> tuple[str | None, str]:
    return os.environ.get("BRIEFGEN_TEST_SETTING"), os.getcwd()


def test_forkserver_children_work_too(monkeypatch, tmp_path):
    monkeypatch.setattr(bounded, "_context", None)
    bounded.use_forkserver(preload=["app.core.errors"])
    try:
        bounded.start_workers()
        assert run_bounded(add, 4, 5, what="adding") == 9
        with pytest.raises(LimitExceeded):
            run_bounded(spin, what="spinning", seconds=1)
        # set after the fork server started: a child still sees the caller's environment and folder
        monkeypatch.setenv("BRIEFGEN_TEST_SETTING", "now")
        monkeypatch.chdir(tmp_path)
        assert run_bounded(setting_seen, what="looking") == ("now", str(tmp_path))
        assert [value for _, value in bounded.run_bounded_each(setting_seen, [1], what=str)] == [("now", str(tmp_path))]
    finally:
        monkeypatch.setattr(bounded, "_context", None)


# --- many items, a few workers ----------------------------------------------------------------------------------


def by_name(name: str) -> str:
    """Items that behave as they are called: a hang, a memory hog, a crash, an error, or an ordinary result."""
    actions = {"hang": sleep_in_c, "memory": grab_memory, "crash": crash}
    if name in actions:
        actions[name]()
    if name == "refuse":
        refuse(name)
    return name.upper()


def test_each_item_ends_with_its_own_result_and_the_bad_ones_cost_only_themselves():
    names = ["a", "hang", "b", "memory", "c", "crash", "d", "refuse", "e", "f"]
    outcomes = dict(
        bounded.run_bounded_each(
            by_name, names, what=lambda n: f"item {n}", seconds=2, memory_bytes=256 * MB, workers=2
        )
    )
    assert sorted(outcomes) == list(range(len(names)))
    assert [outcomes[i] for i in (0, 2, 4, 6, 8, 9)] == ["A", "B", "C", "D", "E", "F"]
    assert isinstance(outcomes[1], LimitExceeded) and "item hang was stopped after 2 s" in str(outcomes[1])
    assert isinstance(outcomes[3], LimitExceeded) and "item memory" in str(outcomes[3]) and "MB" in str(outcomes[3])
    assert isinstance(outcomes[5], LimitExceeded) and "ended without an answer" in str(outcomes[5])
    assert isinstance(outcomes[7], IngestError) and outcomes[7].reason == "not a real document"


def test_items_are_worked_through_by_few_processes(tmp_path):
    marker = tmp_path / "pids"
    marker.mkdir()
    names = [str(marker / f"{n}") for n in range(40)]
    list(bounded.run_bounded_each(note_pid, names, what=str, seconds=30, workers=2))
    assert len({path.read_text() for path in marker.iterdir()}) <= 2


def note_pid(path: str) -> None:
    with open(path, "w", encoding="utf-8") as handle:
        handle.write(str(os.getpid()))


# --- a warm worker, kept between jobs -----------------------------------------------------------------------------
_jobs_seen: list[int] = []


def count_jobs() -> int:
    """How many jobs this process has run: state a warm worker keeps between jobs."""
    _jobs_seen.append(os.getpid())
    return len(_jobs_seen)


def test_a_warm_worker_keeps_its_state_between_jobs_and_restarts_after_an_overrun(monkeypatch):
    monkeypatch.delenv(bounded.INLINE_ENV, raising=False)
    worker = bounded.WarmWorker("counting", seconds=2)
    try:
        assert [worker.run(count_jobs), worker.run(count_jobs)] == [1, 2]
        assert worker.run(add, 2, 3) == 5
        with pytest.raises(IngestError, match="not a real document"):
            worker.run(refuse, "x.pdf")
        assert worker.run(count_jobs) == 3  # an error in a job does not end the worker
        with pytest.raises(LimitExceeded, match="counting was stopped after 2 s"):
            worker.run(spin)
        assert worker.run(count_jobs) == 1  # a fresh worker
        with pytest.raises(LimitExceeded, match="ended without an answer"):
            worker.run(crash)
        assert worker.run(count_jobs) == 1
        assert _jobs_seen == []  # none of it ran here
    finally:
        worker.close()


def test_a_warm_worker_is_bounded_in_memory(monkeypatch):
    monkeypatch.delenv(bounded.INLINE_ENV, raising=False)
    worker = bounded.WarmWorker("hoarding", memory_bytes=200 * MB)
    try:
        with pytest.raises(LimitExceeded, match="hoarding was stopped"):
            worker.run(grab_memory)
        assert worker.run(add, 1, 1) == 2
    finally:
        worker.close()


def test_jobs_begun_on_a_warm_worker_run_while_the_caller_goes_on_and_answer_in_order(monkeypatch, tmp_path):
    monkeypatch.delenv(bounded.INLINE_ENV, raising=False)
    worker = bounded.WarmWorker("counting", seconds=2)
    try:
        worker.begin(note_pid, str(tmp_path / "pid"))
        worker.begin(count_jobs)
        worker.begin(refuse, "x.pdf")
        worker.begin(count_jobs)
        assert worker.finish() is None
        assert int((tmp_path / "pid").read_text()) != os.getpid()
        assert worker.finish() == 1
        with pytest.raises(IngestError, match="not a real document"):
            worker.finish()
        assert worker.finish() == 2
        with pytest.raises(RuntimeError, match="no job was begun"):
            worker.finish()
        assert worker.run(count_jobs) == 3  # the same child, now free for run
    finally:
        worker.close()


def test_jobs_begun_behind_one_that_overruns_or_crashes_are_lost_with_a_clear_message(monkeypatch):
    monkeypatch.delenv(bounded.INLINE_ENV, raising=False)
    worker = bounded.WarmWorker("writing", seconds=1)
    try:
        worker.begin(spin)
        worker.begin(count_jobs)
        with pytest.raises(RuntimeError, match="not finished"):
            worker.run(count_jobs)  # its answer would be taken for the one begun
        with pytest.raises(LimitExceeded, match="writing was stopped after 1 s"):
            worker.finish()
        with pytest.raises(LimitExceeded, match="ended without an answer"):
            worker.finish()  # it was waiting behind the overrun, in the child that was ended
        worker.begin(crash)
        with pytest.raises(LimitExceeded, match="ended without an answer"):
            worker.finish()
        worker.begin(count_jobs)
        assert worker.finish() == 1  # a fresh child
    finally:
        worker.close()


def test_jobs_begun_run_in_process_when_workers_are_switched_off(monkeypatch):
    monkeypatch.setenv(bounded.INLINE_ENV, "1")
    worker = bounded.WarmWorker("inline")
    _jobs_seen.clear()
    try:
        worker.begin(count_jobs)
        worker.begin(refuse, "y.pdf")
        assert worker.finish() == 1
        with pytest.raises(IngestError, match="not a real document"):
            worker.finish()
    finally:
        _jobs_seen.clear()
        worker.close()
