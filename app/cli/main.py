"""The ``briefgen`` command: the same core as the GUI, for scripts and quick builds.

Every BriefgenError becomes one line on stderr and exit status 1; argparse
usage errors exit with 2.  No traceback reaches the user.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Sequence
from pathlib import Path

from app.assemble.templating import find_template
from app.brief.project_file import EXTENSION, save_project
from app.brief.select import numbered_sections, project_from_sources
from app.cli import check as cli_check
from app.cli import templates as cli_templates
from app.cli.reading import open_brief, source_files, warm_up
from app.cli.terminal import make_streams_forgiving
from app.core.clock import drop_unusable_epoch
from app.core.errors import BriefgenError, IngestError
from app.core.formats import default_output_names, output_names
from app.core.model import Section, Source
from app.ingest import ingest_bounded
from app.pipeline.build import build_brief
from app.pipeline.checks import brief_checks
from app.pipeline.export import export
from app.pipeline.repeats import section_repeats
from app.text.controls import printable

#: Usage errors exit with 2 from argparse itself.
EXIT_OK, EXIT_ERROR = 0, 1


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
        prog="briefgen", description="Turn source documents into a formatted policy brief."
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
        default=default_output_names(),
        help=f"comma-separated, from {','.join(output_names())} (default: {','.join(default_output_names())})",
    )
    build.add_argument("-o", "--output", type=Path, default=Path("."), help="output folder (default: .)")
    build.add_argument("--name", help="output file name without extension (default: from the title)")
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

    gui = sub.add_parser("gui", help="open the desktop window (what `briefgen` alone does)")
    gui.add_argument("project", nargs="?", type=Path, metavar="PROJECT.brief", help="a project to open")
    return parser


def _build(args: argparse.Namespace) -> int:
    meta_args = ("title", "subtitle", "author", "organisation", "date", "classification", "recipient", "summary")
    overrides = {k: getattr(args, k) for k in meta_args if getattr(args, k) is not None}
    if len(args.inputs) == 1 and args.inputs[0].lower().endswith(EXTENSION):
        if args.sections:
            raise BriefgenError("--sections applies to sources, not to a .brief project (its items are the selection)")
        opened = open_brief(args.inputs[0])
        if opened.errors:
            raise opened.errors[0]
        project, sources = opened.project, opened.sources
        project.meta = project.meta.model_copy(update=overrides)
    else:
        files = source_files(args.inputs)
        warm_up()
        sources = [ingest_bounded(p) for p in files]
        specs = args.sections.split(",") if args.sections else None
        project = project_from_sources(sources, specs, **overrides)
    if args.template:
        project.template = args.template
    template = find_template(project.template)
    loaded = {s.path: s for s in sources}
    brief = build_brief(project, loaded, template)
    formats = args.format + (["md"] if args.markup and "md" not in args.format else [])
    for _, _, path in export(brief, args.output, formats, args.name):
        print(printable(path))
    if args.save:
        save_project(project, args.save)
        print(printable(args.save))
    checked = brief_checks(project, loaded, template, built=brief if "pdf" in formats else None)
    read = [f"{source.path}: {warning}" for source in sources for warning in source.warnings]
    for warning in read + list(brief.warnings) + [problem.message for problem in checked]:
        print(f"briefgen: warning: {printable(warning)}", file=sys.stderr)
    return EXIT_OK


def _inspect(args: argparse.Namespace) -> int:
    files = source_files(args.sources)
    warm_up()
    sources = [ingest_bounded(p) for p in files]
    repeats = section_repeats(sources)
    if args.json:
        json.dump([_source_json(source, repeats) for source in sources], sys.stdout, indent=1)
        print()
        return EXIT_OK
    numbered: dict[int, list[tuple[int, Section]]] = {}
    numbers: dict[tuple[str, str], int] = {}
    for number, source, section in numbered_sections(sources):
        numbered.setdefault(id(source), []).append((number, section))
        numbers[(source.path, section.id)] = number
    for source in sources:
        facts = (source.outlet, source.author, source.date, source.format, source.language)
        details = " · ".join(printable(x) for x in facts if x)
        print(f"{printable(source.path)}\n  title: {printable(source.title)}" + (f"\n  {details}" if details else ""))
        for warning in source.warnings:
            print(f"  warning: {printable(warning)}")
        for number, section in numbered.get(id(source), []):
            page = f"  p. {section.page}" if section.page else ""
            heading = printable(section.display_heading)
            print(f"  {number:>3}  {printable(section.id):<42} {section.word_count:>5} words  {heading}{page}")
            others = repeats.get((source.path, section.id), [])
            if others:
                places = ", ".join(f"{printable(Path(path).name)} §{numbers[(path, sid)]}" for path, sid in others)
                print(f"       also in {places}")
        for figure in source.figures:
            size = f"{figure.width_px}×{figure.height_px}"
            words = " — ".join(printable(x) for x in (figure.caption, figure.credit) if x) or "(no caption)"
            print(f"       {figure.id:<12} in {printable(figure.section_id):<27} {size:>11}  {words}")
    return EXIT_OK


def _source_json(source: Source, repeats: dict[tuple[str, str], list[tuple[str, str]]]) -> dict:
    """The source as JSON, each section with ``also_in``: the other sources' sections carrying its passages."""
    data = source.model_dump(mode="json")
    for section in data["sections"]:
        others = repeats.get((source.path, section["id"]), [])
        section["also_in"] = [{"path": path, "section": section_id} for path, section_id in others]
    return data


def _gui(args: argparse.Namespace) -> int:
    needs_display = sys.platform.startswith("linux") and not os.environ.get("QT_QPA_PLATFORM")
    if needs_display and not (os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY")):
        raise BriefgenError("no display to open the window on; the other commands work without one (briefgen --help)")
    from app.gui import run  # only the window needs Qt; the rest of the CLI stays Qt-free

    return run(args.project)


def _printable_lines(error: BriefgenError) -> str:
    """An error's message escaped line by line: a list of problems keeps its line breaks, nothing else gets in."""
    return "\n".join(printable(line) for line in str(error).split("\n"))


def main(argv: Sequence[str] | None = None) -> int:
    make_streams_forgiving()
    epoch_problem = drop_unusable_epoch()
    if epoch_problem:
        print(f"briefgen: warning: {printable(epoch_problem)}", file=sys.stderr)
    parser = _parser()
    args = parser.parse_args(argv)
    handlers = {"build": _build, "inspect": _inspect, "check": cli_check.run, "templates": cli_templates.run}
    handlers["gui"] = _gui
    if args.command is None:
        args.command, args.project = "gui", None
    try:
        return handlers[args.command](args)
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
