"""Pausing Python's cycle collector while a writer builds a document."""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def collection_paused() -> Iterator[None]:
    """No cycle collection inside the block (reference counting still frees memory); as it was after.

    Writers make hundreds of thousands of small objects that reference counting frees; each collection would walk
    every live one, so writing would take longer than the brief's length accounts for, and by a varying amount.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()
