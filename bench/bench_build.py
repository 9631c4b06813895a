"""Print how long building a brief takes: the sample, and synthetic briefs of 100 and 500 sources × 5 sections.

Run: .venv/bin/python bench/bench_build.py [--repeat N]
Times are medians over N runs of the whole pipeline (assemble → parse → render)
for each format, and of writing alone (the Document built once, rendered to
that format), after one untimed run that reads the fonts and compiles the
template; each timed run first forgets the passages and paragraphs a build
remembers for the next preview (as exporting a brief this process has not
built before); peak memory is the Python heap peak of one run (tracemalloc)
and the process's maximum resident size at the end.  The last lines compare
500 × 5 with 100 × 5: about 5× is linear.
"""

from __future__ import annotations

import argparse
import resource
import statistics
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from app.assemble import informative, quotes
from app.assemble.catalog import find_template
from app.brief.select import project_from_sources
from app.core.model import Source
from app.core.paths import SEEDS_DIR
from app.ingest import ingest
from app.pipeline.build import build_brief
from app.pipeline.export import render
from app.render.pdf import paragraph

SAMPLE = SEEDS_DIR / "peregraf-iraq-russian-recruitment.txt"


def synthetic_sources(folder: Path, count: int = 100, sections: int = 5) -> list[Source]:
    """Sources shaped like the sample: a lead and headed sections of a few paragraphs each."""
    paragraph = SAMPLE.read_text(encoding="utf-8").splitlines()[1]
    sources = []
    for n in range(count):
        lines = [f"Outlet {n} — Lead paragraph of source {n}. {paragraph}"]
        for s in range(sections):
            lines += [
                f"Section {s + 1} Of Source {n}",
                paragraph,
                paragraph,
                f"“Quoted words number {s} here,” Smith said.",
            ]
        path = folder / f"source-{n:03}.txt"
        path.write_text("\n".join(lines), encoding="utf-8")
        sources.append(ingest(path))
    return sources


def forget_remembered() -> None:
    """Clear what building and laying out remember from brief to brief (app/assemble/informative.py, quotes.py,
    app/render/pdf/paragraph.py): a timed run is then an export of a brief never seen."""
    for remembered in (
        informative.sentences_of,
        informative.key_sentence,
        informative._passage_scripts,
        quotes.find_quotes,
        paragraph._paragraph_text,
    ):
        remembered.cache_clear()


def measure(name: str, sources: list[Source], repeat: int) -> dict[str, float]:
    """Print and return the medians of each format's whole pipeline and of its writing alone."""
    project = project_from_sources(sources, title=f"Benchmark: {name}")
    by_path = {s.path: s for s in sources}
    template = find_template("policy-brief")
    medians: dict[str, float] = {}
    for fmt in ("docx", "pdf"):
        render(build_brief(project, by_path, template), fmt)  # once untimed: fonts read, template compiled
        whole, writing = [], []
        for _ in range(repeat):
            forget_remembered()
            start = time.perf_counter()
            built = build_brief(project, by_path, template)
            built_at = time.perf_counter()
            data = render(built, fmt)
            whole.append(time.perf_counter() - start)
            writing.append(time.perf_counter() - built_at)
        tracemalloc.start()
        render(build_brief(project, by_path, template), fmt)
        peak = tracemalloc.get_traced_memory()[1]
        tracemalloc.stop()
        medians[fmt], medians[f"{fmt} writing"] = statistics.median(whole), statistics.median(writing)
        writing_ms = medians[f"{fmt} writing"] * 1000
        print(
            f"{name:<28} {fmt:<5} median {medians[fmt] * 1000:8.1f} ms, writing {writing_ms:8.1f} ms"
            f"  (n={repeat})  {len(data) / 1024:7.0f} KiB  heap peak {peak / 1048576:6.1f} MiB"
        )
    return medians


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    measure("sample (1 source)", [ingest(SAMPLE)], args.repeat)
    sizes: dict[int, dict[str, float]] = {}
    for count in (100, 500):
        with tempfile.TemporaryDirectory() as folder:
            start = time.perf_counter()
            sources = synthetic_sources(Path(folder), count)
            print(f"ingest {count} synthetic sources: {(time.perf_counter() - start) * 1000:.0f} ms")
            sizes[count] = measure(f"synthetic ({count} × 5 sections)", sources, max(1, args.repeat // 2))
    for key, small in sizes[100].items():
        print(f"500 × 5 / 100 × 5, {key:<12} {sizes[500][key] / small:5.1f}×")
    print(f"max resident size: {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MiB")


if __name__ == "__main__":
    main()
