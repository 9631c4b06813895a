"""Values a template holds never show a memory address.

The repr of a function, a method or an iterator is ``<function f at 0x7f…>``:
printed into a brief (``{{ cite }}``, ``'%r' % x``, an error message) it tells
whoever reads the brief where Python's objects live, which is what an exploit
needs.  Every value that reaches template code passes through ``shield``:
callables and iterators come back wrapped in a proxy whose repr names them
without an address and which the sandbox unwraps to call.  A proxy exposes
nothing of what it wraps (a generator's ``gi_frame`` stays out of reach), and
Jinja's ``cycler`` and ``joiner`` are replaced by subclasses that print cleanly.
"""

from __future__ import annotations

import functools
import types
from collections.abc import Iterator
from typing import Any

import jinja2.utils
from jinja2.runtime import BlockReference, LoopContext

#: Callables whose repr carries an address (a BlockReference is ``self.block``).
_ROUTINES = (
    types.FunctionType,
    types.BuiltinFunctionType,
    types.MethodType,
    types.MethodWrapperType,
    types.WrapperDescriptorType,
    types.MethodDescriptorType,
    types.ClassMethodDescriptorType,
    functools.partial,
    BlockReference,
)
#: The most common values, returned at once: none of them is a routine or an iterator.
_PLAIN = frozenset({str, int, float, bool, type(None), list, tuple, dict})


class Routine:
    """A callable, printed as ``<function name>``; the sandbox calls what it wraps."""

    __slots__ = ("_target",)

    def __init__(self, target: Any) -> None:
        self._target = target

    def __call__(self, *args: Any, **kwargs: Any) -> Any:
        return self._target(*args, **kwargs)

    def __repr__(self) -> str:
        return f"<function {getattr(self._target, '__name__', type(self._target).__name__)}>"


class Stream:
    """An iterator (a filter's generator, a reversed list), printed as ``<iterator>``."""

    __slots__ = ("_iterator",)

    def __init__(self, iterator: Iterator[Any]) -> None:
        self._iterator = iterator

    def __iter__(self) -> Stream:
        return self

    def __next__(self) -> Any:
        return next(self._iterator)

    def __repr__(self) -> str:
        return "<iterator>"


class Cycler(jinja2.utils.Cycler):
    def __repr__(self) -> str:
        return "<cycler>"


class Joiner(jinja2.utils.Joiner):
    def __repr__(self) -> str:
        return "<joiner>"


def shield(value: Any) -> Any:
    """``value``, or a proxy for it if it would print a memory address."""
    if type(value) in _PLAIN:
        return value
    if isinstance(value, _ROUTINES):
        return Routine(value)
    if isinstance(value, Iterator) and not isinstance(value, (Stream, LoopContext)):
        return Stream(value)
    return value


def unwrap(value: Any) -> Any:
    """What a Routine stands for, to call it with Jinja's own rules (``pass_context`` and the like)."""
    return value._target if isinstance(value, Routine) else value
