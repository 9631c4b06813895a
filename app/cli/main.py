"""The ``briefgen`` command: the same core as the GUI, for scripts and quick builds.

Every BriefgenError becomes one line on stderr and exit status 1; argparse
usage errors exit with 2.  No traceback reaches the user.

This module only parses the command line: each command's module (app.cli.build,
app.cli.inspect …) is imported when that command runs, so ``briefgen --help``
does not wait for the document stack to load.
"""

from __future__ import annotations

import argparse
import contextlib
import importlib
import os
import sys
from collections.abc import Sequence
from pathlib import Path

from app.cli import check as cli_check
from app.cli import desktop as cli_desktop
from app.cli import presets as cli_presets
from app.cli import templates as cli_templates
from app.cli.terminal import make_streams_forgiving
from app.core.clock import drop_unusable_epoch
from app.core.errors import BriefgenError, IngestError, ProjectError
from app.core.formats import default_output_names, is_project_file, output_names
from app.text.controls import printable

#: Usage errors exit with 2 from argparse itself.
EXIT_OK, EXIT_ERROR = 0, 1
#: Each command's module in app.cli, imported when the command runs; each has ``run(args) -> int``.
COMMAND_MODULES = {
    "build": "build",
    "inspect": "inspect",
    "check": "check",
    "templates": "templates",
    "presets": "presets",
    "install-desktop": "desktop",
}
#: Every command's name: a first argument that is none of these may be a brief to open (``briefgen x.brief``).
COMMANDS = {*COMMAND_MODULES, "gui"}


def _formats(value: str) -> list[str]:
    formats = [f.strip().lower() for f in value.split(",") if f.strip()]
    bad = [f for f in formats if f not in output_names()]
    if bad or not formats:
        raise argparse.ArgumentTypeError(
            f"unknown format {bad[0] if bad else value!r}; choose from {', '.join(output_names())}"
        )
    return formats


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="briefgen",
        description="Turn source documents into a formatted policy brief.",
        epilog="`briefgen` alone opens the window; `briefgen PROJECT.brief` opens that brief in it.",
    )
    sub = parser.add_subparsers(dest="command")

    build = sub.add_parser("build", help="build a brief from sources or a .brief project")
    build.add_argument("inputs", nargs="+", metavar="SOURCE", help="source files or folders, or one PROJECT.brief")
    build.add_argument("--sections", help="comma-separated section ids or numbers (see `inspect`), in brief order")
    build.add_argument("--template", help="template name or folder (default: the project's, or policy-brief)")
    build.add_argument("--title")
    build.add_argument("--subtitle")
    build.add_argument("--author")
    build.add_argument("--organisation")
    build.add_argument("--date")
    build.add_argument("--classification")
    build.add_argument("--recipient")
    build.add_argument("--summary")
    build.add_argument(
        "--format",
        type=_formats,
        action="extend",  # --format pdf --format docx asks for both, as --format pdf,docx does
        help=f"comma-separated or repeated, from {','.join(output_names())} "
        f"(default: {','.join(default_output_names())})",
    )
    build.add_argument("-o", "--output", type=Path, help="output folder (default: the preset's, else .)")
    build.add_argument(
        "--name",
        help="output file name without extension, or a pattern of {date} {title} {marking} {template} "
        "(default: {title}-{template})",
    )
    build.add_argument("--marking-scheme", help="mark this build in another scheme (us, uk, nato, none …)")
    build.add_argument(
        "--citation-style", help="cite in another style for this build (numbered, apa, chicago-notes-bibliography)"
    )
    build.add_argument(
        "--preset", help="use an export preset's choices (see `briefgen presets`); options given here win"
    )
    build.add_argument("--markup", action="store_true", help="also write the assembled markup (as --format md)")
    build.add_argument(
        "--save", type=Path, metavar="PROJECT.brief", help="also save the project built (sources fingerprinted)"
    )

    inspect = sub.add_parser("inspect", help="list a source's sections (ids, headings, word counts) and figures")
    inspect.add_argument("sources", nargs="+", metavar="SOURCE", help="source files or folders")
    inspect.add_argument(
        "--json", action="store_true", help="print a JSON array, one object per source (docs: README, Command line)"
    )

    cli_templates.add_parser(sub)
    cli_check.add_parser(sub)
    cli_presets.add_parser(sub, _formats)
    cli_desktop.add_parser(sub)

    gui = sub.add_parser(
        "gui", help="open the desktop window (what `briefgen` alone does; `briefgen PROJECT.brief` opens one)"
    )
    gui.add_argument(
        "projects", nargs="*", type=Path, metavar="PROJECT.brief", help="the project to open (one per window)"
    )
    return parser


def _opening_a_file(arguments: list[str]) -> list[str]:
    """``briefgen x.brief`` means ``briefgen gui x.brief``: how a terminal and a file manager open a brief.

    Only a first argument that is neither a command nor an option, and that names a .brief or an existing path,
    counts as a file: a mistyped command (``briefgen biuld``) is still explained by argparse as one.
    """
    if not arguments or arguments[0] in COMMANDS or arguments[0].startswith("-"):
        return arguments
    first = Path(arguments[0])
    return ["gui", *arguments] if is_project_file(first) or first.exists() else arguments


def _project_to_open(paths: Sequence[Path]) -> Path | None:
    """The one brief the window is to open, checked before Qt loads: a wrong path is one line, not a window."""
    if len(paths) > 1:
        raise ProjectError(
            f"one brief at a time: {len(paths)} were given (start briefgen once for each; "
            "a file manager opens each brief chosen in a window of its own)"
        )
    if not paths:
        return None
    path = paths[0]
    if not path.exists():
        raise ProjectError(f"{path}: project file not found")
    if path.is_dir() or not is_project_file(path):
        raise ProjectError(
            f"{path}: not a Briefgen project (a .brief file); sources are added in the window, "
            "or read by `briefgen inspect` and `briefgen build`"
        )
    return path


def _gui(args: argparse.Namespace) -> int:
    project = _project_to_open(args.projects)
    needs_display = sys.platform.startswith("linux") and not os.environ.get("QT_QPA_PLATFORM")
    if needs_display and not (os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY")):
        raise BriefgenError(
            "no display to open the window on (neither DISPLAY nor WAYLAND_DISPLAY is set: start it on the desktop, "
            "or over SSH with `ssh -X`); the other commands work without one (briefgen --help)"
        )
    from app.gui import run  # only the window needs Qt; the rest of the CLI stays Qt-free

    return run(project)


def _printable_lines(error: BriefgenError) -> str:
    """An error's message escaped line by line: a list of problems keeps its line breaks, nothing else gets in."""
    return "\n".join(printable(line) for line in str(error).split("\n"))


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line ``argv`` (default: the process's) and return its exit status."""
    return _run(_command_line(argv))


def console() -> None:
    """The ``briefgen`` program (console script, ``python -m app``): ``main``, and then out at once.

    After a command (not the window, whose toolkit saves settings as it is torn down) nothing is left to do
    when ``main`` returns: files are written and closed, worker processes ended.  Tearing the interpreter down
    would free each object of the document stack and collect garbage once more, 0.2 s after a build that took
    one second; the system frees the memory at once instead.  Output is flushed first.
    """
    args = _command_line(None)
    status = _run(args)
    if args.command == "gui":
        sys.exit(status)
    for stream in (sys.stdout, sys.stderr):
        with contextlib.suppress(OSError, ValueError):  # a closed pipe: nothing more can be said there
            stream.flush()
    os._exit(status)


def _command_line(argv: Sequence[str] | None) -> argparse.Namespace:
    make_streams_forgiving()
    epoch_problem = drop_unusable_epoch()
    if epoch_problem:
        print(f"briefgen: warning: {printable(epoch_problem)}", file=sys.stderr)
    args = _parser().parse_args(_opening_a_file(list(sys.argv[1:] if argv is None else argv)))
    if args.command is None:
        args.command, args.projects = "gui", []
    return args


def _run(args: argparse.Namespace) -> int:
    try:
        if args.command == "gui":
            return _gui(args)
        command = importlib.import_module(f"app.cli.{COMMAND_MODULES[args.command]}")
        return int(command.run(args))
    except IngestError as exc:
        print(f"briefgen: cannot read {printable(exc)}", file=sys.stderr)
    except BriefgenError as exc:
        print(f"briefgen: {_printable_lines(exc)}", file=sys.stderr)
    except KeyboardInterrupt:
        print("briefgen: interrupted", file=sys.stderr)
    except BrokenPipeError:  # output piped into `head` and the like: stop quietly, as other tools do
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return EXIT_OK
    return EXIT_ERROR
