"""Writers in processes of their own: the same files as writing here, and their failures reported as before."""

from __future__ import annotations

import io
import pickle
from pathlib import Path

import pytest
from docx import Document as open_docx
from pypdf import PdfReader

from app.assemble.catalog import find_template
from app.brief.select import project_from_sources
from app.core import bounded
from app.core.errors import StyleError
from app.core.formats import BuiltBrief
from app.pipeline.build import build_brief
from app.pipeline.export import export, render
from app.pipeline.writer_processes import WriterProcesses


@pytest.fixture(autouse=True)
def _real_processes(monkeypatch):
    monkeypatch.delenv(bounded.INLINE_ENV, raising=False)


@pytest.fixture
def brief(sample_source) -> BuiltBrief:
    project = project_from_sources([sample_source])
    return build_brief(project, {sample_source.path: sample_source}, find_template("policy-brief"))


def docx_text(data: bytes) -> list[str]:
    return [paragraph.text for paragraph in open_docx(io.BytesIO(data)).paragraphs]


def pdf_text(data: bytes) -> list[str]:
    return [page.extract_text() for page in PdfReader(io.BytesIO(data)).pages]


def test_the_writers_apart_write_what_writing_here_writes(brief: BuiltBrief):
    writers = WriterProcesses(["docx", "pdf", "md"])
    try:
        docx, pdf, markup = writers.render_all(brief, ["docx", "pdf", "md"])
    finally:
        writers.close()
    assert docx_text(docx) == docx_text(render(brief, "docx"))
    assert pdf_text(pdf) == pdf_text(render(brief, "pdf"))
    assert markup == render(brief, "md")


def test_a_writer_that_failed_to_warm_up_still_writes_the_brief(brief: BuiltBrief, tmp_path: Path):
    writers = WriterProcesses(["pdf"], template="no-such-template")  # its warm-up fails: unknown template
    try:
        [(_done, _total, path)] = list(export(brief, tmp_path, ["pdf"], "brief", writers.render_all))
    finally:
        writers.close()
    assert pdf_text(path.read_bytes()) == pdf_text(render(brief, "pdf"))


def test_a_brief_a_writer_apart_cannot_write_is_reported_and_nothing_is_written(brief: BuiltBrief, tmp_path: Path):
    fonts = brief.style.fonts.model_copy(update={"body": "No Such Family"})
    unwritable = brief._replace(style=brief.style.model_copy(update={"fonts": fonts}))
    writers = WriterProcesses(["docx", "pdf"])
    try:
        with pytest.raises(StyleError, match="No Such Family"):
            list(export(unwritable, tmp_path, ["docx", "pdf"], "brief", writers.render_all))
    finally:
        writers.close()
    assert list(tmp_path.iterdir()) == []


def test_a_docx_written_beside_the_pdf_takes_the_pdf_s_layout_into_its_fields(sample_source, monkeypatch):
    """Written apart at the same time, the DOCX fills its cached page numbers from the PDF's layout: the file is
    the one written here with that layout, to the byte, and holds no token."""
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1767225600")
    project = project_from_sources([sample_source])
    report = build_brief(project, {sample_source.path: sample_source}, find_template("report"))
    writers = WriterProcesses(["docx", "pdf"])
    try:
        docx, pdf = writers.render_all(report, ["docx", "pdf"])
    finally:
        writers.close()
    from app.render.docx.writer import render_docx
    from app.render.pdf.writer import lay_out_pdf

    here_pdf, layout = lay_out_pdf(report.document, report.style)
    assert pdf == here_pdf
    assert docx == render_docx(report.document, report.style, layout)
    assert "\ue000".encode() not in docx
    assert layout.pages > 3 and len(layout.heading_pages) > 5


def test_fill_fields_changes_only_the_tokens():
    import zipfile

    from app.core.document import PageLayout
    from app.render.docx.cached_fields import Deferred, fill_fields

    fields = Deferred()
    package = io.BytesIO()
    with zipfile.ZipFile(package, "w") as target:
        target.writestr("word/document.xml", f"<p>{fields.heading_page(0)} of {fields.pages}</p>".encode())
        target.writestr("word/media/image1.png", b"\x89PNG \xee\x80\x80 not a token")
        target.writestr("word/other.xml", f"<p>\ue000{'0' * 16}:p\ue001</p>".encode())  # another nonce
    filled = fill_fields(package.getvalue(), fields.nonce, PageLayout(7, {0: 3}))
    with zipfile.ZipFile(io.BytesIO(filled)) as result:
        assert result.read("word/document.xml") == b"<p>3 of 7</p>"
        assert result.read("word/media/image1.png") == b"\x89PNG \xee\x80\x80 not a token"
        assert result.read("word/other.xml") == f"<p>\ue000{'0' * 16}:p\ue001</p>".encode()


@pytest.mark.timeout(120)
def test_a_long_brief_is_written_by_both_workers_without_either_waiting_on_the_other(tmp_path: Path):
    """The PDF's worker gets one job: a second one (its font check) sent while the first one's answer came back
    filled both pipes with a long brief, and the command hung."""
    from app.ingest import ingest

    paragraph = "Officials said the committee would meet again next week to review the measures. " * 60
    sources = []
    for n in range(40):
        path = tmp_path / f"s{n:02}.txt"
        path.write_text(f"Source {n} Headline\n\n{paragraph}\n\nPart Two\n\n{paragraph}\n", encoding="utf-8")
        sources.append(ingest(path))
    brief = build_brief(project_from_sources(sources), {s.path: s for s in sources}, find_template("policy-brief"))
    assert len(pickle.dumps(brief)) > 1 << 19  # more than a pipe's (a socket pair's) buffers hold
    writers = WriterProcesses(["docx", "pdf"])
    try:
        docx, pdf = writers.render_all(brief, ["docx", "pdf"])
    finally:
        writers.close()
    pages = len(PdfReader(io.BytesIO(pdf)).pages)
    assert pages > 10 and f"Page 1 of {pages}".encode() not in docx  # the page count is in a field …
    assert "Source 39 Headline" in "\n".join(docx_text(docx))
