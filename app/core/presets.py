"""Export presets: named sets of export choices, kept in one JSON file in the user's config folder.

A preset names a template, the output formats, a marking scheme and a citation style (each an override of the
brief's own, or unset), an output folder and a file-name pattern (``{date}-{title}-{marking}``; the placeholders
are ``PLACEHOLDERS``, expanded by app/pipeline/naming.py). The CLI (``--preset``, ``briefgen presets``) and the
export dialog read and write them here.

The file is the analyst's: it is written atomically, never over a file that cannot be read (the presets in it
would be lost; the message names the file to fix), and a preset that does not validate is reported and kept in
the file as it is, so a typo in one preset, or a preset from a newer Briefgen, loses nothing.
"""

from __future__ import annotations

import json
import re
import string
from pathlib import Path
from typing import Any, NamedTuple

from platformdirs import user_config_dir
from pydantic import BaseModel, ConfigDict, ValidationError, field_validator

from app.core.atomic import write_atomically
from app.core.errors import BriefgenError, PresetError
from app.core.formats import output_names
from app.core.regular_file import read_regular_file

#: The placeholders a file-name pattern may use.
PLACEHOLDERS = ("date", "title", "marking", "template")
#: The file name when the analyst gives none: the title and the template, so templates never overwrite each other.
DEFAULT_NAME_PATTERN = "{title}-{template}"
#: The version written in the file; a file of a later version is read as far as it validates.
FILE_VERSION = 1
#: Largest presets file read (a hundred presets are about 30 kilobytes).
MAX_PRESETS_BYTES = 1024 * 1024
MAX_NAME_LENGTH = 80
_UNPRINTABLE = re.compile(r"[\x00-\x1f\x7f-\x9f\ud800-\udfff]")
_SCHEME_ID = re.compile(r"^[a-z0-9][a-z0-9_-]{0,40}$")


def presets_file() -> Path:
    """Where the presets live: ``presets.json`` in the user's config folder (``~/.config/briefgen`` on Linux)."""
    return Path(user_config_dir("briefgen", appauthor=False)) / "presets.json"


def name_pattern_problem(pattern: str) -> str | None:
    """What is wrong with a file-name pattern (an unknown placeholder, an unmatched brace), None when nothing."""
    use = ", ".join(f"{{{p}}}" for p in PLACEHOLDERS)
    try:
        parsed = list(string.Formatter().parse(pattern))
    except ValueError:
        return f"the file-name pattern “{pattern}” has an unmatched brace; placeholders are {use}"
    for _literal, field, spec, conversion in parsed:
        if field is not None and (field not in PLACEHOLDERS or spec or conversion):
            shown = pattern[pattern.find("{" + field) :].split("}", 1)[0] + "}" if field else "{}"
            return f"unknown placeholder {shown} in the file-name pattern “{pattern}”; use {use}"
    return None


def is_name_pattern(name: str) -> bool:
    """Whether a file name given by the analyst is a pattern to expand rather than a name to use as it is."""
    return "{" in name or "}" in name


def _text(value: str, what: str) -> str:
    if _UNPRINTABLE.search(value):
        raise ValueError(f"the {what} has a control character in it")
    return value.strip()


class Preset(BaseModel):
    """One named set of export choices; None (or absent) leaves that choice to the brief or the command."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    name: str
    #: A template name or folder; None: the brief's own.
    template: str | None = None
    #: Output format names from the registry (app/core/formats.py); empty: the remembered or default ones.
    formats: list[str] = []
    #: A marking scheme id ("us", "uk", "nato", "none" …) for this export; None: the brief's (or its template's).
    marking_scheme: str | None = None
    #: A citation style id ("numbered", "apa", "chicago-notes-bibliography" …); None: the template's. Stored and
    #: passed through; the build does not use it yet.
    citation_style: str | None = None
    #: The output folder ("~" is the home folder); None: the current (CLI) or last used (window) one.
    folder: str | None = None
    #: A file name or pattern without extension (PLACEHOLDERS); None: the default, ``{title}-{template}``.
    file_name: str | None = None

    @field_validator("name")
    @classmethod
    def _name(cls, value: str) -> str:
        value = _text(value, "preset name")
        if not value:
            raise ValueError("a preset needs a name")
        if len(value) > MAX_NAME_LENGTH:
            raise ValueError(f"a preset name is at most {MAX_NAME_LENGTH} characters")
        return value

    @field_validator("template", "citation_style", "folder", "file_name")
    @classmethod
    def _optional_text(cls, value: str | None) -> str | None:
        return (_text(value, "value") or None) if value is not None else None

    @field_validator("marking_scheme")
    @classmethod
    def _scheme(cls, value: str | None) -> str | None:
        value = (_text(value, "marking scheme") or None) if value is not None else None
        if value is not None and not _SCHEME_ID.match(value):
            raise ValueError(f"“{value}” is not a marking scheme id (such as us, uk, nato, none)")
        return value

    @field_validator("formats")
    @classmethod
    def _formats(cls, value: list[str]) -> list[str]:
        chosen = list(dict.fromkeys(f.strip().lower() for f in value))
        bad = [f for f in chosen if f not in output_names()]
        if bad:
            raise ValueError(f"unknown format {bad[0]!r}; choose from {', '.join(output_names())}")
        return chosen

    @field_validator("file_name")
    @classmethod
    def _pattern(cls, value: str | None) -> str | None:
        problem = name_pattern_problem(value) if value else None
        if problem:
            raise ValueError(problem)
        return value

    def summary(self) -> str:
        """One line saying what the preset sets ("template situation-report, formats docx+pdf, folder ~/out")."""
        parts = [
            f"template {self.template}" if self.template else "",
            f"formats {'+'.join(self.formats)}" if self.formats else "",
            f"marking scheme {self.marking_scheme}" if self.marking_scheme else "",
            f"citation style {self.citation_style}" if self.citation_style else "",
            f"folder {self.folder}" if self.folder else "",
            f"file name {self.file_name}" if self.file_name else "",
        ]
        return ", ".join(p for p in parts if p) or "nothing set"


def make_preset(**values: Any) -> Preset:
    """A preset from the values given; PresetError saying what is wrong (as the analyst typed it)."""
    try:
        return Preset.model_validate(values)
    except ValidationError as exc:
        raise PresetError(f"preset “{values.get('name', '')}”: {_problems(exc)}") from None


class PresetBook(NamedTuple):
    """The presets that could be read, and one message for the analyst when some could not ("" when all could)."""

    presets: list[Preset]
    problem: str = ""

    def names(self) -> list[str]:
        return [p.name for p in self.presets]

    def find(self, name: str) -> Preset | None:
        """The preset called ``name`` (letter case aside), None when there is none."""
        key = name.strip().casefold()
        return next((p for p in self.presets if p.name.casefold() == key), None)


class _Stored(NamedTuple):
    """What the file holds: every entry (valid or not, as read), the presets among them, and what is wrong."""

    entries: list[Any]
    presets: list[Preset | None]
    problems: list[str]
    #: Why the whole file cannot be read (None when it can): then it must not be written over.
    damage: str | None


def load_presets(path: Path | None = None) -> PresetBook:
    """Every preset that can be read; what could not be read is one message, never an exception."""
    stored = _read(path or presets_file())
    if stored.damage:
        return PresetBook([], stored.damage)
    presets = [p for p in stored.presets if p is not None]
    return PresetBook(presets, _summary(path or presets_file(), stored.problems))


def find_preset(name: str, path: Path | None = None) -> Preset:
    """The preset called ``name``; PresetError listing the known ones (or why the file cannot be read)."""
    stored = _read(path or presets_file())
    if stored.damage:
        raise PresetError(stored.damage)
    key = name.strip().casefold()
    for entry, preset in zip(stored.entries, stored.presets, strict=True):
        if preset is not None and preset.name.casefold() == key:
            return preset
        if preset is None and isinstance(entry, dict) and str(entry.get("name", "")).strip().casefold() == key:
            problem = next(p for p in stored.problems if p.startswith(f"preset “{entry.get('name')}”"))
            raise PresetError(f"{path or presets_file()}: {problem}")
    known = sorted((p.name for p in stored.presets if p is not None), key=str.casefold)
    if not known:
        raise PresetError(f"there is no preset “{name}”: no presets are saved yet (briefgen presets save NAME …)")
    raise PresetError(f"there is no preset “{name}”; the presets are: {', '.join(known)}")


def save_preset(preset: Preset, path: Path | None = None) -> bool:
    """Store ``preset``, replacing one of the same name (letter case aside); True when it replaced one.

    PresetError, and the file untouched, when the file cannot be read or written."""
    path = path or presets_file()
    stored = _read(path)
    if stored.damage:
        raise PresetError(f"{stored.damage}; the preset was not saved, so the presets in it are kept")
    entries = list(stored.entries)
    position = _position(stored, preset.name)
    data = {key: value for key, value in preset.model_dump(exclude_none=True).items() if value != []}
    if position is None:
        entries.append(data)
    else:
        entries[position] = data
    _write(path, entries)
    return position is not None


def delete_preset(name: str, path: Path | None = None) -> None:
    """Remove the preset called ``name``; PresetError when there is none or the file cannot be read or written."""
    path = path or presets_file()
    stored = _read(path)
    if stored.damage:
        raise PresetError(f"{stored.damage}; nothing was deleted")
    position = _position(stored, name)
    if position is None:
        find_preset(name, path)  # raises, listing the known ones
        raise PresetError(f"there is no preset “{name}”")
    _write(path, stored.entries[:position] + stored.entries[position + 1 :])


def _position(stored: _Stored, name: str) -> int | None:
    key = name.strip().casefold()
    for position, entry in enumerate(stored.entries):
        if isinstance(entry, dict) and str(entry.get("name", "")).strip().casefold() == key:
            return position
    return None


def _read(path: Path) -> _Stored:
    try:
        data, _status = read_regular_file(path, MAX_PRESETS_BYTES)
    except FileNotFoundError:
        return _Stored([], [], [], None)
    except OSError as exc:
        return _Stored([], [], [], f"the presets file {path} cannot be read: {exc.strerror or exc}")
    try:
        document = json.loads(data.decode("utf-8"))
    except (UnicodeDecodeError, ValueError, RecursionError) as exc:
        return _Stored([], [], [], f"the presets file {path} is damaged ({exc}): fix or remove it")
    entries = document.get("presets") if isinstance(document, dict) else None
    if not isinstance(entries, list):
        return _Stored([], [], [], f"the presets file {path} is damaged (it has no list of presets): fix or remove it")
    presets: list[Preset | None] = []
    problems: list[str] = []
    seen: set[str] = set()
    for number, entry in enumerate(entries, start=1):
        label = entry.get("name") if isinstance(entry, dict) and isinstance(entry.get("name"), str) else f"#{number}"
        try:
            preset = Preset.model_validate(entry)
        except ValidationError as exc:
            presets.append(None)
            problems.append(f"preset “{label}”: {_problems(exc)}")
            continue
        if preset.name.casefold() in seen:
            presets.append(None)
            problems.append(f"preset “{label}”: another preset has the same name")
            continue
        seen.add(preset.name.casefold())
        presets.append(preset)
    return _Stored(entries, presets, problems, None)


def _summary(path: Path, problems: list[str]) -> str:
    if not problems:
        return ""
    return f"{path}: {len(problems)} preset(s) could not be used and are kept in the file as they are: " + "; ".join(
        problems
    )


def _problems(exc: ValidationError) -> str:
    messages = []
    for error in exc.errors():
        where = ".".join(str(part) for part in error["loc"])
        message = str(error["msg"]).removeprefix("Value error, ")
        messages.append(f"{where}: {message}" if where else message)
    return "; ".join(messages)


def _write(path: Path, entries: list[Any]) -> None:
    document = {"version": FILE_VERSION, "presets": entries}
    try:
        data = (json.dumps(document, ensure_ascii=False, indent=2) + "\n").encode("utf-8")
    except UnicodeEncodeError:  # a kept entry read with an escaped lone surrogate: write it escaped again
        data = (json.dumps(document, ensure_ascii=True, indent=2) + "\n").encode("ascii")
    try:
        write_atomically(path, data)
    except BriefgenError as exc:
        raise PresetError(f"the presets could not be saved: {exc}") from exc
