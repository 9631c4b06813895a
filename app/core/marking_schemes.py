"""Finding marking schemes: TOML files named by id, the analyst's own folder first, then the built-in ones.

Schemes are data, so an organisation adds its own by dropping a file in
``<user data>/briefgen/markings/`` (see docs/MARKINGS.md); one of the same id
as a built-in replaces it. A scheme file is read as a bounded regular file and
checked key by key, and every fault is one MarkingError naming the file.
"""

from __future__ import annotations

import re
import tomllib
from functools import cache
from pathlib import Path

from platformdirs import user_data_dir
from pydantic import ValidationError

from app.core.markings import MarkingError, MarkingScheme
from app.core.paths import ASSETS_DIR
from app.core.regular_file import read_regular_file

BUILT_IN_DIR = ASSETS_DIR / "markings"
#: The scheme of a brief whose template names none.
DEFAULT_SCHEME = "us"
#: Largest scheme file read (the built-in ones are under two kilobytes).
MAX_SCHEME_BYTES = 64 * 1024
_ID = re.compile(r"^[a-z0-9][a-z0-9_-]{0,40}$")


def user_schemes_dir() -> Path:
    return Path(user_data_dir("briefgen", appauthor=False)) / "markings"


def scheme_ids() -> list[str]:
    """Every scheme that can be chosen, built-in and the analyst's own, by id."""
    found = {p.stem for folder in (BUILT_IN_DIR, user_schemes_dir()) if folder.is_dir() for p in folder.glob("*.toml")}
    return sorted(i for i in found if _ID.match(i))


def find_scheme(scheme_id: str) -> MarkingScheme:
    """The scheme called ``scheme_id`` ("us", "uk", "nato", "none" or one of the analyst's own)."""
    if not _ID.match(scheme_id):
        raise MarkingError(f"“{scheme_id}” is not a marking scheme name; use one of {', '.join(scheme_ids())}")
    for folder in (user_schemes_dir(), BUILT_IN_DIR):
        path = folder / f"{scheme_id}.toml"
        if path.is_file():
            return _load(path, path.stat().st_mtime_ns)
    raise MarkingError(f"there is no marking scheme “{scheme_id}”; use one of {', '.join(scheme_ids())}")


@cache
def _load(path: Path, _modified: int) -> MarkingScheme:
    """The scheme in ``path``, read once per version of the file."""
    try:
        data = tomllib.loads(read_regular_file(path, MAX_SCHEME_BYTES)[0].decode("utf-8"))
        return MarkingScheme.model_validate({**data, "id": path.stem})
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError, RecursionError) as exc:
        raise MarkingError(f"{path}: the marking scheme cannot be read: {exc}") from exc
    except ValidationError as exc:
        problems = "; ".join(f"{'.'.join(map(str, e['loc']))}: {e['msg']}" for e in exc.errors())
        raise MarkingError(f"{path}: {problems}") from exc
