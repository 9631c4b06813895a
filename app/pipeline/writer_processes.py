"""Writers that load in a process of their own while the brief is being built, then write beside each other.

Most of a ``briefgen build`` of a short brief is loading: python-docx, reportlab,
the fonts and a first layout took about as long as reading the sources and
building the brief.  Each format whose writer is slow to start
(``OutputFormat.starts_slowly``: DOCX and PDF) gets a worker process as soon
as the command has loaded the core the two share (this module's imports: the
models, the template catalogue, the markup parser), so the worker need not load
them again.  It loads its writer and writes a small brief, so fonts are
registered and its code is warm, while this process reads the sources and
builds the brief; the brief is then written there while this process runs its
checks.  Nothing is written to disk by a worker: the bytes come back and
``app.pipeline.export`` writes every file or none.  The PDF's worker also checks
which characters its fonts cannot draw (app/render/pdf/coverage.py): it has
them registered, and the check made this process load reportlab and the fonts
after the brief was built, which took longer than writing both formats.

A worker is bounded in time and memory like every other (app/core/bounded.py).
A warm-up that fails is ignored (one that kills its worker starts a fresh one):
writing the real brief then fails the same way, and that is the error reported.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Sequence
from typing import NamedTuple

from app.assemble.catalog import find_template
from app.core.bounded import WarmWorker
from app.core.document import PageLayout
from app.core.formats import BuiltBrief, output_format
from app.core.model import BriefProject
from app.parse.markup import parse_markup
from app.pipeline.export import render
from app.render.docx.cached_fields import fill_fields

#: A writer's time limit: generous, as writing a brief of thousands of passages is legitimate work.
WRITING_SECONDS = 600.0
#: What a writer warms up on: one of each kind of block the writers lay out most.
WARM_UP_MARKUP = """# Warming up

A paragraph with **bold**, *italic* and `code` text, and a link to <https://example.org>.

- A point
- Another point

> A quotation.

| Column | Column |
| --- | --- |
| cell | cell |
"""


class WriterProcesses:
    """One warm worker per slow-starting format asked for; ``render_all`` uses them and renders the rest here."""

    def __init__(self, formats: Sequence[str], template: str = "") -> None:
        self._workers: dict[str, WarmWorker] = {}
        for name in dict.fromkeys(formats):
            fmt = output_format(name)
            if fmt.starts_slowly:
                self._workers[name] = WarmWorker(f"writing the {fmt.label}", seconds=WRITING_SECONDS)
        for name, worker in self._workers.items():
            worker.begin(warm_up, self._job(name), name, template)
        self._begun: BuiltBrief | None = None
        #: What the PDF's fonts cannot draw, once ``render_all`` has collected it.
        self.font_warnings: list[str] = []

    @property
    def checks_fonts(self) -> bool:
        """Whether the PDF's worker checks the fonts (``font_warnings``), so the caller need not."""
        return "pdf" in self._workers

    def begin(self, brief: BuiltBrief) -> None:
        """Start writing ``brief`` in every worker, to be collected by ``render_all``; the caller may go on with
        other work meanwhile (the CLI runs the brief's checks)."""
        for worker in self._workers.values():
            with contextlib.suppress(Exception):  # a failed warm-up: the brief itself will say what is wrong
                worker.finish()
        # One job per worker: a second one sent while the first one's answer comes back would fill both pipes (a
        # long brief's PDF one way, the brief the other) and neither side would read.
        for name, worker in self._workers.items():
            worker.begin(self._job(name), brief, name)
        self._begun = brief

    def render_all(self, brief: BuiltBrief, formats: Sequence[str]) -> list[bytes]:
        """The bytes of ``brief`` in each format, in order: each slow starter in its worker while the others are
        rendered here.  Raises the first error of those rendered here, then of those rendered apart."""
        if self._begun is not brief:
            self.begin(brief)
        self._begun = None
        try:
            here = {name: render(brief, name) for name in formats if name not in self._workers}
            there = {name: worker.finish() for name, worker in self._workers.items()}
            if self.checks_fonts:
                written: WrittenPdf = there["pdf"]
                there["pdf"], self.font_warnings = written.data, written.font_warnings
                if self._side_by_side:
                    docx, nonce = there["docx"]
                    there["docx"] = fill_fields(docx, nonce, written.layout)
        except BaseException:
            self.close()
            raise
        return [here[name] if name in here else there[name] for name in formats]

    @property
    def _side_by_side(self) -> bool:
        """The DOCX and the PDF are written apart at once: the DOCX takes its fields' values from the PDF's layout
        when both are done, rather than lay the brief out a second time (app/render/docx/cached_fields.py)."""
        return "docx" in self._workers and "pdf" in self._workers

    def _job(self, name: str) -> Callable[[BuiltBrief, str], object]:
        if name == "pdf":
            return write_pdf_checked
        return write_deferred if name == "docx" and self._side_by_side else render

    def close(self) -> None:
        """End the workers (they also end when the program does)."""
        for worker in self._workers.values():
            worker.close()


def warm_up(job: Callable[[BuiltBrief, str], object], name: str, template: str = "") -> None:
    """Load the writer of format ``name`` and write a small brief with ``job`` (what the worker will write the
    brief with: beside the PDF's, the DOCX's lays nothing out) in the style of ``template`` (by default the default
    one), so that the fonts it registers and the code it runs are ready for the real brief."""
    style = find_template(template or BriefProject().template).style()
    job(BuiltBrief(WARM_UP_MARKUP, parse_markup(WARM_UP_MARKUP), style), name)


class WrittenPdf(NamedTuple):
    """What the PDF's worker sends back: the file, its layout (for a DOCX written beside it) and what its fonts
    cannot draw (it has them registered), in one answer."""

    data: bytes
    layout: PageLayout
    font_warnings: list[str]


def write_pdf_checked(brief: BuiltBrief, _name: str) -> WrittenPdf:
    """The PDF, its layout and its fonts' warnings (app.render.pdf.coverage)."""
    from app.render.pdf.coverage import coverage_warnings
    from app.render.pdf.writer import lay_out_pdf

    data, layout = lay_out_pdf(brief.document, brief.style)
    return WrittenPdf(data, layout, coverage_warnings(brief.document, brief.style))


def write_deferred(brief: BuiltBrief, _name: str) -> tuple[bytes, str]:
    """The DOCX with tokens for its fields' values (filled from the PDF's layout), and their nonce."""
    from app.render.docx.writer import write_docx_deferred

    return write_docx_deferred(brief)
