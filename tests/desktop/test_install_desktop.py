"""`briefgen install-desktop` puts a desktop entry, the .brief file type and the icon under $XDG_DATA_HOME, runs the
desktop's tools when there are any (naming the missing ones, never failing for them), and `--uninstall` takes
exactly that away again.

The tools are stand-ins that log how they were run, or, where installed, the real ones: update-mime-database,
desktop-file-validate, xdg-mime and GLib's launcher (`gio launch`), so the files are checked by what reads them.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest

from app.cli.main import main
from app.core.paths import APP_ICON, APP_ICON_SIZES, app_icon_png
from app.desktop.entry import desktop_entry, exec_argument

TOOLS = ("update-mime-database", "update-desktop-database", "xdg-mime")


def data() -> Path:
    return Path(os.environ["XDG_DATA_HOME"])


def entry_file() -> Path:
    return data() / "applications" / "briefgen.desktop"


def entry_values() -> dict[str, str]:
    lines = entry_file().read_text(encoding="utf-8").splitlines()
    assert lines[0] == "[Desktop Entry]"
    return dict(line.split("=", 1) for line in lines[1:])


@pytest.fixture
def briefgen(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The briefgen program running this command, as a virtual environment's."""
    program = tmp_path / "venv" / "bin" / "briefgen"
    program.parent.mkdir(parents=True)
    program.write_text("#!/bin/sh\n", encoding="utf-8")
    program.chmod(0o755)
    monkeypatch.setattr(sys, "argv", [str(program), "install-desktop"])
    return program


@pytest.fixture
def tool_log(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Stand-ins for the desktop's tools, alone on PATH, each logging its command line; returns the log."""
    folder = tmp_path / "tools"
    folder.mkdir()
    log = tmp_path / "tools.log"
    for name in TOOLS:
        tool = folder / name
        tool.write_text(f'#!/bin/sh\nprintf "%s\\n" "${{0##*/}} $*" >> "{log}"\n', encoding="utf-8")
        tool.chmod(0o755)
    monkeypatch.setenv("PATH", str(folder))
    return log


def test_install_writes_the_entry_the_file_type_and_the_icon_then_runs_the_tools(briefgen, tool_log, capsys):
    assert main(["install-desktop"]) == 0

    values = entry_values()
    assert values["Exec"] == f"{briefgen} %f"  # the briefgen in use, by its absolute path, on one brief
    assert values["TryExec"] == str(briefgen)
    assert values["MimeType"] == "application/x-briefgen;"
    assert values["Icon"] == "briefgen"
    assert values["Categories"] == "Office;"
    assert values["Type"] == "Application" and values["Terminal"] == "false"

    package = (data() / "mime" / "packages" / "briefgen.xml").read_text(encoding="utf-8")
    assert '<mime-type type="application/x-briefgen">' in package
    assert '<glob pattern="*.brief"/>' in package and "<comment>Briefgen brief</comment>" in package

    icons = data() / "icons" / "hicolor"
    assert (icons / "scalable" / "apps" / "briefgen.svg").read_bytes() == APP_ICON.read_bytes()
    for size in APP_ICON_SIZES:
        assert (icons / f"{size}x{size}" / "apps" / "briefgen.png").read_bytes() == app_icon_png(size).read_bytes()
    assert 48 in APP_ICON_SIZES  # the icon theme specification's minimum

    assert tool_log.read_text(encoding="utf-8").splitlines() == [
        f"update-mime-database {data() / 'mime'}",
        f"update-desktop-database {data() / 'applications'}",
        "xdg-mime default briefgen.desktop application/x-briefgen",
    ]
    out, err = capsys.readouterr()
    assert f"started as {briefgen}:\n  {entry_file()}\n" in out
    assert "Ran update-mime-database, update-desktop-database, xdg-mime." in out
    assert err == ""


def test_missing_tools_are_named_with_their_packages_and_the_install_goes_on(briefgen, tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("PATH", str(tmp_path / "nothing"))
    assert main(["install-desktop"]) == 0
    assert entry_file().is_file()
    out, err = capsys.readouterr()
    assert "Ran " not in out
    assert err.splitlines() == [
        "briefgen: warning: update-mime-database not found (install the package shared-mime-info): file managers "
        "will not know .brief files until the MIME database is next rebuilt",
        "briefgen: warning: update-desktop-database not found (install the package desktop-file-utils): some file "
        "managers will offer Briefgen for .brief files only once their cache is rebuilt",
        "briefgen: warning: xdg-mime not found (install the package xdg-utils): Briefgen is not yet the default "
        "application for .brief files: choose it once under Open With",
    ]


def test_a_tool_that_fails_is_reported_and_the_install_stands(briefgen, tool_log, capsys):
    failing = tool_log.parent / "tools" / "update-mime-database"
    failing.write_text('#!/bin/sh\necho "Error in file: bad XML" >&2\nexit 1\n', encoding="utf-8")
    assert main(["install-desktop"]) == 0
    out, err = capsys.readouterr()
    assert err == "briefgen: warning: update-mime-database failed: Error in file: bad XML\n"
    assert "Ran update-desktop-database, xdg-mime." in out
    assert entry_file().is_file()


def test_uninstall_removes_what_install_wrote_and_nothing_else(briefgen, tool_log, capsys):
    assert main(["install-desktop"]) == 0
    installed = [Path(line.strip()) for line in capsys.readouterr().out.splitlines() if line.startswith("  ")]
    assert len(installed) == 3 + len(APP_ICON_SIZES) and all(path.is_file() for path in installed)
    neighbour = data() / "applications" / "other.desktop"
    neighbour.write_text("[Desktop Entry]\n", encoding="utf-8")
    mimeapps = Path(os.environ["XDG_CONFIG_HOME"]) / "mimeapps.list"
    mimeapps.parent.mkdir(parents=True, exist_ok=True)
    mimeapps.write_text(  # as xdg-mime (and GNOME's gio) write it, beside another application's default
        "[Default Applications]\napplication/x-briefgen=briefgen.desktop\ntext/plain=gedit.desktop\n\n"
        "[Added Associations]\napplication/x-briefgen=briefgen.desktop;\n",
        encoding="utf-8",
    )
    tool_log.unlink()

    assert main(["install-desktop", "--uninstall"]) == 0
    assert not any(path.exists() for path in installed)
    assert neighbour.exists()
    assert mimeapps.read_text(encoding="utf-8") == (
        "[Default Applications]\ntext/plain=gedit.desktop\n\n[Added Associations]\n"
    )
    assert tool_log.read_text(encoding="utf-8").splitlines() == [  # the databases forget the type and entry
        f"update-mime-database {data() / 'mime'}",
        f"update-desktop-database {data() / 'applications'}",
    ]
    out = capsys.readouterr().out
    assert out.startswith("Removed Briefgen from this user's desktop:\n")

    assert main(["install-desktop", "--uninstall"]) == 0
    assert capsys.readouterr().out == f"Nothing to remove: Briefgen is not installed in {data()}\n"


def test_without_xdg_data_home_it_installs_under_the_home_folder(briefgen, tool_log, monkeypatch, desktop_home):
    monkeypatch.setenv("XDG_DATA_HOME", "relative/share")  # not absolute: ignored, as the specification says
    assert main(["install-desktop"]) == 0
    assert (desktop_home / ".local" / "share" / "applications" / "briefgen.desktop").is_file()
    assert not Path("relative").exists()


def test_run_as_python_m_app_the_entry_starts_this_python(tool_log, monkeypatch):
    monkeypatch.setattr(sys, "argv", [str(Path("app/__main__.py").absolute()), "install-desktop"])
    assert main(["install-desktop"]) == 0
    assert entry_values()["Exec"] == f"{exec_argument(sys.executable)} -m app %f"


def test_the_installed_briefgen_program_names_itself(tmp_path):
    """Through the real console script, in a process of its own: Exec is that program's absolute path."""
    program = Path(sys.executable).parent / "briefgen"
    if not program.is_file():
        pytest.skip("briefgen is not installed beside this Python")
    environment = {**os.environ, "PATH": str(tmp_path / "no-tools")}
    subprocess.run([str(program), "install-desktop"], env=environment, check=True, capture_output=True, timeout=60)
    assert entry_values()["Exec"] == f"{os.path.abspath(program)} %f"


# --- read by the real tools, where installed ----------------------------------------------------------------

ODD_FOLDER = 'my tools/$HOME "quoted" back\\slash'


def real_tool(name: str) -> str:
    found = shutil.which(name)
    if found is None:
        pytest.skip(f"{name} is not installed")
    return found


@pytest.mark.parametrize("folder", ["bin", ODD_FOLDER, "100% done"])
def test_desktop_file_validate_accepts_the_entry(tmp_path: Path, folder: str):
    validate = real_tool("desktop-file-validate")
    entry = tmp_path / "briefgen.desktop"
    entry.write_text(desktop_entry([str(tmp_path / folder / "briefgen")]), encoding="utf-8")
    result = subprocess.run([validate, str(entry)], capture_output=True, text=True, timeout=60)
    assert (result.returncode, result.stdout, result.stderr) == (0, "", "")


def test_the_mime_database_knows_brief_files(briefgen):
    real_tool("update-mime-database")
    assert main(["install-desktop"]) == 0
    assert "application/x-briefgen:*.brief" in (data() / "mime" / "globs2").read_text(encoding="utf-8")
    assert "application/x-briefgen application/json" in (data() / "mime" / "subclasses").read_text(encoding="utf-8")
    assert (data() / "mime" / "application" / "x-briefgen.xml").is_file()


def test_xdg_mime_makes_briefgen_the_default_for_briefs(briefgen):
    xdg_mime = real_tool("xdg-mime")
    assert main(["install-desktop"]) == 0
    query = [xdg_mime, "query", "default", "application/x-briefgen"]
    assert subprocess.run(query, capture_output=True, text=True, timeout=60).stdout.strip() == "briefgen.desktop"
    assert main(["install-desktop", "--uninstall"]) == 0
    assert subprocess.run(query, capture_output=True, text=True, timeout=60).stdout.strip() == ""


def test_a_launcher_starts_the_installed_briefgen_on_the_brief(tmp_path: Path, monkeypatch):
    """GLib's launcher, as GNOME's file manager uses on a double-click, reads the entry and runs its Exec line,
    from a folder whose name needs quoting."""
    gio = real_tool("gio")
    program = tmp_path / ODD_FOLDER.replace("%", "") / "briefgen"
    program.parent.mkdir(parents=True)
    started = tmp_path / "started"
    program.write_text(f'#!/bin/sh\nprintf "%s\\n" "$0" "$@" > "{started}"\n', encoding="utf-8")
    program.chmod(0o755)
    monkeypatch.setattr(sys, "argv", [str(program), "install-desktop"])
    monkeypatch.setenv("PATH", str(tmp_path / "no-tools"))
    assert main(["install-desktop"]) == 0
    brief = tmp_path / "my brief.brief"
    subprocess.run([gio, "launch", str(entry_file()), str(brief)], check=True, timeout=60)
    deadline = time.monotonic() + 30  # the launcher starts the program and returns without waiting for it
    while not started.exists() and time.monotonic() < deadline:
        time.sleep(0.05)
    assert started.read_text(encoding="utf-8").splitlines() == [str(program), str(brief)]
