"""`briefgen`, `briefgen PROJECT.brief` and `briefgen gui [PROJECT.brief]` open the window; a path that is no brief,
several briefs, or no display are one clear message each, before Qt loads."""

from __future__ import annotations

from pathlib import Path

import pytest

import app.gui
from app.cli.main import main

pytestmark = pytest.mark.gui


@pytest.fixture
def opened(monkeypatch: pytest.MonkeyPatch) -> list[Path | None]:
    calls: list[Path | None] = []
    monkeypatch.setattr(app.gui, "run", lambda project=None: calls.append(project) or 0)
    return calls


@pytest.fixture
def brief(tmp_path: Path) -> Path:
    path = tmp_path / "recruitment.brief"
    path.write_text("{}", encoding="utf-8")  # the window reads it; the command only checks it is there
    return path


def test_no_arguments_opens_the_window(opened):
    assert main([]) == 0
    assert opened == [None]


def test_gui_command_opens_a_project(opened, brief: Path):
    assert main(["gui", str(brief)]) == 0
    assert opened == [brief]


def test_a_brief_alone_opens_it_as_a_file_manager_does(opened, brief: Path, monkeypatch):
    assert main([str(brief)]) == 0
    monkeypatch.chdir(brief.parent)
    assert main(["recruitment.brief"]) == 0  # relative to where the command runs
    shouted = brief.with_name("OLD.BRIEF")  # the extension in any case
    brief.rename(shouted)
    assert main(["OLD.BRIEF"]) == 0
    assert opened == [brief, Path("recruitment.brief"), Path("OLD.BRIEF")]


@pytest.mark.parametrize("command", [[], ["gui"]])
def test_a_missing_brief_is_one_message_and_no_window(opened, capsys, tmp_path: Path, command: list[str]):
    missing = tmp_path / "gone.brief"
    assert main([*command, str(missing)]) == 1
    assert opened == []
    assert capsys.readouterr().err == f"briefgen: {missing}: project file not found\n"


@pytest.mark.parametrize("command", [[], ["gui"]])
def test_a_file_that_is_no_brief_is_one_message_and_no_window(opened, capsys, tmp_path: Path, command: list[str]):
    source = tmp_path / "notes.txt"
    source.write_text("Notes.", encoding="utf-8")
    for path in (source, tmp_path):
        assert main([*command, str(path)]) == 1
        err = capsys.readouterr().err
        assert err.startswith(f"briefgen: {path}: not a Briefgen project (a .brief file); sources are added")
        assert err.count("\n") == 1
    assert opened == []


def test_several_briefs_are_refused_in_one_message(opened, capsys, brief: Path, tmp_path: Path):
    other = tmp_path / "other.brief"
    other.write_text("{}", encoding="utf-8")
    assert main([str(brief), str(other)]) == 1
    assert opened == []
    assert capsys.readouterr().err.startswith("briefgen: one brief at a time: 2 were given")


def test_commands_and_mistyped_commands_are_not_taken_for_files(opened, capsys, tmp_path: Path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "templates").mkdir()  # a folder named like a command: the command wins
    assert main(["templates"]) == 0
    with pytest.raises(SystemExit) as usage:
        main(["biuld", "x.txt"])
    assert usage.value.code == 2
    assert "invalid choice: 'biuld'" in capsys.readouterr().err
    assert opened == []


def test_without_a_display_the_cli_says_so(opened, monkeypatch, capsys):
    monkeypatch.setattr("sys.platform", "linux")
    for name in ("QT_QPA_PLATFORM", "DISPLAY", "WAYLAND_DISPLAY"):
        monkeypatch.delenv(name, raising=False)
    assert main(["gui"]) == 1
    assert opened == []
    assert "no display" in capsys.readouterr().err
