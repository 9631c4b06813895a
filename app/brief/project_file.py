"""Load and save .brief project files: versioned JSON with source paths relative to the file.

Relative paths let an analyst move or share a folder holding a brief and its
sources; the version number lets an older Briefgen refuse a newer file clearly
instead of misreading it.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

from pydantic import ValidationError

from app.core.atomic import write_atomically
from app.core.errors import ProjectError
from app.core.model import BriefProject

FORMAT_NAME = "briefgen-project"
FORMAT_VERSION = 1
EXTENSION = ".brief"


def _relative(path: str, folder: Path) -> str:
    try:
        return Path(os.path.relpath(Path(path).resolve(), folder.resolve())).as_posix()
    except ValueError:  # another drive on Windows
        return Path(path).as_posix()


def _absolute(path: str, folder: Path) -> str:
    candidate = Path(path)
    return str(candidate if candidate.is_absolute() else (folder / candidate).resolve())


def project_to_json(project: BriefProject, project_path: Path) -> str:
    folder = project_path.parent
    data = project.model_dump(mode="json")
    data["sources"] = [_relative(p, folder) for p in project.sources]
    for item in data["items"]:
        item["source"] = _relative(item["source"], folder)
    return json.dumps({"format": FORMAT_NAME, "version": FORMAT_VERSION, **data}, indent=2, ensure_ascii=False)


def save_project(project: BriefProject, path: str | Path) -> None:
    path = Path(path)
    write_atomically(path, project_to_json(project, path).encode("utf-8"))


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
    if version > FORMAT_VERSION:
        raise ProjectError(
            f"{project_path}: made by a newer Briefgen "
            f"(file format {version}; this version reads up to {FORMAT_VERSION})"
        )
    try:
        project = BriefProject.model_validate(data)
    except ValidationError as exc:
        first = exc.errors()[0]
        where = ".".join(str(p) for p in first["loc"])
        raise ProjectError(f"{project_path}: invalid project file: {where}: {first['msg']}") from exc
    folder = project_path.parent
    project.sources = [_absolute(p, folder) for p in project.sources]
    for item in project.items:
        item.source = _absolute(item.source, folder)
    return project


def load_project(path: str | Path) -> BriefProject:
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError as exc:
        raise ProjectError(f"{path}: project file not found") from exc
    except (OSError, UnicodeDecodeError) as exc:
        raise ProjectError(f"{path}: cannot read project file ({exc})") from exc
    return project_from_json(text, path)
