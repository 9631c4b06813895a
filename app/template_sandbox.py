"""The Jinja2 sandbox templates run in, with limits on what a template can cost.

Templates are shared between analysts, so a template is untrusted code: it
runs in ``SandboxedEnvironment`` (no attribute walks to ``__class__`` or
``__globals__``), can load files only from its own folder and the built-in
partials, and is stopped when it runs too long or produces too much.
"""

from __future__ import annotations

import operator
import re
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from types import FrameType
from typing import Any

import jinja2
import markupsafe
from jinja2.exceptions import SecurityError
from jinja2.sandbox import ImmutableSandboxedEnvironment

from app.paths import TEMPLATES_DIR

PARTIALS_DIR = TEMPLATES_DIR / "_partials"
#: Largest markup a template may produce, in characters.
MAX_OUTPUT_CHARS = 2_000_000
#: Longest a template may run, in seconds.
MAX_SECONDS = 5.0
#: Largest string or list a template may build with ``*`` or ``**``.
MAX_PRODUCT = 1_000_000

_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]<>()#+\-.!|~&:=\"])")


class Md(str):
    """Text that is already markup and must not be escaped again."""


class TemplateLimitExceeded(SecurityError):
    """The template ran too long or built too much; it was stopped."""


def escape_markdown(value: object) -> str:
    """Make text literal in Markdown: escape punctuation, keep paragraphs, drop indentation that would make code."""
    lines = str(value).replace("\r\n", "\n").split("\n")
    return "\n".join(_MD_SPECIAL.sub(r"\\\1", line.strip()) for line in lines)


def _finalize(value: object) -> object:
    if isinstance(value, (Md, markupsafe.Markup)):
        return value
    if value is None:
        return ""
    return escape_markdown(value)


def _size(value: Any) -> int | None:
    return len(value) if isinstance(value, (str, bytes, list, tuple)) else None


class BriefSandbox(ImmutableSandboxedEnvironment):
    """The sandbox (no attribute walks, no mutating the brief), also refusing arithmetic that builds huge values."""

    intercepted_binops = frozenset({"*", "**"})

    def call_binop(self, context: jinja2.runtime.Context, operator_name: str, left: Any, right: Any) -> Any:
        if operator_name == "**":
            if isinstance(right, (int, float)) and abs(right) > 64:
                raise TemplateLimitExceeded("exponent too large in a template")
            return operator.pow(left, right)
        for sequence, count in ((left, right), (right, left)):
            length = _size(sequence)
            if length is not None and isinstance(count, int) and length * count > MAX_PRODUCT:
                raise TemplateLimitExceeded(f"refusing to build a value of {length * count:,} items in a template")
        return operator.mul(left, right)


def make_environment(folder: Path, undefined: type[jinja2.Undefined] = jinja2.StrictUndefined) -> BriefSandbox:
    """A sandbox that can only load files from the template's own folder and the built-in partials."""
    env = BriefSandbox(
        loader=jinja2.FileSystemLoader([str(folder), str(PARTIALS_DIR)]),
        undefined=undefined,
        finalize=_finalize,
        autoescape=False,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters["md"] = Md
    env.filters["escape_md"] = lambda v: Md(escape_markdown(v))
    return env


def _is_template_frame(frame: FrameType) -> bool:
    name = frame.f_code.co_filename
    return name.endswith(".j2") or name == "<template>"


@contextmanager
def time_limit(seconds: float | None = None) -> Iterator[None]:
    """Stop template code that runs past ``seconds``.

    A trace function is installed only on template frames, so the rest of
    the program runs at full speed; it checks the clock every few thousand
    lines, which stops even a loop that produces no output.
    """
    seconds = MAX_SECONDS if seconds is None else seconds
    deadline = time.monotonic() + seconds
    previous = sys.gettrace()
    counter = 0

    def local(frame: FrameType, event: str, arg: object) -> Callable | None:
        nonlocal counter
        counter += 1
        if counter % 2000 == 0 and time.monotonic() > deadline:
            raise TemplateLimitExceeded(f"the template ran longer than {seconds:g} seconds; is a loop running away?")
        return local

    def global_trace(frame: FrameType, event: str, arg: object) -> Callable | None:
        return local if _is_template_frame(frame) else None

    sys.settrace(global_trace)
    try:
        yield
    finally:
        sys.settrace(previous)


def generate_limited(pieces: Iterator[str], limit: int = MAX_OUTPUT_CHARS) -> str:
    """Join a template's output, stopping once it is larger than ``limit``."""
    collected: list[str] = []
    size = 0
    for piece in pieces:
        size += len(piece)
        if size > limit:
            raise TemplateLimitExceeded(
                f"the template's output is larger than {limit:,} characters; is a loop running away?"
            )
        collected.append(piece)
    return "".join(collected)
