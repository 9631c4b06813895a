"""``briefgen templates check``: find what is wrong with a template before an analyst uses it.

Checks every Jinja file's syntax, the style file's keys, then renders the
template against the bundled sample brief, once recording every undefined
variable (instead of stopping at the first) and once through both writers.
An error that stops the recording render is reported too; the strict render
after it usually stops at the same place, and the same message is kept once.
"""

from __future__ import annotations

from typing import NoReturn

import jinja2

from app.assemble.context import build_context
from app.assemble.templating import TemplateInfo, brief_environment, find_template, render_template_text
from app.brief.select import project_from_sources
from app.core.errors import BriefgenError, TemplateError
from app.core.formats import default_output_names
from app.core.model import BriefProject
from app.core.paths import SEEDS_DIR
from app.ingest import ingest
from app.pipeline.build import build_brief
from app.pipeline.export import render

SAMPLE = SEEDS_DIR / "peregraf-iraq-russian-recruitment.txt"


def sample_project() -> tuple[BriefProject, dict]:
    """The bundled sample as a filled-in brief, so every template variable has a value to show."""
    source = ingest(SAMPLE)
    project = project_from_sources(
        [source],
        title="Iraq Moves to Curb Recruitment into the Russian Military",
        subtitle="Legal measures and drivers",
        author="A. Analyst",
        organisation="Analysis Unit",
        recipient="Director",
        classification="UNCLASSIFIED",
    )
    project.items[-1].role = "implications"
    project.items[1].note = "Enforcement capacity is the open question."
    return project, {source.path: source}


def _syntax_problems(info: TemplateInfo) -> list[str]:
    env = brief_environment(info)
    problems = []
    for path in sorted(info.folder.rglob("*.j2")):
        try:
            env.parse(path.read_text(encoding="utf-8"), path.name, str(path))
        except jinja2.TemplateSyntaxError as exc:
            problems.append(f"{path}:{exc.lineno}: syntax error: {exc.message}")
        except (OSError, UnicodeDecodeError) as exc:
            problems.append(f"{path}: cannot read ({exc})")
    return problems


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


def _undefined_problems(info: TemplateInfo, project: BriefProject, sources: dict) -> list[str]:
    """Every undefined name the template uses, and the error that stopped the render early, if one did."""
    found: list[str] = []
    stopped: list[str] = []
    try:
        render_template_text(info, build_context(project, sources), undefined=_recording_undefined(found))
    except TemplateError as exc:  # every failure of a render arrives as one, with its file and line
        stopped.append(str(exc))
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
