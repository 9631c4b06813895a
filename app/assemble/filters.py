"""The filters a template may use, each bounded: checked before it runs, measured and shielded after.

Jinja's filters run in library code, where no limit applies while they work:
``slice(10**9)`` makes a billion lists, ``wordwrap(1)`` on a long word is
quadratic, ``join`` and ``pprint`` print nested lists in full.  Every filter is
wrapped: arguments that fix the size of the result (widths, counts, precisions)
are checked first, a filter that reads text gets its value printed by
``text_of`` (bounded, no addresses), and every result is measured and shielded
(an iterator or a function comes back as a proxy).  A few filters are Briefgen's
own: ``join``, ``sum``, ``format``, ``pprint``, ``replace``, ``string``,
``urlencode``, the escaping ones and ``md``.  ``xmlattr`` writes HTML, which a
Markdown brief cannot use, and is not available.
"""

from __future__ import annotations

import functools
import itertools
from collections.abc import Callable, Mapping
from typing import Any

import jinja2
from jinja2.exceptions import FilterArgumentError
from jinja2.filters import make_attrgetter

from app.assemble.limits import MAX_INT_BITS, Limits, TemplateLimitExceeded
from app.assemble.opaque import shield
from app.assemble.printing import printf, repr_of, text_of

#: Filters that read their value as text (Briefgen's ``first_sentences``, ``shorten``, ``md`` and escaping too).
_TEXT_INPUT = frozenset(
    {
        "capitalize", "center", "indent", "lower", "striptags", "title", "trim", "truncate", "upper",
        "urlize", "wordcount", "wordwrap", "first_sentences", "shorten", "web_link",
        "md", "safe", "escape_md", "e", "escape", "forceescape",
    }
)  # fmt: skip
_REMOVED = ("xmlattr",)
#: ``len(word)²/width``: what wrapping a long word costs (textwrap copies the rest of the word for each line).
_WRAP_WORK = 10_000_000_000
#: Wrapping costs textwrap about as much per line as printing ten characters: lines are bounded accordingly.
_CHARS_PER_LINE = 10


def bounded_filters(env: jinja2.Environment, limits: Limits, filters: Mapping[str, Callable]) -> dict[str, Callable]:
    """``filters`` (Jinja's and Briefgen's), each bounded by ``limits``; what the sandbox installs."""

    def result(value: Any) -> Any:
        limits.check_length(value)
        return shield(value)

    def guarded(original: Callable, check: Callable | None = None, text: bool = False) -> Callable:
        """``original`` with ``check`` run on its arguments first; keeps Jinja's marks (``pass_environment``…)."""
        offset = 1 if hasattr(original, "jinja_pass_arg") else 0

        @functools.wraps(original)
        def bounded(*args: Any, **kwargs: Any) -> Any:
            passed, arguments = args[:offset], args[offset:]
            if text and arguments and not isinstance(arguments[0], str):
                arguments = (text_of(arguments[0], limits), *arguments[1:])
            if check is not None:
                check(*arguments, **kwargs)
            return result(original(*passed, *arguments, **kwargs))

        return bounded

    def count(value: Any, what: str) -> None:
        if isinstance(value, int):
            limits.check_size(value, what)

    def check_batch(value: Any, linecount: Any, fill_with: Any = None) -> None:
        count(linecount, "a batch of {:,} items")

    def check_slice(value: Any, slices: Any, fill_with: Any = None) -> None:
        count(slices, "{:,} slices")

    def check_center(value: str, width: Any = 80) -> None:
        count(width, "a text centred in {:,} characters")

    def check_indent(s: str, width: Any = 4, first: bool = False, blank: bool = False) -> None:
        prefix = len(width) if isinstance(width, str) else width if isinstance(width, int) else 0
        limits.check_size(len(s) + (s.count("\n") + 1) * prefix, "an indented text of {:,} characters")

    def check_wordwrap(
        s: str, width: Any = 79, break_long_words: bool = True, wrapstring: Any = None, break_on_hyphens: bool = True
    ) -> None:
        if not isinstance(width, int) or width < 1:
            return  # textwrap refuses it with its own message
        words = s.split()
        lines = len(s) // width + len(words)  # at most: every word on a line, every long word cut at width
        if lines > limits.max_size // _CHARS_PER_LINE:
            raise TemplateLimitExceeded(
                f"wrapping at {width} would make up to {lines:,} lines; at most {limits.max_size // _CHARS_PER_LINE:,}"
            )
        separator = len(wrapstring) if isinstance(wrapstring, str) else 1
        limits.check_size(len(s) + (lines + 1) * separator, "a wrapped text of {:,} characters")
        longest = max(map(len, words), default=0)
        if break_long_words and longest * longest // width > _WRAP_WORK:
            raise TemplateLimitExceeded(f"a word of {longest:,} characters is too long to wrap at {width}")

    def check_round(value: Any, precision: Any = 0, method: str = "common") -> None:
        if isinstance(precision, int) and abs(precision) > MAX_INT_BITS:
            raise TemplateLimitExceeded(f"rounding to {precision:,} digits; at most {MAX_INT_BITS:,}")

    def check_tojson(value: Any, indent: Any = None) -> None:
        repr_of(value, limits)  # JSON is about as long as the repr, which is bounded as it is written

    def join(value: Any, d: Any = "", attribute: Any = None) -> str:
        if attribute is not None:
            value = map(make_attrgetter(env, attribute), value)
        separator, texts, total = text_of(d, limits), [], 0
        for item in value:
            texts.append(text_of(item, limits))
            total += len(texts[-1]) + len(separator)
            limits.check_size(total, "a joined text of {:,} characters")
        return separator.join(texts)

    def sum_(iterable: Any, attribute: Any = None, start: Any = 0) -> Any:
        if attribute is not None:
            iterable = map(make_attrgetter(env, attribute), iterable)
        values = list(iterable)
        if not isinstance(start, (list, tuple)):
            return sum(values, start)
        for value in values:  # joined at once below: adding lists one by one is quadratic
            if not isinstance(value, type(start)):
                kind = type(start).__name__
                raise TypeError(f'can only concatenate {kind} (not "{type(value).__name__}") to {kind}')
        limits.check_size(len(start) + sum(map(len, values)))
        return type(start)(itertools.chain(start, *values))

    def format_(value: Any, *args: Any, **kwargs: Any) -> str:
        if args and kwargs:
            raise FilterArgumentError("can't handle positional and keyword arguments at the same time")
        return printf(text_of(value, limits), kwargs or args, limits)

    def replace(s: Any, old: Any, new: Any, count: Any = None) -> str:
        s, old, new = text_of(s, limits), text_of(old, limits), text_of(new, limits)
        occurrences = s.count(old) if old else len(s) + 1
        if isinstance(count, int) and count >= 0:
            occurrences = min(occurrences, count)
        limits.check_size(len(s) + occurrences * max(len(new) - len(old), 0), "a replaced text of {:,} characters")
        return s.replace(old, new, count if isinstance(count, int) else -1)

    def urlencode(value: Any) -> str:
        if not isinstance(value, str) and isinstance(value, (Mapping, list, tuple)):
            pairs = value.items() if isinstance(value, Mapping) else value
            value = [(text_of(k, limits), text_of(v, limits)) for k, v in pairs]
        return filters["urlencode"](value if isinstance(value, list) else text_of(value, limits))

    own: dict[str, Callable] = {
        "join": join,
        "sum": sum_,
        "format": format_,
        "replace": replace,
        "urlencode": urlencode,
        "string": lambda value: text_of(value, limits),
        "pprint": lambda value: repr_of(value, limits),
    }
    checks: dict[str, Callable] = {
        "batch": check_batch,
        "slice": check_slice,
        "center": check_center,
        "indent": check_indent,
        "wordwrap": check_wordwrap,
        "round": check_round,
        "tojson": check_tojson,
    }
    bounded: dict[str, Callable] = {}
    for name, original in filters.items():
        if name in _REMOVED:
            continue
        if name in own:
            bounded[name] = guarded(own[name])
        else:
            bounded[name] = guarded(original, checks.get(name), text=name in _TEXT_INPUT)
    return bounded
