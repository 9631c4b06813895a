"""``briefgen install-desktop``: Briefgen in the user's menus, and a brief opening in it with a double-click.

Everything goes under the user's data folder ($XDG_DATA_HOME, by default ~/.local/share), where desktops look for
applications, icons and file types beside the system's: no root is needed, and uninstalling removes exactly what was
written. The desktop's own tools then take the files in. A tool that is missing is named, with the package that has
it and what goes without it, and never fails the install: the files are right, only noticed later.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from app.core.atomic import write_all_atomically
from app.core.errors import BriefgenError
from app.core.paths import APP_ICON, APP_ICON_SIZES, APP_ID, app_icon_png
from app.desktop.entry import DESKTOP_FILE, desktop_entry
from app.desktop.mime import MIME_PACKAGE, MIME_PACKAGE_XML, MIME_TYPE

#: How long one of the desktop's tools may take; they take well under a second.
TOOL_SECONDS = 60


@dataclass(frozen=True)
class Tool:
    """One of the desktop's tools run after the files change."""

    #: The command, with the data folder's paths in it.
    command: tuple[str, ...]
    #: The Debian/Ubuntu package that has it.
    package: str
    #: What goes without it.
    without: str

    @property
    def name(self) -> str:
        return self.command[0]


@dataclass
class Report:
    """What install or uninstall did: the files written or removed, and how the desktop's tools went."""

    files: list[Path] = field(default_factory=list)
    ran: list[str] = field(default_factory=list)
    missing: list[Tool] = field(default_factory=list)
    #: (tool, what it said) for each that ran and failed.
    failed: list[tuple[str, str]] = field(default_factory=list)


def _xdg_home(variable: str, default: str) -> Path:
    """An XDG base folder: its variable when set to an absolute path (the specification ignores others), else
    the default under the home folder."""
    value = os.environ.get(variable, "")
    return Path(value) if os.path.isabs(value) else Path.home() / default


def data_home() -> Path:
    return _xdg_home("XDG_DATA_HOME", ".local/share")


def config_home() -> Path:
    return _xdg_home("XDG_CONFIG_HOME", ".config")


def _files(data: Path, entry: str) -> dict[Path, Path | str]:
    """Each file installed under ``data``, with the bundled file it copies or its text; ``entry`` is the desktop
    entry's (uninstalling needs only the names)."""
    icons = data / "icons" / "hicolor"
    files: dict[Path, Path | str] = {
        data / "applications" / DESKTOP_FILE: entry,
        data / "mime" / "packages" / MIME_PACKAGE: MIME_PACKAGE_XML,
        icons / "scalable" / "apps" / f"{APP_ID}.svg": APP_ICON,
    }
    for size in APP_ICON_SIZES:
        files[icons / f"{size}x{size}" / "apps" / f"{APP_ID}.png"] = app_icon_png(size)
    return files


def _tools(data: Path, installing: bool) -> list[Tool]:
    tools = [
        Tool(
            ("update-mime-database", str(data / "mime")),
            "shared-mime-info",
            "file managers will not know .brief files until the MIME database is next rebuilt",
        ),
        Tool(
            ("update-desktop-database", str(data / "applications")),
            "desktop-file-utils",
            "some file managers will offer Briefgen for .brief files only once their cache is rebuilt",
        ),
    ]
    if installing:
        tools.append(
            Tool(
                ("xdg-mime", "default", DESKTOP_FILE, MIME_TYPE),
                "xdg-utils",
                "Briefgen is not yet the default application for .brief files: choose it once under Open With",
            )
        )
    return tools


def _run(tools: Sequence[Tool], report: Report) -> None:
    for tool in tools:
        if shutil.which(tool.name) is None:
            report.missing.append(tool)
            continue
        try:
            done = subprocess.run(tool.command, capture_output=True, text=True, timeout=TOOL_SECONDS, check=False)
        except (OSError, subprocess.TimeoutExpired) as exc:
            report.failed.append((tool.name, str(exc)))
            continue
        if done.returncode != 0:
            said = (done.stderr or done.stdout).strip().splitlines()
            report.failed.append((tool.name, said[0] if said else f"exit status {done.returncode}"))
        else:
            report.ran.append(tool.name)


def install(command: Sequence[str]) -> Report:
    """Install the desktop entry starting ``command``, the file type and the icon, all or none, then run the tools.

    BriefgenError when the files cannot be written (the tools' troubles are only reported).
    """
    data = data_home()
    files = _files(data, desktop_entry(command))
    write_all_atomically(
        [
            (target, content.read_bytes() if isinstance(content, Path) else content.encode("utf-8"))
            for target, content in files.items()
        ]
    )
    report = Report(files=list(files))
    _run(_tools(data, installing=True), report)
    return report


def uninstall() -> Report:
    """Remove what ``install`` wrote, and Briefgen as the default for briefs; the tools then forget them too."""
    data = data_home()
    report = Report()
    for target in _files(data, entry=""):
        try:
            target.unlink()
        except FileNotFoundError:
            continue
        except OSError as exc:
            raise BriefgenError(f"cannot remove {target}: {exc.strerror or exc}") from exc
        report.files.append(target)
    _forget_default(config_home() / "mimeapps.list")
    if report.files:
        _run(_tools(data, installing=False), report)
    return report


def _forget_default(mimeapps: Path) -> None:
    """Drop the line ``xdg-mime default`` wrote (``application/x-briefgen=briefgen.desktop``); the rest stays."""
    try:
        lines = mimeapps.read_text(encoding="utf-8").splitlines(keepends=True)
    except (FileNotFoundError, UnicodeDecodeError):
        return
    ours = f"{MIME_TYPE}={DESKTOP_FILE}"
    kept = [line for line in lines if line.strip().rstrip(";") != ours]
    if len(kept) != len(lines):
        mimeapps.write_text("".join(kept), encoding="utf-8")
