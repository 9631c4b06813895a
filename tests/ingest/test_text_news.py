"""News saved as plain text: the title and outlet come from the article, not from the page around it."""

from __future__ import annotations

from pathlib import Path

import pytest

from app.ingest import ingest

STORY = "Rescuers pulled wreckage from the sea off Borneo on Tuesday as relatives watched in tears."


def _ingest(tmp_path: Path, text: str):
    path = tmp_path / "story.txt"
    path.write_text(text, encoding="utf-8")
    return ingest(path)


@pytest.mark.parametrize(
    ("lead", "outlet"),
    [
        ("TRENTON, N.J. — Gov. Chris Christie vetoed the bill on Monday.", ""),
        ("NEW ORLEANS — Gov. Bobby Jindal said the levees held.", ""),
        ("HUNTSVILLE, Alabama — The launch slipped to Friday.", ""),
        ("NEW ORLEANS (AP) — The levees held through the night.", "AP"),
        ("Peregraf — The committee met on Wednesday.", "Peregraf"),
    ],
)
def test_a_dateline_place_is_not_the_outlet(tmp_path: Path, lead: str, outlet: str):
    source = _ingest(tmp_path, f"{lead} It was the second time this year.\n\nA second paragraph follows.\n")
    assert source.outlet == outlet
    assert source.paragraphs[0].startswith(lead)  # the dateline stays in the text


def test_title_after_a_place_dateline_keeps_the_abbreviation(tmp_path: Path):
    source = _ingest(tmp_path, "TRENTON, N.J. — Gov. Chris Christie vetoed the bill on Monday.\n\nMore text.\n")
    assert source.title == "Gov. Chris Christie vetoed the bill on Monday"


@pytest.mark.parametrize(
    "opening",
    [
        "By",
        "By Kevin Mazur/WireImage.",
        "Kevin C. Cox/Getty Images",
        "Photo: Silver Screen Collection/Getty Images",
        "Enlarge this image",
        "Loading Photo Gallery",
        "1 of 18. A rescuer surveys the waters during a search operation.",
    ],
)
def test_page_furniture_is_not_the_title(tmp_path: Path, opening: str):
    source = _ingest(tmp_path, f"{opening}\n\n{STORY}\n\nA second paragraph follows.\n")
    assert source.title == STORY.rstrip(".")
    assert source.paragraphs[0] == opening  # kept as text, not lost


def test_outlet_from_the_dateline_after_a_gallery_caption(tmp_path: Path):
    source = _ingest(
        tmp_path,
        "1 of 18. A rescuer surveys the waters.\n\n"
        f"SURABAYA, Indonesia/JAKARTA (Reuters) - {STORY}\n\nA second paragraph follows.\n",
    )
    assert source.outlet == "Reuters"
    assert source.title == STORY.rstrip(".")


def test_a_title_is_not_cut_at_an_abbreviation(tmp_path: Path):
    """A first "sentence" of one or two words is an abbreviation or initial the splitter cut at."""
    source = _ingest(tmp_path, "Ex-Gov. Sarah Palin spoke at the rally on Monday. The crowd cheered.\n\nMore.\n")
    assert source.title == "Ex-Gov. Sarah Palin spoke at the rally on Monday"


def test_headline_with_photo_credit_and_sections(tmp_path: Path):
    source = _ingest(
        tmp_path,
        "Rescuers Pull Wreckage From the Sea\n\nRichard Vogel/AP\n\n"
        f"{STORY}\n\nEnlarge\n\nThe search resumed at dawn.\n\n$1,299\n\nThe price of a seat.\n\n"
        "What Comes Next\n\nInvestigators will read the flight recorders.\n",
    )
    assert source.title == "Rescuers Pull Wreckage From the Sea"
    assert [s.heading for s in source.sections] == ["", "What Comes Next"]


def test_a_file_of_numbers_is_titled_by_them(tmp_path: Path):
    """Furniture is skipped only while there is article text: a table of figures still gets a title of its own."""
    assert _ingest(tmp_path, "1 | 2 | 3\n\n4 | 5 | 6\n").title == "1 | 2 | 3"
