"""Ingest in a bounded worker: the same Source as in-process, and one IngestError naming the file when a limit hits."""

from __future__ import annotations

import os
import pickle
import signal
import time
from pathlib import Path

import pytest

from app.core import bounded
from app.core.errors import IngestError
from app.core.model import Source
from app.ingest import INGEST_MEMORY_BYTES, INGEST_SECONDS, ingest, ingest_bounded, ingest_many_bounded
from app.ingest.readers import plaintext
from tests.conftest import SAMPLE
from tests.ingest import raw_pdf
from tests.ingest.fixtures import BODY, write_report_docx, write_report_pdf

MB = 1024**2


@pytest.fixture(autouse=True)
def real_workers(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(bounded.INLINE_ENV, raising=False)


def _hang(_path: Path) -> Source:
    time.sleep(3600)
    raise AssertionError("unreachable")


def _grab_memory(_path: Path) -> Source:
    chunks = [bytearray(64 * MB) for _ in range(200)]
    raise AssertionError(f"kept {len(chunks)} chunks")


def _die(_path: Path) -> Source:
    os.kill(os.getpid(), signal.SIGKILL)
    raise AssertionError("unreachable")


def test_a_source_survives_pickling(tmp_path: Path):
    """What crosses back from the worker: every reader's Source, lone surrogates from odd file names included."""
    sources = [
        ingest(SAMPLE),
        ingest(write_report_pdf(tmp_path / "r.pdf")),
        ingest(write_report_docx(tmp_path / "r.docx")),
    ]
    odd = tmp_path / "caf\udce9.txt"
    odd.write_text(f"{BODY}\n", encoding="utf-8")
    sources.append(ingest(odd))
    for source in sources:
        assert pickle.loads(pickle.dumps(source)) == source


def test_the_worker_reads_what_ingest_reads(tmp_path: Path):
    pdf = write_report_pdf(tmp_path / "report.pdf")
    assert ingest_bounded(SAMPLE) == ingest(SAMPLE)
    assert ingest_bounded(pdf) == ingest(pdf)


def test_refusals_come_back_unchanged(tmp_path: Path):
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    with pytest.raises(IngestError) as info:
        ingest_bounded(empty)
    assert (info.value.path, info.value.reason) == (str(empty), "file is empty")


def test_a_reader_that_never_finishes_is_stopped(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setattr(plaintext, "read_plaintext", _hang)
    path = tmp_path / "x.txt"
    path.write_text(BODY, encoding="utf-8")
    started = time.monotonic()
    with pytest.raises(IngestError) as info:
        ingest_bounded(path, seconds=1)
    assert str(info.value).startswith(f"{path}: reading was stopped after 1 s")
    assert time.monotonic() - started < 6


def test_a_reader_that_grabs_memory_is_stopped(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setattr(plaintext, "read_plaintext", _grab_memory)
    path = tmp_path / "big.txt"
    path.write_text(BODY, encoding="utf-8")
    with pytest.raises(IngestError, match=r"big\.txt: reading was stopped: it needs more than 512 MB of memory"):
        ingest_bounded(path, memory_bytes=512 * MB)


def test_a_worker_that_dies_is_reported(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setattr(plaintext, "read_plaintext", _die)
    path = tmp_path / "crash.txt"
    path.write_text(BODY, encoding="utf-8")
    with pytest.raises(IngestError, match=r"crash\.txt: reading was stopped: the worker ended without an answer"):
        ingest_bounded(path)


def test_a_batch_reports_the_bad_file_and_loads_the_rest(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    """One file hangs, one is empty, one is missing: the good ones around them still load, in order."""
    monkeypatch.setattr(plaintext, "read_plaintext", _hang)
    hanging = tmp_path / "hangs.txt"
    hanging.write_text(BODY, encoding="utf-8")
    empty = tmp_path / "empty.md"
    empty.write_bytes(b"")
    pdf = write_report_pdf(tmp_path / "report.pdf")
    docx = write_report_docx(tmp_path / "report.docx")
    paths = [pdf, hanging, empty, docx, tmp_path / "missing.pdf"]
    sources, errors = ingest_many_bounded(paths, seconds=2)
    assert [s.path for s in sources] == [str(pdf), str(docx)]
    assert [Path(e.path).name for e in errors] == ["hangs.txt", "empty.md", "missing.pdf"]
    assert "reading was stopped after 2 s" in errors[0].reason


def test_defaults_let_a_large_real_shaped_pdf_through(tmp_path: Path):
    """A 50 MB PDF (300 pages of text, a photograph on each) is read well inside the default limits."""
    path = raw_pdf.write(tmp_path / "large.pdf", raw_pdf.large_report(pages=300, megabytes=49))
    assert path.stat().st_size > 48 * MB
    started = time.monotonic()
    source = ingest_bounded(path)
    assert time.monotonic() - started < INGEST_SECONDS / 4
    assert len(source.sections) == 300
    assert INGEST_MEMORY_BYTES >= 1024 * MB


def test_inline_mode_reads_in_process(monkeypatch: pytest.MonkeyPatch):
    """BRIEFGEN_INLINE_WORKERS=1 (debuggers, some tests) reads without a worker, with the same result."""
    monkeypatch.setenv(bounded.INLINE_ENV, "1")
    assert ingest_bounded(SAMPLE) == ingest(SAMPLE)


def test_a_forkserver_worker_reads_the_same(monkeypatch: pytest.MonkeyPatch):
    """The window starts workers from a fork server (its Qt threads make a plain fork unsafe)."""
    monkeypatch.setattr(bounded, "_context", None)
    bounded.use_forkserver(preload=["app.ingest"])
    assert ingest_bounded(SAMPLE) == ingest(SAMPLE)
