"""A source's fingerprint is the SHA-256 of the file as it is on disk, whichever way its bytes were read."""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

import pytest

from app.ingest import ingest, ingest_many_bounded

STORY = "Officials in Baghdad said the committee would meet again next week to review the measures.\n"


@pytest.mark.parametrize("name", ["note.txt", "note.md", "page.html"])
def test_a_source_read_whole_has_the_fingerprint_of_its_bytes(tmp_path: Path, name: str) -> None:
    path = tmp_path / name
    path.write_text(STORY * 3 if not name.endswith(".html") else f"<html><body><p>{STORY}</p></body></html>")
    assert ingest(path).sha256 == hashlib.sha256(path.read_bytes()).hexdigest()


def test_a_changed_file_gets_a_new_fingerprint_even_at_the_same_size(tmp_path: Path) -> None:
    path = tmp_path / "note.txt"
    path.write_text(STORY * 3)
    before = ingest(path).sha256
    path.write_text(STORY.replace("Baghdad", "Bagdhad") * 3)  # same size, other bytes
    os.utime(path, ns=(path.stat().st_atime_ns, path.stat().st_mtime_ns + 1_000_000_000))
    after = ingest(path).sha256
    assert after != before
    assert after == hashlib.sha256(path.read_bytes()).hexdigest()


def test_sources_read_in_workers_carry_their_own_fingerprints(tmp_path: Path) -> None:
    paths = []
    for n in range(6):
        path = tmp_path / f"source-{n}.txt"
        path.write_text(f"Source {n}\n\n{STORY * (n + 1)}")
        paths.append(path)
    sources, errors = ingest_many_bounded(paths)
    assert not errors
    assert [s.sha256 for s in sources] == [hashlib.sha256(p.read_bytes()).hexdigest() for p in paths]
