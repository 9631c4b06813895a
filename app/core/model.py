"""The core data: sources with their sections, and the brief project built from them.

Pydantic models so the same classes validate the .brief file format and hold
the data in memory; nothing here knows about Qt or about output formats.
"""

from __future__ import annotations

import uuid
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Discriminator, Field, PositiveInt, Tag, field_validator, model_validator

from app.core.terms import Role

LEAD_ID = "lead"


class Section(BaseModel):
    """One heading's worth of a source: the unit an analyst picks."""

    model_config = ConfigDict(frozen=True)

    id: str
    heading: str
    paragraphs: list[str]
    level: int = 1
    #: First page the section's text is on, for sources that have pages (PDF).
    page: int | None = None

    @property
    def is_lead(self) -> bool:
        return self.id == LEAD_ID

    @property
    def display_heading(self) -> str:
        return self.heading or "Lead"

    @property
    def text(self) -> str:
        return "\n\n".join(self.paragraphs)

    @property
    def word_count(self) -> int:
        return sum(len(p.split()) for p in self.paragraphs)


class SourceFigure(BaseModel):
    """An image a source shows (a web page's captioned picture, a Word file's picture), offered as a figure.

    The checked image travels with the source (``data``: PNG or JPEG bytes), so a figure the analyst
    picks prints from what was read, not from a file that may have changed or gone since.
    """

    model_config = ConfigDict(frozen=True)

    #: "figure-1", "figure-2" … in the order the source shows them; stable while the source is unchanged.
    id: str
    #: The section the image sits in (after that section's heading in the source).
    section_id: str
    caption: str = ""
    credit: str = ""
    width_px: PositiveInt
    height_px: PositiveInt
    format: Literal["PNG", "JPEG"] = "PNG"
    data: bytes = Field(repr=False, exclude=True)


class Source(BaseModel):
    """A loaded document: its metadata, ordered sections and the figures it shows."""

    path: str
    title: str
    outlet: str = ""
    author: str = ""
    date: str = ""
    language: str = ""
    format: str = ""
    #: Where the document lives on the web (a saved page's canonical address), when it says.
    url: str = ""
    #: SHA-256 of the file's bytes as read (hex): what the brief records when the source is added.
    sha256: str = ""
    sections: list[Section] = Field(default_factory=list)
    figures: list[SourceFigure] = Field(default_factory=list)
    #: What reading had to leave out, said to the analyst ("pages 4 and 7 could not be read …").
    warnings: list[str] = Field(default_factory=list)

    def section(self, section_id: str) -> Section | None:
        return next((s for s in self.sections if s.id == section_id), None)

    def figure(self, figure_id: str) -> SourceFigure | None:
        return next((f for f in self.figures if f.id == figure_id), None)

    @property
    def paragraphs(self) -> list[str]:
        return [p for s in self.sections for p in s.paragraphs]


class BriefMeta(BaseModel):
    title: str = "Untitled brief"
    subtitle: str = ""
    author: str = ""
    organisation: str = ""
    date: str = ""
    #: The analyst's marking for the brief, banner or portion form; "" is the scheme's lowest level. The banner
    #: printed is never lower: it is the highest of this and every item's marking (app/assemble/marking.py).
    classification: str = ""
    recipient: str = ""
    summary: str = ""
    #: The marking scheme ("us", "uk", "nato", "none" …); "" uses the template's.
    marking_scheme: str = ""
    #: Whether every paragraph starts with its portion mark; None follows the template, then the scheme.
    portion_marks: bool | None = None
    #: The classification authority block ("Classified By / Derived From / Declassify On"), where the scheme has one.
    classified_by: str = ""
    derived_from: str = ""
    declassify_on: str = ""


class SourceDetails(BaseModel):
    """The analyst's corrections to what a source's file says of itself; "" keeps what was read.

    A saved page may carry its outlet's name as its title, and a plain-text file
    has no headline at all, yet the sources list and every citation print these.
    """

    title: str = ""
    outlet: str = ""
    author: str = ""
    date: str = ""
    url: str = ""


class SourceRecord(BaseModel):
    """What the brief knows of one of its sources beyond its path: the analyst's marking for it, and the
    fingerprint taken when it was added, so a file changed since is noticed before the brief leaves."""

    #: The source's marking; "" gives its items the brief's own.
    classification: str = ""
    #: SHA-256 of the file's bytes when it was added (hex); "" for a source added before fingerprints.
    sha256: str = ""
    #: The day the source was added (retrieved), ISO 8601.
    added: str = ""
    #: Title, outlet, author, date and URL as the analyst corrected them.
    details: SourceDetails = Field(default_factory=SourceDetails)


def new_item_id() -> str:
    """A short id that tells items apart while a brief is edited (the same section may be in it twice)."""
    return uuid.uuid4().hex[:12]


def _kind_is_required(schema: dict[str, Any]) -> None:
    """In a file, only a section item may leave out its kind: the schema says so for the other kinds."""
    schema["required"] = sorted({*schema.get("required", []), "kind"})


class _Item(BaseModel):
    """What every item of a brief has: an id, the role it plays, and the analyst's note on it."""

    id: str = Field(default_factory=new_item_id)
    role: Role = "discussion"
    note: str = ""
    #: The analyst's marking for this item ("C", "SECRET//NOFORN"); "" inherits its source's, or the brief's.
    classification: str = ""


class SectionItem(_Item):
    """A source's section, or an excerpt of it (``paragraphs``), as the analyst has shaped it for the brief."""

    kind: Literal["section"] = "section"
    source: str
    section_id: str
    #: First and last paragraph of an excerpt, 1-based and inclusive; None for the whole section.
    paragraphs: tuple[PositiveInt, PositiveInt] | None = None
    #: The analyst's own wording of the passage; None prints the source's text.
    text: str | None = None

    @property
    def is_edited(self) -> bool:
        return self.text is not None

    @property
    def is_excerpt(self) -> bool:
        return self.paragraphs is not None

    def source_paragraphs(self, section: Section) -> list[str]:
        """The paragraphs of ``section`` this item takes: all, or its excerpt's range (clipped to what exists)."""
        if self.paragraphs is None:
            return list(section.paragraphs)
        first, last = self.paragraphs
        return section.paragraphs[first - 1 : last]

    @field_validator("paragraphs")
    @classmethod
    def _first_before_last(cls, value: tuple[int, int] | None) -> tuple[int, int] | None:
        if value is not None and value[0] > value[1]:
            raise ValueError(f"the first paragraph ({value[0]}) comes after the last ({value[1]})")
        return value


class AnalystItem(_Item):
    """A part the analyst writes: a heading and Markdown text (paragraphs, lists, bold, italic, links)."""

    model_config = ConfigDict(json_schema_extra=_kind_is_required)

    kind: Literal["analyst"] = "analyst"
    role: Role = "assessment"
    heading: str = ""
    text: str = ""
    #: Sources the text draws on, cited after it (paths, as the project's sources).
    cites: list[str] = Field(default_factory=list)


class QuoteItem(_Item):
    """Words the analyst chose from a section to print as a key quote, with who said them."""

    model_config = ConfigDict(json_schema_extra=_kind_is_required)

    kind: Literal["quote"] = "quote"
    source: str
    section_id: str
    text: str
    speaker: str = ""


def _image_or_source_figure_required(schema: dict[str, Any]) -> None:
    """The schema says what the validator says: an image file, or a source and its figure id, not both."""
    _kind_is_required(schema)
    text = {"type": "string", "minLength": 1}
    schema["oneOf"] = [
        {"required": ["image"], "properties": {"image": text}},
        {"required": ["source", "figure_id"], "properties": {"source": text, "figure_id": text}},
    ]


class FigureItem(_Item):
    """An image with its caption and credit: a file the analyst adds (``image``), or a figure found in a source
    (``source`` and ``figure_id``). A figure with a ``source`` cites it."""

    model_config = ConfigDict(json_schema_extra=_image_or_source_figure_required)

    kind: Literal["figure"] = "figure"
    #: An image file (PNG, JPEG, GIF, WebP); "" for a figure found in its source.
    image: str = ""
    caption: str = ""
    credit: str = ""
    source: str | None = None
    #: Which of the source's figures ("figure-2"); None for an image file.
    figure_id: str | None = None

    @property
    def from_source(self) -> bool:
        return self.figure_id is not None

    @model_validator(mode="after")
    def _image_or_source_figure(self) -> FigureItem:
        if self.figure_id is not None and not self.source:
            raise ValueError("a figure_id names a figure of a source; give the source too")
        if self.figure_id is None and not self.image:
            raise ValueError("a figure needs an image file, or a source and one of its figure_ids")
        if self.figure_id is not None and self.image:
            raise ValueError("a figure has an image file or a source's figure_id, not both")
        return self


def _kind(value: object) -> str:
    """An item's kind; "section" when the file leaves it out (version 1 files, hand-written ones)."""
    if isinstance(value, dict):
        return str(value.get("kind", "section"))
    return str(getattr(value, "kind", "section"))


#: One item of a brief, told apart by ``kind``.
BriefItem = Annotated[
    Annotated[SectionItem, Tag("section")]
    | Annotated[AnalystItem, Tag("analyst")]
    | Annotated[QuoteItem, Tag("quote")]
    | Annotated[FigureItem, Tag("figure")],
    Discriminator(_kind),
]
#: The items that come from a source's section and so have ``source`` and ``section_id``.
SourcedItem = SectionItem | QuoteItem


class BriefProject(BaseModel):
    meta: BriefMeta = Field(default_factory=BriefMeta)
    template: str = "policy-brief"
    #: Source paths as loaded (absolute in memory; stored relative to the .brief file).
    sources: list[str] = Field(default_factory=list)
    items: list[BriefItem] = Field(default_factory=list)
    #: Per source path: its marking and fingerprint (sources loaded before fingerprints have none).
    source_records: dict[str, SourceRecord] = Field(default_factory=dict)

    def record(self, path: str) -> SourceRecord:
        return self.source_records.get(path) or SourceRecord()
