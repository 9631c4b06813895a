"""Assembly with the policy-brief template: structure, quotes, escaping and template errors."""

from __future__ import annotations

from pathlib import Path

import pytest

from app.assemble.catalog import TemplateInfo, find_template
from app.assemble.context import build_context
from app.assemble.quotes import find_quotes
from app.assemble.sandbox import escape_markdown
from app.assemble.templating import render_template_text
from app.brief.select import project_from_sources
from app.core.document import Paragraph, iter_blocks, plain_text
from app.core.errors import TemplateError
from app.core.model import BriefMeta, BriefProject, SectionItem
from app.parse.markup import parse_markup
from tests.conftest import SAMPLE_HEADINGS


def _assemble(project, source):
    return render_template_text(find_template("policy-brief"), build_context(project, {source.path: source}))


def test_policy_brief_structure(sample_source):
    markup = _assemble(project_from_sources([sample_source], author="A. Analyst", recipient="Desk"), sample_source)
    order = [markup.index(h) for h in ["# Key points", "# Background", "# Discussion", "# Key quotes", "# Sources"]]
    assert order == sorted(order)
    positions = [markup.index(f"## {h}") for h in SAMPLE_HEADINGS]
    assert positions == sorted(positions)
    assert "**Bottom line up front.** Iraqi National Security Advisor" in markup
    assert "For: Desk" in markup


def test_summary_used_when_given(sample_source):
    project = project_from_sources([sample_source], summary="Baghdad acts.")
    assert "**Bottom line up front.** Baghdad acts\\." in _assemble(project, sample_source)


def test_every_body_paragraph_is_cited(sample_source):
    markup = _assemble(project_from_sources([sample_source]), sample_source)
    body = markup.split("# Discussion")[1].split("# Key quotes")[0]
    paragraphs = [p for p in body.split("\n\n") if p.strip() and not p.startswith(("#", ":::"))]
    assert paragraphs and all(p.rstrip().endswith("[@1]") for p in paragraphs)


def test_allawi_quote_with_speaker():
    quote = "Fewer than 5,000 Iraqis have joined the ranks of the Russian army"
    text = f"“{quote},” Allawi said. Hussein Allawi is an adviser."
    assert list(find_quotes(text)) == [(quote, "Hussein Allawi")]
    assert list(find_quotes("Smith said: “We will not accept this under any circumstances.”")) == [
        ("We will not accept this under any circumstances.", "Smith")
    ]
    assert list(find_quotes('a "Diwani Order" committee')) == []


def test_key_quotes_section(sample_source):
    markup = _assemble(project_from_sources([sample_source]), sample_source)
    quotes = markup.split("# Key quotes")[1]
    assert "Fewer than 5,000 Iraqis have joined the ranks of the Russian army" in quotes
    assert "Hussein Allawi" in quotes


def test_markup_characters_in_sources_come_out_literally(sample_source):
    hostile = "Stars *a* _b_ # c <script>x</script> [link](http://e.org) `tick` ::: note & \\ end 1."
    project = BriefProject(
        meta=BriefMeta(title="T *x* #", summary=f"Summary: {hostile.replace('end 1.', 'finish.')}"),
        items=[SectionItem(source=sample_source.path, section_id="lead", text=hostile, note=hostile)],
    )
    document = parse_markup(_assemble(project, sample_source))
    texts = [plain_text(b.inlines) for b in iter_blocks(document.blocks) if isinstance(b, Paragraph)]
    assert any(hostile in t for t in texts)
    assert "T *x* #" in texts
    assert sum(hostile in t for t in texts) == 3  # key point, passage, note
    assert any(f"Summary: {hostile.replace('end 1.', 'finish.')}" in t for t in texts)


def test_escape_keeps_paragraphs():
    assert escape_markdown("a*b\n\n  c") == "a\\*b\n\nc"


def _broken_template(tmp_path: Path, body: str) -> TemplateInfo:
    folder = tmp_path / "broken"
    folder.mkdir()
    (folder / "brief.md.j2").write_text(body, encoding="utf-8")
    return find_template(str(folder))


def test_syntax_error_names_file_and_line(tmp_path: Path, sample_source):
    info = _broken_template(tmp_path, "line one\n{% for x in items %}\n{{ x.heading }\n")
    with pytest.raises(TemplateError) as err:
        render_template_text(
            info, build_context(project_from_sources([sample_source]), {sample_source.path: sample_source})
        )
    assert err.value.lineno == 3
    assert "brief.md.j2" in str(err.value)


def test_undefined_variable_names_line(tmp_path: Path, sample_source):
    info = _broken_template(tmp_path, "ok\n\n{{ no_such_thing }}\n")
    with pytest.raises(TemplateError) as err:
        render_template_text(
            info, build_context(project_from_sources([sample_source]), {sample_source.path: sample_source})
        )
    assert "no_such_thing" in str(err.value)
    assert err.value.lineno == 3


def test_sandbox_blocks_attribute_walks(tmp_path: Path, sample_source):
    info = _broken_template(tmp_path, "{{ cite.__globals__ }}\n")
    with pytest.raises(TemplateError):
        render_template_text(
            info, build_context(project_from_sources([sample_source]), {sample_source.path: sample_source})
        )


def test_unknown_template():
    with pytest.raises(TemplateError, match="unknown template 'nope'"):
        find_template("nope")


def test_blank_details_leave_no_dangling_separators(sample_source):
    project = project_from_sources([sample_source], author="   ", organisation="", recipient=" ", date="1 May 2026")
    markup = _assemble(project, sample_source)
    meta_line = markup.split("::: meta\n")[1].split("\n")[0]
    assert meta_line == "1 May 2026"


@pytest.mark.parametrize(
    ("address", "links"),
    [
        ("https://ledger.example/2026/recruitment?id=4&p=2", True),
        ("HTTP://LEDGER.EXAMPLE/", True),
        ("javascript:alert(1)", False),
        ("file:///etc/passwd", False),
        ("https://ledger.example/a>b", False),
        ("https://ledger.example/a b", False),
        ("not an address", False),
    ],
)
def test_web_link_makes_a_link_of_a_web_address_and_text_of_anything_else(
    tmp_path: Path, sample_source, address: str, links: bool
):
    """What a template writes with ``web_link`` parses as a link to that address, or as its characters."""
    info = _broken_template(tmp_path, f"See {{{{ {address!r} | web_link }}}} now.\n")
    context = build_context(project_from_sources([sample_source]), {sample_source.path: sample_source})
    document = parse_markup(render_template_text(info, context))
    runs = [i for b in iter_blocks(document.blocks) if isinstance(b, Paragraph) for i in b.inlines]
    assert [run.href for run in runs if getattr(run, "href", None)] == ([address] if links else [])
    assert plain_text(runs) == f"See {address} now."
