"""A figure found in a source, named in a .brief by its source and figure id, prints in every format."""

from __future__ import annotations

import json
from pathlib import Path

from docx import Document as open_docx
from PIL import Image
from pypdf import PdfReader

from app.cli.main import main

WORDS = "The ministry said on Tuesday that 5,000 recruits had joined the new brigade in Basra province. " * 3


def _page(folder: Path) -> str:
    Image.new("RGB", (400, 300), (200, 30, 30)).save(folder / "map.png")
    (folder / "page.html").write_text(
        f"<html><head><title>Recruits surge</title></head><body><article><h1>Recruits surge</h1><p>{WORDS}</p>"
        '<figure><img src="map.png"><figcaption>Recruitment offices in Basra <span class="credit">Peregraf</span>'
        f"</figcaption></figure><h2>Training</h2><p>{WORDS}</p></article></body></html>",
        encoding="utf-8",
    )
    return "page.html"


def _build(tmp_path: Path, capsys, figure: dict, template: str = "policy-brief") -> tuple[int, str]:
    source = _page(tmp_path)
    project = {
        "format": "briefgen-project",
        "version": 2,
        "sources": [source],
        "items": [{"source": source, "section_id": "training"}, {"kind": "figure", "source": source, **figure}],
        "meta": {"title": "Recruitment", "summary": "Recruitment grows.", "recipient": "Director", "author": "A"},
        "template": template,
    }
    (tmp_path / "p.brief").write_text(json.dumps(project), encoding="utf-8")
    code = main(["build", str(tmp_path / "p.brief"), "-o", str(tmp_path / "out"), "--name", "b"])
    return code, capsys.readouterr().err


def test_a_source_figure_prints_its_image_caption_credit_and_citation(tmp_path, capsys):
    code, err = _build(tmp_path, capsys, {"figure_id": "figure-1"})
    assert code == 0, err
    document = open_docx(tmp_path / "out" / "b.docx")
    assert len(document.inline_shapes) == 1
    captions = [p.text for p in document.paragraphs if p.style.name == "Caption"]
    assert captions == ["Figure 1. Recruitment offices in Basra"]  # the source's caption: the item left it empty
    assert any(p.text == "Credit: Peregraf [1]" for p in document.paragraphs)
    pdf = " ".join((PdfReader(tmp_path / "out" / "b.pdf").pages[0].extract_text() or "").split())
    assert "Figure 1. Recruitment offices in Basra" in pdf and "Credit: Peregraf [1]" in pdf


def test_the_analysts_caption_wins_over_the_sources(tmp_path, capsys):
    code, err = _build(tmp_path, capsys, {"figure_id": "figure-1", "caption": "Where recruits sign up"})
    assert code == 0, err
    captions = [p.text for p in open_docx(tmp_path / "out" / "b.docx").paragraphs if p.style.name == "Caption"]
    assert captions == ["Figure 1. Where recruits sign up"]


def test_a_figure_the_source_does_not_have_is_one_clear_error(tmp_path, capsys):
    code, err = _build(tmp_path, capsys, {"figure_id": "figure-9", "caption": "Lost"})
    assert code != 0
    expected = f"figure 'Lost': {tmp_path / 'page.html'} has no figure-9 (its figures: figure-1)"
    assert err.strip().splitlines()[-1].endswith(expected)
    assert not (tmp_path / "out" / "b.docx").exists()


def test_a_template_without_figures_says_it_left_them_out(tmp_path, capsys):
    code, err = _build(tmp_path, capsys, {"figure_id": "figure-1"}, template="decision-memo")
    assert code == 0, err
    assert "briefgen: warning: 1 figure not printed: this template prints no figures" in err.splitlines()
    assert len(open_docx(tmp_path / "out" / "b.docx").inline_shapes) == 0
