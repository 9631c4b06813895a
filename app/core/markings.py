"""Classification markings: a scheme's levels and controls, a marking read from either form, the highest of many.

A mistake here is a security incident, so the rules are few and strict. A
scheme (a TOML file, see app.core.marking_schemes) lists its levels lowest
first, each with a banner form ("SECRET") and a portion form ("S"), and its
dissemination controls ("NOFORN" / "NF"). A marking is read from either form,
with or without the portion's parentheses ("(S//NF)", "S//NF",
"SECRET//NOFORN"); anything else is refused with the scheme's own words, never
guessed. The brief's overall marking is the highest level among its portions
with the union of their controls, so it can only ever be at or above each
portion.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from pydantic import BaseModel, ConfigDict, Field, field_validator

from app.core.errors import BriefgenError

_PARENTHESES = re.compile(r"^\((.*)\)$")


class MarkingError(BriefgenError):
    """A classification that is not a marking of the scheme in use."""


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", strict=True, frozen=True)


class Level(_Strict):
    """One classification level: "SECRET" on a banner, "S" in a portion mark."""

    banner: str
    portion: str
    #: The banner's colour ("#c8102e"); "" leaves it to the template's default.
    colour: str = ""

    @field_validator("colour")
    @classmethod
    def _hex(cls, value: str) -> str:
        if value and not re.fullmatch(r"#[0-9a-fA-F]{6}", value):
            raise ValueError(f"{value!r} is not a colour like '#1a2b3c'")
        return value.lower()


class Control(_Strict):
    """A dissemination control: "NOFORN" on a banner, "NF" in a portion mark.

    A ``takes_list`` control is followed by a list ("REL TO USA, GBR"): where portions carry different lists, the
    brief's is what they all share, and ``when_empty`` (NOFORN) where they share nothing.
    """

    banner: str
    portion: str
    #: Controls (banner forms) this one makes void when both are in a brief: NOFORN supersedes REL TO.
    supersedes: list[str] = Field(default_factory=list)
    takes_list: bool = False
    when_empty: str = ""


class MarkingScheme(_Strict):
    """A marking system as data: levels lowest first, the controls in the order a banner lists them."""

    #: The file's name without ".toml" ("us"): what briefs and templates choose the scheme by.
    id: str = ""
    name: str
    levels: list[Level] = Field(min_length=1)
    controls: list[Control] = Field(default_factory=list)
    #: Between the level and the controls on a banner and in a portion mark; controls are joined by "/".
    separator: str = "//"
    #: Whether briefs above the lowest level mark every portion, unless the brief or its template says otherwise.
    portion_marks: bool = True
    #: Whether a classified brief prints "Classified By / Derived From / Declassify On" on its first page.
    authority_block: bool = False

    @property
    def unmarked(self) -> bool:
        """A scheme for unclassified work: one level with no words, so nothing is printed."""
        return len(self.levels) == 1 and not self.levels[0].banner

    def read(self, text: str) -> Marking:
        """The marking ``text`` names, in banner or portion form; MarkingError naming what the scheme accepts."""
        if self.unmarked:
            return Marking(0)
        words = " ".join(text.split()).upper()
        found = _PARENTHESES.match(words)
        words = found.group(1).strip() if found else words
        if not words:
            raise MarkingError(f"no classification given; use one of {self._level_names()}")
        head, controls = self._split(words)
        level = next((i for i, lv in enumerate(self.levels) if head in (lv.banner.upper(), lv.portion.upper())), None)
        if level is None:
            raise MarkingError(f"“{text.strip()}” is not a level of the {self.name} scheme; use {self._level_names()}")
        named: list[str] = []
        for word in controls:
            name = self._control_name(word)
            if name is None:
                known = ", ".join(c.banner for c in self.controls) or "none"
                raise MarkingError(f"“{word}” is not a control of the {self.name} scheme (it has: {known})")
            named.append(name)
        return Marking(level, frozenset(named))

    def _control_name(self, word: str) -> str | None:
        """How a marking holds the control ``word`` names: its banner form, a list control with its list."""
        for control in self.controls:
            for form in (control.banner.upper(), control.portion.upper()):
                if not control.takes_list and word == form:
                    return control.banner
                if control.takes_list and word.startswith(form + " "):
                    entries = [entry.strip() for entry in word[len(form) :].split(",") if entry.strip()]
                    return _listed(control, entries)
        return None

    def _owner(self, name: str) -> Control:
        return next(c for c in self.controls if name == c.banner or (c.takes_list and name.startswith(c.banner + " ")))

    def _split(self, words: str) -> tuple[str, list[str]]:
        """Level and controls: "SECRET//NOFORN/ORCON" → ("SECRET", ["NOFORN", "ORCON"])."""
        for separator in dict.fromkeys((self.separator.upper(), "//")):
            head, found, rest = words.partition(separator)
            if found:
                return head.strip(), [part.strip() for part in rest.split("/") if part.strip()]
        return words, []

    def _level_names(self) -> str:
        return ", ".join(f"{lv.banner} ({lv.portion})" for lv in self.levels)

    def banner(self, marking: Marking) -> str:
        """ "SECRET//NOFORN": the level's banner form and the controls', in the scheme's order."""
        return self._format(self.levels[marking.level].banner, marking, lambda c: c.banner)

    def portion(self, marking: Marking) -> str:
        """ "(S//NF)", or "" in a scheme with no words."""
        text = self._format(self.levels[marking.level].portion, marking, lambda c: c.portion)
        return f"({text})" if text else ""

    def _format(self, level: str, marking: Marking, form: Callable[[Control], str]) -> str:
        controls = [
            form(control) + name[len(control.banner) :]
            for control in self.controls
            for name in sorted(marking.controls)
            if self._owner(name) is control
        ]
        return f"{level}{self.separator}{'/'.join(controls)}" if controls and level else level

    def _void(self, names: frozenset[str]) -> set[str]:
        """The names among ``names`` that another of them supersedes (REL TO … under NOFORN)."""
        voiding = {other for name in names for other in self._owner(name).supersedes}
        return {name for name in names if self._owner(name).banner in voiding}

    def covers(self, banner: Marking, portion: Marking) -> bool:
        """Whether ``banner`` may stand over ``portion``: as high, with its controls, narrower release lists, or
        controls that void the portion's."""
        if banner.level < portion.level:
            return False
        void = {self._owner(name).banner for name in self._void(banner.controls | portion.controls)}
        for name in portion.controls:
            owner = self._owner(name)
            if owner.banner in void or name in banner.controls:
                continue
            if not owner.takes_list or not any(
                self._owner(mine) is owner and _entries(owner, mine) <= _entries(owner, name)
                for mine in banner.controls
            ):
                return False
        return True

    def highest(self, markings: Iterable[Marking]) -> Marking:
        """The highest level among ``markings`` with the union of their controls (release lists narrowed to what
        they share), less those another voids."""
        found = list(markings)
        if not found:
            return Marking(0)
        names = set().union(*(m.controls for m in found))
        for control in (c for c in self.controls if c.takes_list):
            lists = [name for name in names if self._owner(name) is control]
            if len(lists) > 1:
                names -= set(lists)
                shared = set.intersection(*(_entries(control, name) for name in lists))
                first = [e for e in _entries_in_order(control, lists[0]) if e in shared]
                if first:
                    names.add(_listed(control, first))
                elif control.when_empty:
                    names.add(control.when_empty)
        controls = frozenset(names)
        return Marking(max(m.level for m in found), controls - self._void(controls))


def _listed(control: Control, entries: list[str]) -> str:
    return f"{control.banner} {', '.join(entries)}"


def _entries_in_order(control: Control, name: str) -> list[str]:
    return [entry.strip() for entry in name[len(control.banner) :].split(",") if entry.strip()]


def _entries(control: Control, name: str) -> set[str]:
    return set(_entries_in_order(control, name))


@dataclass(frozen=True, order=True)
class Marking:
    """A level (an index into the scheme's levels) and the controls on it, by their banner forms."""

    level: int
    controls: frozenset[str] = frozenset()
