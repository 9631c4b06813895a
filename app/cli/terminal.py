"""The terminal as the CLI writes to it: what it prints goes through ``app.text.controls.printable``, and the
streams never fail on a character the terminal's encoding lacks.
"""

from __future__ import annotations

import sys


def make_streams_forgiving() -> None:
    """Never die on a character the terminal's encoding lacks: show it escaped instead (an ASCII locale, a pipe)."""
    for stream in (sys.stdout, sys.stderr):
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is not None:
            reconfigure(errors="backslashreplace")
