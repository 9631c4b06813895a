"""``briefgen build``: sources or a .brief project → the brief in every format asked for, all or none."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import NamedTuple

from app.core.formats import default_output_names

# It loads the core that this process and the writers' processes share, and the writers start from it.
from app.pipeline.writer_processes import WriterProcesses

#: The brief's details a build may set from the command line.
META_ARGUMENTS = ("title", "subtitle", "author", "organisation", "date", "classification", "recipient", "summary")


class ExportChoices(NamedTuple):
    """What this build writes, where and how: the command line's options, else the preset's, else the defaults."""

    #: A template name or folder for this build; None: the brief's own.
    template: str | None
    formats: list[str]
    folder: Path
    #: A file name or pattern (app/pipeline/naming.py); None: the default pattern.
    name: str | None
    marking_scheme: str | None
    #: The preset's citation style, passed through for the build to use; the command has no option for it yet.
    citation_style: str | None


def export_choices(args: argparse.Namespace) -> ExportChoices:
    """The options given on the command line, each one not given taken from ``--preset`` (when named)."""
    from app.core.errors import ExportError
    from app.core.presets import Preset, find_preset, is_name_pattern, name_pattern_problem

    preset = find_preset(args.preset) if args.preset else Preset(name="none")
    name = args.name or preset.file_name
    problem = name_pattern_problem(name) if name and is_name_pattern(name) else None
    if problem:  # said before any source is read
        raise ExportError(problem)
    # each format once, in the order first named
    chosen = list(dict.fromkeys(args.format or preset.formats or default_output_names()))
    return ExportChoices(
        template=args.template or preset.template,
        formats=chosen + (["md"] if args.markup and "md" not in chosen else []),
        folder=args.output or (Path(preset.folder).expanduser() if preset.folder else Path(".")),
        name=name,
        marking_scheme=args.marking_scheme or preset.marking_scheme,
        citation_style=args.citation_style or preset.citation_style,
    )


def run(args: argparse.Namespace) -> int:
    choices = export_choices(args)
    writers = WriterProcesses(choices.formats, choices.template or "")
    try:
        return _build(args, choices, writers)
    finally:
        writers.close()


def _build(args: argparse.Namespace, choices: ExportChoices, writers: WriterProcesses) -> int:
    # The rest of the stack loads here, after the writers' processes have started loading theirs.
    from app.assemble.catalog import find_template
    from app.brief.project_file import EXTENSION, save_project
    from app.brief.select import project_from_sources
    from app.cli.reading import open_brief, read_all, source_files
    from app.core.errors import BriefgenError
    from app.pipeline.build import build_brief, export_style
    from app.pipeline.checks import brief_checks
    from app.pipeline.export import export
    from app.pipeline.naming import export_project, file_stem
    from app.text.controls import printable

    overrides = {k: getattr(args, k) for k in META_ARGUMENTS if getattr(args, k) is not None}
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
        sources = read_all(files)
        specs = args.sections.split(",") if args.sections else None
        project = project_from_sources(sources, specs, **overrides)
    project = export_project(project, choices.template, choices.marking_scheme)
    formats = choices.formats
    template = find_template(project.template)
    loaded = {s.path: s for s in sources}
    brief = build_brief(project, loaded, template, style=export_style(template, choices.citation_style))
    stem = file_stem(choices.name, project, template, brief)
    writers.begin(brief)  # the brief's checks run while it is written; the PDF's worker checks its fonts
    fonts_here = "pdf" in formats and not writers.checks_fonts
    checked = brief_checks(project, loaded, template, built=brief if fonts_here else None)
    for _, _, path in export(brief, choices.folder, formats, stem, writers.render_all):
        print(printable(path))
    if args.save:
        save_project(project, args.save)
        print(printable(args.save))
    read = [f"{source.path}: {warning}" for source in sources for warning in source.warnings]
    for warning in read + list(brief.warnings) + [problem.message for problem in checked] + writers.font_warnings:
        print(f"briefgen: warning: {printable(warning)}", file=sys.stderr)
    return 0
