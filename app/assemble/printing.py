"""Template values as text: what Python prints for plain data, bounded in size and without memory addresses.

``str()`` of a nested list is built in C without limit: ``[[0] * 10**6] * 1000``
is a thousand references to one list, cheap to hold and three billion
characters to print.  Every place the sandbox turns a value into text (printing,
``~``, ``%``, ``str.format``, ``join``, ``pprint`` and the text filters) goes
through ``text_of`` or ``repr_of``: containers are written here under a budget
of characters, and only types known to print small and safe are printed by
Python; anything else prints as ``<TypeName>``, never as an address.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
from collections.abc import ItemsView, Iterator, KeysView, Mapping, Sequence, ValuesView
from dataclasses import dataclass
from typing import Any

from jinja2.environment import TemplateModule
from jinja2.runtime import LoopContext, Macro, TemplateReference, Undefined
from jinja2.sandbox import SandboxedFormatter
from jinja2.utils import Namespace

from app.assemble.growth import check_format_spec, check_number
from app.assemble.limits import MAX_DEPTH, Limits, TemplateLimitExceeded
from app.assemble.opaque import Cycler, Joiner, Routine, Stream

#: Printed by Python: their text is small (integers are capped in size) and never an address.
_SCALARS = (str, bytes, int, float, complex, type(None), dt.date, dt.time, dt.timedelta, dt.tzinfo, range)
#: Objects whose repr is theirs, short and without an address.
_NAMED = (Routine, Stream, Cycler, Joiner, Macro, LoopContext, TemplateReference, Undefined)
_VIEWS = (KeysView, ValuesView, ItemsView)
#: What follows ``%`` (and a mapping key) up to the conversion character; Python ignores the length modifier.
_PRINTF_SPEC = re.compile(r"(?P<flags>[-#0 +]*)(?P<width>\*|\d+)?(?:(?P<dot>\.)(?P<precision>\*|\d*))?[hlL]*")
_PRINTF_CONVERSIONS = "diouxXeEfFgGcrsa%"


def text_of(value: Any, limits: Limits) -> str:
    """``str(value)`` as a template may have it.  An Undefined keeps its own rules (a strict one raises)."""
    if isinstance(value, str):
        return value
    if isinstance(value, (_SCALARS, Undefined, TemplateModule)):
        text = str(value)  # a module's text is what its template wrote, already bounded
        limits.check_size(len(text), "a printed value of {:,} characters")
        return text
    return repr_of(value, limits)


def repr_of(value: Any, limits: Limits) -> str:
    """``repr(value)`` as a template may have it."""
    writer = _Writer(limits)
    writer.write(value, 0)
    return "".join(writer.parts)


class _Writer:
    """Writes a value as Python's repr would, refusing once the text outgrows the limits."""

    def __init__(self, limits: Limits) -> None:
        self.limits = limits
        self.written = 0
        self.parts: list[str] = []
        self.open: set[int] = set()  # the containers being written, to print a cycle as [...]

    def add(self, text: str) -> None:
        self.written += len(text)
        self.limits.check_size(self.written, "a printed value of {:,} characters")
        self.parts.append(text)

    def write(self, value: Any, depth: int) -> None:
        if depth > MAX_DEPTH:
            raise TemplateLimitExceeded(f"a value nested more than {MAX_DEPTH} deep cannot be printed")
        if isinstance(value, (_SCALARS, _NAMED)):
            self.add(repr(value))
        elif id(value) in self.open:
            self.add("[...]" if isinstance(value, list) else "{...}")
        else:
            self.open.add(id(value))
            self._write_container(value, depth + 1)
            self.open.discard(id(value))

    def _write_container(self, value: Any, depth: int) -> None:
        if isinstance(value, dict):
            self._items("{", value.items(), "}", depth)
        elif isinstance(value, tuple) and hasattr(value, "_fields"):  # a named tuple, such as groupby's groups
            self._fields(type(value).__name__, zip(value._fields, value, strict=True), depth)
        elif isinstance(value, tuple):
            self._sequence("(", value, ",)" if len(value) == 1 else ")", depth)
        elif isinstance(value, list):
            self._sequence("[", value, "]", depth)
        elif isinstance(value, (set, frozenset)):
            name = type(value).__name__
            if not value:
                self.add(f"{name}()")
            else:
                self._sequence("{" if name == "set" else f"{name}({{", value, "}" if name == "set" else "})", depth)
        elif isinstance(value, _VIEWS):
            self.add(f"{type(value).__name__}(")
            self._sequence("[", value, "]", depth)
            self.add(")")
        elif dataclasses.is_dataclass(value) and not isinstance(value, type):
            fields = ((f.name, getattr(value, f.name)) for f in dataclasses.fields(value) if f.repr)
            self._fields(type(value).__name__, fields, depth)
        elif isinstance(value, Namespace):
            self.add("<Namespace ")
            self._items("{", getattr(value, "_Namespace__attrs", {}).items(), "}", depth)
            self.add(">")
        else:
            self.add(f"<{type(value).__name__}>")

    def _sequence(self, start: str, values: Any, end: str, depth: int) -> None:
        self.add(start)
        for index, item in enumerate(values):
            if index:
                self.add(", ")
            self.write(item, depth)
        self.add(end)

    def _items(self, start: str, items: Any, end: str, depth: int) -> None:
        self.add(start)
        for index, (key, item) in enumerate(items):
            if index:
                self.add(", ")
            self.write(key, depth)
            self.add(": ")
            self.write(item, depth)
        self.add(end)

    def _fields(self, name: str, fields: Any, depth: int) -> None:
        self.add(f"{name}(")
        for index, (field, item) in enumerate(fields):
            self.add(f"{', ' if index else ''}{field}=")
            self.write(item, depth)
        self.add(")")


@dataclass(frozen=True)
class _Conversion:
    """One ``%`` conversion: where it is in the format, its mapping key, and the spec Python formats it with."""

    start: int
    end: int
    key: str | None
    flags: str
    conversion: str


def _conversions(text: str, limits: Limits) -> Iterator[_Conversion]:
    """The conversions of a ``%`` format in order, read as Python reads them; widths and precisions bounded."""
    start = text.find("%")
    while start != -1:
        position, key = start + 1, None
        if text.startswith("(", position):  # a mapping key, which may hold balanced parentheses
            depth, opened = 1, position + 1
            position += 1
            while depth and position < len(text):
                depth += {"(": 1, ")": -1}.get(text[position], 0)
                position += 1
            if depth:
                raise ValueError("incomplete format key")
            key = text[opened : position - 1]
        spec = _PRINTF_SPEC.match(text, position)
        assert spec is not None  # every part of the pattern is optional
        if spec.group("width") == "*" or spec.group("precision") == "*":
            raise TemplateLimitExceeded("a '*' width is not available in a template; write the number in the format")
        for what in ("width", "precision"):
            if spec.group(what):
                check_number(spec.group(what), limits, what)
        end = spec.end()
        if end >= len(text):
            raise ValueError("incomplete format")
        if text[end] not in _PRINTF_CONVERSIONS:
            raise ValueError(f"unsupported format character {text[end]!r} at index {end}")
        precision = f".{spec.group('precision')}" if spec.group("dot") else ""
        yield _Conversion(start, end + 1, key, spec.group("flags") + (spec.group("width") or "") + precision, text[end])
        start = text.find("%", end + 1)


def printf(text: str, values: Any, limits: Limits) -> str:
    """``text % values`` as Python computes it, one conversion at a time, so each piece and the whole are bounded.

    ``%s``, ``%r`` and ``%a`` print with ``text_of``/``repr_of``; numbers are formatted by Python itself.
    """
    positional = list(values) if isinstance(values, tuple) else [values]
    mapping = values if hasattr(type(values), "__getitem__") and not isinstance(values, (tuple, str)) else None
    pieces, total, used, position = [], 0, 0, 0
    for conversion in _conversions(text, limits):
        pieces.append(text[position : conversion.start])
        if conversion.conversion == "%":
            pieces.append(f"%{conversion.flags}%" % ())
        else:
            if conversion.key is not None:
                if mapping is None:
                    raise TypeError("format requires a mapping")
                value = mapping[conversion.key]
            elif used < len(positional):
                value, used = positional[used], used + 1
            else:
                raise TypeError("not enough arguments for format string")
            pieces.append(_convert(conversion, value, limits))
        total += len(pieces[-2]) + len(pieces[-1])
        limits.check_size(total, "a formatted text of {:,} characters")
        position = conversion.end
    if mapping is None and used < len(positional):
        raise TypeError("not all arguments converted during string formatting")
    pieces.append(text[position:])
    return "".join(pieces)


def _convert(conversion: _Conversion, value: Any, limits: Limits) -> str:
    if conversion.conversion == "s":
        return f"%{conversion.flags}s" % (text_of(value, limits),)
    if conversion.conversion in "ra":
        shown = repr_of(value, limits)
        if conversion.conversion == "a":
            shown = shown.encode("ascii", "backslashreplace").decode("ascii")
        return f"%{conversion.flags}s" % (shown,)
    return f"%{conversion.flags}{conversion.conversion}" % (value,)


class BoundedFormatter(SandboxedFormatter):
    """``str.format`` in the sandbox (fields looked up by Jinja's rules) with bounded widths, values and total."""

    def __init__(self, env: Any, limits: Limits) -> None:
        super().__init__(env)
        self.limits = limits
        self.written = 0

    def vformat(self, format_string: str, args: Sequence[Any], kwargs: Mapping[str, Any]) -> str:
        self.written = len(format_string)
        return super().vformat(format_string, args, kwargs)

    def convert_field(self, value: Any, conversion: str | None) -> Any:
        if conversion in ("r", "a"):
            shown = repr_of(value, self.limits)
            return shown if conversion == "r" else shown.encode("ascii", "backslashreplace").decode("ascii")
        return text_of(value, self.limits) if conversion == "s" else value

    def format_field(self, value: Any, format_spec: str) -> str:
        check_format_spec(format_spec, self.limits)
        if not isinstance(value, (_SCALARS, Undefined)):
            value = text_of(value, self.limits)  # a date keeps its own format (``{:%Y}``)
        text = format(value, format_spec)
        self.written += len(text)
        self.limits.check_size(self.written, "a formatted text of {:,} characters")
        return text
