"""Rendering a template in a worker process, bounded in time and memory: the sandbox's second line of defence.

The sandbox refuses single operations that would build too much, but it cannot
see everything C and library code do, nor bound the sum of many allowed
operations.  So the render runs in a child process (app/core/bounded.py) with
an address-space limit and a deadline that grow with the brief; the parent
kills it when time is up.  This replaced a trace hook that checked the clock
on every template line: the worker's limit covers work in C too, and costs
the render nothing while it runs.  Whatever stops the worker reaches the
analyst as one TemplateError naming the template.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

from app.assemble.catalog import TemplateInfo
from app.assemble.context import BriefContext
from app.assemble.limits import Limits
from app.assemble.templating import render_template_text
from app.core.bounded import LimitExceeded, run_bounded
from app.core.errors import TemplateError

T = TypeVar("T")


def render_template_bounded(info: TemplateInfo, context: BriefContext, markup: str | None = None) -> str:
    """The template's markup for ``context``, rendered in a bounded worker (see render_template_text)."""
    return run_template(render_template_text, info, context, markup)


def run_template(work: Callable[..., T], info: TemplateInfo, context: BriefContext, *args: object) -> T:
    """``work(info, context, *args)`` in a worker bounded by the limits of ``context``'s brief.

    ``work`` must be a module-level function; it and its arguments cross to the worker pickled when
    the worker is started by a fork server.
    """
    limits = Limits(context.text_size())
    try:
        return run_bounded(
            work, info, context, *args, what="the template", seconds=limits.seconds, memory_bytes=limits.memory_bytes
        )
    except LimitExceeded as exc:
        raise TemplateError(str(exc), str(info.source_path)) from None
