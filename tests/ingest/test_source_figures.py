"""Figures found in sources: a web page's captioned images and a Word file's pictures, checked and placed."""

from __future__ import annotations

import base64
import io
from pathlib import Path

import docx
import pytest
from docx.shared import Inches
from PIL import Image

from app.ingest import figures as source_figures
from app.ingest import ingest
from app.ingest.figures import caption_and_credit

PARAGRAPH = "The ministry said on Tuesday that 5,000 recruits had joined the new brigade in Basra province. " * 3


def png(path: Path, size: tuple[int, int] = (400, 300), colour: tuple[int, int, int] = (200, 30, 30)) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    Image.new("RGB", size, colour).save(path)
    return path


def data_uri(size: tuple[int, int] = (300, 200), colour: tuple[int, int, int] = (30, 30, 200)) -> str:
    buffer = io.BytesIO()
    Image.new("RGB", size, colour).save(buffer, "JPEG")
    return "data:image/jpeg;base64," + base64.b64encode(buffer.getvalue()).decode("ascii")


def page(tmp_path: Path, article: str, around: str = "") -> Path:
    path = tmp_path / "site" / "page.html"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(
        f"<html><head><title>Recruits surge</title></head><body>{around}<article><h1>Recruits surge</h1>"
        f"<p>{PARAGRAPH}</p>{article}</article></body></html>",
        encoding="utf-8",
    )
    return path


def test_a_pages_captioned_images_are_its_figures_in_the_section_they_sit_in(tmp_path):
    png(tmp_path / "site" / "page_files" / "map.png")
    path = page(
        tmp_path,
        '<figure><img src="page_files/map.png"><figcaption>Map of Basra province '
        '<span class="credit">Reuters</span></figcaption></figure>'
        f"<h2>Training</h2><p>{PARAGRAPH}</p>"
        f'<img src="{data_uri()}" alt="Recruits on parade in Basra"><p>{PARAGRAPH}</p>',
    )
    source = ingest(path)
    found = [(f.id, f.section_id, f.caption, f.credit, f.width_px, f.height_px, f.format) for f in source.figures]
    assert found == [
        ("figure-1", "lead", "Map of Basra province", "Reuters", 400, 300, "PNG"),
        ("figure-2", "training", "Recruits on parade in Basra", "", 300, 200, "JPEG"),
    ]
    assert Image.open(io.BytesIO(source.figures[0].data)).size == (400, 300)


def test_decoration_icons_page_furniture_remote_and_outside_images_are_not_figures(tmp_path):
    files = tmp_path / "site" / "page_files"
    png(files / "logo.png", colour=(1, 2, 3))
    png(files / "icon.png", size=(16, 16))
    png(files / "spacer.png", colour=(9, 9, 9))
    png(tmp_path / "secret.png", colour=(5, 5, 5))
    path = page(
        tmp_path,
        '<img src="page_files/icon.png" alt="Share">'  # too small to be a figure
        '<img src="page_files/spacer.png" alt="">'  # alt="" marks decoration
        '<img src="https://example.com/chart.png" alt="Remote chart">'  # nothing is fetched
        '<img src="../secret.png" alt="A file outside the page\'s folder">'
        f'<img src="{tmp_path / "secret.png"}" alt="An absolute path outside it">'
        '<img src="page_files/missing.png" alt="Gone">'
        '<img src="data:image/png;base64,not-base64!" alt="Broken">',
        around='<header><img src="page_files/logo.png" alt="Site logo"></header>'
        '<nav><img src="page_files/logo.png" alt="Home"></nav>',
    )
    assert ingest(path).figures == []


def test_the_same_image_shown_twice_is_offered_once(tmp_path):
    png(tmp_path / "site" / "a.png")
    path = page(tmp_path, '<img src="a.png" alt="Chart"><p>Between.</p><img src="./a.png" alt="Chart again">')
    assert [f.caption for f in ingest(path).figures] == ["Chart"]


def test_a_source_offers_a_bounded_number_of_figures(tmp_path, monkeypatch):
    monkeypatch.setattr(source_figures, "MAX_FIGURES", 3)
    images = "".join(f'<img src="{data_uri(colour=(20 * n, 0, 0))}" alt="Picture {n}">' for n in range(10))
    assert [f.caption for f in ingest(page(tmp_path, images)).figures] == [f"Picture {n}" for n in range(3)]


def test_a_word_files_pictures_take_the_caption_paragraph_under_them(tmp_path):
    document = docx.Document()
    document.add_heading("Water crisis", 0)
    document.add_paragraph("Officials said 40,000 people lacked water in Basra on Monday.")
    document.add_heading("Supply", 1)
    document.add_paragraph("The network lost 30 per cent of its pressure in March.")
    document.add_picture(str(png(tmp_path / "map.png")), width=Inches(3))
    document.add_paragraph("Figure 1: Pumping stations in Basra. Source: Ministry of Water", style="Caption")
    document.add_paragraph("Repairs are expected to take months.")
    document.add_picture(str(png(tmp_path / "chart.png", colour=(0, 120, 0))))
    document.add_picture(str(png(tmp_path / "icon.png", size=(20, 20))))
    path = tmp_path / "report.docx"
    document.save(str(path))

    source = ingest(path)
    supply = source.section("supply")
    assert supply is not None and supply.paragraphs == [
        "The network lost 30 per cent of its pressure in March.",
        "Repairs are expected to take months.",
    ]  # the caption belongs to the figure, not to the text
    found = [(f.id, f.section_id, f.caption, f.credit) for f in source.figures]
    assert found == [
        ("figure-1", "supply", "Pumping stations in Basra.", "Ministry of Water"),
        ("figure-2", "supply", "", ""),  # no caption, no alt text: the analyst writes one
    ]


@pytest.mark.parametrize(
    ("caption", "credit", "expected"),
    [
        ("Figure 3: Oil output, 2020–2025", "", ("Oil output, 2020–2025", "")),
        ("Fig. 2 — Protesters in Tahrir Square (Photo: AFP)", "", ("Protesters in Tahrir Square.", "AFP")),
        ("Chart 1. Exports. Source: EIA", "", ("Exports.", "EIA")),
        ("Exports. Source: EIA", "IEA", ("Exports. Source: EIA", "IEA")),
        ("The figure of 2020", "", ("The figure of 2020", "")),
    ],
)
def test_a_caption_loses_its_own_number_and_gives_up_its_credit(caption, credit, expected):
    assert caption_and_credit(caption, credit) == expected


def test_a_caption_under_a_picture_that_is_left_out_stays_text(tmp_path):
    document = docx.Document()
    document.add_heading("Report", 1)
    document.add_paragraph("The body of the report says something about the harbour.")
    document.add_picture(str(png(tmp_path / "icon.png", size=(24, 24))))  # an icon: not a figure
    document.add_paragraph("Figure 1: The harbour at dawn", style="Caption")
    path = tmp_path / "icon.docx"
    document.save(str(path))
    source = ingest(path)
    assert source.figures == []
    assert "Figure 1: The harbour at dawn" in source.paragraphs
