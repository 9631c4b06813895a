"""The Jinja2 sandbox templates run in: no reaching out, no address leaks, and no single operation too large.

Templates are shared between analysts, so a template is untrusted code.  It
runs in ``ImmutableSandboxedEnvironment`` (no attribute walks to ``__class__``
or ``__globals__``, no changing the brief) and loads files only through the
confined loader (app/assemble/loader.py).  On top of that every hook through
which template code reaches C or library code is bounded: operators
(``*``, ``**``, ``+``, ``%``), method calls, ``str.format``, ``~``, every filter,
printing and block output each refuse, before doing it, work whose result
would exceed the brief's limits (app/assemble/limits.py).  Values reach
template code shielded (app/assemble/opaque.py), so nothing prints an address.
What this line of defence cannot see, the worker process bounds: time and
memory of the whole render (app/assemble/worker.py).
"""

from __future__ import annotations

import re
import types
from collections.abc import Callable, Iterable, Iterator, Mapping
from pathlib import Path
from typing import Any

import jinja2
from jinja2 import nodes
from jinja2.compiler import CodeGenerator, Frame
from jinja2.exceptions import SecurityError
from jinja2.filters import FILTERS
from jinja2.sandbox import ImmutableSandboxedEnvironment, safe_range

from app.assemble import growth
from app.assemble.filters import bounded_filters
from app.assemble.limits import Limits, TemplateLimitExceeded
from app.assemble.loader import ConfinedLoader
from app.assemble.opaque import Cycler, Joiner, shield, unwrap
from app.assemble.printing import BoundedFormatter, printf, text_of

_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]<>()#+\-.!|~&:=\"])")


class Md(str):
    """Text that is already markup and must not be escaped again."""


def escape_markdown(value: object) -> str:
    """Make text literal in Markdown: escape punctuation, keep paragraphs, drop indentation that would make code."""
    lines = str(value).splitlines() or [""]
    return "\n".join(_MD_SPECIAL.sub(r"\\\1", line.strip()) for line in lines)


@jinja2.pass_environment
def _finalize(env: BriefSandbox, value: object) -> object:
    """Only Md is trusted: HTML-safe values (``|e``, ``|tojson``) are still plain text to Markdown."""
    if isinstance(value, Md):
        return value
    if value is None:
        return ""
    return escape_markdown(text_of(value, env.limits))


class _Buffer(list):
    """Output collected in a block (``{% set %}…``, a macro, ``{% filter %}``), refused once it outgrows the limits."""

    def __init__(self, limits: Limits) -> None:
        super().__init__()
        self._limits, self._size = limits, 0

    def append(self, piece: str) -> None:
        self._size += len(piece)
        self._limits.check_size(self._size, "a block's output of {:,} characters")
        super().append(piece)

    def extend(self, pieces: Iterable[str]) -> None:
        for piece in pieces:
            self.append(piece)


class _BoundedCodeGenerator(CodeGenerator):
    """Compiles ``a ~ b`` to a bounded join, and block output into a bounded buffer."""

    def visit_Concat(self, node: nodes.Concat, frame: Frame) -> None:
        self.write("environment.bounded_concat((")
        for argument in node.nodes:
            self.visit(argument, frame)
            self.write(", ")
        self.write("))")

    def buffer(self, frame: Frame) -> None:
        frame.buffer = self.temporary_identifier()
        self.writeline(f"{frame.buffer} = environment.output_buffer()")


class BriefSandbox(ImmutableSandboxedEnvironment):
    """The sandbox, with every way into C or library code bounded by ``limits``."""

    intercepted_binops = frozenset({"*", "**", "+", "%"})
    code_generator_class = _BoundedCodeGenerator

    def __init__(self, *args: Any, limits: Limits, **kwargs: Any) -> None:
        self.limits = limits
        super().__init__(*args, **kwargs)

    def bounded_concat(self, values: Iterable[Any]) -> str:
        texts = [text_of(v, self.limits) for v in values]
        self.limits.check_size(sum(map(len, texts)), "a joined text of {:,} characters")
        return "".join(texts)

    def output_buffer(self) -> _Buffer:
        return _Buffer(self.limits)

    def _result(self, value: Any) -> Any:
        self.limits.check_length(value)
        return shield(value)

    def getattr(self, obj: Any, attribute: str) -> Any:
        return shield(super().getattr(obj, attribute))

    def getitem(self, obj: Any, argument: Any) -> Any:
        return shield(super().getitem(obj, argument))

    def call(self, context: jinja2.runtime.Context, obj: Any, /, *args: Any, **kwargs: Any) -> Any:
        target = unwrap(obj)
        args, kwargs = growth.prepare_call(target, args, kwargs, self.limits)
        return self._result(super().call(context, target, *args, **kwargs))

    def call_binop(self, context: jinja2.runtime.Context, operator_name: str, left: Any, right: Any) -> Any:
        if operator_name == "%" and isinstance(left, str):
            return printf(left, right, self.limits)
        if operator_name == "%" and isinstance(left, (bytes, bytearray)):
            raise SecurityError("formatting bytes with % is not available in a template")
        if operator_name == "*":
            growth.check_product(left, right, self.limits)
        elif operator_name == "**":
            growth.check_power(left, right, self.limits)
        elif operator_name == "+":
            growth.check_sum(left, right, self.limits)
        return self.binop_table[operator_name](left, right)

    def wrap_str_format(self, value: Any) -> Callable[..., str] | None:
        """``"…".format`` and ``format_map``, with bounded widths and values (see printing.BoundedFormatter)."""
        if not isinstance(value, (types.MethodType, types.BuiltinMethodType)):
            return None
        text = value.__self__
        if value.__name__ not in ("format", "format_map") or not isinstance(text, str):
            return None
        formatter = BoundedFormatter(self, self.limits)
        if value.__name__ == "format_map":

            def format_map(mapping: Mapping[str, Any]) -> str:
                return formatter.vformat(text, (), mapping)

            return format_map

        def format_(*args: Any, **kwargs: Any) -> str:
            return formatter.vformat(text, args, kwargs)

        return format_


def make_environment(
    folder: Path, limits: Limits, filters: Mapping[str, Callable], undefined: type[jinja2.Undefined]
) -> BriefSandbox:
    """A sandbox for the template in ``folder``: Jinja's filters and ``filters``, all bounded by ``limits``."""
    env = BriefSandbox(
        loader=ConfinedLoader(folder),
        limits=limits,
        undefined=undefined,
        finalize=_finalize,
        autoescape=False,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    escape_md = lambda v: Md(escape_markdown(v))  # noqa: E731
    own: dict[str, Callable] = {"md": Md, "safe": Md}
    own.update(dict.fromkeys(("escape_md", "e", "escape", "forceescape"), escape_md))
    env.filters = bounded_filters(env, limits, {**FILTERS, **own, **filters})
    # lipsum writes text in library code, and no brief needs it; the others print without an address
    env.globals.update(range=shield(safe_range), cycler=Cycler, joiner=Joiner)
    env.globals.pop("lipsum")
    return env


def generate_limited(pieces: Iterator[str], limits: Limits) -> str:
    """Join a template's output, stopping once it is larger than the brief's limits allow."""
    collected: list[str] = []
    size = 0
    for piece in pieces:
        size += len(piece)
        if size > limits.max_size:
            raise TemplateLimitExceeded(
                f"the template wrote more than {limits.max_size:,} characters ({limits.explain()}), far more "
                "than a brief prints of its text; a loop in the template is running away"
            )
        collected.append(piece)
    return "".join(collected)
