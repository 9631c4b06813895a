"""Load and save .brief project files: versioned JSON with source paths relative to the file.

Relative paths let an analyst move or share a folder holding a brief and its
sources; the version number lets an older Briefgen refuse a newer file clearly
instead of misreading it.
"""

from __future__ import annotations

import json
import os
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any, Literal

from pydantic import ValidationError

from app.brief.trust import remember_trust
from app.core.atomic import write_atomically
from app.core.errors import ProjectError
from app.core.formats import PROJECT_EXTENSION
from app.core.model import BriefItem, BriefProject

FORMAT_NAME = "briefgen-project"
#: Version 2 added kinds of items (analyst text, excerpts, quotes, figures); version 3 markings and source
#: fingerprints, which an older Briefgen must refuse rather than drop; version 1 and 2 files still open.
FORMAT_VERSION = 3
EXTENSION = PROJECT_EXTENSION
#: A file name that is not valid UTF-8 keeps its bytes as lone surrogates; JSON escapes them so the file stays UTF-8.
_LONE_SURROGATE = re.compile(r"[\ud800-\udfff]")


def _real_paths() -> Callable[[str], str]:
    """``os.path.realpath`` (what ``Path.resolve`` gives), each folder resolved once for all the files in it.

    Resolving a path asks the file system about each of its folders; a brief's sources mostly share one or two,
    and a 70-source brief spent 0.09 s of the window's thread resolving every path whole on each autosave.
    """
    folders: dict[str, str] = {}

    def real(path: str) -> str:
        if ".." in Path(path).parts:  # a link before ".." changes what ".." means: resolve it all
            return os.path.realpath(path)
        head, name = os.path.split(os.path.abspath(path))
        if head not in folders:
            folders[head] = os.path.realpath(head)
        joined = os.path.join(folders[head], name)
        return os.path.realpath(joined) if os.path.islink(joined) else joined

    return real


def _once_each(change: Callable[[str], str]) -> Callable[[str], str]:
    """``change``, worked out once per distinct path: a brief names its few sources in many items."""
    done: dict[str, str] = {}

    def changed(path: str) -> str:
        if path not in done:
            done[path] = change(path)
        return done[path]

    return changed


def _relative_to(folder: Path) -> Callable[[str], str]:
    """Each path relative to ``folder``, links resolved (``/``-separated, as the file stores it)."""
    base, real = folder.resolve(), _real_paths()

    def relative(path: str) -> str:
        try:
            return Path(os.path.relpath(real(path), base)).as_posix()
        except ValueError:  # another drive on Windows
            return Path(path).as_posix()

    return _once_each(relative)


def _absolute_from(folder: Path) -> Callable[[str], str]:
    """Each path as stored, made absolute: a relative one from ``folder``, links resolved; an absolute one as it is."""
    real = _real_paths()

    def absolute(path: str) -> str:
        return path if Path(path).is_absolute() else real(str(folder / path))

    return _once_each(absolute)


#: The keys of an item that hold one path, and the one that holds a list of paths.
_PATH_KEYS = ("source", "image")
_PATHS_KEY = "cites"


def _map_paths(item: dict[str, Any], change: Callable[[str], str]) -> None:
    """Apply ``change`` to every file path an item names (its source, image, cited sources)."""
    for key in _PATH_KEYS:
        if isinstance(item.get(key), str) and item[key]:  # a source's figure has no image file ("")
            item[key] = change(item[key])
    if isinstance(item.get(_PATHS_KEY), list):
        item[_PATHS_KEY] = [change(path) if isinstance(path, str) else path for path in item[_PATHS_KEY]]


def item_paths(item: BriefItem) -> list[str]:
    """Every file an item names: its source, its image, the sources it cites."""
    data = item.model_dump(include={*_PATH_KEYS, _PATHS_KEY})
    paths = [data[key] for key in _PATH_KEYS if isinstance(data.get(key), str) and data[key]]
    return paths + list(data.get(_PATHS_KEY) or [])


class ProjectFile(BriefProject):
    """The .brief file as stored: the project, named and versioned (paths relative to the file)."""

    format: Literal["briefgen-project"]
    #: Files of version 1 open too (their "body" role is read as "discussion").
    version: Literal[1, 2, 3]


def project_schema() -> dict[str, Any]:
    """The JSON Schema of a .brief file, generated from the models: docs/brief.schema.json is this, written out."""
    schema = ProjectFile.model_json_schema(mode="validation")
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "title": "Briefgen project (.brief)",
        "description": "A brief: its details, template, sources and items. See docs/PROJECT_FORMAT.md.",
        **{key: value for key, value in schema.items() if key not in ("title", "description")},
    }


def project_to_json(project: BriefProject, project_path: Path) -> str:
    relative = _relative_to(project_path.parent)
    data = project.model_dump(mode="json")
    data["sources"] = [relative(p) for p in project.sources]
    data["source_records"] = {relative(p): r for p, r in data["source_records"].items()}
    for item in data["items"]:
        _map_paths(item, relative)
    text = json.dumps({"format": FORMAT_NAME, "version": FORMAT_VERSION, **data}, indent=2, ensure_ascii=False)
    return _LONE_SURROGATE.sub(lambda m: f"\\u{ord(m.group()):04x}", text)


def save_project(project: BriefProject, path: str | Path) -> None:
    """Write the project; Briefgen's own saves are trusted to read the files outside the folder they name."""
    path = Path(path)
    write_atomically(path, project_to_json(project, path).encode("utf-8"))
    remember_trust(path, sources_outside(project, path))


def project_from_json(text: str, project_path: Path) -> BriefProject:
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise ProjectError(f"{project_path}: not a Briefgen project (invalid JSON at line {exc.lineno})") from exc
    except RecursionError as exc:
        raise ProjectError(f"{project_path}: not a Briefgen project (nested too deeply)") from exc
    if not isinstance(data, dict) or data.get("format") != FORMAT_NAME:
        raise ProjectError(f"{project_path}: not a Briefgen project file")
    version = data.pop("version", None)
    data.pop("format")
    if not isinstance(version, int) or isinstance(version, bool):
        raise ProjectError(f"{project_path}: the project file has no format version")
    if version < 1:
        raise ProjectError(f"{project_path}: the project file's format version {version} is not a real version")
    if version > FORMAT_VERSION:
        raise ProjectError(
            f"{project_path}: made by a newer Briefgen "
            f"(file format {version}; this version reads up to {FORMAT_VERSION})"
        )
    absolute = _absolute_from(project_path.parent)
    items = data.get("items")
    for item in items if isinstance(items, list) else []:
        if isinstance(item, dict):
            if version == 1 and item.get("role") == "body":
                item["role"] = "discussion"  # version 1 called the discussion "body"
            _map_paths(item, absolute)
    try:
        project = BriefProject.model_validate(data)
    except ValidationError as exc:
        first = exc.errors()[0]
        where = ".".join(str(p) for p in first["loc"])
        raise ProjectError(f"{project_path}: invalid project file: {where}: {first['msg']}") from exc
    project.sources = [absolute(p) for p in project.sources]
    project.source_records = {absolute(p): r for p, r in project.source_records.items()}
    return project


def sources_outside(project: BriefProject, project_path: str | Path) -> list[str]:
    """The sources of a loaded project that lie outside the project file's folder (absolute or ``../`` paths).

    A shared project is a file from someone else: before it makes Briefgen read
    files elsewhere on this machine, the analyst is told which, and asked.
    """
    folder, real = Path(project_path).resolve().parent, _real_paths()
    named = dict.fromkeys([*project.sources, *(path for item in project.items for path in item_paths(item))])
    return [path for path in named if not Path(real(path)).is_relative_to(folder)]


def load_project(path: str | Path) -> BriefProject:
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8-sig")  # editors on Windows like to add a byte-order mark
    except FileNotFoundError as exc:
        raise ProjectError(f"{path}: project file not found") from exc
    except (OSError, UnicodeDecodeError) as exc:
        raise ProjectError(f"{path}: cannot read project file ({exc})") from exc
    return project_from_json(text, path)
