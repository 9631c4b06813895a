"""Reading untrusted files: regular files only, never more than the limit, whatever their status said."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest

from app.core.errors import IngestError
from app.core.regular_file import read_regular_file
from app.ingest.textio import read_bytes

# Linux's /proc files are regular files whose status says 0 bytes: like a file that grew after it was looked at.
PROC_FILE = Path("/proc/self/status")
needs_proc = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="needs Linux's /proc")


def test_a_file_is_read_whole_up_to_the_limit(tmp_path: Path) -> None:
    path = tmp_path / "style.toml"
    path.write_bytes(b"x" * 1000)
    data, status = read_regular_file(path, 1000)
    assert data == b"x" * 1000 and status.st_size == 1000
    with pytest.raises(OSError, match="larger than 999 bytes"):
        read_regular_file(path, 999)


def test_a_fifo_is_refused_without_blocking(tmp_path: Path) -> None:
    if not hasattr(os, "mkfifo"):
        pytest.skip("no FIFOs here")
    fifo = tmp_path / "partial.md.j2"
    os.mkfifo(fifo)
    with pytest.raises(OSError, match="not a regular file"):
        read_regular_file(fifo, 1000)


@needs_proc
def test_a_file_holding_more_than_its_status_said_is_read_on_and_still_bounded() -> None:
    assert PROC_FILE.stat().st_size == 0
    data, _status = read_regular_file(PROC_FILE, 1_000_000)
    assert b"Name:" in data and len(data) > 100
    with pytest.raises(OSError, match="larger than 50 bytes"):
        read_regular_file(PROC_FILE, 50)


@needs_proc
def test_a_source_holding_more_than_its_status_said_is_read_whole_and_still_bounded(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    assert b"Name:" in read_bytes(PROC_FILE)
    monkeypatch.setenv("BRIEFGEN_MAX_SOURCE_MB", "0.00005")  # 52 bytes
    with pytest.raises(IngestError, match="larger than the"):
        read_bytes(PROC_FILE)
