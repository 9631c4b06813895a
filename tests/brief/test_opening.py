"""Opening a brief: the project file with its sources read, missing sources reported rather than fatal."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from app.brief.opening import open_project, read_sources
from app.brief.project_file import save_project
from app.core.errors import ProjectError
from app.core.model import BriefMeta, BriefProject, SectionItem
from tests.conftest import SAMPLE

NOTES = "# Notes\n\nIntro.\n\n## Gone\n\nSoon deleted.\n"


def _case(folder: Path) -> tuple[Path, Path, Path]:
    """A case folder holding a .brief and two sources beside it; the paths of all three."""
    sources = folder / "sources"
    sources.mkdir(parents=True)
    article = sources / "article.txt"
    shutil.copy(SAMPLE, article)
    notes = sources / "notes.md"
    notes.write_text(NOTES, encoding="utf-8")
    project = BriefProject(
        meta=BriefMeta(title="Recruitment brief"),
        sources=[str(article), str(notes)],
        items=[
            SectionItem(source=str(article), section_id="judicial-warnings"),
            SectionItem(source=str(notes), section_id="gone", note="Check."),
        ],
    )
    brief = folder / "case.brief"
    save_project(project, brief)
    return brief, article, notes


def test_a_project_opens_with_every_source_read(tmp_path: Path):
    brief, article, notes = _case(tmp_path / "case")
    opened = open_project(brief)
    assert opened.errors == []
    assert opened.path == brief.resolve()
    assert [s.path for s in opened.sources] == [str(article.resolve()), str(notes.resolve())]
    assert [item.note for item in opened.project.items] == ["", "Check."]
    by_path = opened.sources_by_path()
    for item in opened.project.items:  # every item finds its source and section
        assert by_path[item.source].section(item.section_id) is not None


def test_a_moved_case_folder_still_finds_its_sources(tmp_path: Path):
    brief, _, _ = _case(tmp_path / "case")
    moved = tmp_path / "elsewhere"
    shutil.move(tmp_path / "case", moved)
    opened = open_project(moved / brief.name)
    assert opened.errors == []
    assert [Path(s.path).parent for s in opened.sources] == [(moved / "sources").resolve()] * 2


def test_a_relative_path_gives_an_absolute_project_path(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    brief, _, _ = _case(tmp_path / "case")
    monkeypatch.chdir(brief.parent)
    opened = open_project(brief.name)
    assert opened.path == brief.resolve() and opened.path.is_absolute()
    assert len(opened.sources) == 2


def test_a_missing_source_is_reported_and_the_brief_still_opens(tmp_path: Path):
    brief, article, notes = _case(tmp_path / "case")
    notes.unlink()
    opened = open_project(brief)
    assert [s.path for s in opened.sources] == [str(article.resolve())]
    assert [(e.path, e.reason) for e in opened.errors] == [(str(notes.resolve()), "file not found")]
    assert len(opened.project.items) == 2  # the item from the missing source stays in the brief
    assert opened.project.sources == [str(article.resolve()), str(notes.resolve())]


def test_an_unreadable_source_is_reported_with_the_rest_read(tmp_path: Path):
    brief, article, notes = _case(tmp_path / "case")
    notes.write_bytes(b"")
    opened = open_project(brief)
    assert [s.path for s in opened.sources] == [str(article.resolve())]
    assert [e.path for e in opened.errors] == [str(notes.resolve())]


def test_a_broken_project_file_is_an_error(tmp_path: Path):
    broken = tmp_path / "broken.brief"
    broken.write_text("{ not json", encoding="utf-8")
    with pytest.raises(ProjectError, match="not a Briefgen project"):
        open_project(broken)
    with pytest.raises(ProjectError, match="project file not found"):
        open_project(tmp_path / "missing.brief")


def test_reading_the_sources_of_a_recovered_brief_that_was_never_saved():
    project = BriefProject(sources=[str(SAMPLE)], items=[SectionItem(source=str(SAMPLE), section_id="lead")])
    opened = read_sources(project)
    assert opened.path is None and opened.errors == []
    assert opened.project is project
    assert [s.path for s in opened.sources] == [str(SAMPLE)]


def test_read_sources_makes_the_project_path_absolute(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    monkeypatch.chdir(tmp_path)
    opened = read_sources(BriefProject(), Path("later.brief"))
    assert opened.path == Path(os.getcwd()).resolve() / "later.brief"
    assert opened.sources == [] and opened.errors == []


def test_the_analyst_s_corrections_to_a_source_are_saved_and_given_to_every_reader_of_the_brief(tmp_path: Path):
    from app.brief.edit import add_source, set_source_details
    from app.brief.project_file import load_project
    from app.cli.main import main
    from app.core.model import SourceDetails
    from app.ingest import ingest

    brief, article, _notes = _case(tmp_path)
    project = load_project(brief)
    as_read = ingest(article)
    fixed = SourceDetails(title="Iraq moves to curb recruitment", outlet="Asharq Al-Awsat", date="2026-01-05")
    assert set_source_details(project, str(article), fixed) == SourceDetails()
    project.items = [SectionItem(source=str(article), section_id=as_read.sections[1].id)]
    save_project(project, brief)

    opened = open_project(brief)
    source = opened.sources_by_path()[str(article)]
    assert (source.title, source.outlet, source.date) == (fixed.title, fixed.outlet, fixed.date)
    assert source.author == as_read.author and source.sections == as_read.sections  # the rest as read

    out = tmp_path / "out"
    assert main(["build", str(brief), "--format", "html", "-o", str(out), "--name", "b"]) == 0
    html = (out / "b.html").read_text(encoding="utf-8")
    assert "Iraq moves to curb recruitment" in html and "Asharq Al-Awsat" in html

    # A file changed since keeps the analyst's corrections with its new fingerprint.
    article.write_text(article.read_text(encoding="utf-8") + "\n\nA late paragraph.\n", encoding="utf-8")
    project = opened.project
    del project.sources[0]
    add_source(project, ingest(article), 0)
    assert project.record(str(article)).details == fixed


def test_corrections_from_a_shared_project_reach_the_brief_without_control_characters(tmp_path: Path):
    from app.brief.edit import set_source_details
    from app.brief.project_file import load_project
    from app.core.model import SourceDetails

    brief, article, _notes = _case(tmp_path)
    project = load_project(brief)
    hostile = SourceDetails(title="Evil\x00\x1b[31m title\n  on two lines", outlet="  ")
    set_source_details(project, str(article), hostile)
    save_project(project, brief)
    source = open_project(brief).sources_by_path()[str(article)]
    assert source.title == "Evil title on two lines"
    assert source.outlet == ingest_outlet(article)  # a blank correction keeps what the file says


def ingest_outlet(path: Path) -> str:
    from app.ingest import ingest

    return ingest(path).outlet
