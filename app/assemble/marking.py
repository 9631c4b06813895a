"""Each part of a brief's marking, and the brief's overall marking computed from them.

An item is marked as the analyst marked it, else as its source is marked, else
as the brief is; a source nobody marked takes the brief's marking too, so an
unmarked cable in a SECRET brief is never printed as UNCLASSIFIED. The overall
marking (the banner on every page and the marking block) is the highest of the
brief's own and every item's, controls united, so it can never be lower than a
portion. Portions are marked when the brief or its template says so, else when
the scheme asks for it and the brief is above the scheme's lowest level (an
unclassified brief is not portion-marked unless the analyst wants it). A
marking the scheme does not know stops the build with a message naming where
it is: a banner must never be guessed.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import PurePath

from app.core.marking_schemes import find_scheme
from app.core.markings import Marking, MarkingError, MarkingScheme
from app.core.model import AnalystItem, BriefItem, BriefProject, FigureItem
from app.core.problems import Place, Problem
from app.core.style import MarkingStyle

#: The classification authority block's details (BriefMeta fields) and their labels, in the order printed.
AUTHORITY_FIELDS = (
    ("classified_by", "Classified By"),
    ("derived_from", "Derived From"),
    ("declassify_on", "Declassify On"),
)


@dataclass(frozen=True)
class BriefMarkings:
    """The scheme in use, whether portions are marked, and every item's and source's marking."""

    scheme: MarkingScheme
    portion_marks: bool
    #: The analyst's marking for the brief (its floor).
    chosen: Marking
    #: The highest of ``chosen`` and every item's marking: what the banner shows.
    overall: Marking
    items: dict[str, Marking]
    sources: dict[str, Marking]

    @property
    def banner(self) -> str:
        return self.scheme.banner(self.overall)

    def mark(self, marking: Marking) -> str:
        """The portion mark a paragraph starts with, a space after it ("(S//NF) "); "" when portions are unmarked."""
        portion = self.scheme.portion(marking) if self.portion_marks else ""
        return f"{portion} " if portion else ""

    def item_mark(self, item_id: str) -> str:
        return self.mark(self.items.get(item_id, self.overall))

    def source_mark(self, path: str) -> str:
        return self.mark(self.sources.get(path, self.chosen))


def resolve_markings(project: BriefProject, template: MarkingStyle) -> BriefMarkings:
    """The brief's markings under its scheme (the brief's choice, else the template's); MarkingError naming the
    item, source or detail whose marking the scheme does not know (marking_problems lists them all)."""
    meta = project.meta
    scheme = find_scheme(meta.marking_scheme.strip() or template.scheme)
    chosen = (
        _read(scheme, meta.classification, "the brief's classification") if meta.classification.strip() else Marking(0)
    )
    sources = {
        path: _read(scheme, record.classification, f"source {PurePath(path).name}")
        if record.classification.strip()
        else chosen
        for path in project.sources
        for record in [project.record(path)]
    }
    items = {item.id: _item_marking(scheme, item, sources, chosen) for item in project.items}
    overall = scheme.highest([chosen, *items.values()])
    classified = scheme.portion_marks and overall.level > 0
    portion_marks = next(c for c in (meta.portion_marks, template.portion_marks, classified) if c is not None)
    return BriefMarkings(scheme, portion_marks, chosen, overall, items, sources)


def _item_marking(scheme: MarkingScheme, item: BriefItem, sources: dict[str, Marking], chosen: Marking) -> Marking:
    if item.classification.strip():
        return _read(scheme, item.classification, f"item {item_label(item)}")
    source = None if isinstance(item, AnalystItem) else item.source
    return sources.get(source, chosen) if source else chosen


def item_label(item: BriefItem) -> str:
    """How a message names an item: its heading, section or caption, and its source's file name."""
    if isinstance(item, AnalystItem):
        return f"“{item.heading.strip() or 'your text'}”"
    if isinstance(item, FigureItem):
        return f"figure “{item.caption.strip() or item.figure_id or PurePath(item.image).name}”"
    return f"“{item.section_id}” of {PurePath(item.source).name}"


def _read(scheme: MarkingScheme, text: str, where: str) -> Marking:
    try:
        return scheme.read(text)
    except MarkingError as exc:
        raise MarkingError(f"{where}: {exc}") from None


def marking_problems(project: BriefProject, template: MarkingStyle) -> list[Problem]:
    """Every marking the scheme does not know, each portion the analyst's own marking for the brief is lower
    than (the banner then prints higher than chosen), and authority details a classified brief leaves empty."""
    try:
        scheme = find_scheme(project.meta.marking_scheme.strip() or template.scheme)
    except MarkingError as exc:
        return [Problem(str(exc), "detail", "marking_scheme")]
    problems: list[Problem] = []

    def read(text: str, where: str, place: Place, target: str) -> Marking | None:
        try:
            return _read(scheme, text, where) if text.strip() else None
        except MarkingError as exc:
            problems.append(Problem(str(exc), place, target))
            return None

    chosen = read(project.meta.classification, "the brief's classification", "detail", "classification")
    for path in project.sources:
        read(project.record(path).classification, f"source {PurePath(path).name}", "source", path)
    if problems:
        return problems
    markings = resolve_markings(project, template)
    for item in project.items:
        marking = markings.items[item.id]
        if chosen is not None and not scheme.covers(chosen, marking):
            problems.append(Problem(
                f"item {item_label(item)} is {scheme.portion(marking) or scheme.banner(marking)}, above the brief's "
                f"{scheme.banner(chosen)}: the banner prints {markings.banner}", "item", item.id,
            ))  # fmt: skip
    empty = [(field, label) for field, label in AUTHORITY_FIELDS if not getattr(project.meta, field).strip()]
    if scheme.authority_block and markings.overall.level > 0 and empty:
        names = " and ".join(", ".join(label for _, label in empty).rsplit(", ", 1))
        message = f"a {markings.banner} brief names its classification authority: fill in {names}"
        problems.append(Problem(message, "detail", empty[0][0]))
    return problems
