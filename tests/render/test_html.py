"""The brief as one web page: self-contained, safe to open, and saying what the other formats say.

The page is read back with lxml, as a browser would parse it.
"""

from __future__ import annotations

import base64
import io
import re
from pathlib import Path

import lxml.html
from PIL import Image

from app.assemble.catalog import find_template
from app.brief.opening import open_project
from app.cli.main import main
from app.core.document import (
    Block,
    Citation,
    Document,
    DocumentMeta,
    Figure,
    Heading,
    Paragraph,
    Run,
    iter_blocks,
    plain_text,
)
from app.core.formats import output_format
from app.core.style import Style
from app.pipeline.build import build_brief
from app.render.html import render_html
from tests.conftest import SEEDS_DIR

SAMPLE_BRIEF = SEEDS_DIR / "sample.brief"


def page(text: str) -> lxml.html.HtmlElement:
    return lxml.html.document_fromstring(text)


def words(text: str) -> str:
    return " ".join(text.split())


def sample_page(tmp_path: Path) -> tuple[lxml.html.HtmlElement, str]:
    assert main(["build", str(SAMPLE_BRIEF), "--format", "html", "-o", str(tmp_path), "--name", "b"]) == 0
    assert [p.name for p in tmp_path.iterdir()] == ["b.html"]
    text = (tmp_path / "b.html").read_text(encoding="utf-8")
    return page(text), text


def test_the_page_names_nothing_outside_itself_but_the_brief_s_own_links(tmp_path: Path):
    root, text = sample_page(tmp_path)
    assert not root.xpath("//script | //link | //iframe | //object | //embed | //base | //style | //form")
    assert "url(" not in text  # no stylesheet fetches anything either
    sources = [element.get("src") for element in root.xpath("//*[@src]")]
    assert sources and all(src.startswith(("data:image/png;base64,", "data:image/jpeg;base64,")) for src in sources)
    opened = open_project(SAMPLE_BRIEF)
    built = build_brief(opened.project, {s.path: s for s in opened.sources}, find_template(opened.project.template))
    brief_links = {run.href for block in iter_blocks(built.document.blocks) for run in _runs(block) if run.href}
    assert {element.get("href") for element in root.xpath("//*[@href]")} == brief_links


def _runs(block: Block) -> list[Run]:
    inlines = block.inlines if isinstance(block, Heading | Paragraph) else []
    return [inline for inline in inlines if isinstance(inline, Run)]


def test_the_page_carries_the_brief_s_title_banners_headings_and_figure(tmp_path: Path):
    root, _ = sample_page(tmp_path)
    opened = open_project(SAMPLE_BRIEF)
    built = build_brief(opened.project, {s.path: s for s in opened.sources}, find_template(opened.project.template))
    document = built.document

    assert root.findtext(".//title") == document.meta.title
    assert [words(h.text_content()) for h in root.xpath("//h1")] == [document.meta.title]
    headings = [words(plain_text(b.inlines)) for b in document.blocks if isinstance(b, Heading)]
    assert [words(h.text_content()) for h in root.xpath("//h2 | //h3 | //h4")] == headings
    shown = words(root.body.text_content())
    marking = document.meta.classification
    assert shown.startswith(marking) and shown.endswith(marking)  # a banner above and below
    for paragraph in (b for b in document.blocks if isinstance(b, Paragraph)):
        assert words(plain_text(paragraph.inlines)) in shown

    figure = next(b for b in document.blocks if isinstance(b, Figure))
    image = root.xpath("//figure/img")[0]
    assert base64.b64decode(image.get("src").split(",", 1)[1]) == figure.data
    caption = words(root.xpath("//figure/figcaption")[0].text_content())
    assert caption == words(f"Figure {figure.number}. {plain_text(figure.caption)}")


def test_links_a_page_must_not_carry_are_printed_as_their_text():
    document = Document(
        DocumentMeta(title="Hostile <b>title</b>"),
        [
            Paragraph(
                [Run("run me", href="javascript:alert(1)"), Run(" and "), Run("file", href="file:///etc/passwd")]
            ),
            Paragraph([Run("<script>alert(2)</script> & friends"), Run(" read", href="https://example.org/a?b=1&c=2")]),
        ],
    )
    text = render_html(document, Style())
    root = page(text)
    assert not root.xpath("//script")
    assert [a.get("href") for a in root.xpath("//a")] == ["https://example.org/a?b=1&c=2"]
    assert "javascript:" not in text and "file:" not in text
    assert "<script>alert(2)</script> & friends read" in words(root.body.text_content())
    assert root.findtext(".//title") == "Hostile <b>title</b>"


def test_banners_take_the_colour_of_the_marking_and_citations_print_as_in_the_other_formats():
    style = Style.model_validate({"banner": {"colours": {"SECRET": "#aa0000"}}})
    document = Document(
        DocumentMeta(title="T", classification="SECRET//NOFORN"),
        [Paragraph([Run("(S) Recruitment continues. "), Citation(2, "p. 3")])],
    )
    root = page(render_html(document, style))
    banners = [div for div in root.xpath("//div[@style]") if words(div.text_content()) == "SECRET//NOFORN"]
    assert len(banners) == 2
    assert all(re.search(r"background:#aa0000", div.get("style")) for div in banners)
    assert "(S) Recruitment continues. [2, p. 3]" in words(root.body.text_content())


def test_a_right_to_left_paragraph_takes_its_direction_from_its_text():
    document = Document(DocumentMeta(title="T"), [Paragraph([Run("عقد مستشار الأمن الوطني اجتماعاً")])])
    root = page(render_html(document, Style()))
    assert [p.get("dir") for p in root.xpath("//p")] == ["auto"]


def test_an_image_is_no_larger_than_the_text_width():
    buffer = io.BytesIO()
    Image.new("RGB", (3000, 600), "white").save(buffer, "PNG")
    figure = Figure(buffer.getvalue(), "PNG", 3000, 600, [Run("Wide")], [], 1)
    root = page(render_html(Document(DocumentMeta(title="T"), [figure]), Style()))
    image = root.xpath("//img")[0]
    assert int(image.get("width")) <= 720 and "max-width:100%" in image.get("style")


def test_html_is_in_the_registry_and_not_written_unless_asked():
    fmt = output_format("html")
    assert (fmt.extension, fmt.label, fmt.default) == (".html", "HTML", False)
