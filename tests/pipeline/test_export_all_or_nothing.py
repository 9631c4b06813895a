"""Exports of several formats are all or nothing: a full disk, a failed rename or a kill never leaves a new DOCX
beside an old PDF, and a killed export's temporary files are cleaned up by the next one."""

from __future__ import annotations

import errno
import os
import subprocess
import sys
from pathlib import Path

import pytest

import app.core.atomic as atomic
from app.assemble.catalog import find_template
from app.brief.select import project_from_sources
from app.core.errors import ExportError
from app.pipeline.build import build_brief
from app.pipeline.export import export


@pytest.fixture
def brief(sample_source):
    project = project_from_sources([sample_source])
    return build_brief(project, {sample_source.path: sample_source}, find_template("policy-brief"))


def _files(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir())}


@pytest.fixture
def earlier(tmp_path: Path, brief) -> dict[str, bytes]:
    """An earlier export, marked so a new one would be told apart."""
    list(export(brief, tmp_path, ["docx", "pdf"], "brief"))
    for name in ("brief.docx", "brief.pdf"):
        (tmp_path / name).write_bytes(b"earlier " + name.encode())
    return _files(tmp_path)


def test_disk_full_while_writing_the_second_file_changes_nothing(tmp_path, brief, earlier, monkeypatch):
    calls = []
    real_fsync = os.fsync

    def full_on_second(fd: int) -> None:
        calls.append(fd)
        if len(calls) == 2:
            raise OSError(errno.ENOSPC, "No space left on device")
        real_fsync(fd)

    monkeypatch.setattr(atomic.os, "fsync", full_on_second)
    with pytest.raises(ExportError, match="No space left on device"):
        list(export(brief, tmp_path, ["docx", "pdf"], "brief"))
    assert _files(tmp_path) == earlier


def test_a_rename_failing_half_way_puts_the_earlier_files_back(tmp_path, brief, earlier, monkeypatch):
    real_replace = os.replace
    targets = []

    def fail_on_pdf(src, dst):
        if str(dst).endswith("brief.pdf") and ".old." not in str(src):
            targets.append(dst)
            raise OSError(errno.EIO, "Input/output error")
        real_replace(src, dst)

    monkeypatch.setattr(atomic.os, "replace", fail_on_pdf)
    with pytest.raises(ExportError, match="Input/output error"):
        list(export(brief, tmp_path, ["docx", "pdf"], "brief"))
    assert targets and _files(tmp_path) == earlier


def test_a_failed_first_export_leaves_no_file(tmp_path, brief, monkeypatch):
    real_replace = os.replace

    def fail_on_pdf(src, dst):
        if str(dst).endswith(".pdf"):
            raise OSError(errno.EIO, "Input/output error")
        real_replace(src, dst)

    monkeypatch.setattr(atomic.os, "replace", fail_on_pdf)
    with pytest.raises(ExportError):
        list(export(brief, tmp_path, ["docx", "pdf"], "brief"))
    assert _files(tmp_path) == {}


def test_success_replaces_both_and_leaves_nothing_else(tmp_path, brief, earlier):
    paths = [path for _, _, path in export(brief, tmp_path, ["docx", "pdf"], "brief")]
    assert [p.name for p in paths] == ["brief.docx", "brief.pdf"]
    files = _files(tmp_path)
    assert sorted(files) == ["brief.docx", "brief.pdf"]
    assert files["brief.pdf"].startswith(b"%PDF") and files["brief.docx"].startswith(b"PK")


def test_a_killed_exports_leftovers_are_removed_by_the_next_export(tmp_path, brief):
    """A real process writes its temporary files and is killed before renaming them."""
    script = (
        "import os, signal, sys\n"
        "from pathlib import Path\n"
        "import app.core.atomic as atomic\n"
        "def die(staged):\n"
        "    os.kill(os.getpid(), signal.SIGKILL)\n"
        "atomic._replace_all = die\n"
        "folder = Path(sys.argv[1])\n"
        "atomic.write_all_atomically([(folder / 'brief.docx', b'new docx'), (folder / 'brief.pdf', b'new pdf')])\n"
    )
    result = subprocess.run([sys.executable, "-c", script, str(tmp_path)], capture_output=True, timeout=60)
    assert result.returncode == -9
    leftovers = sorted(p.name for p in tmp_path.iterdir())
    assert len(leftovers) == 2 and all(n.startswith((".brief.docx.", ".brief.pdf.")) for n in leftovers)
    assert all(n.endswith(".part") for n in leftovers)
    list(export(brief, tmp_path, ["docx", "pdf"], "brief"))
    assert sorted(_files(tmp_path)) == ["brief.docx", "brief.pdf"]


def test_temporary_files_of_a_live_export_are_left_alone(tmp_path, brief):
    """Another Briefgen writing into the same folder right now keeps its files."""
    live = tmp_path / f".brief.pdf.briefgen-{os.getppid()}-abc123.part"
    live.write_bytes(b"in progress")
    list(export(brief, tmp_path, ["docx"], "brief"))
    assert live.exists()
