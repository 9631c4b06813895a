"""Briefgen's commands timed beside their reference commands, run alternately in the same measurement.

    .venv/bin/python bench/bench_commands.py [--repeat N]

Each row is the median wall time of N runs of a whole command (a fresh process,
as an analyst or a script runs it) and of its reference: a bare ``python -c pass``
for start-up, ``bench/floor_sample.py`` (python-docx and reportlab alone) for
building the sample, and pandoc on the same Markdown where pandoc is installed.
The two are run in turns, so a busy machine slows both alike; the ratio is the
figure to watch. Prints a Markdown table (the README's benchmark section).
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "bench"))

from bytecode import compile_app  # noqa: E402  (found through the line above)

PYTHON = sys.executable
BRIEFGEN = str(Path(PYTHON).with_name("briefgen"))
SAMPLE = ROOT / "seeds" / "sample.brief"
TEXT = ROOT / "seeds" / "peregraf-iraq-russian-recruitment.txt"


def seconds(command: Sequence[str]) -> float:
    started = time.perf_counter()
    subprocess.run(command, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return time.perf_counter() - started


def side_by_side(ours: Sequence[str], reference: Sequence[str], repeat: int) -> tuple[float, float]:
    """Medians of ``ours`` and ``reference``, run in turns after one warm-up run of each."""
    seconds(ours)
    seconds(reference)
    mine, theirs = [], []
    for _ in range(repeat):
        mine.append(seconds(ours))
        theirs.append(seconds(reference))
    return statistics.median(mine), statistics.median(theirs)


def large_docx(out: Path, repeat: int) -> tuple[float, float]:
    """A synthetic brief of 100 sources × 5 sections to DOCX, beside pandoc turning its Markdown into DOCX."""
    sys.path.insert(0, str(ROOT))
    sys.path.insert(0, str(ROOT / "bench"))
    from bench_build import synthetic_sources

    from app.brief.project_file import save_project
    from app.brief.select import project_from_sources

    (out / "large").mkdir()
    project = out / "large.brief"
    save_project(project_from_sources(synthetic_sources(out / "large"), title="Large brief"), project)
    build = [BRIEFGEN, "build", str(project), "-o", str(out), "--name", "large", "--format"]
    subprocess.run([*build, "md"], check=True, stdout=subprocess.DEVNULL)
    pandoc = ["pandoc", str(out / "large.md"), "-o", str(out / "pandoc-large.docx")]
    return side_by_side([*build, "docx"], pandoc, repeat)


def main() -> int:
    compile_app()
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--repeat", type=int, default=5)
    repeat = parser.parse_args().repeat
    bare = [PYTHON, "-c", "pass"]
    rows: list[tuple[str, str, float, float]] = []
    with tempfile.TemporaryDirectory() as folder:
        out = Path(folder)
        rows.append(("`briefgen --help`", "`python -c pass`", *side_by_side([BRIEFGEN, "--help"], bare, repeat)))
        rows.append(("`briefgen templates`", "`python -c pass`", *side_by_side([BRIEFGEN, "templates"], bare, repeat)))
        floor = [PYTHON, str(ROOT / "bench" / "floor_sample.py"), folder]
        build = [BRIEFGEN, "build", str(SAMPLE), "--format", "docx,pdf", "-o", folder, "--name", "sample"]
        both = side_by_side(build, floor, repeat)
        rows.append(("`briefgen build` sample, DOCX + PDF", "python-docx + reportlab alone", *both))
        if shutil.which("pandoc"):
            markdown = out / "sample.md"
            subprocess.run(
                [BRIEFGEN, "build", str(SAMPLE), "--format", "md", "-o", folder, "--name", "sample"], check=True
            )
            pandoc = ["pandoc", str(markdown), "-o", str(out / "pandoc.docx")]
            docx = [BRIEFGEN, "build", str(SAMPLE), "--format", "docx", "-o", folder, "--name", "sample"]
            rows.append(("`briefgen build` sample, DOCX", "pandoc, same Markdown", *side_by_side(docx, pandoc, repeat)))
        if shutil.which("pandoc"):
            rows.append(("`briefgen build` 100 × 5 sections, DOCX", "pandoc, same Markdown", *large_docx(out, repeat)))
        inspect = [BRIEFGEN, "inspect", str(TEXT)]
        rows.append(("`briefgen inspect` a text file", "`python -c pass`", *side_by_side(inspect, bare, repeat)))
    print("| command | reference | Briefgen | reference | ratio |\n| --- | --- | --- | --- | --- |")
    for name, reference, mine, theirs in rows:
        print(f"| {name} | {reference} | {mine:.2f} s | {theirs:.2f} s | {mine / theirs:.1f}× |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
