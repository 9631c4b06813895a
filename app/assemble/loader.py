"""Where a template's Jinja files come from: its own folder and the built-in partials, nothing else.

A shared template folder is untrusted, and a name in it is not always what it
seems.  A file is loaded only if its real path (links resolved) is inside the
folder it was found in, it is a regular file (a FIFO would block, a device
never ends) of at most MAX_TEMPLATE_BYTES, and it has no other name: a hard
link is the same file as one outside the folder and no path can tell, so a
file with more than one link is refused (the built-in templates, which ship
with the program, are trusted).  Its text must hold at most MAX_TEMPLATE_TAGS
``{{``/``{%`` tags, because compiling costs about a millisecond per tag.
"""

from __future__ import annotations

import errno
import os
from collections.abc import Callable
from pathlib import Path

import jinja2
from jinja2.exceptions import SecurityError
from jinja2.loaders import split_template_path

from app.assemble.catalog import MAX_TEMPLATE_BYTES
from app.assemble.limits import TemplateLimitExceeded
from app.core.paths import TEMPLATES_DIR
from app.core.regular_file import read_regular_file

PARTIALS_DIR = TEMPLATES_DIR / "_partials"
#: Most tags (``{{``, ``{%``) one Jinja file may hold: 5,000 compile in about a second.
MAX_TEMPLATE_TAGS = 5_000


def check_source(name: str, text: str) -> None:
    """Refuse template text that would take long to compile."""
    if len(text) > MAX_TEMPLATE_BYTES:
        raise TemplateLimitExceeded(f"{name} is {len(text):,} characters long; at most {MAX_TEMPLATE_BYTES:,}")
    tags = text.count("{{") + text.count("{%")
    if tags > MAX_TEMPLATE_TAGS:
        raise TemplateLimitExceeded(f"{name} has {tags:,} tags ({{{{ or {{%); at most {MAX_TEMPLATE_TAGS:,}")


def _is_within(path: Path, folder: Path) -> bool:
    return Path(os.path.realpath(path)).is_relative_to(os.path.realpath(folder))


class ConfinedLoader(jinja2.BaseLoader):
    """Loads ``name`` from the template folder, else from the built-in partials, under the rules above."""

    def __init__(self, folder: Path) -> None:
        self.roots = (folder, PARTIALS_DIR)
        self.trusted = (_is_within(folder, TEMPLATES_DIR), True)

    def get_source(self, environment: jinja2.Environment, template: str) -> tuple[str, str, Callable[[], bool]]:
        pieces = split_template_path(template)  # refuses ".." and empty parts
        for root, trusted in zip(self.roots, self.trusted, strict=True):
            path = root.joinpath(*pieces)
            if os.path.lexists(path):  # False for names the system refuses (too long, a NUL byte)
                return self._read(root, path, template, trusted)
        raise jinja2.TemplateNotFound(template)

    @staticmethod
    def _read(root: Path, path: Path, name: str, trusted: bool) -> tuple[str, str, Callable[[], bool]]:
        if not _is_within(path, root):
            raise SecurityError(f"{name} points outside the template folder")
        try:
            data, status = read_regular_file(Path(os.path.realpath(path)), MAX_TEMPLATE_BYTES)
        except OSError as exc:
            refusal = TemplateLimitExceeded if exc.errno == errno.EFBIG else SecurityError
            raise refusal(f"{name} cannot be loaded: {exc.strerror or exc}") from None
        if status.st_nlink > 1 and not trusted:
            raise SecurityError(
                f"{name} is a hard link (the same file under another name, perhaps outside the template folder); "
                "replace it with a copy"
            )
        text = data.decode("utf-8")
        check_source(name, text)
        return text, str(path), lambda: _modified(path) == status.st_mtime_ns


def _modified(path: Path) -> int | None:
    try:
        return os.stat(path).st_mtime_ns
    except OSError:
        return None


class EditedMarkupLoader(jinja2.BaseLoader):
    """Serves unsaved brief.md.j2 text under the file's real path, so errors name the file the analyst edits."""

    def __init__(self, path: Path, name: str, markup: str) -> None:
        self._path, self._name, self._markup = str(path), name, markup

    def get_source(self, environment: jinja2.Environment, template: str) -> tuple[str, str, Callable[[], bool]]:
        if template != self._name:
            raise jinja2.TemplateNotFound(template)
        check_source(template, self._markup)
        return self._markup, self._path, lambda: False
