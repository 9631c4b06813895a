"""``briefgen check PROJECT.brief``: the pre-export checks, as the window's Checks panel lists them.

Exit status 0 when the brief is ready to leave, 1 when there is something to
fix; each problem is one line, with where to fix it.
"""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING

from app.text.controls import printable

if TYPE_CHECKING:
    from app.core.problems import Problem

EXIT_CLEAN, EXIT_PROBLEMS = 0, 1


def add_parser(sub: argparse._SubParsersAction) -> None:
    check = sub.add_parser("check", help="list what to fix before a .brief project leaves (exit 1 if anything)")
    check.add_argument("project", metavar="PROJECT.brief")
    check.add_argument("--template", help="check against this template instead of the project's")


def run(args: argparse.Namespace) -> int:
    from app.assemble.catalog import find_template  # the checks' stack loads only when they run
    from app.cli.reading import open_brief
    from app.pipeline.checks import checks_with_build

    opened = open_brief(args.project)
    project = opened.project
    template = find_template(args.template or project.template)
    unreadable = {error.path: error.reason for error in opened.errors}
    problems = checks_with_build(project, {s.path: s for s in opened.sources}, template, unreadable)
    if not problems:
        print(f"{printable(args.project)}: no problems found")
        return EXIT_CLEAN
    count = len(problems)
    print(f"{printable(args.project)}: {count} problem{'s' if count != 1 else ''}")
    for problem in problems:
        print(f"  {_where(problem)}{printable(problem.message)}")
    return EXIT_PROBLEMS


def _where(problem: Problem) -> str:
    """ "[item 3] ", "[source] ", "[details: recipient] " …: where the window would take the analyst."""
    if problem.place == "detail":
        return f"[details: {problem.target}] "
    return f"[{problem.place}] " if problem.place in ("source", "template") else ""
