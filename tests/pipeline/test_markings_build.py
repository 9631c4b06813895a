"""Markings through the command line: .brief files whose items carry classifications, built, read back.

Each test writes a version 3 .brief next to a copy of the sample source, runs ``briefgen build`` and reads the
DOCX with python-docx (every body paragraph, the headers and footers) and the PDF with pypdf, page by page.
"""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest
from docx import Document as open_docx
from pypdf import PdfReader

from app.cli.main import main
from tests.conftest import SEEDS_DIR

SOURCE = "peregraf-iraq-russian-recruitment.txt"
OTHER = "other-report.txt"
IDS = [
    "lead",
    "legal-measures-and-accountability",
    "nearly-5000-iraqis-reportedly-recruited",
    "judicial-warnings",
    "recruitment-tactics-and-economic-drivers",
]
#: Paragraph styles that are no portion of the brief: its title block, headings, banners, attributions.
UNMARKED_STYLES = {"Title", "Subtitle", "Brief Marking", "Brief Meta", "Brief Attribution", "Brief Banner"}
PORTION = re.compile(r"^(\d+(\.\d+)*\.? )?\((U|C|S|TS)(//[^()]+)?\) ")


def _section(section_id: str, source: str = SOURCE, **extra: object) -> dict:
    return {"kind": "section", "source": source, "section_id": section_id, "role": "discussion", **extra}


def _build(tmp_path: Path, capsys, project: dict, template: str = "policy-brief") -> tuple[object, list[str], str]:
    """Build DOCX and PDF from ``project``; (the DOCX, the PDF's text per page, stderr)."""
    shutil.copy(SEEDS_DIR / SOURCE, tmp_path / SOURCE)
    shutil.copy(SEEDS_DIR / SOURCE, tmp_path / OTHER)
    data = {"format": "briefgen-project", "version": 3, "sources": [SOURCE, OTHER], "template": template, **project}
    data["meta"] = {"title": "Recruitment", "author": "A. Analyst", **data.get("meta", {})}
    (tmp_path / "b.brief").write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    code = main(
        ["build", str(tmp_path / "b.brief"), "--format", "docx,pdf", "-o", str(tmp_path / "out"), "--name", "b"]
    )
    _, err = capsys.readouterr()
    assert code == 0, err
    pages = [" ".join((p.extract_text() or "").split()) for p in PdfReader(tmp_path / "out" / "b.pdf").pages]
    return open_docx(tmp_path / "out" / "b.docx"), pages, err


def _body(docx) -> list[str]:
    """The text of every DOCX paragraph that is a portion of the brief (headings and the title block left out)."""
    return [
        p.text
        for p in docx.paragraphs
        if p.text.strip() and p.style.name not in UNMARKED_STYLES and not p.style.name.startswith("Heading")
    ]


MARKED = {
    "meta": {"classification": "U", "portion_marks": True},
    "source_records": {OTHER: {"classification": "S//NF"}},
    "items": [
        _section("legal-measures-and-accountability", classification="C"),
        _section("judicial-warnings"),
        _section("judicial-warnings", OTHER),
        {"kind": "analyst", "heading": "Assessment", "text": "We assess it **slows**.\n\n- One.\n- Two.",
         "role": "assessment"},
        {"kind": "quote", "source": OTHER, "section_id": "lead", "text": "recruitment", "speaker": "An official"},
    ],
}  # fmt: skip


def test_the_banner_is_the_highest_portion_with_every_control_on_every_page(tmp_path, capsys):
    docx, pages, _ = _build(tmp_path, capsys, MARKED)
    section = docx.sections[0]
    assert section.header.paragraphs[0].text == "SECRET//NOFORN"
    assert section.footer.paragraphs[-1].text == "SECRET//NOFORN"
    assert len(pages) >= 2
    assert all(page.count("SECRET//NOFORN") >= 2 for page in pages)  # the top and the bottom banner


def test_every_paragraph_list_item_and_quote_starts_with_its_portion_mark(tmp_path, capsys):
    docx, pages, err = _build(tmp_path, capsys, MARKED)
    body = _body(docx)
    assert all(PORTION.match(text) for text in body), [t for t in body if not PORTION.match(t)]
    assert any(text.startswith("(C) The new measures") for text in body)  # the analyst marked this item C
    assert any(text.startswith("(U) Judge") or text.startswith("(U) ") for text in body)  # the brief's own
    assert any(text.startswith("(S//NF) ") for text in body)  # the other source's marking, inherited
    assert "(U) We assess it slows." in body and "(U) One." in body and "(U) Two." in body  # analyst text: brief's
    assert any(text.startswith("(S//NF) “") for text in body)  # the quote from the S//NF source
    sources = [text for text in body if OTHER in text]
    assert sources and sources[0].startswith("(S//NF) ")
    assert "no portion mark" not in err  # the built-in template marks every portion itself
    text = " ".join(pages)
    assert "(C) The new measures" in text and "(S//NF) “" in text


def test_the_banner_is_never_lower_than_what_the_analyst_chose(tmp_path, capsys):
    docx, pages, _ = _build(tmp_path, capsys, {"meta": {"classification": "TOP SECRET"}, "items": [_section("lead")]})
    assert docx.sections[0].header.paragraphs[0].text == "TOP SECRET"
    assert all(page.count("TOP SECRET") >= 2 for page in pages)
    assert all(PORTION.match(text) and text.startswith(("(TS) ", "1. (TS) ")) for text in _body(docx))


def test_an_unclassified_brief_is_not_portion_marked_unless_asked(tmp_path, capsys):
    docx, _, _ = _build(tmp_path, capsys, {"items": [_section("lead")]})
    assert docx.sections[0].header.paragraphs[0].text == "UNCLASSIFIED"
    assert not any(text.startswith("(U)") for text in _body(docx))


def test_the_authority_block_is_on_the_first_page_of_a_classified_brief(tmp_path, capsys):
    meta = {"classification": "S", "classified_by": "J. Smith, Analyst", "derived_from": "Multiple Sources",
            "declassify_on": "20511231"}  # fmt: skip
    docx, pages, _ = _build(tmp_path, capsys, {"meta": meta, "items": [_section("lead")]})
    assert "Classified By: J. Smith, Analyst" in pages[0] and "Declassify On: 20511231" in pages[0]
    first = [p.text for p in docx.paragraphs[:6]]  # under the title block, before the body
    assert any("Classified By: J. Smith, Analyst\nDerived From: Multiple Sources" in text for text in first)


def test_a_uk_brief_uses_the_uk_scheme(tmp_path, capsys):
    project = {
        "meta": {"marking_scheme": "uk", "classification": "OFFICIAL", "portion_marks": True},
        "items": [_section("lead", classification="OFFICIAL-SENSITIVE")],
    }
    docx, pages, _ = _build(tmp_path, capsys, project)
    assert docx.sections[0].header.paragraphs[0].text == "OFFICIAL-SENSITIVE"
    assert all(page.count("OFFICIAL-SENSITIVE") >= 2 for page in pages)
    assert any(text.startswith("(OS) ") for text in _body(docx))
    assert "Classified By" not in " ".join(pages)  # the UK scheme has no authority block


def test_the_none_scheme_prints_no_banner_and_no_marks(tmp_path, capsys):
    project = {"meta": {"marking_scheme": "none", "portion_marks": True}, "items": [_section("lead")]}
    docx, pages, _ = _build(tmp_path, capsys, project)
    assert not any(p.text.strip() for p in docx.sections[0].header.paragraphs if p.style.name == "Brief Banner")
    assert "UNCLASSIFIED" not in " ".join(pages)


@pytest.mark.parametrize(
    ("project", "told"),
    [
        ({"meta": {"classification": "SECRIT"}}, "the brief's classification: “SECRIT” is not a level"),
        ({"items": [_section("lead", classification="S//NOFRN")]}, "item “lead” of peregraf"),
        ({"source_records": {OTHER: {"classification": "X"}}}, f"source {OTHER}"),
        ({"meta": {"marking_scheme": "martian"}}, "there is no marking scheme “martian”"),
    ],
)
def test_a_marking_the_scheme_does_not_know_stops_the_build_with_one_message(tmp_path, capsys, project, told):
    shutil.copy(SEEDS_DIR / SOURCE, tmp_path / SOURCE)
    shutil.copy(SEEDS_DIR / SOURCE, tmp_path / OTHER)
    data = {"format": "briefgen-project", "version": 3, "sources": [SOURCE, OTHER], "items": [_section("lead")]}
    (tmp_path / "b.brief").write_text(json.dumps({**data, **project}), encoding="utf-8")
    code = main(["build", str(tmp_path / "b.brief"), "-o", str(tmp_path / "out")])
    _, err = capsys.readouterr()
    assert code != 0 and told in err and "Traceback" not in err
    assert not (tmp_path / "out").exists() or not any((tmp_path / "out").iterdir())


def test_a_template_that_forgets_a_mark_gets_the_overall_one_and_a_warning(tmp_path, capsys):
    template = tmp_path / "bare"
    template.mkdir()
    (template / "template.toml").write_text('name = "Bare"\n', encoding="utf-8")
    (template / "brief.md.j2").write_text(
        "{% for item in items %}{{ item.heading }}: {{ item.unmarked[0] }}\n\n{% endfor %}", encoding="utf-8"
    )
    docx, _, err = _build(tmp_path, capsys, {**MARKED, "template": str(template)}, template=str(template))
    body = _body(docx)
    assert body and all(text.startswith("(S//NF) ") for text in body)
    assert "4 paragraphs of the template had no portion mark and were marked (S//NF)" in err
