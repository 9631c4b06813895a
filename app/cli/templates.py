"""``briefgen templates …``: list, copy, check and share templates from the command line."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from app.core.errors import TemplateError
from app.text.controls import printable


def add_parser(sub: argparse._SubParsersAction) -> None:
    templates = sub.add_parser("templates", help="list, copy, check, export and import templates")
    actions = templates.add_subparsers(dest="template_command")
    actions.add_parser("list", help="list the available templates (the default)")
    new = actions.add_parser("new", help="make an editable copy in your user templates folder")
    new.add_argument("name")
    new.add_argument("--from", dest="source", default="policy-brief", help="template to copy (default: policy-brief)")
    check = actions.add_parser("check", help="validate a template: syntax, style keys and a trial render")
    check.add_argument("template", metavar="PATH", help="template folder or name")
    export = actions.add_parser("export", help="pack a template as a .zip to share")
    export.add_argument("name")
    export.add_argument("zip", type=Path)
    imported = actions.add_parser("import", help="install a shared template .zip as a user template")
    imported.add_argument("zip", type=Path)
    imported.add_argument("--name", help="install under this name (default: the name inside the zip)")
    imported.add_argument(
        "--replace", action="store_true", help="replace a user template of the same name (or shadow a built-in)"
    )


def _list(args: argparse.Namespace) -> None:
    from app.assemble.catalog import discover_templates  # each command loads what it needs when it runs

    problems: list[TemplateError] = []
    for name, info in sorted(discover_templates(problems=problems).items()):
        origin = "built-in" if info.builtin else f"user ({info.folder})"
        print(f"{printable(name):<20} {printable(origin):<10} {printable(info.description)}")
    for problem in problems:
        print(f"skipped a broken template: {printable(problem)}", file=sys.stderr)


def _new(args: argparse.Namespace) -> None:
    from app.template_tools.store import duplicate_template

    info = duplicate_template(args.source, args.name)
    print(f"created {printable(info.folder)} (from {printable(args.source)}); edit brief.md.j2 and style.toml there")


def _check(args: argparse.Namespace) -> None:
    from app.template_tools.check import check_template

    info, problems = check_template(args.template)
    if problems or info is None:
        raise TemplateError(f"{len(problems)} problem(s):\n  " + "\n  ".join(problems))
    print(f"{printable(info.folder)}: OK (syntax, style, trial render to DOCX and PDF)")


def _export(args: argparse.Namespace) -> None:
    from app.template_tools.store import export_zip

    print(printable(export_zip(args.name, args.zip)))


def _import(args: argparse.Namespace) -> None:
    from app.template_tools.store import import_zip

    info = import_zip(args.zip, args.name, replace=args.replace)
    print(f"installed {printable(info.name)} in {printable(info.folder)}")


COMMANDS = {"list": _list, "new": _new, "check": _check, "export": _export, "import": _import}


def run(args: argparse.Namespace) -> int:
    COMMANDS[args.template_command or "list"](args)
    return 0
