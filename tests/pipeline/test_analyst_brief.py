"""The analyst's own brief, built through the CLI from version 2 .brief files: every kind of item, read back.

Each test writes a .brief next to copies of the sample sources, runs
``briefgen build`` and reads the DOCX with python-docx and the PDF with pypdf.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from docx import Document as open_docx
from PIL import Image
from pypdf import PdfReader

from app.cli.main import main
from tests.conftest import SEEDS_DIR

ENGLISH = "peregraf-iraq-russian-recruitment.txt"
ARABIC = "arabic-sample-recruitment.txt"
QUOTE = "Fewer than 5,000 Iraqis have joined the ranks of the Russian army"
ASSESSMENT = {
    "kind": "analyst",
    "heading": "Assessment",
    "text": "We assess that recruitment will **slow** but *not stop*.\n\n- Prosecutions are likely.\n- Agencies first.",
    "role": "assessment",
    "cites": [ENGLISH],
}
RECOMMENDATIONS = {
    "kind": "analyst",
    "heading": "Recommendations",
    "text": "1. Support the legal measures.\n2. Share what we know with [the ONSA](https://example.org/onsa).",
    "role": "recommendations",
    "cites": [],
}
EXCERPT = {
    "kind": "section",
    "source": ENGLISH,
    "section_id": "legal-measures-and-accountability",
    "paragraphs": [2, 3],
    "role": "discussion",
    "note": "",
}
CHOSEN_QUOTE = {
    "kind": "quote",
    "source": ENGLISH,
    "section_id": "nearly-5000-iraqis-reportedly-recruited",
    "text": QUOTE,
    "speaker": "Hussein Allawi",
}


def _all_sections(source: str, ids: list[str]) -> list[dict]:
    return [{"kind": "section", "source": source, "section_id": i, "role": "discussion"} for i in ids]


ENGLISH_IDS = [
    "lead",
    "legal-measures-and-accountability",
    "nearly-5000-iraqis-reportedly-recruited",
    "judicial-warnings",
    "recruitment-tactics-and-economic-drivers",
]
ARABIC_IDS = [
    "lead",
    "الإجراءات-القانونية-والمساءلة",
    "نحو-خمسة-آلاف-عراقي-في-صفوف",
    "أساليب-التجنيد-والدوافع-الاقتصادية",
]


def _build(
    tmp_path: Path, capsys, items: list[dict], template: str, markup: bool = False, **meta: str
) -> tuple[str, str, str]:
    """Build the brief as DOCX and PDF (and its markup, b.md); (DOCX text, PDF text, stderr)."""
    for name in (ENGLISH, ARABIC):
        shutil.copy(SEEDS_DIR / name, tmp_path / name)
    formats = "docx,pdf,md" if markup else "docx,pdf"
    project = {
        "format": "briefgen-project",
        "version": 2,
        "sources": [ENGLISH, ARABIC],
        "items": items,
        "meta": {"title": "Recruitment", "author": "A. Analyst", "recipient": "Director", **meta},
        "template": template,
    }
    brief = tmp_path / "test.brief"
    brief.write_text(json.dumps(project, ensure_ascii=False), encoding="utf-8")
    code = main(["build", str(brief), "--format", formats, "-o", str(tmp_path / "out"), "--name", "b"])
    _, err = capsys.readouterr()
    assert code == 0, err
    docx = "\n".join(p.text for p in open_docx(tmp_path / "out" / "b.docx").paragraphs)
    pdf = "\n".join(page.extract_text() or "" for page in PdfReader(tmp_path / "out" / "b.pdf").pages)
    return docx, " ".join(pdf.split()), err


def test_an_analyst_part_prints_its_markup_under_its_role_and_cites_its_sources(tmp_path, capsys):
    docx, pdf, _ = _build(tmp_path, capsys, [EXCERPT, ASSESSMENT, RECOMMENDATIONS], "policy-brief")
    assert "We assess that recruitment will slow but not stop." in docx and "**" not in docx
    assert "Prosecutions are likely." in docx and "Agencies first. [1]" in docx  # one citation, after the part
    assert docx.index("Assessment") < docx.index("Recommendations") < docx.index("Sources")
    assert "Share what we know with the ONSA." in docx  # a link, no citation: it names no source
    assert "Agencies first. [1]" in pdf and "the ONSA. [" not in pdf


def test_an_excerpt_prints_only_its_paragraphs(tmp_path, capsys):
    docx, pdf, _ = _build(tmp_path, capsys, [EXCERPT], "policy-brief")
    assert "The new measures also target travel agencies" in docx
    assert "A key outcome of the meeting" not in docx and "A key outcome of the meeting" not in pdf


def test_a_chosen_quote_replaces_the_ones_found(tmp_path, capsys):
    items = [*_all_sections(ENGLISH, ENGLISH_IDS), CHOSEN_QUOTE]
    docx, pdf, _ = _build(tmp_path, capsys, items, "policy-brief")
    quotes = docx.split("Key quotes")[1].split("Sources")[0]
    assert f"“{QUOTE}”" in quotes and "— Hussein Allawi [1]" in quotes
    assert quotes.count("“") == 1
    assert "Hussein Allawi" in pdf.split("Key quotes")[1]


def test_nothing_addressed_to_the_analyst_reaches_the_reader(tmp_path, capsys):
    for template in ("policy-brief", "situation-report", "decision-memo"):
        docx, pdf, err = _build(tmp_path, capsys, [EXCERPT, ASSESSMENT], template, recipient="")
        for text in (docx, pdf):
            assert "No outlook" not in text and "No options" not in text and "mark sections" not in text
            assert "For:" not in text
        assert "briefgen: warning: the recipient is empty" in err or template != "decision-memo"
        assert "briefgen: warning: no summary written" in err


def test_a_reading_of_sections_only_is_not_told_to_fill_in_parts(tmp_path, capsys):
    _, _, err = _build(tmp_path, capsys, [EXCERPT], "situation-report")
    assert err == ""


def test_warnings_name_the_parts_left_empty(tmp_path, capsys):
    _, _, err = _build(tmp_path, capsys, [EXCERPT, ASSESSMENT], "situation-report", summary="Baghdad acts.")
    lines = err.splitlines()
    assert (
        "briefgen: warning: the Outlook part is empty and left out: give items the role Outlook or Implications"
        in lines
    )
    assert not any("summary" in line for line in lines)


@pytest.mark.parametrize("template", ["policy-brief", "situation-report", "decision-memo"])
def test_the_title_is_never_a_cut_sentence(tmp_path, capsys, template):
    docx, _, _ = _build(tmp_path, capsys, _all_sections(ENGLISH, ENGLISH_IDS), template, title="")
    assert "…" not in docx.split("Sources")[0] and "Brief from" not in docx


def test_the_sample_decision_memo_fits_one_page_and_says_it_was_shortened(tmp_path, capsys):
    items = [*_all_sections(ENGLISH, ENGLISH_IDS), *_all_sections(ARABIC, ARABIC_IDS), ASSESSMENT, RECOMMENDATIONS]
    docx, pdf, err = _build(tmp_path, capsys, items, "decision-memo")
    assert len(PdfReader(tmp_path / "out" / "b.pdf").pages) == 1
    assert "briefgen: warning: to fit the page, the template prints only the key sentence of 9 source items" in err
    assert "Support the legal measures." in docx and "Support the legal measures." in pdf
    assert "A key outcome of the meeting" not in docx  # key sentences only, the same in both formats


def test_a_figure_is_printed_where_the_analyst_put_it_as_one_block_without_its_path(tmp_path, capsys):
    Image.new("RGB", (40, 20), (120, 160, 200)).save(tmp_path / "map.png")
    figure = {
        "kind": "figure",
        "id": "fig1",
        "image": "map.png",
        "caption": "Routes *to* Russia",
        "credit": "© Peregraf",
        "source": ENGLISH,
        "role": "discussion",
    }
    items = [EXCERPT, figure, *_all_sections(ENGLISH, ["judicial-warnings"])]
    docx, pdf, _ = _build(tmp_path, capsys, items, "policy-brief", markup=True)
    markup = (tmp_path / "out" / "b.md").read_text(encoding="utf-8")
    assert "::: figure\n![Routes \\*to\\* Russia](figure:fig1)\n\n© Peregraf [@1]\n:::" in markup
    assert "map.png" not in markup
    assert markup.index("# Discussion") < markup.index("::: figure") < markup.index("## Judicial Warnings")
    assert "Routes *to* Russia" in docx and "Routes *to* Russia" in pdf


def test_key_points_do_not_repeat_the_bottom_line(tmp_path, capsys):
    _build(tmp_path, capsys, _all_sections(ENGLISH, ENGLISH_IDS), "policy-brief", markup=True)
    markup = (tmp_path / "out" / "b.md").read_text(encoding="utf-8")
    summary = markup.split("::: summary")[1].split(":::")[0]
    lines = markup.split("# Key points")[1].split("\n# ")[0].splitlines()
    points = [line.split(".** ", 1)[-1].rsplit(" [@", 1)[0] for line in lines if line.startswith("- ")]
    assert points, "the brief has key points"
    assert not [p for p in points if p in summary]
