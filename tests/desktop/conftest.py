"""The desktop's tools (xdg-mime and the rest) see a home of the test's own and no desktop session, so nothing they
do reaches the developer's desktop; the root conftest already moved the XDG folders."""

from __future__ import annotations

from pathlib import Path

import pytest

SESSION_VARIABLES = (
    "XDG_CURRENT_DESKTOP",
    "XDG_SESSION_DESKTOP",
    "DESKTOP_SESSION",
    "KDE_FULL_SESSION",
    "KDE_SESSION_VERSION",
    "GNOME_DESKTOP_SESSION_ID",
    "MATE_DESKTOP_SESSION_ID",
)


@pytest.fixture(autouse=True)
def desktop_home(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> Path:
    home = tmp_path_factory.mktemp("desktop-home")
    monkeypatch.setenv("HOME", str(home))
    for name in SESSION_VARIABLES:
        monkeypatch.delenv(name, raising=False)
    return home
