"""The pre-export checks: one list of what is wrong with a brief before it leaves, each with where to fix it.

``briefgen check`` prints it (exit 1 when it is not empty), ``briefgen build``
prints it as warnings, and the window lists it in its Checks panel, updated as
the brief changes. The checks that need the built brief (fonts, pages) run when
one is given; the rest need only the project and its sources.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path, PurePath

from app.assemble.catalog import TemplateInfo
from app.assemble.context import BriefContext, ItemView, build_context
from app.assemble.gaps import brief_gaps, figures_left_out, shortened
from app.assemble.marking import marking_problems
from app.core.errors import BriefgenError
from app.core.fingerprint import file_sha256
from app.core.formats import BuiltBrief
from app.core.markings import MarkingError
from app.core.model import AnalystItem, BriefProject, SectionItem, Source
from app.core.problems import Problem
from app.pipeline.export import render
from app.pipeline.last_build import build_brief_once
from app.pipeline.pages import page_count
from app.pipeline.repeats import section_repeats

#: Names for the languages briefs most often mix; others are given by their code.
LANGUAGE_NAMES = {
    "ar": "Arabic", "ckb": "Kurdish (Sorani)", "de": "German", "en": "English", "es": "Spanish", "fa": "Persian",
    "fr": "French", "he": "Hebrew", "it": "Italian", "ja": "Japanese", "ko": "Korean", "nl": "Dutch", "pl": "Polish",
    "pt": "Portuguese", "ru": "Russian", "tr": "Turkish", "uk": "Ukrainian", "ur": "Urdu", "zh": "Chinese",
}  # fmt: skip


def brief_checks(
    project: BriefProject,
    sources: Mapping[str, Source],
    template: TemplateInfo,
    *,
    unreadable: Mapping[str, str] | None = None,
    built: BuiltBrief | None = None,
    pages: int | None = None,
) -> list[Problem]:
    """Everything to fix before ``project`` leaves. ``unreadable`` maps source paths that could not be read to
    why; ``built`` (the brief as built) and ``pages`` (its PDF's page count) add the checks that need them."""
    problems = source_problems(project, sources, unreadable or {})
    try:
        style = template.style()
    except BriefgenError as exc:
        return [*problems, Problem(str(exc), "template")]
    problems += marking_problems(project, style.markings)
    readable = project.model_copy(update={"items": [i for i in project.items if _loaded(i, sources)]})
    try:
        context = build_context(readable, sources, style.markings)
    except MarkingError:  # already listed, with where to fix it
        return problems
    except BriefgenError as exc:
        return [*problems, Problem(str(exc))]
    layout = template.layout
    if any(isinstance(item, AnalystItem) for item in project.items):  # a brief of chosen sections is a reading
        problems += brief_gaps(context, layout)
    problems += figures_left_out(context, layout) + shortened(context, layout)
    problems += language_problems(context) + repeat_problems(project, context, sources)
    if built is not None:
        # imported here: it loads reportlab and the fonts, which a build loads in the PDF writer's own process
        from app.render.pdf.coverage import coverage_warnings

        problems += [Problem(message, "template") for message in coverage_warnings(built.document, built.style)]
    if pages is not None and layout.pages is not None and pages > layout.pages:
        problems.append(_too_long(pages, layout.pages, template))
    return problems


def source_problems(
    project: BriefProject, sources: Mapping[str, Source], unreadable: Mapping[str, str]
) -> list[Problem]:
    """Sources that are missing, unreadable, or changed since they were added (their fingerprint differs)."""
    problems: list[Problem] = []
    for path in project.sources:
        name, used = PurePath(path).name, _items_using(project, path)
        if not Path(path).is_file():
            problems.append(
                Problem(f"{name} is missing{used}: put it back or remove it from the brief", "source", path)
            )
        elif path in unreadable:
            problems.append(Problem(f"{name} cannot be read{used}: {unreadable[path]}", "source", path))
        elif project.record(path).sha256 and _changed(path, project.record(path).sha256):
            added = project.record(path).added
            since = f" since it was added on {added}" if added else " since it was added"
            message = f"{name} has changed{since}{used}: re-load it so the brief quotes what it says now"
            problems.append(Problem(message, "source", path))
    return problems


def _changed(path: str, recorded: str) -> bool:
    try:
        return file_sha256(path) != recorded
    except OSError:
        return True


def _items_using(project: BriefProject, path: str) -> str:
    count = sum(1 for item in project.items if getattr(item, "source", None) == path)
    return f" ({count} item{'s' if count != 1 else ''} use{'s' if count == 1 else ''} it)" if count else ""


def _loaded(item: object, sources: Mapping[str, Source]) -> bool:
    source = getattr(item, "source", None)
    cites = getattr(item, "cites", [])
    return (not source or source in sources) and all(path in sources for path in cites)


def language_problems(context: BriefContext) -> list[Problem]:
    """Source items in more than one language: the reader may need a translation, the analyst should know."""
    items = [item for item in context.items if item.kind == "section" and item.language]
    languages = sorted({item.language for item in items}, key=lambda code: -sum(i.language == code for i in items))
    if len(languages) < 2:
        return []
    counts = ", ".join(f"{_language(code)} {sum(i.language == code for i in items)}" for code in languages)
    first_other = next(item for item in items if item.language != languages[0])
    message = f"the brief mixes languages (items: {counts}): give readers a translation or a note"
    return [Problem(message, "item", first_other.id)]


def _language(code: str) -> str:
    return LANGUAGE_NAMES.get(code, code)


def repeat_problems(project: BriefProject, context: BriefContext, sources: Mapping[str, Source]) -> list[Problem]:
    """Items of the brief whose passages another item's source also carries: the same story told twice."""
    repeats = section_repeats(list(sources.values()))
    paths = {item.id: item.source for item in project.items if isinstance(item, SectionItem)}
    sectioned = [item for item in context.items if item.id in paths]
    by_key: dict[tuple[str, str], ItemView] = {}
    for item in sectioned:
        by_key.setdefault((paths[item.id], item.section_id), item)
    problems: list[Problem] = []
    for item in sectioned:
        others = repeats.get((paths[item.id], item.section_id), [])
        twins = [by_key[key] for key in others if key in by_key and by_key[key].number > item.number]
        for twin in twins:
            message = (
                f"“{item.heading}” ({_file(item)}) and “{twin.heading}” ({_file(twin)}) carry the same passage: "
                "one may be enough, or cite both as one story"
            )
            problems.append(Problem(message, "item", twin.id))
    return problems


def _file(item: ItemView) -> str:
    return item.source.file_name if item.source else ""


def _too_long(pages: int, target: int, template: TemplateInfo) -> Problem:
    return Problem(
        f"the brief runs to {pages} pages, longer than the {template.name} template's {target}: "
        "shorten parts or excerpt sections",
        "template",
    )


def checks_with_build(
    project: BriefProject,
    sources: Mapping[str, Source],
    template: TemplateInfo,
    unreadable: Mapping[str, str],
    pages: int | None = None,
) -> list[Problem]:
    """``brief_checks`` after building the brief (and its PDF, unless its page count is given: the window's
    preview knows it) where it can be built, every item's source read, so the fonts and the page count are
    checked too; a build that fails is one more problem."""
    built, failed = None, []
    if not unreadable and all(_loaded(item, sources) for item in project.items):
        try:
            built = build_brief_once(project, sources, template)
            pages = pages if pages is not None else page_count(render(built, "pdf"))
        except MarkingError:
            pass  # listed by the marking checks, with where to fix it
        except BriefgenError as exc:
            failed.append(Problem(str(exc), "template"))
    warnings = [Problem(message) for message in built.warnings] if built is not None else []
    return brief_checks(project, sources, template, unreadable=unreadable, built=built, pages=pages) + warnings + failed
