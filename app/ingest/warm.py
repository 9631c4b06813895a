"""Importing this loads what reading any source needs, once: the language model (a second or more to unpack).

Workers that read sources are forked: a parent that imports this first (the
window's fork server names it in its preload; the command line calls
``warm_up`` before reading) hands every worker the model already loaded,
instead of each worker unpacking it again for its one file.
"""

from __future__ import annotations

from app.ingest.language import identifier


def warm_up() -> None:
    """Load the language model now, in this process, so the workers forked from it start with it."""
    identifier()


warm_up()
