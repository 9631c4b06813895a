"""The parts of a brief Briefgen writes when the analyst has not: its title and bottom line.

Both are chosen, never cut: a title is a real headline (a source's, or the
first heading of the chosen sections), and the bottom line is whole
sentences, the most informative of the chosen items in the brief's main
language (app/assemble/informative.py).
"""

from __future__ import annotations

import re
from collections.abc import Mapping

from app.assemble.informative import main_writing_system, most_informative, score
from app.core.model import BriefProject, SectionItem, Source
from app.text.scripts import main_script

#: Titles that stand for "no title yet": the model's default, older projects' "Brief from N sources", a cut sentence.
_PLACEHOLDER = re.compile(r"(?:|Untitled brief|Brief from \d+ sources|.*…)", re.DOTALL)
FALLBACK_TITLE = "Brief"


def lead_summary(passages: list[tuple[str, str]], count: int = 2) -> str:
    """The ``count`` most informative sentences of the items' (text, language), in order: the unwritten bottom line."""
    return " ".join(most_informative(passages, count))


def derived_title(title: str, project: BriefProject, sources: Mapping[str, Source]) -> str:
    """The analyst's title; for a placeholder, the chosen sources' most informative headline, or else their
    most informative section heading (the first of equals: a brief about "Judicial Warnings" is titled so),
    in the brief's main language.
    """
    if not _PLACEHOLDER.fullmatch(title):
        return title
    chosen = [i for i in project.items if isinstance(i, SectionItem) and i.source in sources]
    used = [sources[path] for path in dict.fromkeys(i.source for i in chosen)] if chosen else list(sources.values())
    script = main_writing_system(s.text for source in used for s in source.sections)
    headlines = [s.title for s in used if s.title and not _PLACEHOLDER.fullmatch(s.title)]
    native = [h for h in headlines if main_script(h) == script] or headlines
    if native:
        return max(native, key=lambda h: (score(h, min_words=1), -native.index(h)))
    sections = [sources[i.source].section(i.section_id) for i in chosen]
    headings = [s.heading for s in sections if s is not None and s.heading and not s.is_lead]
    native = [h for h in headings if main_script(h) == script] or headings
    return max(native, key=lambda h: (score(h, min_words=1), -native.index(h))) if native else FALLBACK_TITLE
