"""The last brief built in this process, handed out again while its project, sources and template are the same.

The window's preview and its checks run in one warm worker, one job after the
other, and both start by building the brief: for a long brief the build is most
of either job, and two workers building it at once on a two-core machine held
the preview up by about a third.  "The same" is the same pickled bytes of the
project, the sources, the template's settings, and the size and time of every
file in the template's folder and of every figure's image file: bytes, not
references, so a project changed in place is never taken for the one built (a
template or an image changed on disk builds again; the built-in partials change
only with Briefgen itself, which starts a new worker).  Equal objects may pickle
differently; then the brief is only built again.  One brief is kept; nothing
mutates a built brief (the writers only read it).
"""

from __future__ import annotations

import os
import pickle
import threading
from collections.abc import Iterator, Mapping
from itertools import islice
from pathlib import Path

from app.assemble.catalog import TemplateInfo
from app.core.formats import BuiltBrief
from app.core.model import BriefProject, FigureItem, Source
from app.pipeline.build import build_brief

#: More files than a template folder holds (a template, a style, a few includes and fonts): past it, no reuse.
MAX_TEMPLATE_FILES = 200

FileState = tuple[str, int, int]

_lock = threading.Lock()
_last: tuple[bytes, BuiltBrief] | None = None


def build_brief_once(project: BriefProject, sources: Mapping[str, Source], template: TemplateInfo) -> BuiltBrief:
    """``build_brief(project, sources, template)``, or the brief built last if it was built from the same."""
    global _last
    key = _key(project, sources, template)
    with _lock:
        if key is not None and _last is not None and _last[0] == key:
            return _last[1]
    built = build_brief(project, sources, template)
    if key is not None:
        with _lock:
            _last = (key, built)
    return built


def _key(project: BriefProject, sources: Mapping[str, Source], template: TemplateInfo) -> bytes | None:
    """What the brief is built from, as bytes; None when a file it reads cannot be looked at (nothing is reused)."""
    files = list(islice(_template_files(template.folder), MAX_TEMPLATE_FILES + 1))
    images = [_file_state(Path(item.image)) for item in project.items if isinstance(item, FigureItem) and item.image]
    looked_at = [state for state in files + images if state is not None]
    if len(files) > MAX_TEMPLATE_FILES or len(looked_at) < len(files) + len(images):
        return None
    return pickle.dumps((project, dict(sources), template, sorted(looked_at)), pickle.HIGHEST_PROTOCOL)


def _template_files(folder: Path) -> Iterator[FileState | None]:
    for parent, _dirs, names in os.walk(folder):
        for name in names:
            yield _file_state(Path(parent, name))


def _file_state(path: Path) -> FileState | None:
    """A file's path, size and modification time; None when it cannot be looked at."""
    try:
        status = os.stat(path)
    except OSError:
        return None
    return (str(path), status.st_size, status.st_mtime_ns)
