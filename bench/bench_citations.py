"""Print how long the CSL citation styles take: 100 sources × 5 citations, cold and again (cached).

Run: .venv/bin/python bench/bench_citations.py
For each shipped CSL style: loading it, the 100 bibliography entries, sorting them, and formatting 500 citations
in reading order (a third without a locator, a third with one page, a third with a page range), first in a process
that has formatted nothing yet, then again (what a warm preview worker does for the next build).
"""

from __future__ import annotations

import random
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from app.assemble.citation_styles import (
    Cite,
    SourceFacts,
    bibliography_order,
    citation_style,
    format_citations,
    reference,
    style_ids,
)

FIRST = ["Jane", "John", "Amira", "Lars", "Mei", "Carlos", "Olu"]
LAST = ["Smith", "Doe", "Haddad", "Berg", "Chen", "Ruiz", "Adeyemi"]
OUTLETS = ["Reuters", "BBC News", "Le Monde", "Al Jazeera", "", ""]


def _sources(rng: random.Random, count: int) -> dict[int, SourceFacts]:
    return {
        n: SourceFacts(
            title=f"Report number {n} on events in region {n % 7} and beyond",
            outlet=rng.choice(OUTLETS),
            author=rng.choice(["", f"{rng.choice(FIRST)} {rng.choice(LAST)}"]),
            date=f"2026-0{1 + n % 9}-1{n % 10}",
            url=rng.choice(["", f"https://example.org/{n}"]),
            accessed="2026-03-05",
            language="en",
            format=rng.choice(["html", "pdf", "text"]),
        )
        for n in range(1, count + 1)
    }


def _cites(rng: random.Random, count: int, each: int) -> list[Cite]:
    locators = lambda: rng.choice(["", f"p. {rng.randint(1, 40)}", f"pp. {(k := rng.randint(1, 30))}-{k + 2}"])  # noqa: E731
    return [Cite(n, locators()) for _ in range(each) for n in rng.sample(range(1, count + 1), count)]


def main() -> None:
    rng = random.Random(1)
    sources = _sources(rng, 100)
    cites = _cites(rng, 100, 5)
    for style_id in style_ids()[1:]:
        started = time.perf_counter()
        citation_style(style_id)
        loaded = time.perf_counter()
        for facts in sources.values():
            reference(style_id, facts)
        entries = time.perf_counter()
        bibliography_order(style_id, list(sources.values()))
        sorted_ = time.perf_counter()
        format_citations(style_id, sources, cites)
        cited = time.perf_counter()
        for facts in sources.values():
            reference(style_id, facts)
        bibliography_order(style_id, list(sources.values()))
        format_citations(style_id, sources, cites)
        again = time.perf_counter()
        print(
            f"{style_id}: load {loaded - started:.3f} s, 100 entries {entries - loaded:.2f} s, "
            f"sorting them {sorted_ - entries:.2f} s, 500 citations {cited - sorted_:.2f} s; "
            f"all again (cached) {again - cited:.3f} s"
        )


if __name__ == "__main__":
    main()
