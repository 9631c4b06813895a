"""A template's text as an editor holds it: read, validated and saved back (app.template_tools.edited_build
previews it unsaved).

The edited ``style.toml`` is validated from its text, and a style error is
given the line of the offending key so the editor can point at it.  Nothing
here builds a brief, so the editor's window need not load the pipeline.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from pathlib import Path

from pydantic import ValidationError

from app.assemble.catalog import MAX_TEMPLATE_BYTES, TemplateInfo
from app.assemble.toml_files import MAX_TOML_BYTES, parse_toml
from app.core.atomic import write_atomically
from app.core.errors import StyleError, TemplateError
from app.core.regular_file import read_regular_file
from app.core.style import Style, style_from_dict

_TABLE = re.compile(r"^\s*\[\[?\s*([^\]]+?)\s*\]\]?\s*(?:#.*)?$")
_KEY = re.compile(r"""^\s*((?:"[^"]*"|'[^']*'|[A-Za-z0-9_-]+)(?:\s*\.\s*(?:"[^"]*"|'[^']*'|[A-Za-z0-9_-]+))*)\s*=""")
_KEY_PART = re.compile(r""""([^"]*)"|'([^']*)'|([A-Za-z0-9_-]+)""")


@dataclass(frozen=True)
class TemplateText:
    """The two files an analyst edits: the Jinja markup and the style."""

    markup: str
    style: str


def read_template_text(info: TemplateInfo) -> TemplateText:
    """The template's files as they are on disk; a template without a style file has empty style text."""
    style = _read_text(info.style_path, MAX_TOML_BYTES) if os.path.lexists(info.style_path) else ""
    return TemplateText(_read_text(info.source_path, MAX_TEMPLATE_BYTES), style)


def _read_text(path: Path, max_bytes: int) -> str:
    """A file of a shared template: a bounded regular file (a FIFO would freeze the editor), in UTF-8."""
    try:
        return read_regular_file(path, max_bytes)[0].decode("utf-8")
    except OSError as exc:
        raise TemplateError(f"cannot read the file: {exc.strerror or exc}", str(path)) from exc
    except UnicodeDecodeError as exc:
        raise TemplateError(f"not UTF-8 text: {exc}", str(path)) from exc


def save_template_text(info: TemplateInfo, text: TemplateText) -> None:
    """Write both files atomically; built-ins are shared by every user and are never overwritten.

    An empty style is not written when the template has no style file, so
    saving does not add a file the analyst never asked for.
    """
    if info.builtin:
        raise TemplateError(
            f"the built-in template {info.name!r} cannot be changed; duplicate it and edit the copy", str(info.folder)
        )
    write_atomically(info.source_path, text.markup.encode("utf-8"))
    if text.style or info.style_path.exists():
        write_atomically(info.style_path, text.style.encode("utf-8"))


def _key_path(text: str) -> str:
    return ".".join(next(p for p in match.groups() if p is not None) for match in _KEY_PART.finditer(text))


def key_line(style_text: str, key: tuple[str | int, ...]) -> int | None:
    """The line (from 1) where a dotted key such as ``page.colour`` is set, or its table starts."""
    wanted = ".".join(str(part) for part in key)
    table = ""
    table_line = None
    for number, line in enumerate(style_text.splitlines(), start=1):
        if header := _TABLE.match(line):
            table = _key_path(header.group(1))
            if table == wanted:
                table_line = number
        elif assignment := _KEY.match(line):
            name = _key_path(assignment.group(1))
            if (f"{table}.{name}" if table else name).upper() == wanted.upper():
                return number
    return table_line


def parse_style_text(info: TemplateInfo, style_text: str) -> Style:
    """The edited style, validated as the saved one would be; fonts and the logo resolve in the template's folder."""
    data = parse_toml(style_text, info.style_path, StyleError)
    try:
        return style_from_dict(data, info.style_path)
    except StyleError as exc:
        cause = exc.__cause__
        line = key_line(style_text, cause.errors()[0]["loc"]) if isinstance(cause, ValidationError) else None
        if line is None:
            raise
        raise StyleError(problem_message(exc), str(info.style_path), line) from cause


def problem_message(error: TemplateError) -> str:
    """The message without the ``file:line:`` prefix, for showing next to the file's own name."""
    text = str(error)
    if error.filename:
        prefix = f"{error.filename}:{error.lineno}: " if error.lineno else f"{error.filename}: "
        return text.removeprefix(prefix)
    return text


def is_file_of(error: TemplateError, path: Path) -> bool:
    """Whether the error points into ``path`` (and not, say, into an included partial)."""
    return Path(error.filename) == path if error.filename else False
