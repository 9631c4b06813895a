"""How long finding repeated passages takes as sources grow, against comparing every pair of paragraphs.

    .venv/bin/python bench/bench_repeats.py [SOURCES]

Builds SOURCES synthetic sources (default 1,000) of 30 paragraphs of 60 words
each, with one wire story carried by one source in a hundred, and times
``app.pipeline.repeats.section_repeats`` on them. The reference is what
comparing every pair with rapidfuzz would cost: the time of a sample of pair
comparisons, scaled to all pairs. It prints both and their ratio.
"""

from __future__ import annotations

import random
import sys
import time

from rapidfuzz import fuzz

from app.core.model import Section, Source
from app.pipeline.repeats import section_repeats

WIRE = (
    "Iraq's National Security Advisor chaired a meeting on Sunday to curb the recruitment of Iraqi citizens into "
    "the Russian army, and the committee agreed to prosecute the travel agencies that arranged their journeys."
)
PARAGRAPHS, WORDS, SAMPLE_PAIRS = 30, 60, 20_000


def make_sources(count: int) -> list[Source]:
    rng = random.Random(12)
    vocabulary = [f"w{n}" for n in range(30_000)]
    sources = []
    for n in range(count):
        paragraphs = [" ".join(rng.choices(vocabulary, k=WORDS)) + "." for _ in range(PARAGRAPHS)]
        if n % 100 == 0:
            paragraphs[3] = WIRE
        sections = [
            Section(id=f"s{k}", heading=f"Part {k}", paragraphs=paragraphs[k * 5 : k * 5 + 5]) for k in range(6)
        ]
        sources.append(
            Source(path=f"/bench/source-{n}.txt", title=f"Source {n}", sha256=f"{n:064x}", sections=sections)
        )
    return sources


def main() -> int:
    count = int(sys.argv[1]) if len(sys.argv) > 1 else 1000
    sources = make_sources(count)
    started = time.perf_counter()
    found = section_repeats(sources)
    ours = time.perf_counter() - started
    paragraphs = [p for s in sources for p in s.paragraphs]
    rng = random.Random(3)
    started = time.perf_counter()
    for _ in range(SAMPLE_PAIRS):
        a, b = rng.sample(paragraphs, 2)
        fuzz.partial_ratio(a, b, score_cutoff=85)
    per_pair = (time.perf_counter() - started) / SAMPLE_PAIRS
    pairs = len(paragraphs) * (len(paragraphs) - 1) // 2
    every_pair = per_pair * pairs
    print(f"{count} sources, {len(paragraphs):,} paragraphs, {len(found)} sections found repeated")
    print(f"  section_repeats:                 {ours:8.2f} s")
    print(f"  every pair with rapidfuzz (est.): {every_pair:8.0f} s  ({pairs:,} pairs at {per_pair * 1e6:.1f} µs)")
    print(f"  ratio: {every_pair / ours:,.0f}× faster than comparing every pair")
    return 0


if __name__ == "__main__":
    sys.exit(main())
