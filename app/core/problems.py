"""A problem the analyst should fix before a brief leaves, and where to fix it.

The pre-export checks (app.pipeline.checks) return these; the CLI prints the
messages, and the window lists them and takes the analyst to ``place`` when one
is clicked.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

#: What a problem points at: an item (by id), a source (by path), a detail of the brief (a BriefMeta field), or
#: the template; "" where there is no one place.
Place = Literal["item", "source", "detail", "template", ""]


@dataclass(frozen=True)
class Problem:
    message: str
    place: Place = ""
    #: The item id, source path or detail name ``place`` refers to.
    target: str = ""
