"""What the CLI prints comes from files and names nobody here wrote: it never reaches the terminal raw."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from app.core.paths import PROJECT_DIR, SEEDS_DIR
from app.text.controls import printable


def _briefgen(*args: str | bytes, cwd: Path, **env: str) -> subprocess.CompletedProcess[bytes]:
    environment = {k: v for k, v in os.environ.items() if not k.startswith(("LC_", "LANG", "PYTHON"))}
    environment.update(env)
    return subprocess.run(
        [sys.executable, "-m", "app", *args],
        capture_output=True,
        cwd=cwd,
        env={**environment, "PYTHONPATH": str(PROJECT_DIR)},
        timeout=120,
    )


@pytest.mark.parametrize(
    ("raw", "shown"),
    [
        ("clear\x1b[2Jscreen", "clear\\x1b[2Jscreen"),
        ("two\nlines", "two\\nlines"),
        ("bell\x07 and \x9b", "bell\\x07 and \\x9b"),
        ("caf\udce9.txt", "caf\\xe9.txt"),
        ("right\u202eleft", "right\\u202eleft"),
        ("plain ascii and عربي", "plain ascii and عربي"),
    ],
)
def test_printable_escapes_what_a_terminal_would_act_on(raw: str, shown: str):
    assert printable(raw) == shown


def test_names_with_escapes_and_bytes_that_are_not_utf8_print_escaped(tmp_path: Path):
    (tmp_path / os.fsdecode(b"caf\xe9.txt")).write_bytes(b"Cafe report\n\nThe body of the report text.\n")
    (tmp_path / "evil\x1b[2J\nforged.txt").write_text("Evil\n\nBody of the evil file.\n", encoding="utf-8")
    result = _briefgen("inspect", str(tmp_path), cwd=tmp_path, LC_ALL="C.UTF-8", PYTHONUTF8="0")
    assert result.returncode == 0, result.stderr.decode()
    out = result.stdout.decode("utf-8")
    assert "\x1b" not in out and "Traceback" not in result.stderr.decode()
    assert f"{tmp_path}/caf\\xe9.txt" in out.splitlines()
    assert f"{tmp_path}/evil\\x1b[2J\\nforged.txt" in out.splitlines()


def test_building_from_a_name_that_is_not_utf8_works(tmp_path: Path):
    name = os.fsdecode(b"r\xe9sum\xe9.txt")
    (tmp_path / name).write_bytes(b"Summary\n\nThe body of the summary text.\n")
    result = _briefgen("build", name, "--format", "docx,pdf", "-o", "out", cwd=tmp_path, LC_ALL="C.UTF-8")
    assert result.returncode == 0, result.stderr.decode()
    assert sorted(p.suffix for p in (tmp_path / "out").iterdir()) == [".docx", ".pdf"]


def test_an_ascii_terminal_gets_escapes_not_a_traceback(tmp_path: Path):
    result = _briefgen(
        "inspect", str(SEEDS_DIR / "arabic-sample-recruitment.txt"), cwd=tmp_path, LC_ALL="C", PYTHONIOENCODING="ascii"
    )
    assert result.returncode == 0, result.stderr.decode()
    assert "\\u062a" in result.stdout.decode("ascii")


def test_a_file_name_starting_with_a_dash_is_read_after_double_dash(tmp_path: Path):
    (tmp_path / "-notes.txt").write_text("Notes\n\nThe body of the notes.\n", encoding="utf-8")
    result = _briefgen("inspect", "--", "-notes.txt", cwd=tmp_path)
    assert result.returncode == 0, result.stderr.decode()
    assert result.stdout.decode().splitlines()[0] == "-notes.txt"


def test_errors_naming_a_hostile_file_are_escaped_too(tmp_path: Path):
    result = _briefgen("inspect", "missing\x1b]0;title\x07.txt", cwd=tmp_path)
    assert result.returncode == 1
    err = result.stderr.decode()
    assert "\x1b" not in err and "\\x1b]0;title\\x07" in err
