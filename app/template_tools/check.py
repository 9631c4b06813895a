"""``briefgen templates check``: find what is wrong with a template before an analyst uses it.

Checks every Jinja file's syntax, the style file's keys, then renders the
template against the bundled sample brief, once recording every undefined
variable (instead of stopping at the first) and once through both writers.
An error that stops the recording render is reported too; the strict render
after it usually stops at the same place, and the same message is kept once.
The template is untrusted (this check guards ``templates import``), so
compiling and rendering it run in bounded workers, as a build does.
"""

from __future__ import annotations

from pathlib import Path
from typing import NoReturn

import jinja2

from app.assemble.catalog import TemplateInfo, find_template
from app.assemble.context import BriefContext, build_context
from app.assemble.limits import BASE_MEMORY_BYTES, MAX_SECONDS
from app.assemble.loader import ConfinedLoader
from app.assemble.templating import brief_environment, render_template_text, template_error
from app.assemble.worker import run_template
from app.brief.project_file import load_project
from app.core.bounded import LimitExceeded, run_bounded
from app.core.errors import BriefgenError, TemplateError
from app.core.formats import default_output_names
from app.core.model import BriefProject
from app.core.paths import SAMPLE_BRIEF
from app.ingest import ingest
from app.pipeline.build import build_brief
from app.pipeline.export import render


def sample_project() -> tuple[BriefProject, dict]:
    """The bundled sample brief (seeds/sample.brief) with its sources read, so every template variable and every
    kind of item (the analyst's parts, an excerpt, a chosen quote, a figure) has a value to show. Its marking is
    the lowest of whichever scheme the template uses."""
    project = load_project(SAMPLE_BRIEF)
    project.meta.classification = ""
    sources = [ingest(Path(path)) for path in project.sources]
    return project, {source.path: source for source in sources}


def syntax_problems(info: TemplateInfo) -> list[str]:
    """Every Jinja file in the folder, loaded and compiled as a render would; what fails, file by file.

    Runs in a worker: a file's text is bounded, but compiling a crafted one can still take a while.
    """
    env, loader = brief_environment(info), ConfinedLoader(info.folder)
    problems = []
    for path in sorted(info.folder.rglob("*.j2")):
        name = path.relative_to(info.folder).as_posix()
        try:
            source, filename, _ = loader.get_source(env, name)
            env.compile(source, name, filename)
        except Exception as exc:  # each way a file can fail to load or compile, reported as a render reports it
            problems.append(str(template_error(exc, info)))
    return problems


def _syntax_problems(info: TemplateInfo) -> list[str]:
    try:
        return run_bounded(
            syntax_problems, info, what="compiling the template", seconds=MAX_SECONDS, memory_bytes=BASE_MEMORY_BYTES
        )
    except LimitExceeded as exc:
        return [f"{info.folder}: {exc}"]


def _recording_undefined(found: list[str]) -> type[jinja2.Undefined]:
    """An Undefined that notes each undefined name and lets the render go on, so all are reported at once."""

    class Recording(jinja2.ChainableUndefined):
        def _note(self) -> None:
            message = self._undefined_message
            if message not in found:
                found.append(message)

        def __str__(self) -> str:
            self._note()
            return ""

        def __iter__(self):
            self._note()
            return iter(())

        def __bool__(self) -> bool:
            self._note()
            return False

        def _fail_with_undefined_error(self, *args: object, **kwargs: object) -> NoReturn:
            """Where Jinja cannot go on with an undefined value (an include of one, say): noted, then raised."""
            self._note()
            super()._fail_with_undefined_error(*args, **kwargs)

    return Recording


def record_undefined(info: TemplateInfo, context: BriefContext) -> tuple[list[str], list[str]]:
    """In a worker: render noting every undefined name; the names, and the error that stopped the render if one did."""
    found: list[str] = []
    try:
        render_template_text(info, context, undefined=_recording_undefined(found))
    except TemplateError as exc:  # every failure of a render arrives as one, with its file and line
        return found, [str(exc)]
    return found, []


def _undefined_problems(info: TemplateInfo, project: BriefProject, sources: dict) -> list[str]:
    """Every undefined name the template uses, and the error that stopped the render early, if one did."""
    try:
        style = info.style()
        citations = style.citations
        context = build_context(project, sources, style.markings, None, citations.style, citations.locale)
        found, stopped = run_template(record_undefined, info, context)
    except BriefgenError as exc:  # the worker was stopped (too slow or too large), or the scheme is unknown
        found, stopped = [], [str(exc)]
    return [f"{info.source_path}: undefined: {message}" for message in found] + stopped


def check_template(name_or_path: str) -> tuple[TemplateInfo | None, list[str]]:
    """The template and the problems found in it; no problems means analysts can use it."""
    try:
        info = find_template(name_or_path)
    except TemplateError as exc:
        return None, [str(exc)]
    problems = _syntax_problems(info)
    try:
        info.style()
    except BriefgenError as exc:
        problems.append(str(exc))
    if problems:
        return info, problems
    project, sources = sample_project()
    problems.extend(_undefined_problems(info, project, sources))
    try:
        brief = build_brief(project, sources, info)
        for fmt in default_output_names():
            render(brief, fmt)
    except BriefgenError as exc:
        if str(exc) not in problems:
            problems.append(str(exc))
    return info, problems
