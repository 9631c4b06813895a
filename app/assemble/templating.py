"""Template discovery and assembly: project + template → markup text, in Jinja2's sandbox.

Every value a template prints is escaped for Markdown unless it is already
markup (``Md``), so a ``*`` or ``#`` in a source comes out literally and a
source cannot inject structure into the brief.
"""

from __future__ import annotations

import datetime as dt
import tomllib
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from types import TracebackType

import jinja2
from jinja2.exceptions import SecurityError
from platformdirs import user_data_dir

from app.assemble.context import BriefContext, ItemView, QuoteView, SourceView
from app.assemble.quotes import find_quotes
from app.assemble.sandbox import Md, TemplateLimitExceeded, generate_limited, make_environment, time_limit
from app.core.errors import TemplateError
from app.core.paths import TEMPLATES_DIR
from app.core.style import Style, load_style
from app.text.dates import MONTHS
from app.text.sentences import first_sentences, shorten

TEMPLATE_FILE = "brief.md.j2"


def user_templates_dir() -> Path:
    return Path(user_data_dir("briefgen", appauthor=False)) / "templates"


@dataclass(frozen=True)
class TemplateInfo:
    name: str
    folder: Path
    description: str = ""
    builtin: bool = True
    settings: dict = field(default_factory=dict)

    @property
    def source_path(self) -> Path:
        return self.folder / TEMPLATE_FILE

    @property
    def style_path(self) -> Path:
        return self.folder / "style.toml"

    def style(self) -> Style:
        return load_style(self.style_path) if self.style_path.exists() else Style(folder=self.folder)


def _read_info(folder: Path, builtin: bool) -> TemplateInfo | None:
    if not (folder / TEMPLATE_FILE).is_file():
        return None
    settings: dict = {}
    toml_path = folder / "template.toml"
    if toml_path.is_file():
        try:
            settings = tomllib.loads(toml_path.read_text(encoding="utf-8"))
        except (tomllib.TOMLDecodeError, UnicodeDecodeError, OSError) as exc:
            raise TemplateError(f"template.toml is not valid: {exc}", str(toml_path)) from exc
    return TemplateInfo(
        name=folder.name,
        folder=folder,
        description=str(settings.get("description", "")),
        builtin=builtin,
        settings=settings,
    )


def discover_templates(
    user_dir: Path | None = None, problems: list[TemplateError] | None = None
) -> dict[str, TemplateInfo]:
    """Built-in templates, shadowed by user templates of the same name.

    A broken template folder is left out (and added to ``problems``), so one
    bad copy cannot stop every other template from working.
    """
    found: dict[str, TemplateInfo] = {}
    for root, builtin in ((TEMPLATES_DIR, True), (user_dir or user_templates_dir(), False)):
        if not root.is_dir():
            continue
        for folder in sorted(root.iterdir()):
            if not folder.is_dir() or folder.name.startswith(("_", ".")):
                continue
            try:
                info = _read_info(folder, builtin)
            except TemplateError as exc:
                if problems is not None:
                    problems.append(exc)
                continue
            if info:
                found[info.name] = info
    return found


def find_template(name_or_path: str, user_dir: Path | None = None) -> TemplateInfo:
    """A template by name, or by folder path for one that is not installed."""
    candidate = Path(name_or_path)
    if candidate.is_dir():
        info = _read_info(candidate, builtin=False)
        if info:
            return info
    templates = discover_templates(user_dir)
    if name_or_path in templates:
        return templates[name_or_path]
    raise TemplateError(f"unknown template {name_or_path!r}; available: {', '.join(sorted(templates)) or 'none'}")


def _cite(target: ItemView | SourceView, page: int | None = None) -> Md:
    """``[@n]`` or ``[@n, p. 3]``: the markup for a citation of an item or a source."""
    if isinstance(target, ItemView):
        number, page = target.source.number, page if page is not None else target.page
    elif isinstance(target, SourceView):
        number = target.number
    else:
        raise TypeError("cite() takes an item or a source")
    return Md(f"[@{number}, p. {int(page)}]" if page else f"[@{number}]")


def _quotes(items: list[ItemView] | ItemView) -> list[QuoteView]:
    items = [items] if isinstance(items, ItemView) else list(items)
    return [QuoteView(text, speaker, item) for item in items for text, speaker in find_quotes(item.text)]


def dtg(moment: dt.datetime) -> str:
    """A military date-time group, e.g. ``251830Z NOV 26``, in UTC."""
    utc = moment.astimezone(dt.UTC) if moment.tzinfo else moment
    return f"{utc:%d%H%M}Z {MONTHS[utc.month - 1][:3].upper()} {utc:%y}"


def template_globals(context: BriefContext) -> dict:
    return {
        "meta": context.meta,
        "items": context.items,
        "sources": context.sources,
        "summary": context.summary,
        "roles": context.roles,
        "cite": _cite,
        "quotes": _quotes,
        "now": dt.datetime.now(dt.UTC),
    }


#: Filters templates can use besides Jinja's built-ins (documented in docs/TEMPLATES.md).
TEMPLATE_FILTERS = {
    "dtg": dtg,
    "first_sentences": first_sentences,
    "shorten": shorten,
}


def brief_environment(info: TemplateInfo, undefined: type[jinja2.Undefined] = jinja2.StrictUndefined):
    """The sandbox for one template, with Briefgen's filters."""
    env = make_environment(info.folder, undefined)
    env.filters.update(TEMPLATE_FILTERS)
    return env


def _error_line(tb: TracebackType | None, folder: Path) -> tuple[str | None, int | None]:
    """The innermost template frame in a traceback: Jinja rewrites frames to point at template lines."""
    filename, lineno = None, None
    while tb is not None:
        code_file = tb.tb_frame.f_code.co_filename
        if code_file.endswith(".j2") or code_file.startswith(str(folder)):
            filename, lineno = code_file, tb.tb_lineno
        tb = tb.tb_next
    return filename, lineno


class _EditedMarkupLoader(jinja2.BaseLoader):
    """Serves unsaved brief.md.j2 text under the file's real path, so errors name the file the analyst edits."""

    def __init__(self, info: TemplateInfo, markup: str) -> None:
        self._path = str(info.source_path)
        self._markup = markup

    def get_source(self, environment: jinja2.Environment, template: str) -> tuple[str, str, Callable[[], bool]]:
        if template != TEMPLATE_FILE:
            raise jinja2.TemplateNotFound(template)
        return self._markup, self._path, lambda: False


def render_template_text(
    info: TemplateInfo,
    context: BriefContext,
    markup: str | None = None,
    undefined: type[jinja2.Undefined] = jinja2.StrictUndefined,
) -> str:
    """Run the template under the sandbox's limits; every failure becomes a TemplateError with file and line.

    ``markup`` stands in for the template's brief.md.j2 (the editor's unsaved
    text); partials still come from the template's folder.  ``undefined`` is
    what a name the template does not know becomes: an error, unless a checker
    wants to note every one and go on.
    """
    env = brief_environment(info, undefined)
    if markup is not None:
        env.loader = jinja2.ChoiceLoader([_EditedMarkupLoader(info, markup), env.loader])
    try:
        template = env.get_template(TEMPLATE_FILE)
        with time_limit():
            return generate_limited(template.generate(**template_globals(context)))
    except Exception as exc:  # syntax errors, undefined values, sandbox refusals, errors raised in helpers
        raise template_error(exc, info) from exc


def template_error(exc: Exception, info: TemplateInfo) -> TemplateError:
    """The analyst's view of a Jinja failure: what went wrong, in which file, on which line."""
    if isinstance(exc, jinja2.TemplateSyntaxError):
        return TemplateError(f"syntax error: {exc.message}", exc.filename or str(info.source_path), exc.lineno)
    if isinstance(exc, jinja2.TemplateNotFound):
        return TemplateError(f"template file not found: {exc.name}", str(info.folder))
    filename, lineno = _error_line(exc.__traceback__, info.folder)
    if isinstance(exc, jinja2.UndefinedError):
        kind = "undefined value"
    elif isinstance(exc, TemplateLimitExceeded):
        kind = "stopped"
    elif isinstance(exc, SecurityError):
        kind = "not allowed in a template"
    else:
        kind = type(exc).__name__
    return TemplateError(f"{kind}: {exc}", filename or str(info.source_path), lineno)
