"""``::: figure`` containers → Figure blocks (app/parse/figure.py), with images only from the build's mapping."""

from __future__ import annotations

import pytest

from app.assemble.sandbox import escape_markdown
from app.core.document import Citation, Figure, Paragraph, Run, plain_text
from app.core.errors import TemplateError
from app.core.images import CheckedImage
from app.parse.markup import parse_markup

IMAGES = {
    "a1": CheckedImage(b"png-bytes", 640, 480, "PNG"),
    "b2": CheckedImage(b"jpeg-bytes", 300, 900, "JPEG"),
}


def figure_markup(caption: str, item_id: str, credit: str | None) -> str:
    """A figure exactly as the templates print it."""
    lines = ["::: figure", f"![{caption}](figure:{item_id})"]
    if credit is not None:
        lines += ["", credit]
    return "\n".join([*lines, ":::", ""])


def figures(markup: str) -> list[Figure]:
    return [b for b in parse_markup(markup, images=IMAGES).blocks if isinstance(b, Figure)]


def test_a_figure_container_becomes_a_figure_with_the_mapped_image() -> None:
    [figure] = figures(figure_markup("Port of *Umm Qasr*", "a1", "Maxar Technologies [@3]"))
    assert (figure.data, figure.format, figure.width_px, figure.height_px) == (b"png-bytes", "PNG", 640, 480)
    assert figure.caption == [Run("Port of "), Run("Umm Qasr", italic=True)]
    assert figure.credit == [Run("Maxar Technologies "), Citation(3)]
    assert figure.number == 1


def test_figures_are_numbered_in_reading_order_and_the_credit_is_optional() -> None:
    markup = figure_markup("One", "a1", None) + "\nText between.\n\n" + figure_markup("Two", "b2", "[@1]")
    first, second = figures(markup)
    assert (first.number, plain_text(first.caption), first.credit) == (1, "One", [])
    assert (second.number, second.format, second.credit) == (2, "JPEG", [Citation(1)])


def test_escaped_caption_and_credit_read_as_written() -> None:
    caption, credit = "Costs [in $] *not* emphasised_here", "Agency <b> & co. [@2]"
    [figure] = figures(figure_markup(escape_markdown(caption), "a1", escape_markdown(credit)))
    assert plain_text(figure.caption) == caption
    assert plain_text(figure.credit) == credit  # the citation text is escaped too, so it stays literal


def test_a_figure_sits_among_other_blocks() -> None:
    blocks = parse_markup("Before.\n\n" + figure_markup("C", "a1", None) + "\nAfter.\n", images=IMAGES).blocks
    assert [type(b) for b in blocks] == [Paragraph, Figure, Paragraph]


@pytest.mark.parametrize(
    ("markup", "message"),
    [
        (figure_markup("C", "zz9", None), "the markup shows figure 'zz9', but the brief has no figure with that id"),
        (figure_markup("C", "/etc/passwd", None).replace("figure:", ""), "must be figure:ID"),
        ("::: figure\n![C](https://example.org/x.png)\n:::\n", "must be figure:ID"),
        ("::: figure\nJust text\n:::\n", "must start with its image alone"),
        ("::: figure\nSee ![C](figure:a1)\n:::\n", "must start with its image alone"),
        ("::: figure\n:::\n", "holds 0 paragraphs"),
        ("::: figure\n![C](figure:a1)\n\nOne\n\nTwo\n:::\n", "holds 3 paragraphs"),
        ("::: figure\n![C](figure:a1)\n\n- a list\n:::\n", "not a bullet list"),
    ],
    ids=["unknown-id", "path", "url", "no-image", "image-in-text", "empty", "extra-paragraph", "list"],
)
def test_a_figure_that_names_no_image_of_the_brief_is_a_template_error(markup: str, message: str) -> None:
    with pytest.raises(TemplateError) as caught:
        parse_markup(markup, images=IMAGES)
    assert message in str(caught.value)


def test_without_images_any_figure_is_an_error() -> None:
    with pytest.raises(TemplateError, match="no figure with that id"):
        parse_markup(figure_markup("C", "a1", None))
