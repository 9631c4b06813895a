"""User templates: copy a template to edit it, and share templates as .zip files.

User templates live in the user data folder and shadow built-ins of the same
name.  A shared .zip is untrusted: it is checked before anything is unpacked
(no paths outside the folder, no links, bounded size and file count, no
zip bombs) and installed only once the whole of it has been read.
"""

from __future__ import annotations

import re
import shutil
import stat
import tempfile
import zipfile
import zlib
from pathlib import Path, PurePosixPath

from app.assemble.catalog import TEMPLATE_FILE, TemplateInfo, discover_templates, find_template, user_templates_dir
from app.core.errors import TemplateError
from app.core.paths import TEMPLATES_DIR

MAX_NAME_LENGTH = 48
_NAME = re.compile(rf"^[a-z0-9][a-z0-9_-]{{0,{MAX_NAME_LENGTH - 1}}}$")
MAX_ZIP_FILES = 200
MAX_ZIP_BYTES = 30 * 1024 * 1024
#: Uncompressed / compressed size above which a member is treated as a zip bomb.
MAX_RATIO = 200


def check_name(name: str) -> str:
    if not _NAME.match(name):
        raise TemplateError(
            f"template name {name!r} is not allowed: use lower-case letters, digits, '-' or '_' (up to 48 characters)"
        )
    return name


def duplicate_template(source: str, new_name: str, user_dir: Path | None = None) -> TemplateInfo:
    """An editable copy of ``source`` (a name or folder) under the user templates folder."""
    original = find_template(source, user_dir)
    target = (user_dir or user_templates_dir()) / check_name(new_name)
    if target.exists():
        raise TemplateError(f"a user template called {new_name!r} already exists ({target})")
    target.parent.mkdir(parents=True, exist_ok=True)
    shutil.copytree(original.folder, target, ignore=shutil.ignore_patterns("__pycache__", ".*"))
    return find_template(str(target))


def free_copy_name(name: str, user_dir: Path | None = None) -> str:
    """A name for a copy of ``name`` that no installed template has: house-copy, house-copy-2, …

    Duplicating offers it as the default, so the analyst can accept it without
    having to think up a name that is free.
    """
    folder = user_dir or user_templates_dir()
    taken = set(discover_templates(user_dir))
    if folder.is_dir():  # a broken user template still holds its folder name
        taken |= {entry.name for entry in folder.iterdir()}
    stem = re.sub(r"[^a-z0-9_-]+", "-", name.lower()).strip("-_") or "template"
    number = 1
    while True:
        suffix = "-copy" if number == 1 else f"-copy-{number}"
        candidate = stem[: MAX_NAME_LENGTH - len(suffix)].rstrip("-_") + suffix
        if candidate not in taken:
            return candidate
        number += 1


def export_zip(name: str, zip_path: Path, user_dir: Path | None = None) -> Path:
    """Pack a template folder as ``<name>/…`` inside a .zip, written atomically."""
    info = find_template(name, user_dir)
    zip_path = Path(zip_path)
    temp: Path | None = None
    try:
        with tempfile.NamedTemporaryFile(dir=zip_path.parent, prefix=".", suffix=".part", delete=False) as handle:
            temp = Path(handle.name)
        with zipfile.ZipFile(temp, "w", compression=zipfile.ZIP_DEFLATED) as archive:
            for path in sorted(info.folder.rglob("*")):
                if path.is_file() and not path.is_symlink() and not path.name.startswith("."):
                    archive.write(path, f"{info.name}/{path.relative_to(info.folder).as_posix()}")
        temp.replace(zip_path)
    except OSError as exc:
        if temp is not None:
            temp.unlink(missing_ok=True)
        raise TemplateError(f"cannot write {zip_path}: {exc.strerror or exc}") from exc
    return zip_path


def _safe_members(archive: zipfile.ZipFile, zip_path: Path) -> list[tuple[zipfile.ZipInfo, PurePosixPath]]:
    """Every member with its path inside the template folder, or an error naming what is wrong."""
    members = [m for m in archive.infolist() if not m.is_dir()]
    if len(members) > MAX_ZIP_FILES:
        raise TemplateError(f"{zip_path}: too many files ({len(members)}; at most {MAX_ZIP_FILES})")
    total = sum(m.file_size for m in members)
    if total > MAX_ZIP_BYTES:
        raise TemplateError(f"{zip_path}: unpacks to {total / 1048576:.0f} MB, more than {MAX_ZIP_BYTES // 1048576} MB")
    checked = []
    for member in members:
        path = PurePosixPath(member.filename.replace("\\", "/"))
        if path.is_absolute() or ".." in path.parts or ":" in member.filename or not path.parts:
            raise TemplateError(f"{zip_path}: refusing a path outside the template folder: {member.filename}")
        if stat.S_ISLNK(member.external_attr >> 16):
            raise TemplateError(f"{zip_path}: refusing a symbolic link: {member.filename}")
        if member.compress_size and member.file_size / member.compress_size > MAX_RATIO:
            raise TemplateError(f"{zip_path}: {member.filename} is compressed suspiciously well (a zip bomb?)")
        checked.append((member, path))
    return checked


def _refuse_broken(folder: Path, zip_path: Path) -> None:
    """Install only templates that work: the same checks as `briefgen templates check`."""
    from app.template_tools.check import check_template  # the check renders through the whole pipeline

    _, problems = check_template(str(folder))
    if problems:
        raise TemplateError(f"{zip_path}: the template does not work, so it was not installed: " + "; ".join(problems))


def _strip_common_folder(paths: list[PurePosixPath]) -> tuple[str | None, int]:
    """A zip made by export_zip has one top folder (the template's name); a hand-made one may not."""
    tops = {p.parts[0] for p in paths}
    if len(tops) == 1 and all(len(p.parts) > 1 for p in paths):
        return next(iter(tops)), 1
    return None, 0


def import_zip(
    zip_path: Path, name: str | None = None, user_dir: Path | None = None, replace: bool = False
) -> TemplateInfo:
    """Install a shared template; nothing is written unless the whole zip is sound."""
    zip_path = Path(zip_path)
    try:
        with zipfile.ZipFile(zip_path) as archive:
            members = _safe_members(archive, zip_path)
            top, skip = _strip_common_folder([p for _, p in members])
            if not any(PurePosixPath(*p.parts[skip:]) == PurePosixPath(TEMPLATE_FILE) for _, p in members):
                raise TemplateError(f"{zip_path}: not a Briefgen template (no {TEMPLATE_FILE} in it)")
            target_name = check_name(name or top or zip_path.stem)
            root = user_dir or user_templates_dir()
            target = root / target_name
            if target.exists() and not replace:
                raise TemplateError(f"a user template called {target_name!r} already exists ({target})")
            if (TEMPLATES_DIR / target_name).is_dir() and not replace:
                raise TemplateError(
                    f"importing {target_name!r} would replace the built-in template of that name for every brief; "
                    "import it under another name, or replace it on purpose"
                )
            root.mkdir(parents=True, exist_ok=True)
            staging = Path(tempfile.mkdtemp(prefix=f".{target_name}.", dir=root))
            try:
                for member, path in members:
                    destination = staging.joinpath(*path.parts[skip:])
                    destination.parent.mkdir(parents=True, exist_ok=True)
                    with archive.open(member) as source, destination.open("wb") as out:
                        shutil.copyfileobj(source, out, length=64 * 1024)
                _refuse_broken(staging, zip_path)
                if target.exists():
                    shutil.rmtree(target)
                staging.rename(target)
            except BaseException:
                shutil.rmtree(staging, ignore_errors=True)
                raise
    except zipfile.BadZipFile as exc:
        raise TemplateError(f"{zip_path}: not a valid .zip file ({exc})") from exc
    except (NotImplementedError, RuntimeError, RecursionError, EOFError, zlib.error, ValueError) as exc:
        raise TemplateError(f"{zip_path}: cannot unpack ({exc or type(exc).__name__})") from exc
    except FileNotFoundError as exc:
        raise TemplateError(f"{zip_path}: file not found") from exc
    except OSError as exc:
        raise TemplateError(f"{zip_path}: cannot import ({exc.strerror or exc})") from exc
    return find_template(str(target))
