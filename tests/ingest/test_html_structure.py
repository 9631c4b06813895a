"""Web pages whose text trafilatura does not wrap one paragraph at a time: none of it may be lost or glued together."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import trafilatura
from lxml import etree

from app.core.model import Source
from app.ingest import ingest
from app.ingest.readers.html_article import article_blocks

LONG = "which the committee discussed at length before it agreed on the next steps for the coming year"


def _read(tmp_path: Path, body: str, title: str = "Committee report") -> Source:
    path = tmp_path / "page.html"
    path.write_text(
        f"<html><head><title>{title}</title></head><body><nav><a href='/'>Home</a> <a href='/n'>News</a></nav>"
        f"<main><article><h1>{title}</h1>{body}</article></main><footer>Contact us</footer></body></html>",
        encoding="utf-8",
    )
    return ingest(path)


def test_text_straight_after_a_heading_is_kept(tmp_path: Path):
    """trafilatura leaves bare text after a heading in the heading's tail; it is the section's first paragraph."""
    source = _read(
        tmp_path,
        f"<h2>Budget</h2>The budget rose by a tenth, {LONG}.<br>Spending on schools came first, {LONG}."
        f"<h2>Staff</h2><p>Three new members joined the staff, {LONG}.</p><p>Two left for other posts, {LONG}.</p>",
    )
    budget, staff = source.sections
    assert budget.heading == "Budget"
    assert budget.paragraphs == [f"The budget rose by a tenth, {LONG}.", f"Spending on schools came first, {LONG}."]
    assert staff.heading == "Staff"
    assert len(staff.paragraphs) == 2


def test_line_breaks_and_cell_paragraphs_separate_words(tmp_path: Path):
    """A <br> in a paragraph and paragraphs inside a table cell are word boundaries, not glue."""
    source = _read(
        tmp_path,
        f"<p>The first line ends here<br>the second line starts here, {LONG}.</p>"
        f"<p>The members are listed in the table below, {LONG}.</p>"
        "<table><tr><th>Name</th><th>Role</th></tr>"
        "<tr><td><p>Stella</p><p>Eigner</p></td><td>Chair<br>Treasurer</td></tr></table>"
        f"<p>After the table the report goes on, {LONG}.</p>",
    )
    text = "\n".join(source.paragraphs)
    assert "here the second line" in text
    assert "Name: Stella Eigner; Role: Chair Treasurer" in source.paragraphs


def test_a_formatted_extraction_that_lost_the_article_gives_way_to_a_plain_one(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
):
    """trafilatura with formatting sometimes keeps only a bold teaser of an article it reads whole without."""
    real = trafilatura.bare_extraction

    def teaser_only(*args: Any, **kwargs: Any) -> Any:
        document = real(*args, **kwargs)
        if kwargs.get("include_formatting") and document is not None:
            for element in list(document.body)[1:]:
                document.body.remove(element)
        return document

    monkeypatch.setattr(trafilatura, "bare_extraction", teaser_only)
    paragraphs = [f"<p>Paragraph {n} of the report says more, {LONG}.</p>" for n in range(1, 6)]
    source = _read(tmp_path, f"<p><b>The teaser sums the report up, {LONG}.</b></p>{''.join(paragraphs)}")
    assert source.title == "Committee report"
    assert len(source.paragraphs) == 6
    assert source.paragraphs[-1].startswith("Paragraph 5 of the report")


def test_layout_table_keeps_the_article_s_headings_and_paragraphs(tmp_path: Path):
    """A page laid out with a table: the content cell is read as a page region, not glued into one row."""
    path = tmp_path / "club.html"
    path.write_text(
        "<html><head><title>Club news</title></head><body><table width='100%'><tr>"
        "<td class='nav'><a href='/'>Home</a><br><a href='/n'>News</a><br><a href='/e'>Events</a></td>"
        f"<td class='content'><h1>Club news</h1><h2>Annual meeting</h2><p>The members met in March, {LONG}.</p>"
        f"<p>The chair opened the meeting, {LONG}.</p><h2>New members</h2><p>Three people joined the club, {LONG}.</p>"
        f"<p>They were welcomed warmly, {LONG}.</p></td></tr>"
        "<tr><td colspan='2'>Copyright the club, all rights reserved</td></tr></table></body></html>",
        encoding="utf-8",
    )
    source = ingest(path)
    assert [s.heading for s in source.sections] == ["", "Annual meeting", "New members"]
    assert source.sections[0].paragraphs == ["Home", "News", "Events"]
    assert source.sections[1].paragraphs == [
        f"The members met in March, {LONG}.",
        f"The chair opened the meeting, {LONG}.",
    ]
    assert source.sections[2].paragraphs[1] == f"They were welcomed warmly, {LONG}."


def test_list_inside_a_div_wrapped_paragraph_is_kept(tmp_path: Path):
    """trafilatura can leave a list inside the paragraph of the <div> that held it; its items stay paragraphs."""
    path = tmp_path / "club.html"
    path.write_text(
        "<html><head><title>Club news</title></head><body><div id='page'><div class='menu'><a href='/'>Home</a></div>"
        f"<div class='text'><div>The members met in March, {LONG}.</div><div>Two people joined the club, {LONG}."
        "<ul><li>Anna from the village joined</li><li>Ben from the town joined</li></ul></div>"
        f"<div>They were welcomed warmly, {LONG}.</div></div></div></body></html>",
        encoding="utf-8",
    )
    assert ingest(path).paragraphs == [
        f"The members met in March, {LONG}.",
        f"Two people joined the club, {LONG}.",
        "Anna from the village joined",
        "Ben from the town joined",
        f"They were welcomed warmly, {LONG}.",
    ]


def test_raw_html_a_fallback_extraction_returns_keeps_its_structure():
    """When a fallback extractor wins, trafilatura's body holds the page's own HTML: divs, h2s, lists and tables."""
    body = etree.fromstring(
        "<body><div class='story'><h2>Budget</h2><div>The budget rose.<ul><li>Schools</li><li>Roads</li></ul></div>"
        "<head rend='h3'>Staff</head><p>Three joined.</p><table><tr><th>Name</th><th>Role</th></tr>"
        "<tr><td>Anna</td><td>Chair</td></tr></table><script>track()</script></div></body>"
    )
    assert [(b.text, b.heading_level) for b in article_blocks(body)] == [
        ("Budget", 2),
        ("The budget rose.", 0),
        ("Schools", 0),
        ("Roads", 0),
        ("Staff", 3),
        ("Three joined.", 0),
        ("Name: Anna; Role: Chair", 0),
    ]


def test_layout_tables_nested_deep_are_read_to_the_innermost_cell(tmp_path: Path):
    """Old sites nest layout tables; each is read as page regions, without recursion running out."""
    depth = 60  # four elements a level: as deep as the parser reads (256 levels)
    inner = f"<h2>Deep</h2><p>The innermost cell holds the article, {LONG}.</p><p>It goes on, {LONG}.</p>"
    path = tmp_path / "nested.html"
    path.write_text(
        "<html><head><title>Nested</title></head><body>"
        + "<table><tr><td><p>Menu</p>" * depth
        + inner
        + "</td></tr></table>" * depth
        + "</body></html>",
        encoding="utf-8",
    )
    deep = ingest(path).sections[-1]
    assert deep.heading == "Deep"
    assert deep.paragraphs == [f"The innermost cell holds the article, {LONG}.", f"It goes on, {LONG}."]
