"""Parse: markup (Markdown, citations, ``:::`` containers) → the Document tree (app/parse/markup.py).

Every check is on the tree the writers walk: block types, inline runs, their
text and attributes.  The markup is what the built-in templates produce
(``templates/policy-brief/brief.md.j2`` and its partials): role containers for
the marking, title, subtitle and byline, a summary box, bold lead-ins, ``[@n]``
and ``[@n, p. 3]`` citations, quotes with an attribution container inside, a
numbered sources list, and source text escaped by the sandbox.
"""

from __future__ import annotations

from pathlib import Path
from typing import get_args

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from app.assemble.catalog import find_template
from app.assemble.context import build_context
from app.assemble.sandbox import escape_markdown
from app.assemble.templating import render_template_text
from app.brief.select import project_from_sources
from app.core.document import (
    Block,
    Callout,
    CalloutKind,
    Citation,
    Document,
    DocumentMeta,
    Heading,
    Inline,
    ListBlock,
    PageBreak,
    Paragraph,
    ParagraphRole,
    Quote,
    Run,
    Table,
    iter_blocks,
    plain_text,
)
from app.parse.markup import CALLOUT_CONTAINERS, ROLE_CONTAINERS, parse_markup
from tests.conftest import SAMPLE_HEADINGS


def blocks(markup: str) -> list[Block]:
    return parse_markup(markup).blocks


def only(markup: str) -> Block:
    """The one block ``markup`` makes."""
    (block,) = blocks(markup)
    return block


def inlines(markup: str) -> list[Inline]:
    """The inline content of the one paragraph ``markup`` makes."""
    block = only(markup)
    assert isinstance(block, Paragraph)
    return block.inlines


def text(block: Block) -> str:
    assert isinstance(block, Paragraph | Heading)
    return plain_text(block.inlines)


# -- headings and paragraphs ----------------------------------------------------------------------------------------


@pytest.mark.parametrize("level", range(1, 7))
def test_atx_heading_levels(level: int) -> None:
    assert only(f"{'#' * level} Key points  ") == Heading(level, [Run("Key points")])


def test_setext_headings_and_inline_formatting_in_a_heading() -> None:
    assert blocks("Background\n==========\n\nDiscussion *now*\n---\n") == [
        Heading(1, [Run("Background")]),
        Heading(2, [Run("Discussion "), Run("now", italic=True)]),
    ]


def test_seven_hashes_or_no_space_is_not_a_heading() -> None:
    assert blocks("####### seven\n\n#hashtag") == [Paragraph([Run("####### seven")]), Paragraph([Run("#hashtag")])]


def test_paragraphs_split_on_blank_lines_and_lines_join_with_a_space() -> None:
    assert blocks("First line\nsame paragraph\n\nSecond paragraph\n") == [
        Paragraph([Run("First line same paragraph")]),
        Paragraph([Run("Second paragraph")]),
    ]


def test_paragraphs_outside_any_container_are_body() -> None:
    assert {block.role for block in iter_blocks(blocks("a\n\n- b\n\n> c\n")) if isinstance(block, Paragraph)} == {
        "body"
    }


def test_empty_and_blank_markup_make_no_blocks() -> None:
    assert blocks("") == []
    assert blocks(" \n\n\t\n") == []


# -- inline runs ------------------------------------------------------------------------------------------------------


def test_bold_italic_and_both() -> None:
    assert inlines("plain **bold** *italic* _also italic_ __also bold__ ***both***") == [
        Run("plain "),
        Run("bold", bold=True),
        Run(" "),
        Run("italic", italic=True),
        Run(" "),
        Run("also italic", italic=True),
        Run(" "),
        Run("also bold", bold=True),
        Run(" "),
        Run("both", bold=True, italic=True),
    ]


def test_nested_emphasis_sets_both_flags_only_where_they_overlap() -> None:
    assert inlines("**bold *and italic* bold**") == [
        Run("bold ", bold=True),
        Run("and italic", bold=True, italic=True),
        Run(" bold", bold=True),
    ]


def test_inline_code_keeps_markup_characters_literally() -> None:
    assert inlines("run `a *b* [@1] <x>` now") == [Run("run "), Run("a *b* [@1] <x>", code=True), Run(" now")]


def test_links_carry_their_target() -> None:
    assert inlines('see [the report](https://example.org/r "Title") and **[bold](http://b.org)**') == [
        Run("see "),
        Run("the report", href="https://example.org/r"),
        Run(" and "),
        Run("bold", bold=True, href="http://b.org"),
    ]


def test_autolinks() -> None:
    assert inlines("<https://x.org> or <desk@x.org>") == [
        Run("https://x.org", href="https://x.org"),
        Run(" or "),
        Run("desk@x.org", href="mailto:desk@x.org"),
    ]


def test_formatting_inside_a_link() -> None:
    assert inlines("[*the* report](http://x.org)") == [
        Run("the", italic=True, href="http://x.org"),
        Run(" report", href="http://x.org"),
    ]


def test_neighbouring_text_with_the_same_formatting_is_one_run() -> None:
    # "a", the escaped "*" and "b" are three text tokens for markdown-it
    assert inlines("a\\*b **c** **d**") == [Run("a*b "), Run("c", bold=True), Run(" "), Run("d", bold=True)]


def test_an_image_leaves_its_alt_text() -> None:
    assert inlines("Map: ![the border area](map.png)") == [Run("Map: the border area")]


def test_inline_html_is_text() -> None:
    assert inlines("a <b>tag</b> here") == [Run("a <b>tag</b> here")]


# -- hard breaks ------------------------------------------------------------------------------------------------------


def test_hard_breaks_are_newlines_in_the_run() -> None:
    assert inlines("two spaces  \nbackslash\\\nsoft\nend") == [Run("two spaces\nbackslash\nsoft end")]


def test_a_hard_break_keeps_the_formatting_around_it() -> None:
    assert inlines("**one  \ntwo**") == [Run("one\ntwo", bold=True)]


def test_trailing_spaces_at_the_end_of_a_paragraph_are_no_break() -> None:
    assert inlines("last line  ") == [Run("last line")]


# -- lists ----------------------------------------------------------------------------------------------------------


def test_bullet_list() -> None:
    block = only("- first\n- **second** [@2]\n")
    assert block == ListBlock(
        ordered=False,
        items=[
            [Paragraph([Run("first")])],
            [Paragraph([Run("second", bold=True), Run(" "), Citation(2)])],
        ],
    )


def test_a_different_bullet_starts_a_new_list() -> None:
    first, second = blocks("- a\n- b\n* c\n")
    assert isinstance(first, ListBlock) and isinstance(second, ListBlock)
    assert [len(first.items), len(second.items)] == [2, 1]


def test_numbered_list_keeps_its_start() -> None:
    assert only("3. three\n4. four\n") == ListBlock(
        ordered=True, items=[[Paragraph([Run("three")])], [Paragraph([Run("four")])]], start=3
    )
    numbered = only("1) one\n")
    assert isinstance(numbered, ListBlock) and numbered.ordered and numbered.start == 1


def test_nested_lists() -> None:
    block = only("1. Options\n   - keep\n   - drop\n     1. now\n     2. later\n2. Decision\n")
    assert isinstance(block, ListBlock) and block.ordered
    first, second = block.items
    assert first[0] == Paragraph([Run("Options")])
    bullets = first[1]
    assert isinstance(bullets, ListBlock) and not bullets.ordered
    assert bullets.items[0] == [Paragraph([Run("keep")])]
    assert bullets.items[1][0] == Paragraph([Run("drop")])
    assert bullets.items[1][1] == ListBlock(
        ordered=True, items=[[Paragraph([Run("now")])], [Paragraph([Run("later")])]]
    )
    assert second == [Paragraph([Run("Decision")])]


def test_loose_list_item_holds_several_blocks() -> None:
    block = only("- lead\n\n  more on it\n\n  > quoted\n- next\n")
    assert isinstance(block, ListBlock)
    assert block.items[0] == [
        Paragraph([Run("lead")]),
        Paragraph([Run("more on it")]),
        Quote([Paragraph([Run("quoted")])]),
    ]
    assert block.items[1] == [Paragraph([Run("next")])]


def test_an_empty_list_item_is_an_empty_item() -> None:
    assert only("-\n- b\n") == ListBlock(ordered=False, items=[[], [Paragraph([Run("b")])]])


# -- block quotes -----------------------------------------------------------------------------------------------------


def test_block_quote_with_paragraphs_a_list_and_a_nested_quote() -> None:
    assert only("> “We act,” he said.\n>\n> - one\n>\n> > inner **x**\n") == Quote(
        [
            Paragraph([Run("“We act,” he said.")]),
            ListBlock(ordered=False, items=[[Paragraph([Run("one")])]]),
            Quote([Paragraph([Run("inner "), Run("x", bold=True)])]),
        ]
    )


def test_lazy_continuation_stays_in_the_quote() -> None:
    assert only("> first\nlazy\n") == Quote([Paragraph([Run("first lazy")])])


# -- tables ---------------------------------------------------------------------------------------------------------


def test_table_header_and_rows_with_inline_runs() -> None:
    markup = "| Date | *Event* |\n|:---|---:|\n| 1 May | Vote [@1, p. 2] |\n| 2 May | `n/a` |\n"
    assert only(markup) == Table(
        header=[[Run("Date")], [Run("Event", italic=True)]],
        rows=[
            [[Run("1 May")], [Run("Vote "), Citation(1, "p. 2")]],
            [[Run("2 May")], [Run("n/a", code=True)]],
        ],
    )


def test_table_missing_cells_are_empty_and_extra_cells_dropped() -> None:
    table = only("| a | b |\n|---|---|\n| 1 |\n| 1 | 2 | 3 |\n")
    assert isinstance(table, Table)
    assert table.rows == [[[Run("1")], []], [[Run("1")], [Run("2")]]]


def test_escaped_pipe_stays_in_its_cell() -> None:
    table = only("| a |\n|---|\n| x \\| y |\n")
    assert isinstance(table, Table)
    assert table.rows == [[[Run("x | y")]]]


def test_table_without_delimiter_row_is_a_paragraph() -> None:
    assert only("| a | b |\n| 1 | 2 |\n") == Paragraph([Run("| a | b | | 1 | 2 |")])


# -- citations ------------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("markup", "citation"),
    [
        ("[@1]", Citation(1)),
        ("[@2, p. 3]", Citation(2, "p. 3")),
        ("[@12,  pp. 4-5 ]", Citation(12, "pp. 4-5")),
        ("[@7,para 12]", Citation(7, "para 12")),
        ("[@9999]", Citation(9999)),
    ],
)
def test_citation(markup: str, citation: Citation) -> None:
    assert inlines(f"Text {markup}.") == [Run("Text "), citation, Run(".")]


def test_citation_labels_are_what_the_writers_print() -> None:
    assert [c.label for c in inlines("[@1] [@2, p. 3]") if isinstance(c, Citation)] == ["[1]", "[2, p. 3]"]


@pytest.mark.parametrize(
    "markup",
    ["[@x]", "[@]", "[@12345]", "[@1", "[@1, p. 3", "\\[@3]", "@3", "[ @3]"],
)
def test_not_a_citation(markup: str) -> None:
    found = inlines(f"Text {markup} end")
    assert not any(isinstance(inline, Citation) for inline in found)
    assert plain_text(found) == f"Text {markup.replace(chr(92), '')} end"


def test_citations_inside_formatting_headings_list_items_and_quotes() -> None:
    document = blocks("## Findings [@4]\n\n**Point [@3, p. 2].** text\n\n- item [@5]\n\n> quoted [@6]\n")
    assert document[0] == Heading(2, [Run("Findings "), Citation(4)])
    assert document[1] == Paragraph([Run("Point ", bold=True), Citation(3, "p. 2"), Run(".", bold=True), Run(" text")])
    cited = [
        inline for block in iter_blocks(document) if isinstance(block, Paragraph | Heading) for inline in block.inlines
    ]
    assert [c.number for c in cited if isinstance(c, Citation)] == [4, 3, 5, 6]


def test_two_citations_side_by_side() -> None:
    assert inlines("[@1][@2, p. 9]") == [Citation(1), Citation(2, "p. 9")]


# -- containers -------------------------------------------------------------------------------------------------------


def test_container_names_are_the_document_roles_and_callout_kinds() -> None:
    assert set(ROLE_CONTAINERS) == set(get_args(ParagraphRole)) - {"body"}
    assert set(CALLOUT_CONTAINERS) == set(get_args(CalloutKind))


@pytest.mark.parametrize("role", sorted(ROLE_CONTAINERS))
def test_role_container_gives_its_paragraphs_the_role(role: ParagraphRole) -> None:
    assert blocks(f"before\n\n::: {role}\nFirst **line**\n\nSecond\n:::\n\nafter\n") == [
        Paragraph([Run("before")]),
        Paragraph([Run("First "), Run("line", bold=True)], role=role),
        Paragraph([Run("Second")], role=role),
        Paragraph([Run("after")]),
    ]


@pytest.mark.parametrize("kind", sorted(CALLOUT_CONTAINERS))
def test_callout_container_is_a_box_of_its_kind(kind: CalloutKind) -> None:
    assert blocks(f"::: {kind}\n**Analyst note.** Text [@2]\n\n- a point\n:::\n\nafter\n") == [
        Callout(
            kind,
            [
                Paragraph([Run("Analyst note.", bold=True), Run(" Text "), Citation(2)]),
                ListBlock(ordered=False, items=[[Paragraph([Run("a point")])]]),
            ],
        ),
        Paragraph([Run("after")]),
    ]


def test_role_containers_as_the_title_block_writes_them() -> None:
    markup = (
        "::: marking\nSECRET\n:::\n\n::: title\nIraq \\- Russia\n:::\n\n::: subtitle\nA sub\n:::\n\n"
        "::: meta\n1 May 2026 · A\\. Analyst · For: Desk\n\n:::\n"
    )
    assert blocks(markup) == [
        Paragraph([Run("SECRET")], role="marking"),
        Paragraph([Run("Iraq - Russia")], role="title"),
        Paragraph([Run("A sub")], role="subtitle"),
        Paragraph([Run("1 May 2026 · A. Analyst · For: Desk")], role="meta"),
    ]


def test_attribution_inside_a_quote() -> None:
    markup = "> “Fewer than 5,000”\n>\n> ::: attribution\n> — Hussein Allawi [@1, p. 2]\n> :::\n"
    assert only(markup) == Quote(
        [
            Paragraph([Run("“Fewer than 5,000”")]),
            Paragraph([Run("— Hussein Allawi "), Citation(1, "p. 2")], role="attribution"),
        ]
    )


def test_a_longer_fence_nests_a_box_in_a_box() -> None:
    assert only(":::: summary\nouter\n\n::: warning\ninner\n:::\n::::\n") == Callout(
        "summary", [Paragraph([Run("outer")]), Callout("warning", [Paragraph([Run("inner")])])]
    )


def test_headings_and_tables_inside_a_box() -> None:
    box = only("::: callout\n## Inside\n\n| a |\n|---|\n| 1 |\n:::\n")
    assert box == Callout("callout", [Heading(2, [Run("Inside")]), Table([[Run("a")]], [[[Run("1")]]])])


def test_an_unclosed_container_runs_to_the_end() -> None:
    assert blocks("::: note\nunclosed\n\nstill inside\n") == [
        Callout("note", [Paragraph([Run("unclosed")]), Paragraph([Run("still inside")])])
    ]


@pytest.mark.parametrize(
    ("markup", "literal"),
    [
        ("::: spoiler\nhidden\n:::\n", "::: spoiler hidden :::"),
        (":::\nbare\n:::\n", "::: bare :::"),
        ("::: Note\nx\n:::\n", "::: Note x :::"),
        (":: note\nx\n::\n", ":: note x ::"),
    ],
)
def test_unknown_containers_are_text(markup: str, literal: str) -> None:
    assert blocks(markup) == [Paragraph([Run(literal)])]


def test_container_name_needs_no_space_and_may_be_followed_by_words() -> None:
    expected = [Callout("note", [Paragraph([Run("x")])])]
    assert blocks(":::note\nx\n:::\n") == expected
    assert blocks("::: note Analyst's aside\nx\n:::\n") == expected


def test_a_stray_closing_fence_is_text() -> None:
    assert blocks("text\n\n:::\n") == [Paragraph([Run("text")]), Paragraph([Run(":::")])]


# -- page breaks, code, HTML ----------------------------------------------------------------------------------------


def test_newpage_paragraph_and_thematic_breaks_are_page_breaks() -> None:
    assert blocks("before\n\n\\newpage\n\nafter\n\n---\n\n***\n\nend") == [
        Paragraph([Run("before")]),
        PageBreak(),
        Paragraph([Run("after")]),
        PageBreak(),
        PageBreak(),
        Paragraph([Run("end")]),
    ]


def test_newpage_with_other_text_or_escaped_is_text() -> None:
    assert blocks("see \\newpage here\n\n\\\\newpage\n") == [
        Paragraph([Run("see \\newpage here")]),
        Paragraph([Run("\\newpage")]),
    ]


def test_code_blocks_are_one_code_run() -> None:
    assert blocks("```python\nx = [@1] * 2\n\n# not a heading\n```\n\n    indented *code*\n") == [
        Paragraph([Run("x = [@1] * 2\n\n# not a heading", code=True)]),
        Paragraph([Run("indented *code*", code=True)]),
    ]


def test_html_block_is_literal_text() -> None:
    assert only("<div>\n**not bold**\n</div>\n") == Paragraph([Run("<div>\n**not bold**\n</div>")])


# -- escaping ---------------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("markup", "literal"),
    [
        ("\\*not italic\\*", "*not italic*"),
        ("\\_not italic\\_", "_not italic_"),
        ("\\*\\*not bold\\*\\*", "**not bold**"),
        ("\\# not a heading", "# not a heading"),
        ("1\\. not a list", "1. not a list"),
        ("\\- not a bullet", "- not a bullet"),
        ("\\> not a quote", "> not a quote"),
        ("\\[not a link\\]\\(http://x\\.org\\)", "[not a link](http://x.org)"),
        ("\\[@1\\] not a citation", "[@1] not a citation"),
        ("\\`not code\\`", "`not code`"),
        ("\\<b\\>not html\\</b\\>", "<b>not html</b>"),
        ("\\&amp; stays", "&amp; stays"),
        ("\\:\\:\\: note", "::: note"),
        ("a \\\\ backslash", "a \\ backslash"),
        ("5\\*3 \\= 15", "5*3 = 15"),
    ],
)
def test_escaped_markup_characters_stay_literal(markup: str, literal: str) -> None:
    assert inlines(markup) == [Run(literal)]


def test_entities_are_decoded() -> None:
    assert inlines("&amp; &copy; &#65;") == [Run("& © A")]


#: Markup-looking pieces of source text, as the sandbox escapes everything a template prints.
SOURCE_PIECES = [
    *"abc XYZ 123 \\`*_{}[]<>()#+-.!|~&:=\"'$%@^;,?/\t",
    "[@1]",
    "[@2, p. 3]",
    "&amp;",
    "&#65;",
    "::: note",
    "\\newpage",
    "1. ",
    "- ",
    "> ",
    "---",
    "http://x.org",
    "<http://x.org>",
    "***",
    "| a |",
    "é",
    "قال",
]


@settings(max_examples=400, deadline=None, derandomize=True)
@given(source=st.lists(st.sampled_from(SOURCE_PIECES), min_size=1, max_size=12).map("".join))
def test_escaped_source_text_is_one_plain_paragraph(source: str) -> None:
    """What ``escape_markdown`` makes of one line of source text parses back to exactly that text, unformatted."""
    document = blocks(escape_markdown(source))
    if not source.strip():
        assert document == []
        return
    (paragraph,) = document
    assert isinstance(paragraph, Paragraph) and paragraph.role == "body"
    assert all(isinstance(run, Run) and run == Run(run.text) for run in paragraph.inlines)
    assert plain_text(paragraph.inlines) == source.strip()


# -- meta, line endings, odd input -------------------------------------------------------------------------------------


def test_meta_is_passed_through() -> None:
    meta = DocumentMeta(title="T", classification="SECRET", keywords=["a"])
    document = parse_markup("# Body\n", meta)
    assert isinstance(document, Document)
    assert document.meta is meta
    assert parse_markup("# Body\n").meta == DocumentMeta()


def test_front_matter_is_not_read_into_meta() -> None:
    """Meta comes from the brief, never the markup: a YAML block is just text (and a rule, a page break)."""
    document = parse_markup("---\ntitle: Injected\nclassification: TOP SECRET\n---\n\nbody\n")
    assert document.meta == DocumentMeta()
    assert "title: Injected" in " ".join(text(b) for b in document.blocks if isinstance(b, Paragraph | Heading))


def test_windows_line_endings() -> None:
    assert blocks("# H\r\n\r\none\r\ntwo\r\n\r\n::: note\r\nN\r\n:::\r\n") == [
        Heading(1, [Run("H")]),
        Paragraph([Run("one two")]),
        Callout("note", [Paragraph([Run("N")])]),
    ]


def test_nul_becomes_the_replacement_character() -> None:
    assert inlines("a\x00b") == [Run("a\ufffdb")]


@pytest.mark.parametrize(
    "markup",
    [
        ">" * 500 + " deep",
        "".join("  " * depth + "- x\n" for depth in range(200)),
        "::: note\n" * 50,
        ":::\n" * 50,
        "[@" * 1000,
        "*" * 5000 + "a" + "_" * 5000,
        "| |\n|-|\n" + "| x |\n" * 200,
        "[a](" * 500,
        "\\" * 1001,
        "::: title\nT\n\n::: note\nN\n:::\n:::\n",
        "# \n\n##\n\n- \n\n1.\n\n>\n",
        "\u202e\u2066 \ufeff\u200b",
    ],
)
def test_odd_input_does_not_crash(markup: str) -> None:
    document = parse_markup(markup)
    for block in iter_blocks(document.blocks):
        assert isinstance(block, Heading | Paragraph | ListBlock | Quote | Callout | Table | PageBreak)
        if isinstance(block, Paragraph | Heading):
            assert all(isinstance(inline, Run | Citation) for inline in block.inlines)


MARKUP_PIECES = [
    "\n",
    "\n\n",
    " ",
    "  \n",
    "#",
    "## ",
    "- ",
    "1. ",
    "> ",
    "::: note\n",
    "::: title\n",
    ":::\n",
    "::: attribution\n",
    "| a | b |\n|---|---|\n",
    "|",
    "**",
    "*",
    "_",
    "`",
    "```\n",
    "[@1]",
    "[@2, p. 3]",
    "[@",
    "[x](http://y)",
    "<",
    "\\",
    "\\newpage",
    "---",
    "text",
    "قال",
]


@settings(max_examples=400, deadline=None, derandomize=True)
@given(markup=st.lists(st.sampled_from(MARKUP_PIECES), max_size=25).map("".join))
def test_any_mix_of_markup_parses_into_the_document_types(markup: str) -> None:
    document = parse_markup(markup)
    for block in iter_blocks(document.blocks):
        assert isinstance(block, Heading | Paragraph | ListBlock | Quote | Callout | Table | PageBreak)
        if isinstance(block, Paragraph | Heading):
            assert all(isinstance(inline, Run | Citation) for inline in block.inlines)
            # no empty runs (an empty code block is one empty code run)
            assert all(inline.text or inline.code for inline in block.inlines if isinstance(inline, Run))


# -- what the built-in template really produces ---------------------------------------------------------------------


def test_the_policy_brief_template_parses_into_the_expected_tree(sample_source) -> None:
    project = project_from_sources([sample_source], author="A. Analyst", recipient="Desk", classification="SECRET")
    project.meta.portion_marks = False  # the tree's shape; tests/pipeline/test_markings_build.py has the marks
    markup = render_template_text(
        find_template("policy-brief"), build_context(project, {sample_source.path: sample_source})
    )
    document = parse_markup(markup)
    top = document.blocks

    roles = [block.role for block in top if isinstance(block, Paragraph)][:3]
    assert roles == ["marking", "title", "meta"]
    assert text(top[0]) == "SECRET"
    assert "A. Analyst" in text(top[2]) and "For: Desk" in text(top[2])

    summary = next(block for block in top if isinstance(block, Callout))
    assert summary.kind == "summary"
    lead = summary.blocks[0]
    assert isinstance(lead, Paragraph) and lead.inlines[0] == Run("Bottom line up front.", bold=True)

    headings = [(block.level, text(block)) for block in top if isinstance(block, Heading)]
    level_one = [name for level, name in headings if level == 1]
    assert level_one[0] == "Key points" and level_one[-2:] == ["Key quotes", "Sources"]
    assert [name for level, name in headings if level == 2][1:] == SAMPLE_HEADINGS

    key_points = top[top.index(Heading(1, [Run("Key points")])) + 1]
    assert isinstance(key_points, ListBlock) and not key_points.ordered
    for item in key_points.items:
        (point,) = item
        assert isinstance(point, Paragraph)
        assert point.inlines[0].bold and isinstance(point.inlines[0], Run)
        assert point.inlines[-1] == Citation(1)

    body = [block for block in top if isinstance(block, Paragraph) and block.role == "body"]
    assert body and all(paragraph.inlines[-1] == Citation(1) for paragraph in body)

    quote = next(block for block in top if isinstance(block, Quote))
    assert [paragraph.role for paragraph in quote.blocks if isinstance(paragraph, Paragraph)] == ["body", "attribution"]
    attribution = quote.blocks[-1]
    assert isinstance(attribution, Paragraph) and attribution.inlines[-1] == Citation(1)

    sources = top[-1]
    assert isinstance(sources, ListBlock) and sources.ordered and sources.start == 1
    (entry,) = sources.items[0]
    assert isinstance(entry, Paragraph)
    assert Run(Path(sample_source.path).name, italic=True) in entry.inlines
    # the sandbox escaped every source character, so no text holds a stray backslash
    assert not any(
        "\\" in inline.text
        for block in iter_blocks(top)
        if isinstance(block, Paragraph | Heading)
        for inline in block.inlines
        if isinstance(inline, Run)
    )
