"""How much a template may build, write, take in time and memory: limits that grow with the brief it renders.

A fixed cap either stops a real 500-source brief or lets a small one run away,
so every limit is a constant plus a share per character of the brief's text
(``BriefContext.text_size``).  The sandbox refuses single operations over
``max_size`` before they run; the worker process enforces ``seconds`` and
``memory_bytes`` on the whole render.
"""

from __future__ import annotations

from dataclasses import dataclass

from jinja2.exceptions import SecurityError

#: Longest a render of a small brief may run, in seconds; the worker kills it then.
MAX_SECONDS = 5.0
#: More time per million characters of the brief's text (a 500×5 brief renders in a few seconds).
SECONDS_PER_MILLION_CHARS = 2.0
#: Largest text or list any brief's template may build or write, in characters or items.
BASE_SIZE = 2_000_000
#: More per character of the brief's text: a brief prints its text a few times at most (key points, body, quotes).
SIZE_PER_CHAR = 10
#: Address space of the render's worker process for a small brief, and more per character of text.
BASE_MEMORY_BYTES = 2 * 1024**3
MEMORY_PER_CHAR = 64
#: Largest integer a template may compute, in bits: far beyond page numbers, far below slow arithmetic.
MAX_INT_BITS = 10_000
#: Deepest a printed value may nest (lists in lists), and the most digits a width or precision may have.
MAX_DEPTH = 200


_SIZED = (str, bytes, bytearray, list, tuple, dict, set, frozenset)


class TemplateLimitExceeded(SecurityError):
    """The template tried to build or write too much, or ran too long; it was stopped."""


@dataclass(frozen=True)
class Limits:
    """The limits for rendering a brief of ``text_chars`` characters of text."""

    text_chars: int = 0

    @property
    def max_size(self) -> int:
        return BASE_SIZE + SIZE_PER_CHAR * self.text_chars

    @property
    def seconds(self) -> float:
        """Rounded to a tenth, so a message says "stopped after 5 s", not "after 5.00813 s"."""
        return round(MAX_SECONDS + SECONDS_PER_MILLION_CHARS * self.text_chars / 1_000_000, 1)

    @property
    def memory_bytes(self) -> int:
        return BASE_MEMORY_BYTES + MEMORY_PER_CHAR * self.text_chars

    def explain(self) -> str:
        """Where ``max_size`` comes from, for messages: the analyst should see that it follows the brief."""
        return f"{BASE_SIZE:,} plus {SIZE_PER_CHAR} per character of the brief's {self.text_chars:,} characters of text"

    def describe(self) -> str:
        return f"at most {self.max_size:,} for this brief ({self.explain()})"

    def check_size(self, size: int, what: str = "a text or list of {:,} characters or items") -> None:
        """Refuse to build something of ``size`` characters or items before building it; ``what`` names it."""
        if size > self.max_size:
            raise TemplateLimitExceeded(f"{what.format(size)} is too large; {self.describe()}")

    def check_length(self, value: object) -> None:
        """A value library code has just built: refused if it is a text or collection longer than allowed."""
        if isinstance(value, _SIZED):
            self.check_size(len(value))

    def check_int(self, bits: int) -> None:
        if bits > MAX_INT_BITS:
            raise TemplateLimitExceeded(f"a number of {bits:,} bits is too large; at most {MAX_INT_BITS:,} bits")
