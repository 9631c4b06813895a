"""Print how long the CSL citation styles take: 100 sources × 5 citations, cold, again, and in a new process.

Run: .venv/bin/python bench/bench_citations.py
For each shipped CSL style: loading it, the 100 bibliography entries, sorting them, and formatting 500 citations
in reading order (a third without a locator, a third with one page, a third with a page range): first in a process
that has formatted nothing yet, with an empty cache folder; then all again in the same process (what a warm
preview worker does for the next build); then in a new process that finds the renderings kept on disk (the next
`briefgen build` of the same sources).
"""

from __future__ import annotations

import os
import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import itertools

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


def _timed(style_id: str, sources: dict[int, SourceFacts], cites: list[Cite]) -> list[float]:
    marks = [time.perf_counter()]
    citation_style(style_id)
    marks.append(time.perf_counter())
    for facts in sources.values():
        reference(style_id, facts)
    marks.append(time.perf_counter())
    bibliography_order(style_id, list(sources.values()))
    marks.append(time.perf_counter())
    format_citations(style_id, sources, cites)
    marks.append(time.perf_counter())
    return [after - before for before, after in itertools.pairwise(marks)]


def _line(times: list[float]) -> str:
    load, entries, sorting, citing = times
    return (
        f"load {load:.3f} s, 100 entries {entries:.2f} s, sorting them {sorting:.2f} s, 500 citations "
        f"{citing:.2f} s: {sum(times):.2f} s"
    )


def main() -> None:
    rng = random.Random(1)
    sources = _sources(rng, 100)
    cites = _cites(rng, 100, 5)
    if sys.argv[1:2] == ["--kept"]:  # the new process, with the renderings the first one kept
        for style_id in style_ids()[1:]:
            print(f"{style_id}, a new process, renderings kept on disk: {_line(_timed(style_id, sources, cites))}")
        return
    with tempfile.TemporaryDirectory() as cache:
        os.environ["XDG_CACHE_HOME"] = cache
        for style_id in style_ids()[1:]:
            print(f"{style_id}, cold: {_line(_timed(style_id, sources, cites))}")
            print(f"{style_id}, again in the same process: {_line(_timed(style_id, sources, cites))}")
        subprocess.run([sys.executable, __file__, "--kept"], check=True)


if __name__ == "__main__":
    main()
