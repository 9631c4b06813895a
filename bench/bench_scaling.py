"""Print how the steps that were once quadratic, and the large-input reads and renders, grow with their input.

Run: .venv/bin/python bench/bench_scaling.py

Each step runs at a size n and at 4n (median of 3); the ratio of the times is
about 4 for linear work and 16 for quadratic.  The tests drive the same inputs
for their results; how long they take is measured here, not asserted there.
"""

from __future__ import annotations

import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from app.core.document import Document, DocumentMeta, Paragraph, Run
from app.core.style import Style
from app.ingest import ingest, ingest_many_bounded
from app.ingest.mojibake import oddities
from app.ingest.readers.pdf_layout import Line, join_lines, learn_layout, remove_page_furniture, to_blocks
from app.ingest.sections import Block, build_sections
from app.render.pdf.writer import render_pdf
from tests.ingest.fixtures import write_big_html, write_flowing_pdf
from tests.sample_document import make_sample_document

ARABIC = "قال Hussein Allawi إن 5,000 عراقي انضموا إلى الجيش الروسي خلال العام الماضي، وفق مصادر رسمية. " * 4


def median_seconds(work: Callable[[], object], repeat: int = 3) -> float:
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        work()
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def steps(folder: Path) -> dict[str, Callable[[int], Callable[[], object]]]:
    """Name → a function of the size giving the work to time (inputs are built outside the timing)."""

    def headings(n: int) -> Callable[[], object]:
        blocks = [Block("Same", heading_level=1), Block("text")] * n
        return lambda: build_sections(blocks)

    def wrapped(n: int) -> Callable[[], object]:
        lines = ["x" * 99 + "-"] * n
        return lambda: join_lines(lines)

    def furniture(n: int) -> Callable[[], object]:
        pages = [[Line("Hello world again", page, 72, 700, 10)] * n for page in (1, 2, 3)]
        return lambda: remove_page_furniture(pages)

    def paragraph(n: int) -> Callable[[], object]:
        lines = [Line("Hello world again.", 1, 72, 800 - k * 12, 10) for k in range(n)]
        layout = learn_layout(lines)
        return lambda: to_blocks(lines, layout)

    def mojibake(n: int) -> Callable[[], object]:
        word = "é¡\u200e" * n
        return lambda: oddities(word)

    def flowing_pdf(n: int) -> Callable[[], object]:
        path = write_flowing_pdf(folder / f"flowing-{n}.pdf", chapters=n)
        return lambda: ingest(path)

    def big_html(n: int) -> Callable[[], object]:
        path = write_big_html(folder / f"big-{n}.html", sections=n)
        return lambda: ingest(path)

    def text_sources(n: int) -> Callable[[], object]:
        paragraph = "Officials in Baghdad said the committee would meet again next week to review the measures. "
        files = []
        for k in range(n):
            path = folder / f"text-{n}-{k}.txt"
            path.write_text(f"Source {k}\n\n{paragraph * 8}\n\nSecond Part\n\n{paragraph * 6}\n", encoding="utf-8")
            files.append(str(path))
        return lambda: ingest_many_bounded(files)

    def brief_pdf(n: int) -> Callable[[], object]:
        document = make_sample_document(paragraphs=n)
        return lambda: render_pdf(document, Style())

    def arabic_pdf(n: int) -> Callable[[], object]:
        document = Document(DocumentMeta(title="T"), [Paragraph([Run(ARABIC)]) for _ in range(n)])
        return lambda: render_pdf(document, Style())

    return {
        "section ids, identical headings (10k blocks)": lambda k: headings(10_000 * k),
        "joining wrapped PDF lines (5k lines)": lambda k: wrapped(5_000 * k),
        "page furniture, one baseline (5k lines/page)": lambda k: furniture(5_000 * k),
        "one long PDF paragraph (12.5k lines)": lambda k: paragraph(12_500 * k),
        "mojibake score, long word (25k chars)": lambda k: mojibake(25_000 * k),
        "ingest flowing PDF (7 chapters, ~12 pages)": lambda k: flowing_pdf(7 * k),
        "ingest saved web page (50 sections)": lambda k: big_html(50 * k),
        "ingest text sources, worker processes (250)": lambda k: text_sources(250 * k),
        "PDF of a brief (50 paragraphs)": lambda k: brief_pdf(50 * k),
        "PDF of an Arabic brief (25 paragraphs)": lambda k: arabic_pdf(25 * k),
    }


def main() -> None:
    render_pdf(make_sample_document(paragraphs=1), Style())  # fonts registered, as in a running app
    with tempfile.TemporaryDirectory() as name:
        print(f"{'step':<46} {'n':>9} {'4n':>9} {'ratio':>6}")
        for step, at in steps(Path(name)).items():
            small, large = median_seconds(at(1)), median_seconds(at(4))
            print(f"{step:<46} {small * 1000:7.0f}ms {large * 1000:7.0f}ms {large / small:6.1f}")


if __name__ == "__main__":
    main()
