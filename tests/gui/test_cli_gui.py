"""`briefgen` with no arguments and `briefgen gui [PROJECT]` open the window; without a display, a clear error."""

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


def test_no_arguments_opens_the_window(opened):
    assert main([]) == 0
    assert opened == [None]


def test_gui_command_opens_a_project(opened):
    assert main(["gui", "work/recruitment.brief"]) == 0
    assert opened == [Path("work/recruitment.brief")]


def test_without_a_display_the_cli_says_so(opened, monkeypatch, capsys):
    monkeypatch.setattr("sys.platform", "linux")
    for name in ("QT_QPA_PLATFORM", "DISPLAY", "WAYLAND_DISPLAY"):
        monkeypatch.delenv(name, raising=False)
    assert main(["gui"]) == 1
    assert opened == []
    assert "no display" in capsys.readouterr().err
