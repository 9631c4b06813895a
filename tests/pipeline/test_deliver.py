"""Export as the window does it: in a child process, both formats written, checks reported, failures whole."""

from __future__ import annotations

import pytest
from docx import Document as read_docx
from pypdf import PdfReader

from app.brief.select import project_from_sources
from app.core import bounded
from app.core.errors import TemplateError
from app.pipeline.jobs import deliver_bounded


@pytest.fixture(autouse=True)
def real_workers(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(bounded.INLINE_ENV, raising=False)


def test_both_formats_are_written_by_a_child_and_read_back(sample_source, tmp_path):
    project = project_from_sources([sample_source], ["judicial-warnings"], title="Delivered brief")
    written, notes = deliver_bounded(project, {sample_source.path: sample_source}, tmp_path, ["docx", "pdf"], "b")
    assert written == [tmp_path / "b.docx", tmp_path / "b.pdf"]
    assert any("Delivered brief" in p.text for p in read_docx(str(tmp_path / "b.docx")).paragraphs)
    assert "Delivered brief" in PdfReader(tmp_path / "b.pdf").pages[0].extract_text()
    assert all(isinstance(note, str) for note in notes)


def test_a_template_that_fails_writes_nothing_and_says_why(sample_source, tmp_path):
    project = project_from_sources([sample_source], title="x").model_copy(update={"template": "no-such-template"})
    with pytest.raises(TemplateError, match="unknown template 'no-such-template'"):
        deliver_bounded(project, {sample_source.path: sample_source}, tmp_path, ["docx", "pdf"], "b")
    assert list(tmp_path.iterdir()) == []
