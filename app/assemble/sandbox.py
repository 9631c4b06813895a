"""The Jinja2 sandbox templates run in, with limits on what a template can cost.

Templates are shared between analysts, so a template is untrusted code: it
runs in ``SandboxedEnvironment`` (no attribute walks to ``__class__`` or
``__globals__``), can load files only from its own folder and the built-in
partials, and is stopped when it runs too long or produces too much.
"""

from __future__ import annotations

import functools
import operator
import os
import re
import sys
import time
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from types import FrameType
from typing import Any

import jinja2
from jinja2 import nodes
from jinja2.compiler import CodeGenerator, Frame
from jinja2.exceptions import SecurityError
from jinja2.sandbox import ImmutableSandboxedEnvironment

from app.core.paths import TEMPLATES_DIR

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
    lines = str(value).splitlines() or [""]
    return "\n".join(_MD_SPECIAL.sub(r"\\\1", line.strip()) for line in lines)


def _finalize(value: object) -> object:
    """Only Md is trusted: HTML-safe values (``|e``, ``|tojson``) are still plain text to Markdown."""
    if isinstance(value, Md):
        return value
    if value is None:
        return ""
    return escape_markdown(value)


def _size(value: Any) -> int | None:
    return len(value) if isinstance(value, (str, bytes, list, tuple)) else None


def _refuse_large(length: int) -> None:
    if length > MAX_PRODUCT:
        raise TemplateLimitExceeded(f"refusing to build a value of {length:,} items in a template")


#: Widths and precisions in format specifications (``%9999d``, ``{:>9999}``) that would build huge strings.
_FORMAT_WIDTH = re.compile(r"(\d{5,})")


def _check_format(spec: str) -> None:
    for width in _FORMAT_WIDTH.findall(spec):
        _refuse_large(int(width))


def _bounded_filter(name: str, original: Callable, width_arg: int | None) -> Callable:
    """A built-in filter that refuses huge widths up front and huge results after."""

    @functools.wraps(original)  # keeps Jinja's pass_environment / pass_eval_context marks
    def bounded(*args: Any, **kwargs: Any) -> Any:
        if width_arg is not None and len(args) > width_arg and isinstance(args[width_arg], int):
            _refuse_large(args[width_arg])
        if name == "format" and args:
            _check_format(str(args[0]))
        result = original(*args, **kwargs)
        if (length := _size(result)) is not None:
            _refuse_large(length)
        return result

    return bounded


#: Built-in filters that can build long strings, and the position of their width argument.
_GROWING_FILTERS = {"center": 1, "indent": 1, "wordwrap": 2, "format": None, "replace": None, "join": None}


class _BoundedCodeGenerator(CodeGenerator):
    """Compiles ``a ~ b`` to a join that refuses huge results, so doubling a string in a loop is stopped."""

    def visit_Concat(self, node: nodes.Concat, frame: Frame) -> None:
        self.write("environment.bounded_join((")
        for argument in node.nodes:
            self.visit(argument, frame)
            self.write(", ")
        self.write("))")


class BriefSandbox(ImmutableSandboxedEnvironment):
    """The sandbox (no attribute walks, no mutating the brief), also refusing operations that build huge values."""

    intercepted_binops = frozenset({"*", "**"})
    code_generator_class = _BoundedCodeGenerator

    def bounded_join(self, values: Iterable[Any]) -> str:
        joined = "".join(str(v) for v in values)
        _refuse_large(len(joined))
        return joined

    def wrap_str_format(self, value: Any) -> Callable[..., str] | None:
        """``"{:>9999999}".format(x)`` is refused before the string is built."""
        wrapped = super().wrap_str_format(value)
        if wrapped is not None:
            _check_format(value.__self__)
        return wrapped

    def call_binop(self, context: jinja2.runtime.Context, operator_name: str, left: Any, right: Any) -> Any:
        if operator_name == "**":
            if isinstance(right, (int, float)) and abs(right) > 64:
                raise TemplateLimitExceeded("exponent too large in a template")
            return operator.pow(left, right)
        for sequence, count in ((left, right), (right, left)):
            length = _size(sequence)
            if length is not None and isinstance(count, int):
                _refuse_large(length * count)
        return operator.mul(left, right)


class _ConfinedLoader(jinja2.FileSystemLoader):
    """Loads only files whose real path is inside the template folder or the partials, so a link cannot reach out."""

    def get_source(self, environment: jinja2.Environment, template: str) -> tuple[str, str, Callable[[], bool]]:
        source, filename, uptodate = super().get_source(environment, template)
        real = Path(os.path.realpath(filename))
        if not any(real.is_relative_to(os.path.realpath(root)) for root in self.searchpath):
            raise jinja2.TemplateNotFound(template, f"{template} points outside the template folder")
        return source, filename, uptodate


def make_environment(folder: Path, undefined: type[jinja2.Undefined] = jinja2.StrictUndefined) -> BriefSandbox:
    """A sandbox that can only load files from the template's own folder and the built-in partials."""
    env = BriefSandbox(
        loader=_ConfinedLoader([str(folder), str(PARTIALS_DIR)]),
        undefined=undefined,
        finalize=_finalize,
        autoescape=False,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.globals.pop("lipsum")  # generates text in untraced Python code: an easy way to hang a render
    for name, width_arg in _GROWING_FILTERS.items():
        env.filters[name] = _bounded_filter(name, env.filters[name], width_arg)
    escape_md = lambda v: Md(escape_markdown(v))  # noqa: E731
    env.filters.update(md=Md, safe=Md, escape_md=escape_md, e=escape_md, escape=escape_md, forceescape=escape_md)
    return env


def _is_template_frame(frame: FrameType) -> bool:
    """Code compiled from any template file (whatever its name) runs with our sandbox as ``environment``."""
    return isinstance(frame.f_globals.get("environment"), BriefSandbox)


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
