"""The analyst's Markdown: paragraphs, lists, bold, italic and links pass; structure and HTML do not."""

from __future__ import annotations

from app.assemble.analyst_markup import analyst_blocks, analyst_plain


def test_the_markup_the_analyst_wrote_passes():
    text = (
        "We assess **slow** but *steady* growth, see [the report](https://example.org/r).\n\n- one\n- two\n\n1. a\n2. b"
    )
    assert analyst_blocks(text) == [
        "We assess **slow** but *steady* growth, see [the report](https://example.org/r)\\.",
        "- one\n- two",
        "1. a\n2. b",
    ]


def test_structure_html_and_unsafe_links_come_out_as_text():
    blocks = analyst_blocks("# Heading\n\n::: summary\nboxed\n:::\n\n<b>bold</b> [x](javascript:alert(1))")
    assert blocks == [
        "\\# Heading",
        "\\:\\:\\: summary boxed \\:\\:\\:",
        "\\<b\\>bold\\</b\\> \\[x\\]\\(javascript\\:alert\\(1\\)\\)",
    ]


def test_plain_text_drops_the_markup():
    assert analyst_plain("We **assess** growth.\n\n- one") == "We assess growth.\n\none"
