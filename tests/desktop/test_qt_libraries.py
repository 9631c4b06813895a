"""Before the window opens, scripts/run.sh asks which system libraries Qt's platform plugin lacks (ldd's "not
found"), and gets the packages that have them and the one apt-get line that installs them."""

from __future__ import annotations

import ctypes
from pathlib import Path

import pytest

from app.desktop import qt_libraries
from app.desktop.qt_libraries import PACKAGES, Shortfall, advice, main, not_found, platforms, qt_folder, shortfall

#: ldd's report on two files, as it prints it: the second repeats a library the first lacks.
LDD_REPORT = """\
/venv/PySide6/Qt/plugins/platforms/libqxcb.so:
\tlinux-vdso.so.1 (0x00007ffd5a5f2000)
\tlibQt6XcbQpa.so.6 => /venv/PySide6/Qt/plugins/platforms/../../lib/libQt6XcbQpa.so.6 (0x00007f0c1c200000)
\tlibxcb-icccm.so.4 => not found
\tlibEGL.so.1 => /lib/x86_64-linux-gnu/libEGL.so.1 (0x00007f0c1c1e0000)
\tlibxcb-keysyms.so.1 => not found
/venv/PySide6/Qt/lib/libQt6Widgets.so.6:
\tlibxcb-icccm.so.4 => not found
\tlibc.so.6 => /lib/x86_64-linux-gnu/libc.so.6 (0x00007f0c1b000000)
"""


def test_ldd_report_is_read_for_what_the_loader_cannot_find():
    assert not_found(LDD_REPORT) == ["libxcb-icccm.so.4", "libxcb-keysyms.so.1"]
    assert not_found("\tlibEGL.so.1 => /lib/x86_64-linux-gnu/libEGL.so.1 (0x1)\n") == []


def test_the_advice_names_the_libraries_and_the_one_line_that_installs_them():
    missing = ["libxcb-icccm.so.4", "libxcb-cursor.so.0", "libEGL.so.1", "libglib-2.0.so.0", "libgthread-2.0.so.0"]
    assert advice(Shortfall("xcb", [*missing, "libwhatever.so.3"])).splitlines() == [
        "Briefgen's window cannot start: Qt's X11 platform plugin (xcb) needs system libraries this machine lacks:",
        "  libxcb-icccm.so.4, libxcb-cursor.so.0, libEGL.so.1, libglib-2.0.so.0, libgthread-2.0.so.0, libwhatever.so.3",
        "Install them (Debian, Ubuntu) with:",
        "  sudo apt-get install libegl1 libglib2.0-0 libxcb-cursor0 libxcb-icccm4",
        "(Fedora: sudo dnf install glib2 libglvnd-egl xcb-util-cursor xcb-util-wm)",
        "No package is known here for libwhatever.so.3: `apt-file search libwhatever.so.3` finds the one that has it.",
        "The commands that open no window (briefgen build, inspect, check …) work without them.",
    ]


def test_the_table_covers_the_libraries_the_issue_names():
    for name in ("libEGL.so.1", "libGL.so.1", "libxkbcommon.so.0", "libxkbcommon-x11.so.0", "libfontconfig.so.1"):
        assert name in PACKAGES
    assert PACKAGES["libdbus-1.so.3"][0] == "libdbus-1-3" and PACKAGES["libX11-xcb.so.1"][0] == "libx11-xcb1"
    xcb = {"cursor0", "icccm4", "image0", "keysyms1", "randr0", "render-util0", "shape0", "xinerama0", "xkb1"}
    assert {f"libxcb-{name}" for name in xcb} <= {debian for debian, _ in PACKAGES.values()}


def test_the_platforms_qt_tries_follow_the_session():
    assert platforms({}) == ["xcb"]
    assert platforms({"DISPLAY": ":0", "WAYLAND_DISPLAY": "wayland-0"}) == ["wayland", "xcb"]
    assert platforms({"WAYLAND_DISPLAY": "wayland-0", "QT_QPA_PLATFORM": "xcb:dpi=96"}) == ["xcb"]
    assert platforms({"QT_QPA_PLATFORM": "wayland;xcb"}) == ["wayland", "xcb"]


@pytest.fixture
def fake_ldd(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    """An ldd alone on PATH that reports, for each platform plugin, the libraries given for it as not found."""

    def report(missing: dict[str, list[str]]) -> None:
        cases = [
            f"  *libq{plugin}.so) printf '\\t%s => not found\\n' {' '.join(names)} ;;"
            for plugin, names in missing.items()
        ]
        script = '#!/bin/sh\ncase "$1" in\n' + "\n".join(cases) + "\nesac\n"
        ldd = tmp_path / "bin" / "ldd"
        ldd.parent.mkdir(exist_ok=True)
        ldd.write_text(script, encoding="utf-8")
        ldd.chmod(0o755)
        monkeypatch.setenv("PATH", str(ldd.parent))

    return report


def test_a_bare_machine_is_told_what_to_install(fake_ldd, monkeypatch, capsys):
    fake_ldd({"xcb": ["libxcb-cursor.so.0", "libxkbcommon-x11.so.0"]})
    monkeypatch.setenv("DISPLAY", ":0")
    for name in ("WAYLAND_DISPLAY", "QT_QPA_PLATFORM"):
        monkeypatch.delenv(name, raising=False)
    assert main() == 1
    err = capsys.readouterr().err
    assert "  libxcb-cursor.so.0, libxkbcommon-x11.so.0\n" in err
    assert "  sudo apt-get install libxcb-cursor0 libxkbcommon-x11-0\n" in err


def test_a_wayland_session_starts_when_either_platform_has_all_it_needs(fake_ldd, monkeypatch, capsys):
    monkeypatch.delenv("QT_QPA_PLATFORM", raising=False)
    monkeypatch.setenv("WAYLAND_DISPLAY", "wayland-0")
    fake_ldd({"wayland": ["libwayland-cursor.so.0"]})  # X11 (through XWayland) has all it needs
    assert main() == 0
    fake_ldd({"wayland": ["libwayland-cursor.so.0"], "xcb": ["libxcb-icccm.so.4"]})
    assert main() == 1
    assert "sudo apt-get install libwayland-cursor0\n" in capsys.readouterr().err  # for the one Qt tries first


def test_without_a_display_briefgen_itself_says_so(fake_ldd, monkeypatch, capsys):
    fake_ldd({"xcb": ["libxcb-icccm.so.4"]})
    for name in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM"):
        monkeypatch.delenv(name, raising=False)
    assert main() == 0
    assert capsys.readouterr().err == ""


def test_without_ldd_nothing_is_claimed(tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("PATH", str(tmp_path))
    monkeypatch.setenv("DISPLAY", ":0")
    monkeypatch.delenv("QT_QPA_PLATFORM", raising=False)
    assert main() == 0
    assert capsys.readouterr().err == ""


def test_on_this_machine_every_library_reported_missing_cannot_be_loaded():
    """The real ldd on the real plugin, checked against the loader itself."""
    qt = qt_folder()
    assert qt is not None and (qt / "plugins" / "platforms" / "libqxcb.so").is_file()
    found = shortfall(qt, {"QT_QPA_PLATFORM": "xcb"})
    if found is None:
        pytest.skip("this machine has every library the X11 plugin needs")
    assert found.platform == "xcb" and found.libraries
    for name in found.libraries:
        with pytest.raises(OSError):
            ctypes.CDLL(name)
    assert qt_libraries.missing_for([qt / "lib" / "libQt6Core.so.6"]) is not None
