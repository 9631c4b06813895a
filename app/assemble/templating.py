"""Template discovery and assembly: project + template → markup text, in Jinja2's sandbox.

Every value a template prints is escaped for Markdown unless it is already
markup (``Md``), so a ``*`` or ``#`` in a source comes out literally and a
source cannot inject structure into the brief.

A template folder is untrusted and may be broken in any way; discovery reports
a broken one and goes on, so one bad copy never stops the others.  Rendering
here runs in the calling process: ``render_template_bounded``
(app/assemble/worker.py) runs it in a worker bounded in time and memory, and is
what everything outside this package calls.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from pathlib import Path
from types import TracebackType

import jinja2
from jinja2.exceptions import SecurityError

from app.assemble.catalog import TEMPLATE_FILE, TemplateInfo
from app.assemble.context import BriefContext, FigureView, ItemView, QuoteView, SourceView, found_quotes
from app.assemble.figures import figure_markup
from app.assemble.limits import Limits, TemplateLimitExceeded
from app.assemble.loader import ConfinedLoader, EditedMarkupLoader
from app.assemble.opaque import shield
from app.assemble.sandbox import BriefSandbox, Md, generate_limited, make_environment
from app.core.clock import build_time
from app.core.errors import TemplateError
from app.text.controls import printable
from app.text.dates import MONTHS
from app.text.sentences import first_sentences, shorten

#: Longest error message shown, in characters: a message may quote a value the template built.
_MAX_MESSAGE = 500


def _cite(target: ItemView | SourceView | QuoteView | FigureView, page: int | None = None) -> Md:
    """``[@n]`` or ``[@n, p. 3]``: a citation of an item, a quote, a figure or a source.

    An analyst's part cites each source it names (``[@1] [@3]``); with none, or
    for a figure with no source, the citation is empty.
    """
    if isinstance(target, ItemView):
        if target.kind == "analyst":
            return Md(" ".join(f"[@{view.number}]" for view in target.cited))
        sources, page = target.cited, page if page is not None else target.page
    elif isinstance(target, QuoteView | FigureView):
        sources = (target.source,) if target.source else ()
        page = page if page is not None else getattr(target, "page", None)
    elif isinstance(target, SourceView):
        sources = (target,)
    else:
        raise TypeError("cite() takes an item, a quote, a figure or a source")
    return Md(" ".join(f"[@{s.number}, p. {int(page)}]" if page else f"[@{s.number}]" for s in sources))


def _quotes(items: list[ItemView] | ItemView) -> list[QuoteView]:
    return found_quotes([items] if isinstance(items, ItemView) else list(items))


def dtg(moment: dt.datetime) -> str:
    """A military date-time group, e.g. ``251830Z NOV 26``, in UTC."""
    utc = moment.astimezone(dt.UTC) if moment.tzinfo else moment
    return f"{utc:%d%H%M}Z {MONTHS[utc.month - 1][:3].upper()} {utc:%y}"


#: A web address a Markdown autolink can hold whole: http(s), no spaces, no angle brackets, no controls.
_AUTOLINKABLE = re.compile(r"https?://[^\s<>\x00-\x1f\x7f]+", re.IGNORECASE)


def web_link(address: str) -> str:
    """A web address as a link the reader can follow in every format; anything else as plain (escaped) text."""
    return Md(f"<{address}>") if _AUTOLINKABLE.fullmatch(address) else address


def template_globals(context: BriefContext) -> dict:
    return {
        "meta": context.meta,
        "items": context.items,
        "sources": context.sources,
        "summary": context.summary,
        "roles": context.roles,
        "cite": shield(_cite),
        "quotes": shield(_quotes),
        "key_quotes": context.key_quotes,
        "key_points": context.key_points,
        "suggested_quotes": context.suggested_quotes,
        "figures": context.figures,
        "figure": shield(figure_markup),
        "summary_mark": context.summary_mark,
        "lowest_mark": context.lowest_mark,
        "authority": context.authority,
        "citation_style": context.citation_style,
        "bibliography": context.bibliography,
        "now": build_time(),
    }


#: Filters templates can use besides Jinja's built-ins (documented in docs/TEMPLATES.md).
TEMPLATE_FILTERS: dict[str, Callable] = {
    "dtg": dtg,
    "first_sentences": first_sentences,
    "shorten": shorten,
    "web_link": web_link,
}


def brief_environment(
    info: TemplateInfo, undefined: type[jinja2.Undefined] = jinja2.StrictUndefined, limits: Limits | None = None
) -> BriefSandbox:
    """The sandbox for one template, with Briefgen's filters; ``limits`` default to those of an empty brief."""
    return make_environment(info.folder, limits or Limits(), TEMPLATE_FILTERS, undefined)


def _error_line(tb: TracebackType | None, folder: Path) -> tuple[str | None, int | None]:
    """The innermost template frame in a traceback: Jinja rewrites frames to point at template lines."""
    filename, lineno = None, None
    while tb is not None:
        code_file = tb.tb_frame.f_code.co_filename
        if code_file.endswith(".j2") or code_file.startswith(str(folder)):
            filename, lineno = code_file, tb.tb_lineno
        tb = tb.tb_next
    return filename, lineno


def render_template_text(
    info: TemplateInfo,
    context: BriefContext,
    markup: str | None = None,
    undefined: type[jinja2.Undefined] = jinja2.StrictUndefined,
) -> str:
    """Run the template in this process under the sandbox's limits; every failure becomes a TemplateError.

    ``markup`` stands in for the template's brief.md.j2 (the editor's unsaved
    text); partials still come from the template's folder.  ``undefined`` is
    what a name the template does not know becomes: an error, unless a checker
    wants to note every one and go on.  MemoryError is left to the worker,
    which reports it as the memory limit it is.
    """
    limits = Limits(context.text_size())
    env = brief_environment(info, undefined, limits)
    if markup is not None:
        edited = EditedMarkupLoader(info.source_path, TEMPLATE_FILE, markup)
        env.loader = jinja2.ChoiceLoader([edited, ConfinedLoader(info.folder)])
    try:
        template = env.get_template(TEMPLATE_FILE)
        # parts and fingerprints: as template.toml says
        values = {
            **template_globals(context),
            "parts": context.parts(info.layout),
            "fingerprints": info.layout.fingerprints,
        }
        return generate_limited(template.generate(**values), limits)
    except MemoryError:
        raise
    except Exception as exc:  # syntax errors, undefined values, sandbox refusals, errors raised in helpers
        raise template_error(exc, info) from exc


def template_error(exc: Exception, info: TemplateInfo) -> TemplateError:
    """The analyst's view of a Jinja failure: what went wrong, in which file, on which line, on one line."""
    if isinstance(exc, jinja2.TemplateSyntaxError):
        return TemplateError(
            _one_line(f"syntax error: {exc.message}"), exc.filename or str(info.source_path), exc.lineno
        )
    if isinstance(exc, jinja2.TemplateNotFound):
        return TemplateError(_one_line(f"template file not found: {exc.name}"), str(info.folder))
    filename, lineno = _error_line(exc.__traceback__, info.folder)
    if isinstance(exc, RecursionError):
        message = "stopped: the template nests too deeply, or includes, extends or calls itself without end"
    elif isinstance(exc, SyntaxError):  # Python's compiler, on code Jinja generated from the template
        message = f"too complex to compile: {exc.msg}"
    elif isinstance(exc, jinja2.UndefinedError):
        message = f"undefined value: {exc}"
    elif isinstance(exc, TemplateLimitExceeded):
        message = f"stopped: {exc}"
    elif isinstance(exc, SecurityError):
        message = f"not allowed in a template: {exc}"
    else:
        message = f"{type(exc).__name__}: {exc}"
    return TemplateError(_one_line(message), filename or str(info.source_path), lineno)


def _one_line(message: str) -> str:
    """A message as one readable line of bounded length: it may quote names and values the template made up."""
    line = printable(" ".join(message.split()))
    return line if len(line) <= _MAX_MESSAGE else line[: _MAX_MESSAGE - 1] + "…"
