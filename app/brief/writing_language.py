"""The language the analyst writes the brief in, which the spell checker follows.

Only the analyst's own words count: title, subtitle, summary, the analyst's
sections (heading and text) and the notes. The sources' text does not: an
English brief on Arabic sources is written in English, and an excerpt keeps its
source's language (the spell checker tells such a paragraph's language from the
paragraph itself, app.text.spelling.paragraph_language). The language comes from
the same identifier as a source's (app.text.language); while it is unsure (a
new brief, a two-word title) the brief is taken to be in English.
"""

from __future__ import annotations

from app.core.model import AnalystItem, BriefProject
from app.text.language import detect_language

#: The language of a brief whose own words do not tell yet.
DEFAULT_LANGUAGE = "en"


def own_words(project: BriefProject) -> str:
    """The text the analyst wrote in the brief, one part a line."""
    meta = project.meta
    parts = [meta.title, meta.subtitle, meta.summary]
    for item in project.items:
        if isinstance(item, AnalystItem):
            parts += [item.heading, item.text]
        parts.append(item.note)
    return "\n".join(part for part in parts if part.strip())


def writing_language(project: BriefProject) -> str:
    """An ISO 639 code for the language of the brief's own words; English while they do not tell."""
    return detect_language(own_words(project)) or DEFAULT_LANGUAGE
