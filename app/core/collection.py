"""Pausing Python's cycle collector while a brief is built, written, or a font's parse is loaded."""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def collection_paused() -> Iterator[None]:
    """No cycle collection inside the block (reference counting still frees memory); as it was after.

    Building and writing a brief make hundreds of thousands of small objects, most kept to the end; each
    collection walks every live one, so the work would grow faster than the brief (a 500-source brief spent a
    third of its build collecting) and by a varying amount.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()
