"""What a template sees: plain, read-only views of the brief, numbered for citation.

Templates get these views rather than the pydantic models so they can only
read, and so numbering (sources in order of first use) is done once, here.
Every kind of item has its view: source sections and excerpts and the
analyst's own parts are ``items`` (in the analyst's order, grouped in
``roles``), chosen quotes are ``key_quotes`` and figures are ``figures``.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from functools import cached_property

from app.assemble.analyst_markup import analyst_blocks, analyst_plain
from app.assemble.citation_styles import (
    NUMBERED,
    CitationStyle,
    Cite,
    FormattedCite,
    SourceFacts,
    bibliography_order,
    citation_style,
    format_citations,
    reference,
)
from app.assemble.informative import key_sentence, main_writing_system, sentence_script
from app.assemble.layout import Layout
from app.assemble.marking import AUTHORITY_FIELDS, BriefMarkings, resolve_markings
from app.assemble.quotes import find_quotes
from app.assemble.sandbox import Md, escape_markdown
from app.assemble.summary import derived_title, lead_summary
from app.core.clock import build_time
from app.core.errors import SelectionError
from app.core.markings import Marking
from app.core.model import AnalystItem, BriefProject, FigureItem, QuoteItem, Section, SectionItem, Source, SourcedItem
from app.core.style import MarkingStyle
from app.core.terms import ROLE_LABELS
from app.text.controls import readable
from app.text.datelines import strip_dateline
from app.text.dates import format_date
from app.text.sentences import split_sentences

#: (source path, section id) → the other sources' sections that carry one of its passages.
Repeats = Mapping[tuple[str, str], list[tuple[str, str]]]


@dataclass(frozen=True)
class SourceView:
    number: int
    title: str
    outlet: str
    author: str
    date: str
    file_name: str
    format: str
    #: The source's portion mark and a space ("(U) "), for its entry in the sources list; "" when unmarked.
    mark: str = ""
    #: Where the document lives on the web, when it says (a saved page's canonical address).
    url: str = ""
    #: The day the source was added to the brief ("4 March 2026"), when known.
    retrieved: str = ""
    #: The first 12 hex digits of the file's SHA-256, for a reader to verify what was quoted.
    fingerprint: str = ""
    #: Other loaded sources (outlet, else title) that carry a passage of an item from this source.
    also_reported_by: tuple[str, ...] = ()
    #: The source's entry as the brief's CSL citation style formats it (markup: the style's italics, the rest
    #: escaped); "" for the numbered style.
    reference: str = ""
    #: What the citation styles are told of the source (app/assemble/citation_styles.py).
    facts: SourceFacts = field(default_factory=SourceFacts)


@dataclass(frozen=True)
class ItemView:
    """A section, an excerpt of one, or a part the analyst wrote (``kind`` "analyst", its paragraphs markup)."""

    number: int
    heading: str
    paragraphs: list[str]
    note: str
    #: The item's id in the project, for the window to select it.
    id: str
    role: str
    role_label: str
    source: SourceView | None
    section_id: str
    page: int | None
    edited: bool
    kind: str = "section"
    #: The sources the item cites: its own source, or those the analyst named.
    cited: tuple[SourceView, ...] = ()
    #: The text without markup, for finding sentences in it.
    plain: str = ""
    language: str = ""
    #: What the brief has already said (a key point's, the bottom line): the key sentence is another one.
    said: str = ""
    #: The item's portion mark and a space ("(S//NF) "), "" when portions are unmarked. ``paragraphs`` (and each
    #: of their list items) already start with it; a key point, a note or a heading line printing the item's
    #: words elsewhere puts it first.
    mark: str = ""
    #: ``paragraphs`` without the mark, for a template that prints something before it ("1.2 (S) *Heading.* …").
    unmarked: list[str] = field(default_factory=list)

    @property
    def position(self) -> int:
        """The item's place among all the brief's items, figures included."""
        return self.number

    @property
    def text(self) -> str:
        joined = "\n\n".join(self.paragraphs)
        return Md(joined) if self.kind == "analyst" else joined

    @property
    def first_sentence(self) -> str:
        for paragraph in self.plain.split("\n\n"):
            sentences = split_sentences(strip_dateline(paragraph), self.language)
            if sentences:
                return sentences[0]
        return ""

    @cached_property
    def key_sentence(self) -> str:
        """The item's most informative sentence (app/assemble/informative.py) that ``said`` does not hold."""
        return key_sentence(self.plain, self.language, self.said)


@dataclass(frozen=True)
class QuoteView:
    text: str
    speaker: str
    #: The item the quote was found in; None for a quote the analyst chose.
    item: ItemView | None
    source: SourceView | None = None
    page: int | None = None
    #: The quote's portion mark and a space, to print before its opening quotation mark.
    mark: str = ""


@dataclass(frozen=True)
class FigureView:
    """A figure: the image itself reaches the writers by ``id`` (see the ``figure()`` helper)."""

    id: str
    number: int
    caption: str
    credit: str
    role: str
    source: SourceView | None
    #: The figure's place among all the brief's items (as ``ItemView.number``), to print it where the analyst put it.
    position: int = 0
    kind: str = "figure"
    #: The figure's portion mark and a space; the ``figure()`` helper starts the caption with it.
    mark: str = ""


@dataclass(frozen=True)
class PartView:
    """One part of the brief as the template declares it: a heading and the items and figures of its roles."""

    heading: str
    roles: tuple[str, ...]
    items: list[ItemView]
    figures: list[FigureView]

    @property
    def entries(self) -> list[ItemView | FigureView]:
        """Items and figures together in the analyst's order (a figure's ``kind`` is "figure")."""
        return sorted([*self.items, *self.figures], key=lambda entry: entry.position)


@dataclass
class BriefContext:
    meta: dict[str, str]
    items: list[ItemView]
    sources: list[SourceView]
    summary: str
    #: Every part's marking under the brief's scheme, and the overall marking (meta.classification is its banner).
    markings: BriefMarkings
    roles: dict[str, list[ItemView]] = field(default_factory=dict)
    #: The quotes the analyst chose, or the ones found in the items when none was chosen.
    key_quotes: list[QuoteView] = field(default_factory=list)
    #: Quotes found in the items, offered whether or not the analyst chose some.
    suggested_quotes: list[QuoteView] = field(default_factory=list)
    figures: list[FigureView] = field(default_factory=list)
    #: The source items whose key sentence is in the brief's main language (an English brief's points are English).
    key_points: list[ItemView] = field(default_factory=list)
    #: The portion mark of the bottom line: the brief's overall marking, as it speaks for every part.
    summary_mark: str = ""
    #: The scheme's lowest portion mark ("(U) "), for lines the template itself writes (a memo's "Date:").
    lowest_mark: str = ""
    #: "Classified By: …" lines for the first page, where the scheme has an authority block and the brief is
    #: above the scheme's lowest level; empty otherwise.
    authority: list[str] = field(default_factory=list)
    #: The template's citation style: ``numbered`` (today's ``[n]``) or a CSL style (app/assemble/citation_styles.py).
    citation_style: CitationStyle = field(default_factory=lambda: citation_style(NUMBERED))
    #: The sources in the order the citation style sorts its bibliography (numbered: their numbers' order). Sorted
    #: here, where the build runs, so what citeproc worked out stays cached for the next build.
    bibliography: list[SourceView] = field(default_factory=list)

    def format_citations(self, cites: list[Cite]) -> list[FormattedCite]:
        """Each citation of the brief, in reading order, as the citation style prints it: an in-text label, a note
        (the first of a source in full, later ones short) or ``[n]`` (see app/assemble/citation_styles.py)."""
        facts = {source.number: source.facts for source in self.sources}
        return format_citations(self.citation_style.id, facts, cites, self.citation_style.locale)

    def parts(self, layout: Layout) -> list[PartView]:
        """The template's parts, in its order, each with the items of its roles in the analyst's order."""
        return [
            PartView(
                heading,
                roles,
                [item for item in self.items if item.role in roles],
                [figure for figure in self.figures if figure.role in roles],
            )
            for heading, roles in layout.parts
        ]

    def text_size(self) -> int:
        """Characters of text in the brief: the limits on what its template may write grow with this."""
        items = sum(len(i.heading) + len(i.note) + sum(map(len, i.paragraphs)) for i in self.items)
        sources = sum(len(s.title + s.outlet + s.author + s.date + s.file_name) for s in self.sources)
        quotes = sum(len(q.text) + len(q.speaker) for q in self.key_quotes if q.item is None)  # found ones: in items
        figures = sum(len(f.caption) + len(f.credit) for f in self.figures)
        return sum(map(len, self.meta.values())) + len(self.summary) + items + sources + quotes + figures


def resolve(item: SourcedItem, sources: Mapping[str, Source]) -> tuple[Source, Section]:
    source = sources.get(item.source)
    if source is None:
        raise SelectionError(f"the brief refers to a source that is not loaded: {item.source}")
    section = source.section(item.section_id)
    if section is None:
        raise SelectionError(f"{source.path}: no section {item.section_id!r} (see `briefgen inspect`)")
    return source, section


def _paragraphs(text: str) -> list[str]:
    return [" ".join(p.split()) for p in re.split(r"\n\s*\n", text) if p.strip()]


def today() -> str:
    return format_date(build_time().date())


def _day(iso: str) -> str:
    """ "2026-03-04" as the brief prints dates ("4 March 2026"); "" for no date or one that is not ISO."""
    try:
        return format_date(dt.date.fromisoformat(iso)) if iso else ""
    except ValueError:
        return ""


class _Numbering:
    """Source views numbered in order of first use: citations ``[@n]`` point into this list."""

    def __init__(
        self,
        project: BriefProject,
        sources: Mapping[str, Source],
        markings: BriefMarkings,
        repeats: Repeats,
        citation_style: CitationStyle | None = None,
    ) -> None:
        self.project = project
        self.citation_style = citation_style or CitationStyle(NUMBERED, "", "numbered")
        self.sources = sources
        self.markings = markings
        self.repeats = repeats
        self.views: dict[str, SourceView] = {}
        self.sections_used: dict[str, list[str]] = {}  # source path → the brief's sections of it, in item order
        for item in project.items:
            if isinstance(item, SectionItem):
                self.sections_used.setdefault(item.source, []).append(item.section_id)

    def view(self, path: str) -> SourceView:
        source = self.sources.get(path)
        if source is None:
            raise SelectionError(f"the brief refers to a source that is not loaded: {path}")
        if source.path not in self.views:
            file_name = readable(source.path.replace("\\", "/").rsplit("/", 1)[-1])
            added = self.project.record(source.path).added
            facts = SourceFacts(
                title=source.title,
                outlet=source.outlet,
                author=source.author,
                date=source.date,
                url=source.url,
                accessed=added,
                language=source.language,
                format=source.format,
                file_name=file_name,
            )
            self.views[source.path] = SourceView(
                number=len(self.views) + 1,
                title=source.title,
                outlet=source.outlet,
                author=source.author,
                date=source.date,
                file_name=file_name,
                format=source.format,
                mark=printed_mark(self.markings.source_mark(source.path)),
                url=source.url,
                retrieved=_day(added),
                fingerprint=source.sha256[:12],
                also_reported_by=self._also_reported_by(source),
                reference=reference(self.citation_style.id, facts, self.citation_style.locale),
                facts=facts,
            )
        return self.views[source.path]

    def _also_reported_by(self, source: Source) -> tuple[str, ...]:
        """The other sources carrying a passage of one of the brief's items from ``source``, by outlet."""
        keys = [(source.path, section_id) for section_id in self.sections_used.get(source.path, [])]
        others = [self.sources.get(path) for key in keys for path, _ in self.repeats.get(key, [])]
        names = [other.outlet or other.title for other in others if other is not None and other.path != source.path]
        return tuple(name for name in dict.fromkeys(names) if name and name != source.outlet)


def _section_view(number: int, item: SectionItem, numbering: _Numbering) -> ItemView:
    source, section = resolve(item, numbering.sources)
    view = numbering.view(source.path)
    paragraphs = _paragraphs(item.text) if item.text is not None else item.source_paragraphs(section)
    mark = numbering.markings.item_mark(item.id)
    return ItemView(
        number=number,
        id=item.id,
        heading=section.heading or "Overview",
        paragraphs=[mark + paragraph for paragraph in paragraphs],
        note=item.note.strip(),
        role=item.role,
        role_label=ROLE_LABELS[item.role],
        source=view,
        section_id=section.id,
        page=section.page,
        edited=item.text is not None,
        cited=(view,),
        plain="\n\n".join(paragraphs),
        language=source.language,
        mark=printed_mark(mark),
        unmarked=paragraphs,
    )


def _analyst_view(number: int, item: AnalystItem, numbering: _Numbering) -> ItemView:
    cited = tuple(dict.fromkeys(numbering.view(path) for path in item.cites))
    mark = numbering.markings.item_mark(item.id)
    return ItemView(
        number=number,
        id=item.id,
        heading=item.heading.strip() or ROLE_LABELS[item.role],
        paragraphs=[Md(block) for block in analyst_blocks(item.text, mark)],
        note=item.note.strip(),
        role=item.role,
        role_label=ROLE_LABELS[item.role],
        source=cited[0] if cited else None,
        section_id="",
        page=None,
        edited=True,
        kind="analyst",
        cited=cited,
        plain=analyst_plain(item.text),
        mark=printed_mark(mark),
        unmarked=[Md(block) for block in analyst_blocks(item.text)],
    )


def figure_caption(item: FigureItem, sources: Mapping[str, Source]) -> tuple[str, str]:
    """The analyst's caption and credit; for a source's figure, what the source gave where the analyst left them
    empty (a script may name a figure by its id alone)."""
    source = sources.get(item.source) if item.source else None
    found = source.figure(item.figure_id) if source is not None and item.figure_id else None
    caption, credit = item.caption.strip(), item.credit.strip()
    if found is not None:
        return caption or found.caption, credit or found.credit
    return caption, credit


def build_context(
    project: BriefProject,
    sources: Mapping[str, Source],
    marking_style: MarkingStyle | None = None,
    repeats: Repeats | None = None,
    citations: str = NUMBERED,
    citation_locale: str = "",
) -> BriefContext:
    """The template's values; ``marking_style`` is the template's choice of scheme and portion marks, ``repeats``
    the loaded sources' sections that carry each other's passages (app.pipeline.repeats), for "also reported by",
    ``citations`` and ``citation_locale`` the template's citation style and its locale (style.toml
    ``[citations]``)."""
    markings = resolve_markings(project, marking_style or MarkingStyle())
    style = citation_style(citations, citation_locale)
    numbering = _Numbering(project, sources, markings, repeats or {}, style)
    items: list[ItemView] = []
    chosen: list[QuoteView] = []
    figures: list[FigureView] = []
    for number, item in enumerate(project.items, start=1):
        if isinstance(item, SectionItem):
            items.append(_section_view(number, item, numbering))
        elif isinstance(item, AnalystItem):
            items.append(_analyst_view(number, item, numbering))
        elif isinstance(item, QuoteItem):
            _source, section = resolve(item, sources)
            quoted = numbering.view(item.source)
            text, speaker, mark = (
                " ".join(item.text.split()),
                item.speaker.strip(),
                printed_mark(markings.item_mark(item.id)),
            )
            chosen.append(QuoteView(text, speaker, None, quoted, section.page, mark))
        elif isinstance(item, FigureItem):
            credited = numbering.view(item.source) if item.source else None
            caption, credit = figure_caption(item, sources)
            mark = printed_mark(markings.item_mark(item.id))
            figures.append(
                FigureView(item.id, len(figures) + 1, caption, credit, item.role, credited, number, mark=mark)
            )
    found = found_quotes(items)
    meta = {
        key: value.strip() for key, value in project.meta.model_dump().items() if isinstance(value, str)
    }  # "  " is no author
    meta["date"] = meta["date"] or today()
    meta["classification"] = markings.banner
    meta["title"] = derived_title(meta["title"], project, sources)
    summary = meta["summary"] or lead_summary([(i.plain, i.language) for i in items])
    return BriefContext(
        meta=meta,
        items=items,
        sources=list(numbering.views.values()),
        summary=summary,
        markings=markings,
        roles={role: [i for i in items if i.role == role] for role in ROLE_LABELS},
        key_quotes=chosen or found,
        suggested_quotes=found,
        figures=figures,
        key_points=_key_points(items, summary),
        summary_mark=printed_mark(markings.mark(markings.overall)),
        lowest_mark=printed_mark(markings.mark(Marking(0))),
        authority=_authority(project, markings),
        citation_style=style,
        bibliography=_bibliography(style, list(numbering.views.values())),
    )


def _bibliography(style: CitationStyle, sources: list[SourceView]) -> list[SourceView]:
    order = bibliography_order(style.id, [source.facts for source in sources], style.locale)
    return [sources[index] for index in order]


def printed_mark(mark: str) -> str:
    """A portion mark as a template prints it alone: markup with its trailing space kept ("\\(S\\) ")."""
    return Md(escape_markdown(mark.strip()) + " ") if mark.strip() else ""


def _authority(project: BriefProject, markings: BriefMarkings) -> list[str]:
    """The classification authority lines, when the scheme calls for them and the brief is classified."""
    if not markings.scheme.authority_block or markings.overall.level == 0:
        return []
    lines = [(label, getattr(project.meta, field).strip()) for field, label in AUTHORITY_FIELDS]
    return [f"{label}: {value}" for label, value in lines if value]


def found_quotes(items: list[ItemView]) -> list[QuoteView]:
    """The quotations in the source items' own words, each marked and cited as the item it was found in."""
    return [
        QuoteView(text, speaker, item, item.source, item.page, item.mark)
        for item in items
        if item.kind == "section"
        for text, speaker in find_quotes("\n\n".join(item.unmarked))
    ]


def _key_points(items: list[ItemView], summary: str) -> list[ItemView]:
    """The source items with their key sentence in the brief's main language, each the item's most informative
    sentence that the bottom line does not already say (unwritten, it is made of those same sentences)."""
    script = main_writing_system(item.plain for item in items)
    points = [replace(i, said=summary) for i in items if i.kind == "section"]
    return [i for i in points if i.key_sentence and sentence_script(i.key_sentence) == script]
