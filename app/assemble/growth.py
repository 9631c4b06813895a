"""What an operation will build, known before it runs: the sandbox's checks on work done in C.

A template's own lines are cheap; the danger is one operation that hands C a
huge job: ``'x' * 10**9``, ``x * x`` on a thousand-digit number, ``'%0999999999d'``,
``s.replace('a', 'b' * 1000)``, ``(5).to_bytes(10**9)``.  Each check here costs
a few length lookups and refuses the operation (TemplateLimitExceeded) when its
result would exceed the limits, before anything is built.  Operations that grow
their input by a small constant factor (``upper``, ``encode``) need no check:
the sandbox measures their results instead.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from typing import Any

from app.assemble.limits import Limits, TemplateLimitExceeded

_SEQUENCES = (str, bytes, bytearray, list, tuple)
#: The most digits a width or precision may have before it is even read as a number.
_MAX_DIGITS = 12
_DIGITS = re.compile(r"\d+")


def _bits(value: Any) -> int:
    return value.bit_length() if isinstance(value, int) else 0


def check_product(left: Any, right: Any, limits: Limits) -> None:
    """``left * right``: a repeated sequence, or a product of integers."""
    for sequence, count in ((left, right), (right, left)):
        if isinstance(sequence, _SEQUENCES) and isinstance(count, int):
            limits.check_size(len(sequence) * count)
            return
    if isinstance(left, int) and isinstance(right, int) and left and right:
        limits.check_int(_bits(left) + _bits(right))


def check_power(base: Any, exponent: Any, limits: Limits) -> None:
    """``base ** exponent`` on integers: the result has about ``bits(base) * exponent`` bits."""
    if isinstance(base, int) and isinstance(exponent, int) and exponent > 0 and abs(base) > 1:
        limits.check_int(_bits(base) * exponent)


def check_sum(left: Any, right: Any, limits: Limits) -> None:
    """``left + right`` on two sequences (doubling a list in a loop)."""
    if isinstance(left, _SEQUENCES) and isinstance(right, _SEQUENCES):
        limits.check_size(len(left) + len(right))


def check_number(value: str, limits: Limits, what: str) -> None:
    """A width or precision written as digits."""
    if len(value) > _MAX_DIGITS:
        raise TemplateLimitExceeded(f"a {what} of {len(value):,} digits is too large")
    limits.check_size(int(value), f"a {what} of {{:,}} characters")


def check_format_spec(spec: str, limits: Limits) -> None:
    """A ``str.format`` spec (``>9999``, ``.9999f``): every number in it is a width or precision, so bounded."""
    for number in _DIGITS.findall(spec):
        check_number(number, limits, "width or precision")


def _argument(args: tuple, kwargs: Mapping[str, Any], index: int, name: str, default: Any = None) -> Any:
    return args[index] if len(args) > index else kwargs.get(name, default)


def _same_kind(owner: str | bytes | bytearray) -> type | tuple[type, ...]:
    return str if isinstance(owner, str) else (bytes, bytearray)


def _longest_replacement(table: Any) -> int:
    """The longest text ``str.translate`` may put in place of one character."""
    values: Iterable[Any] = table.values() if isinstance(table, Mapping) else table if isinstance(table, list) else ()
    return max((len(v) for v in values if isinstance(v, str)), default=1)


def prepare_call(target: Any, args: tuple, kwargs: dict[str, Any], limits: Limits) -> tuple[tuple, dict[str, Any]]:
    """Refuse a call of a text, bytes or integer method that would build too much; the arguments to call it with.

    ``join`` gets its items as a list, so an iterator is read once, to measure it, and then joined.
    """
    owner, name = getattr(target, "__self__", None), getattr(target, "__name__", "")
    if isinstance(owner, (str, bytes, bytearray)):
        size = len(owner)
        if name in ("center", "ljust", "rjust", "zfill"):
            width = _argument(args, kwargs, 0, "width", 0)
            limits.check_size(width if isinstance(width, int) else 0)
        elif name == "expandtabs":
            tabs = owner.count("\t") if isinstance(owner, str) else owner.count(b"\t")
            tabsize = _argument(args, kwargs, 0, "tabsize", 8)
            limits.check_size(size + tabs * (tabsize if isinstance(tabsize, int) else 0))
        elif name == "join" and args:
            items = list(args[0])
            lengths = sum(len(item) for item in items if isinstance(item, _SEQUENCES))
            limits.check_size(lengths + size * max(len(items) - 1, 0))
            args = (items, *args[1:])
        elif name == "replace" and len(args) >= 2 and all(isinstance(a, _same_kind(owner)) for a in args[:2]):
            old, new = args[0], args[1]
            count = owner.count(old) if old else size + 1
            if len(args) > 2 and isinstance(args[2], int) and args[2] >= 0:
                count = min(count, args[2])
            limits.check_size(size + count * max(len(new) - len(old), 0))
        elif name == "translate" and args and isinstance(owner, str):
            limits.check_size(size * _longest_replacement(args[0]))
    elif isinstance(owner, int) and name == "to_bytes":
        length = _argument(args, kwargs, 0, "length", 1)
        limits.check_size(length if isinstance(length, int) else 0)
    return args, kwargs
