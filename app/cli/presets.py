"""``briefgen presets …``: list, save and delete export presets (app/core/presets.py), used by ``build --preset``."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from pathlib import Path

from app.text.controls import printable


def add_parser(sub: argparse._SubParsersAction, formats: Callable[[str], list[str]]) -> None:
    presets = sub.add_parser("presets", help="list, save and delete export presets (build --preset NAME)")
    actions = presets.add_subparsers(dest="preset_command")
    actions.add_parser("list", help="list the saved presets and what each sets (the default)")
    save = actions.add_parser("save", help="save a preset (replacing one of the same name)")
    save.add_argument("name")
    save.add_argument("--template", help="template name or folder (default: the brief's)")
    save.add_argument("--format", type=formats, action="extend", help="comma-separated or repeated output formats")
    save.add_argument("--marking-scheme", help="marking scheme id for the export (default: the brief's)")
    save.add_argument("--citation-style", help="citation style id, such as numbered or apa (default: the template's)")
    save.add_argument("-o", "--output", metavar="FOLDER", help="output folder")
    save.add_argument("--name", dest="file_name", help="file name or pattern: {date} {title} {marking} {template}")
    delete = actions.add_parser("delete", help="delete a preset")
    delete.add_argument("name")


def _list(args: argparse.Namespace) -> None:
    from app.core.presets import load_presets, presets_file

    book = load_presets()
    for preset in sorted(book.presets, key=lambda p: p.name.casefold()):
        print(f"{printable(preset.name)}: {printable(preset.summary())}")
    if not book.presets and not book.problem:
        print(f"no presets saved yet; `briefgen presets save NAME …` saves one in {printable(presets_file())}")
    if book.problem:
        print(f"briefgen: warning: {printable(book.problem)}", file=sys.stderr)


def _save(args: argparse.Namespace) -> None:
    from app.core.presets import make_preset, presets_file, save_preset

    preset = make_preset(
        name=args.name,
        template=args.template,
        formats=list(dict.fromkeys(args.format or [])),
        marking_scheme=args.marking_scheme,
        citation_style=args.citation_style,
        folder=str(Path(args.output).expanduser().absolute()) if args.output else None,  # not the folder of today
        file_name=args.file_name,
    )
    if preset.marking_scheme:
        from app.core.marking_schemes import find_scheme

        find_scheme(preset.marking_scheme)  # an unknown scheme is said now, not at the next build
    replaced = save_preset(preset)
    verb = "replaced" if replaced else "saved"
    print(f"{verb} preset {printable(preset.name)} in {printable(presets_file())}: {printable(preset.summary())}")


def _delete(args: argparse.Namespace) -> None:
    from app.core.presets import delete_preset

    delete_preset(args.name)
    print(f"deleted preset {printable(args.name)}")


COMMANDS = {"list": _list, "save": _save, "delete": _delete}


def run(args: argparse.Namespace) -> int:
    COMMANDS[args.preset_command or "list"](args)
    return 0
