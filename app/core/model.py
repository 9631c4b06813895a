"""The core data: sources with their sections, and the brief project built from them.

Pydantic models so the same classes validate the .brief file format and hold
the data in memory; nothing here knows about Qt or about output formats.
"""

from __future__ import annotations

import re
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

#: The parts of a brief an item can play; templates group body items by role.
Role = Literal["background", "body", "implications"]
ROLES: tuple[Role, ...] = ("background", "body", "implications")
ROLE_LABELS: dict[Role, str] = {"background": "Background", "body": "Discussion", "implications": "Implications"}

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


class Source(BaseModel):
    """A loaded document: its metadata and ordered sections."""

    path: str
    title: str
    outlet: str = ""
    author: str = ""
    date: str = ""
    language: str = ""
    format: str = ""
    sections: list[Section] = Field(default_factory=list)

    def section(self, section_id: str) -> Section | None:
        return next((s for s in self.sections if s.id == section_id), None)

    @property
    def paragraphs(self) -> list[str]:
        return [p for s in self.sections for p in s.paragraphs]


class BriefMeta(BaseModel):
    title: str = "Untitled brief"
    subtitle: str = ""
    author: str = ""
    organisation: str = ""
    date: str = ""
    classification: str = "UNCLASSIFIED"
    recipient: str = ""
    summary: str = ""


class BriefItem(BaseModel):
    """A chosen section, as the analyst has shaped it for the brief."""

    source: str
    section_id: str
    text: str | None = None
    note: str = ""
    role: Role = "body"

    @property
    def is_edited(self) -> bool:
        return self.text is not None


class BriefProject(BaseModel):
    meta: BriefMeta = Field(default_factory=BriefMeta)
    template: str = "policy-brief"
    #: Source paths as loaded (absolute in memory; stored relative to the .brief file).
    sources: list[str] = Field(default_factory=list)
    items: list[BriefItem] = Field(default_factory=list)


_SLUG_DROP = re.compile(r"[^\w\s-]", re.UNICODE)


def slugify(text: str, max_words: int = 6) -> str:
    """A short, stable, readable id for a heading ('Legal Measures and …' → 'legal-measures-and-accountability')."""
    words = _SLUG_DROP.sub("", text.lower()).split()
    return "-".join(words[:max_words]) or "section"
