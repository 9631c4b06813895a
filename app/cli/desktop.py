"""``briefgen install-desktop [--uninstall]``: Briefgen in the desktop's menus, briefs opening in it from the file
manager (app.desktop.install does the work; this says what was done and what the desktop still lacks)."""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from app.core.errors import BriefgenError
from app.text.controls import printable


def add_parser(sub: argparse._SubParsersAction) -> None:
    command = sub.add_parser(
        "install-desktop",
        help="add Briefgen to this user's desktop menus and open .brief files with it (Linux)",
        description="Install a desktop entry, the app icon and the .brief file type under $XDG_DATA_HOME "
        "(~/.local/share), so Briefgen is in the menus and a double-click on a brief opens it.",
    )
    command.add_argument("--uninstall", action="store_true", help="remove what install-desktop installed")


def this_briefgen() -> list[str]:
    """The command that started this briefgen, absolute, for the desktop entry to start it alike: the briefgen
    program (a virtual environment's, say), or this Python with ``-m app`` when run as ``python -m app``."""
    program = Path(sys.argv[0])
    if program.name == "briefgen" and program.is_file():
        return [os.path.abspath(program)]
    return [sys.executable, "-m", "app"]


def run(args: argparse.Namespace) -> int:
    if sys.platform == "darwin" or os.name != "posix":
        raise BriefgenError("install-desktop sets Briefgen up on Linux (freedesktop.org) desktops; here, run briefgen")
    from app.desktop import install as desktop  # the files and tools load only for this command

    if args.uninstall:
        report = desktop.uninstall()
        if not report.files:
            print(f"Nothing to remove: Briefgen is not installed in {printable(desktop.data_home())}")
            return 0
        print("Removed Briefgen from this user's desktop:")
    else:
        command = this_briefgen()
        report = desktop.install(command)
        print(f"Installed Briefgen for this user's desktop, started as {printable(' '.join(command))}:")
    for path in report.files:
        print(f"  {printable(path)}")
    if report.ran:
        print(f"Ran {', '.join(report.ran)}.")
    for tool in report.missing:
        print(
            f"briefgen: warning: {tool.name} not found (install the package {tool.package}): {tool.without}",
            file=sys.stderr,
        )
    for name, said in report.failed:
        print(f"briefgen: warning: {name} failed: {printable(said)}", file=sys.stderr)
    if not args.uninstall:
        print("A double-click on a .brief file opens it in Briefgen; `briefgen install-desktop --uninstall` undoes it.")
    return 0
