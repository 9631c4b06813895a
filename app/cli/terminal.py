"""Text made safe for a terminal: what the CLI prints comes from files and file names nobody here wrote.

A file name or heading holding escape sequences could clear the screen, retitle
the window or forge lines of output; a name that is not valid UTF-8 arrives as
lone surrogates that a strict UTF-8 terminal refuses.  Every such character is
shown as a visible escape instead, so what is printed is exactly one line per
field and reads the same everywhere.
"""

from __future__ import annotations

import re
import sys

#: C0 and C1 controls (line breaks and tabs too: one field must stay on one line), DEL, lone surrogates, and the
#: bidi embedding and override controls that can make a line display in a different order than it reads.
_UNSAFE = re.compile(r"[\x00-\x1f\x7f-\x9f\ud800-\udfff\u202a-\u202e\u2066-\u2069]")
_NAMED = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}


def _escape(match: re.Match[str]) -> str:
    char = match.group()
    code = ord(char)
    if char in _NAMED:
        return _NAMED[char]
    if 0xDC80 <= code <= 0xDCFF:  # a byte of a file name that was not UTF-8 (surrogateescape)
        return f"\\x{code - 0xDC00:02x}"
    return f"\\x{code:02x}" if code <= 0xFF else f"\\u{code:04x}"


def printable(text: object) -> str:
    """``text`` with every control character, undecodable byte and bidi override shown as an escape."""
    return _UNSAFE.sub(_escape, str(text))


def make_streams_forgiving() -> None:
    """Never die on a character the terminal's encoding lacks: show it escaped instead (an ASCII locale, a pipe)."""
    for stream in (sys.stdout, sys.stderr):
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is not None:
            reconfigure(errors="backslashreplace")
