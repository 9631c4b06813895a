"""Page furniture: lines a news page leaves in copied text that are neither headings nor titles."""

from __future__ import annotations

import pytest

from app.ingest.readers.plaintext import looks_like_heading
from app.text.furniture import is_furniture, is_gallery_caption

FURNITURE = [
    "By",
    "By Kevin Mazur/WireImage.",
    "BY JANE DOE AND JOHN ROE | Staff Writers",
    "Kevin C. Cox/Getty Images",
    "Richard Vogel/AP",
    "Photo: Silver Screen Collection/Getty Images",
    "Credit: NASA/ESA",
    "(AP Photo/Rich Pedroncelli)",
    "Enlarge",
    "Enlarge this image",
    "Loading Photo Gallery",
    "Advertisement",
    "Share This",
    "Follow Lena on Twitter: @lena",
    "1 of 18",
    "$1,299",
    "£6.99",
    "Etsy Nail Decals, $6",
    "4419111",
    "07.13",
]
NOT_FURNITURE = [
    "Legal Measures and Accountability",
    "Top 10 Gifts Under $50",
    "US/Canada Trade Deal Collapses",
    "By Monday, officials said the bridge would reopen.",
    "2014 in Review",
    "3 of 5 Iraqis Recruited Were Students",
]


@pytest.mark.parametrize("line", FURNITURE)
def test_furniture_is_not_a_heading(line: str):
    assert is_furniture(line)
    assert not looks_like_heading(line)


@pytest.mark.parametrize("line", NOT_FURNITURE)
def test_article_lines_are_not_furniture(line: str):
    assert not is_furniture(line)


@pytest.mark.parametrize("line", ["Legal Measures and Accountability", "Top 10 Gifts Under $50", "2014 in Review"])
def test_headings_stay_headings(line: str):
    assert looks_like_heading(line)


def test_gallery_caption():
    assert is_gallery_caption("1 of 18. A rescuer surveys the sea.")
    assert not is_gallery_caption("3 of 5 Iraqis recruited were students.")
