"""The last built brief is handed out again for an equal project, sources and template, and never when any of
them changed: the window's checks reuse the preview's build instead of building the brief a second time."""

from __future__ import annotations

import os
import pickle
import shutil
from pathlib import Path

import pytest

from app.assemble.catalog import find_template
from app.brief.select import project_from_sources
from app.core.model import BriefProject, Source
from app.pipeline import checks, last_build, preview
from app.pipeline.last_build import build_brief_once

TEMPLATES = Path(__file__).resolve().parents[2] / "templates"


@pytest.fixture
def counted_builds(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The titles of the briefs actually built (not handed out again)."""
    built: list[str] = []
    build = last_build.build_brief

    def counting(project, sources, template):  # type: ignore[no-untyped-def]
        built.append(project.meta.title)
        return build(project, sources, template)

    monkeypatch.setattr(last_build, "build_brief", counting)
    monkeypatch.setattr(last_build, "_last", None)
    return built


def as_a_job(project: BriefProject, sources: dict[str, Source]) -> tuple[BriefProject, dict[str, Source]]:
    """A fresh copy of both, as each job reaches the worker."""
    return pickle.loads(pickle.dumps((project, sources)))


def test_an_equal_copy_of_project_and_sources_gets_the_same_brief(sample_source: Source, counted_builds):
    project = project_from_sources([sample_source], title="Reused")
    template = find_template(project.template)
    first, second = (
        as_a_job(project, {sample_source.path: sample_source}),
        as_a_job(project, {sample_source.path: sample_source}),
    )
    built = build_brief_once(*first, template)
    assert build_brief_once(*second, template) is built
    assert counted_builds == ["Reused"]


def test_a_changed_title_or_source_builds_again(sample_source: Source, counted_builds):
    project = project_from_sources([sample_source], title="Before")
    template = find_template(project.template)
    build_brief_once(project, {sample_source.path: sample_source}, template)
    project.meta.title = "After"
    assert "After" in build_brief_once(project, {sample_source.path: sample_source}, template).markup
    lead, *rest = sample_source.sections
    changed = lead.model_copy(update={"paragraphs": ["A changed first paragraph of the lead."]})
    edited = sample_source.model_copy(update={"sections": [changed, *rest]})
    assert "A changed first paragraph" in build_brief_once(project, {sample_source.path: edited}, template).markup
    assert counted_builds == ["Before", "After", "After"]


def test_a_template_edited_on_disk_builds_again(sample_source: Source, tmp_path: Path, counted_builds):
    folder = tmp_path / "mine"
    shutil.copytree(TEMPLATES / "policy-brief", folder)
    project = project_from_sources([sample_source], title="Template edits")
    template = find_template(str(folder))
    build_brief_once(project, {sample_source.path: sample_source}, template)
    source_file = folder / "brief.md.j2"
    source_file.write_text(source_file.read_text(encoding="utf-8") + "\nAdded on disk.\n", encoding="utf-8")
    status = source_file.stat()
    os.utime(source_file, ns=(status.st_atime_ns, status.st_mtime_ns + 1_000_000_000))
    assert "Added on disk." in build_brief_once(project, {sample_source.path: sample_source}, template).markup
    assert len(counted_builds) == 2


def test_the_checks_after_a_preview_do_not_build_the_brief_again(sample_source: Source, counted_builds):
    project = project_from_sources([sample_source], title="Previewed then checked")
    sources = {sample_source.path: sample_source}
    shown = preview.build_preview(project, sources)
    problems = checks.checks_with_build(project, sources, find_template(project.template), {}, shown.page_count)
    assert counted_builds == ["Previewed then checked"]
    assert all("could not be built" not in problem.message for problem in problems)
