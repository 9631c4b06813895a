"""Limits scale with the brief: a large brief builds, and a template that writes far more than its brief is stopped
with a message that says so."""

from __future__ import annotations

from pathlib import Path

import pytest

from app.assemble import limits
from app.assemble.catalog import find_template
from app.assemble.context import build_context
from app.assemble.worker import render_template_bounded
from app.core import bounded
from app.core.errors import TemplateError
from app.core.model import BriefProject, Section, SectionItem, Source
from app.pipeline.build import build_brief

PARAGRAPH = (
    "Officials said on Tuesday that the new measures would be applied across every province, "
    "and that courts had been told to treat recruitment cases as a priority. “We will not accept "
    "this under any circumstances,” Allawi said, adding that the committee would report within a month."
)


@pytest.fixture(autouse=True)
def real_children(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(bounded.INLINE_ENV, raising=False)


def _brief(sources: int, sections: int, paragraphs: int) -> tuple[BriefProject, dict[str, Source]]:
    """``sources`` sources of ``sections`` sections each, every section chosen, built from the model directly."""
    loaded: dict[str, Source] = {}
    items: list[SectionItem] = []
    for s in range(sources):
        source = Source(
            path=f"/briefs/source-{s}.txt",
            title=f"Source {s}",
            outlet="Wire",
            sections=[
                Section(id=f"s{j}", heading=f"Heading {s}.{j}", paragraphs=[PARAGRAPH] * paragraphs)
                for j in range(sections)
            ],
        )
        loaded[source.path] = source
        items += [SectionItem(source=source.path, section_id=f"s{j}") for j in range(sections)]
    return BriefProject(items=items), loaded


def test_a_brief_of_500_sources_of_5_sections_builds():
    project, sources = _brief(500, 5, 2)
    brief = build_brief(project, sources, find_template("policy-brief"))
    assert len(brief.markup) > 2_000_000
    assert brief.markup.count("\n## Heading ") == 2500


@pytest.mark.parametrize(
    "paragraphs",
    [[PARAGRAPH] * (10_000_000 // len(PARAGRAPH)), [f"Paragraph {i} of a long report." for i in range(200_000)]],
    ids=["10-MB-source", "200k-paragraphs"],
)
def test_a_huge_source_renders(paragraphs: list[str]):
    source = Source(
        path="/briefs/huge.txt", title="Huge", sections=[Section(id="lead", heading="", paragraphs=paragraphs)]
    )
    context = build_context(
        BriefProject(items=[SectionItem(source=source.path, section_id="lead")]), {source.path: source}
    )
    markup = render_template_bounded(find_template("policy-brief"), context)
    assert len(markup) > sum(map(len, paragraphs))


def test_a_template_writing_far_more_than_its_brief_is_stopped_naming_the_cause(tmp_path: Path):
    folder = tmp_path / "echo"
    folder.mkdir()
    (folder / "brief.md.j2").write_text(
        "{% for i in range(20) %}{% for item in items %}{{ item.text }}\n{% endfor %}{% endfor %}", encoding="utf-8"
    )
    project, sources = _brief(100, 5, 2)
    context = build_context(project, sources)
    with pytest.raises(TemplateError) as error:
        render_template_bounded(find_template(str(folder)), context)
    message = str(error.value)
    assert message.startswith(str(folder / "brief.md.j2"))
    assert f"{context.text_size():,} characters of text" in message and "\n" not in message


def test_the_limits_grow_with_the_brief():
    small, large = limits.Limits(1_000), limits.Limits(10_000_000)
    assert small.max_size >= 2_000_000 and large.max_size >= 10 * 10_000_000
    assert small.seconds == pytest.approx(limits.MAX_SECONDS, abs=0.01) and large.seconds > small.seconds
    assert large.memory_bytes > small.memory_bytes
