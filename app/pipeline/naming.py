"""Output file names: a pattern such as ``{date}-{title}-{marking}`` expanded for a brief, safe on every file system.

The default pattern is ``{title}-{template}``: the same brief built with three templates into one folder keeps
three sets of files. A name without placeholders is used as the analyst typed it. The CLI and the window both
name files here, from the project and its template, so a brief gets the same name from either; the marking is
the brief's overall marking (its banner), read without building the brief.
"""

from __future__ import annotations

import datetime as dt
import re
import string
from collections.abc import Mapping

from app.assemble.catalog import TemplateInfo
from app.core.clock import build_time
from app.core.errors import ExportError
from app.core.formats import BuiltBrief
from app.core.model import BriefProject
from app.core.presets import DEFAULT_NAME_PATTERN, is_name_pattern, name_pattern_problem
from app.pipeline.export import safe_stem
from app.text.slug import slugify

#: Longest a placeholder's value may be in a name, in bytes: a long title leaves room for what follows it.
MAX_VALUE_BYTES = 64
_UNSAFE_LITERAL = re.compile(r"[^\w\s.-]", re.UNICODE)
_SEPARATOR_RUN = re.compile(r"([-_.])[-_.]+")


def export_project(
    project: BriefProject, template: str | None = None, marking_scheme: str | None = None
) -> BriefProject:
    """The project as this export builds it: a preset's (or the command line's) template and marking scheme in
    place of the brief's own. The project given is not changed."""
    update: dict[str, object] = {}
    if template:
        update["template"] = template
    if marking_scheme:
        update["meta"] = project.meta.model_copy(update={"marking_scheme": marking_scheme})
    return project.model_copy(update=update) if update else project


def file_stem(name: str | None, project: BriefProject, template: TemplateInfo, built: BuiltBrief | None = None) -> str:
    """The file name (without extension) for ``project`` built with ``template``: ``name`` as given when it has
    no placeholders, else the pattern (the default one when ``name`` is empty) expanded; ExportError naming an
    unknown placeholder. With the ``built`` brief, its title and marking are the ones it prints (a brief with
    no title of its own takes its first source's)."""
    name = (name or "").strip()
    if name and not is_name_pattern(name):
        return name
    pattern = name or DEFAULT_NAME_PATTERN
    problem = name_pattern_problem(pattern)
    if problem:
        raise ExportError(problem)
    fields = {field for _, field, _, _ in string.Formatter().parse(pattern) if field}
    printed = built.document.meta if built else None
    values = {
        "title": printed.title if printed else project.meta.title,
        "template": template.name,
        "date": brief_date(project.meta.date) if "date" in fields else "",
        "marking": (printed.classification if printed else brief_marking(project, template))
        if "marking" in fields
        else "",
    }
    return expand_name(pattern, values)


def brief_date(date: str) -> str:
    """The brief's date as ISO 8601 (2026-03-04), as it prints: its own date, else the day of the build."""
    try:
        return dt.date.fromisoformat(date.strip()).isoformat()
    except ValueError:
        return build_time().date().isoformat()


def brief_marking(project: BriefProject, template: TemplateInfo) -> str:
    """The brief's overall marking as its banner prints it: the highest of its own and every item's, in its
    scheme (the brief's choice, else the template's). MarkingError when a marking is unknown to the scheme."""
    from app.assemble.marking import resolve_markings
    from app.core.style import MarkingStyle

    return resolve_markings(project, MarkingStyle(scheme=template.marking_scheme())).banner


def expand_name(pattern: str, values: Mapping[str, str]) -> str:
    """``pattern`` with each placeholder replaced by its value as a slug; the text between them kept where safe.

    An empty value takes a separator with it (``{date}-{title}-{marking}`` with no marking ends at the title);
    the name is bounded in length and never one that Windows reserves."""
    parts: list[str] = []
    for literal, field, _spec, _conversion in string.Formatter().parse(pattern):
        parts.append(_UNSAFE_LITERAL.sub("-", literal))
        if field:
            parts.append(_value_slug(field, values.get(field, "")))
    return safe_stem(_SEPARATOR_RUN.sub(r"\1", "".join(parts)))


def _value_slug(field: str, value: str) -> str:
    text = value.replace("/", " ") if field == "marking" else value
    slug = slugify(text, max_words=8) if re.search(r"\w", text) else ""
    return _cut(slug, MAX_VALUE_BYTES).strip("-_")


def _cut(text: str, max_bytes: int) -> str:
    while len(text.encode("utf-8")) > max_bytes:
        text = text[:-1]
    return text
