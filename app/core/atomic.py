"""Write files so that a reader sees the old version or the new one, never half of either — and several files
all together or not at all.

Every file is first written in full to a temporary file beside it (same folder,
so the final rename cannot cross file systems).  Only when every temporary file
of the set is on disk are they renamed over their targets; an earlier version
is kept as a hard link until the set is complete, so a rename that fails
half-way puts the earlier files back.  A DOCX and PDF exported together are
therefore always from the same brief.

Temporary files carry the writer's process id (``.NAME.briefgen-PID-XXXX.part``).
A killed export leaves them behind; the next write into that folder removes the
ones whose process is gone.
"""

from __future__ import annotations

import contextlib
import os
import re
import stat
import tempfile
from collections.abc import Sequence
from pathlib import Path

from app.core.errors import ExportError

_MARK = "briefgen"
_LEFTOVER = re.compile(rf"^\..+\.{_MARK}-(?P<pid>\d+)-[^.]+(?:\.old)?\.part$")


def write_atomically(path: Path, data: bytes) -> None:
    """Replace ``path`` with ``data`` in one step; ExportError (and the earlier file intact) on failure."""
    write_all_atomically([(path, data)])


def write_all_atomically(files: Sequence[tuple[Path, bytes]]) -> None:
    """Write every (path, data) or none: all temporary files first, then the renames, undone on failure."""
    for folder in dict.fromkeys(_folder_of(Path(path)) for path, _ in files):
        remove_leftovers(folder)
    staged: list[tuple[Path, str]] = []
    try:
        for path, data in files:
            staged.append((Path(path), _write_temporary(Path(path), data)))
    except BaseException:
        for _, temp in staged:
            _remove_quietly(temp)
        raise
    _replace_all(staged)


def remove_leftovers(folder: Path) -> None:
    """Delete temporary files that an export killed part-way left in ``folder`` (their process has ended)."""
    try:
        names = [entry.name for entry in os.scandir(folder) if entry.name.startswith(".")]
    except OSError:
        return
    for name in names:
        match = _LEFTOVER.match(name)
        if match and not _process_alive(int(match.group("pid"))):
            _remove_quietly(str(folder / name))


def _folder_of(path: Path) -> Path:
    return path.parent if str(path.parent) else Path(".")


def _temporary(path: Path, kind: str = "") -> tuple[int, str]:
    return tempfile.mkstemp(prefix=f".{path.name}.{_MARK}-{os.getpid()}-", suffix=f"{kind}.part", dir=_folder_of(path))


def _write_temporary(path: Path, data: bytes) -> str:
    folder = _folder_of(path)
    try:
        folder.mkdir(parents=True, exist_ok=True)
        handle, temp_name = _temporary(path)
    except OSError as exc:
        raise ExportError(f"cannot write to {folder}: {exc.strerror or exc}") from exc
    try:
        with os.fdopen(handle, "wb") as temp:
            temp.write(data)
            temp.flush()
            os.fsync(temp.fileno())
        os.chmod(temp_name, _mode_for(path))
    except OSError as exc:
        _remove_quietly(temp_name)
        raise ExportError(f"cannot write {path}: {exc.strerror or exc}") from exc
    except BaseException:
        _remove_quietly(temp_name)
        raise
    return temp_name


def _replace_all(staged: list[tuple[Path, str]]) -> None:
    """Rename every temporary file over its target; on a failure, put back what was there before."""
    backups: dict[Path, str | None] = {path: _backup(path) for path, _ in staged}
    done: list[Path] = []
    try:
        for path, temp in staged:
            try:
                os.replace(temp, path)
            except OSError as exc:
                raise ExportError(f"cannot write {path}: {exc.strerror or exc}") from exc
            done.append(path)
    except BaseException:
        for path in done:
            _restore(path, backups[path])
        for _, temp in staged:
            _remove_quietly(temp)
        raise
    finally:
        for backup in backups.values():
            if backup is not None:
                _remove_quietly(backup)


def _backup(path: Path) -> str | None:
    """A hard link to the file now at ``path`` (None if there is none, or the file system has no hard links)."""
    if not path.is_file():
        return None
    handle, name = _temporary(path, ".old")
    os.close(handle)
    os.unlink(name)
    try:
        os.link(path, name)
    except OSError:
        return None
    return name


def _restore(path: Path, backup: str | None) -> None:
    with contextlib.suppress(OSError):
        if backup is None:
            os.unlink(path)
        else:
            os.replace(backup, path)


def _process_alive(pid: int) -> bool:
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:  # exists, owned by someone else
        return True
    return True


def _mode_for(path: Path) -> int:
    """Keep a replaced file's permissions; give a new one what the user's umask allows (mkstemp makes it 0600)."""
    try:
        return stat.S_IMODE(path.stat().st_mode)
    except OSError:
        return 0o666 & ~_umask()


def _umask() -> int:
    """The process umask, read without changing it where the system allows (os.umask sets it as it reads)."""
    with contextlib.suppress(OSError, ValueError):
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("Umask:"):
                return int(line.split()[1], 8)
    umask = os.umask(0o022)
    os.umask(umask)
    return umask


def _remove_quietly(name: str) -> None:
    with contextlib.suppress(OSError):
        os.unlink(name)
