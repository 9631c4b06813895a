"""A template's TOML files (template.toml, style.toml): read as bounded regular files, every fault one error.

They come with shared templates, so anything may be in them.  tomllib parses
nested arrays and tables by recursion, so a deeply nested file raises
RecursionError, which nothing above expects; a FIFO or ``/dev/zero`` under the
name would block or never end.  Here each way a file can be wrong becomes one
TemplateError (a StyleError for the style) naming the file, and the line when
TOML gives one.
"""

from __future__ import annotations

import re
import tomllib
from pathlib import Path
from typing import Any

from app.assemble.layout import read_layout
from app.core.errors import TemplateError
from app.core.regular_file import read_regular_file

#: Largest TOML file read, in bytes (the built-in ones are under one kilobyte).
MAX_TOML_BYTES = 256 * 1024
_TOML_LINE = re.compile(r"at line (\d+)")
#: template.toml's keys and the types they must have; other keys are left to future versions.
_SETTINGS = {"name": str, "description": str, "parts": list}


def read_toml(path: Path, error: type[TemplateError] = TemplateError) -> dict[str, Any]:
    """The table in the TOML file at ``path``; ``error`` naming the file if it cannot be read or parsed."""
    try:
        data, _status = read_regular_file(path, MAX_TOML_BYTES)
        text = data.decode("utf-8")
    except OSError as exc:
        raise error(f"cannot read the file: {exc.strerror or exc}", str(path)) from exc
    except UnicodeDecodeError as exc:
        raise error(f"not UTF-8 text: {exc}", str(path)) from exc
    return parse_toml(text, path, error)


def parse_toml(text: str, path: Path, error: type[TemplateError] = TemplateError) -> dict[str, Any]:
    """The table in TOML ``text`` (the editor's unsaved copy of the file at ``path``)."""
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        found = _TOML_LINE.search(str(exc))
        raise error(f"not valid TOML: {exc}", str(path), int(found.group(1)) if found else None) from exc
    except RecursionError:
        raise error("nests arrays or tables too deeply to read", str(path)) from None


def template_settings(path: Path) -> dict[str, Any]:
    """template.toml's table, with the keys Briefgen reads checked for their type."""
    settings = read_toml(path)
    for key, kind in _SETTINGS.items():
        value = settings.get(key)
        if value is not None and not isinstance(value, kind):
            raise TemplateError(f"{key}: should be {'a list of texts' if kind is list else 'text'}", str(path))
    if not all(isinstance(part, str) for part in settings.get("parts", [])):
        raise TemplateError("parts: should be a list of texts", str(path))
    read_layout(settings, str(path))
    return settings
