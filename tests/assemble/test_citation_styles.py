"""CSL citation styles (app/assemble/citation_styles.py): entries, in-text labels and notes as the styles print
them, escaped for Markdown; a template naming a style gets a sources list of CSL-formatted entries."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from app.assemble import citation_styles, csl_engine
from app.assemble.catalog import find_template
from app.assemble.citation_styles import (
    Cite,
    SourceFacts,
    bibliography_order,
    citation_style,
    csl_item,
    format_citations,
    parse_date,
    parse_locator,
    parse_names,
    reference,
    style_ids,
)
from app.assemble.context import build_context
from app.core.document import Citation, Paragraph, Run
from app.core.errors import CitationStyleError, StyleError
from app.core.formats import BuiltBrief
from app.core.model import BriefMeta, BriefProject, Section, SectionItem, Source, SourceRecord
from app.core.paths import TEMPLATES_DIR
from app.core.style import style_from_dict
from app.parse.markup import parse_markup
from app.pipeline.build import build_brief

APA, CHICAGO = "apa", "chicago-notes-bibliography"

WIRE = SourceFacts(
    title="Ministers agree new budget deal after late talks",
    outlet="Reuters",
    author="Jane Anne Smith and John Doe",
    date="2026-03-04",
    url="https://www.reuters.com/world/budget-deal",
    accessed="2026-03-05",
    language="en",
    format="html",
    file_name="budget.html",
)
MINISTRY = SourceFacts(
    title="Annual report on recruitment",
    outlet="Ministry of Defence",
    author="Ministry of Defence",
    date="2025-11",
    url="https://gov.example/report",
    accessed="2026-03-05",
    language="en",
    format="pdf",
    file_name="report.pdf",
)
PAGE = SourceFacts(
    title="Who joins, and why?", url="https://example.org/who", accessed="2026-03-05", language="en", format="html"
)


def _plain(markup: str) -> str:
    """The text a reader sees: the markup parsed by the brief's own parser."""
    return "".join(run.text if isinstance(run, Run) else run.label for run in _runs(markup))


def _runs(markup: str) -> list[Run | Citation]:
    (paragraph,) = parse_markup(markup).blocks
    assert isinstance(paragraph, Paragraph)
    return paragraph.inlines


def test_the_shipped_styles_are_listed_by_id_with_their_kind():
    assert style_ids()[0] == "numbered"
    assert {APA, CHICAGO} <= set(style_ids())
    assert citation_style(APA).kind == "in-text"
    assert citation_style(CHICAGO).kind == "note" and citation_style(CHICAGO).note
    assert citation_style("numbered").numbered
    assert "APA" in citation_style(APA).title


def test_an_unknown_style_is_one_clear_error_naming_the_styles():
    with pytest.raises(CitationStyleError, match=r"unknown citation style 'harvard'.*numbered, apa"):
        citation_style("harvard")
    with pytest.raises(CitationStyleError, match="unknown citation style"):
        reference("../../etc/passwd", WIRE)


def test_a_damaged_style_file_is_one_clear_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    (tmp_path / "broken.csl").write_text("<style xmlns='http://purl.org/net/xbiblio/csl'><info>", encoding="utf-8")
    monkeypatch.setattr(csl_engine, "CSL_STYLES_DIR", tmp_path)
    monkeypatch.setattr(csl_engine, "citation_style_ids", lambda: ("numbered", "broken"))
    with pytest.raises(CitationStyleError, match=r"broken\.csl: the citation style 'broken' is damaged"):
        citation_style("broken")


def test_a_source_becomes_a_csl_item():
    item = csl_item(WIRE)
    assert item["type"] == "article-newspaper"
    assert item["container-title"] == "Reuters"
    assert item["author"] == [{"given": "Jane Anne", "family": "Smith"}, {"given": "John", "family": "Doe"}]
    assert item["issued"] == {"date-parts": [[2026, 3, 4]]}
    assert item["accessed"] == {"date-parts": [[2026, 3, 5]]}
    assert item["URL"] == WIRE.url
    report = csl_item(MINISTRY)
    assert report["type"] == "report" and report["publisher"] == "Ministry of Defence"
    assert report["author"] == [{"literal": "Ministry of Defence"}]
    assert csl_item(PAGE)["type"] == "webpage"
    # only a source with no title at all is known by its file name
    assert csl_item(SourceFacts(file_name="notes.txt"))["title"] == "notes.txt"


def test_author_lines_dates_and_locators_are_read():
    assert parse_names("By Smith, Jane") == [{"family": "Smith", "given": "Jane"}]
    assert parse_names("Ursula von der Leyen") == [{"given": "Ursula", "family": "von der Leyen"}]
    assert parse_names("Reuters Staff") == [{"literal": "Reuters Staff"}]
    assert parse_names("Amira Haddad, Lars Berg & Mei Chen") == [
        {"given": "Amira", "family": "Haddad"},
        {"given": "Lars", "family": "Berg"},
        {"given": "Mei", "family": "Chen"},
    ]
    assert parse_date("4 March 2026") == {"date-parts": [[2026, 3, 4]]}
    assert parse_date("March 4, 2026") == {"date-parts": [[2026, 3, 4]]}
    assert parse_date("2026-03-04T10:00:00Z") == {"date-parts": [[2026, 3, 4]]}
    assert parse_date("spring 2026") == {"literal": "spring 2026"}
    assert parse_locator("p. 3") == ("page", "3", False)
    assert parse_locator("pp. 4-5") == ("page", "4–5", True)
    assert parse_locator("12") == ("page", "12", False)
    assert parse_locator("para. 2") == ("paragraph", "2", False)
    assert parse_locator("table 2") == ("", "table 2", False)


def test_an_apa_entry_has_the_authors_the_year_in_parentheses_the_outlet_in_italics_and_the_address():
    entry = reference(APA, WIRE)
    assert entry == (
        "Smith, J\\. A\\., \\& Doe, J\\. \\(2026, March 4\\)\\. Ministers agree new budget deal after late talks\\. "
        "*Reuters*\\. <https://www.reuters.com/world/budget-deal>"
    )
    assert _plain(entry) == (
        "Smith, J. A., & Doe, J. (2026, March 4). Ministers agree new budget deal after late talks. Reuters. "
        "https://www.reuters.com/world/budget-deal"
    )


def test_an_apa_entry_without_an_author_puts_the_title_first_once():
    entry = _plain(reference(APA, PAGE))
    assert entry == "Who joins, and why? (n.d.). Retrieved March 5, 2026, from https://example.org/who"
    assert entry.count("Who joins") == 1


def test_a_chicago_entry_spells_names_out_and_puts_the_period_inside_the_quotes():
    entry = reference(CHICAGO, WIRE)
    assert entry.startswith("Smith, Jane Anne, and John Doe\\. “Ministers Agree New Budget Deal After Late Talks\\.” ")
    assert "*Reuters*, March 4, 2026" in entry
    assert "dition" not in entry  # no stray "Edition" for an item without one
    assert _plain(reference(CHICAGO, MINISTRY)).count("Annual Report on Recruitment") == 1


def test_apa_cites_in_the_text_with_the_page():
    done = format_citations(APA, {1: WIRE, 2: MINISTRY}, [Cite(1), Cite(2, "p. 3"), Cite(1, "pp. 4-5")])
    assert [c.text for c in done] == [
        "(Smith & Doe, 2026)",
        "(Ministry of Defence, 2025, p. 3)",
        "(Smith & Doe, 2026, pp. 4–5)",
    ]
    assert [c.kind for c in done] == ["in-text"] * 3
    assert [c.first for c in done] == [True, True, False]
    assert done[0].markup == "\\(Smith \\& Doe, 2026\\)"


def test_chicago_notes_are_full_the_first_time_and_short_after():
    done = format_citations(CHICAGO, {1: WIRE, 2: PAGE}, [Cite(1, "p. 2"), Cite(2), Cite(1, "p. 4"), Cite(1)])
    first, page, later, again = done
    assert first.kind == "note" and first.first
    assert first.text == (
        "Jane Anne Smith and John Doe, “Ministers Agree New Budget Deal After Late Talks,” Reuters, March 4, 2026, "
        "2, https://www.reuters.com/world/budget-deal."
    )
    assert "*Reuters*" in first.markup and "<https://www.reuters.com/world/budget-deal>" in first.markup
    assert page.text == "“Who Joins, and Why?” accessed March 5, 2026, https://example.org/who."
    assert not later.first and later.text == "Smith and Doe, “Ministers Agree New Budget,” 4."
    assert again.text == "Smith and Doe, “Ministers Agree New Budget.”"


def test_a_cited_page_never_reaches_the_bibliography_entry():
    format_citations(CHICAGO, {1: WIRE}, [Cite(1, "p. 77")])
    format_citations(APA, {1: WIRE}, [Cite(1, "p. 77")])
    assert "77" not in reference(CHICAGO, WIRE) and "77" not in reference(APA, WIRE)


def test_the_numbered_style_keeps_its_labels_and_has_no_entries():
    done = format_citations("numbered", {1: WIRE}, [Cite(1), Cite(1, "p. 3"), Cite(9)])
    assert [c.text for c in done] == ["[1]", "[1, p. 3]", "[9]"]
    assert reference("numbered", WIRE) == ""
    # a number with no source: a label, whatever the style
    assert format_citations(APA, {1: WIRE}, [Cite(9)])[0].text == "[9]"


def test_hostile_metadata_is_printed_literally():
    hostile = SourceFacts(
        title="*Bold* claim [@2] <b>x</b> `code` # not a heading",
        outlet="_Wire_ [x](http://evil.example)",
        author="Jane [Smith]",
        url="javascript:alert(1)",
        date="2026",
        language="en",
        format="html",
    )
    for style in (APA, CHICAGO):
        entry = reference(style, hostile)
        for done in format_citations(style, {1: hostile}, [Cite(1, "p. 1"), Cite(1, "*2*")]):
            assert "[@2]" not in done.markup
        text = _plain(entry)
        assert "*Bold* claim [@2]" in text or "*Bold* Claim [@2]" in text
        assert "[x](http://evil.example)" in text
        assert "javascript:alert(1)" in text
        # no citation, no link, no code, no bold: only the style's own italics
        runs = _runs(entry)
        assert all(isinstance(run, Run) and not run.code and not run.bold and run.href is None for run in runs)
        assert "".join(run.text for run in runs if isinstance(run, Run) and run.italic) in (
            "",
            "_Wire_ [x](http://evil.example)",
        )


def test_the_bibliography_is_sorted_as_the_style_sorts_it():
    sources = [WIRE, MINISTRY, PAGE]
    assert bibliography_order(APA, sources) == [1, 0, 2]  # Ministry, Smith, Who joins
    assert bibliography_order("numbered", sources) == [0, 1, 2]


def test_style_toml_names_the_citation_style():
    assert style_from_dict({}).citations.style == "numbered"
    assert style_from_dict({"citations": {"style": "apa"}}).citations.style == "apa"
    with pytest.raises(StyleError, match=r"citations\.style: unknown citation style 'mla'"):
        style_from_dict({"citations": {"style": "mla"}})


def _source(path: str, facts: SourceFacts, paragraph: str) -> Source:
    return Source(
        path=path,
        title=facts.title,
        outlet=facts.outlet,
        author=facts.author,
        date=facts.date,
        url=facts.url,
        language="en",
        format=facts.format,
        sections=[Section(id="lead", heading="", paragraphs=[paragraph])],
    )


def _brief(tmp_path: Path, style: str) -> str:
    return built_brief(tmp_path, style).markup


def built_brief(tmp_path: Path, style: str, repeat: int = 1) -> BuiltBrief:
    """Two sources, each cited ``repeat`` times (an item each), in the policy brief with ``style``."""
    folder = tmp_path / f"house-{style}"
    shutil.copytree(TEMPLATES_DIR / "policy-brief", folder)
    with (folder / "style.toml").open("a", encoding="utf-8") as handle:
        handle.write(f'\n[citations]\nstyle = "{style}"\n')
    wire = _source("/data/budget.html", WIRE, "Ministers agreed a budget on Tuesday after talks ran late.")
    report = _source("/data/report.pdf", MINISTRY, "Recruitment fell by a third in the year to November.")
    sources = {s.path: s for s in (wire, report)}
    project = BriefProject(
        meta=BriefMeta(title="Budget"),
        sources=list(sources),
        items=[SectionItem(source=s.path, section_id="lead", role="background") for s in (wire, report)] * repeat,
        source_records={path: SourceRecord(added="2026-03-05") for path in sources},
    )
    return build_brief(project, sources, find_template(str(folder)))


def test_a_template_naming_apa_prints_a_sources_list_of_apa_entries(tmp_path: Path):
    markup = _brief(tmp_path, "apa")
    listed = markup[markup.index("# Sources") :]
    ministry = (
        "Ministry of Defence\\. \\(2025\\)\\. *Annual report on recruitment*\\. Ministry of Defence\\. "
        "<https://gov.example/report>"
    )
    wire = (
        "Smith, J\\. A\\., \\& Doe, J\\. \\(2026, March 4\\)\\. Ministers agree new budget deal after late talks\\. "
        "*Reuters*\\. <https://www.reuters.com/world/budget-deal>"
    )
    # sorted as APA sorts (by author), not numbered, one paragraph each
    assert f"\n{ministry}\n\n{wire}\n" in listed
    assert "1. " not in listed and "File:" not in listed


def test_a_template_naming_chicago_prints_a_sorted_bibliography(tmp_path: Path):
    listed = _brief(tmp_path, CHICAGO).split("# Sources")[1]
    ministry = listed.index("Ministry of Defence\\. *Annual Report on Recruitment*\\. Ministry of Defence, 2025\\.")
    wire = listed.index("Smith, Jane Anne, and John Doe\\. “Ministers Agree New Budget Deal After Late Talks\\.”")
    assert ministry < wire


def test_the_numbered_style_keeps_today_s_list(tmp_path: Path):
    listed = _brief(tmp_path, "numbered").split("# Sources")[1]
    assert "1. Reuters, “Ministers agree new budget deal after late talks”, Jane Anne Smith" in listed
    assert "File: *budget\\.html*" in listed


def test_the_context_formats_the_brief_s_citations_in_its_style():
    wire = _source("/data/budget.html", WIRE, "Ministers agreed a budget on Tuesday after talks ran late.")
    project = BriefProject(
        meta=BriefMeta(title="Budget"),
        sources=[wire.path],
        items=[SectionItem(source=wire.path, section_id="lead", role="background")],
        source_records={wire.path: SourceRecord(added="2026-03-05")},
    )
    context = build_context(project, {wire.path: wire}, citations=CHICAGO)
    assert context.citation_style.note
    assert context.sources[0].reference.startswith("Smith, Jane Anne, and John Doe\\.")
    first, later = context.format_citations([Cite(1), Cite(1, "p. 2")])
    assert first.first and first.text.startswith("Jane Anne Smith and John Doe, “Ministers Agree")
    assert not later.first and later.text == "Smith and Doe, “Ministers Agree New Budget,” 2."


def test_renderings_are_kept_on_disk_for_the_next_process(monkeypatch: pytest.MonkeyPatch):
    facts = SourceFacts(title="Kept for the next build", outlet="Gulf Wire", date="2026-01-02", language="en")
    entry = reference(APA, facts)
    (kept,) = citation_styles.cache_folder().glob("*.json")
    # a new process: nothing in memory, and citeproc is not asked again
    for cached in (citation_styles._rendered, citation_styles._kept, citation_styles._sort_keys):
        cached.cache_clear()
    monkeypatch.setattr(csl_engine, "render", lambda *args: pytest.fail("rendered again"))
    assert reference(APA, facts) == entry
    # a damaged entry is rendered again
    kept.write_text("{not json", encoding="utf-8")
    for cached in (citation_styles._rendered, citation_styles._kept):
        cached.cache_clear()
    monkeypatch.undo()
    assert reference(APA, facts) == entry


def test_a_brief_with_numbered_citations_never_loads_citeproc():
    code = (
        "import sys\n"
        "from app.assemble.catalog import find_template\n"
        "from app.brief.select import project_from_sources\n"
        "from app.ingest import ingest\n"
        "from app.pipeline.build import build_brief\n"
        "from app.core.paths import SEEDS_DIR\n"
        "source = ingest(SEEDS_DIR / 'peregraf-iraq-russian-recruitment.txt')\n"
        "brief = build_brief(project_from_sources([source]), {source.path: source}, find_template('policy-brief'))\n"
        "assert '# Sources' in brief.markup\n"
        "assert 'citeproc' not in sys.modules, 'citeproc was loaded'\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120, check=False)
    assert result.returncode == 0, result.stderr


def test_a_locale_gives_the_style_its_language_s_terms_dates_and_quotation_marks():
    british = reference(CHICAGO, WIRE, "en-GB")
    # British quotation marks, the full stop outside them, the day before the month
    assert "‘Ministers Agree New Budget Deal After Late Talks’\\. *Reuters*, 4 March 2026\\." in british
    (note,) = format_citations(CHICAGO, {1: PAGE}, [Cite(1)], "fr-FR")
    assert note.text == "« Who Joins, and Why? », consulté le 5 mars 2026, https://example.org/who."
    assert format_citations(APA, {1: WIRE}, [Cite(1, "p. 4")], "de-DE")[0].text == "(Smith & Doe, 2026, S. 4)"
    with pytest.raises(CitationStyleError, match=r"unknown citation locale 'xx-YY'.*en-GB"):
        citation_style(APA, "xx-YY")
    assert style_from_dict({"citations": {"style": "apa", "locale": "en-GB"}}).citations.locale == "en-GB"
    with pytest.raises(StyleError, match=r"citations\.locale: '\.\./x' is not a locale"):
        style_from_dict({"citations": {"locale": "../x"}})
