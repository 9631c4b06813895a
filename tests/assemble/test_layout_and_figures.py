"""template.toml's parts, what the analyst is told is missing, and the one markup of a figure."""

from __future__ import annotations

import pytest

from app.assemble.context import build_context
from app.assemble.figures import figure_markup
from app.assemble.gaps import brief_gaps, shortened
from app.assemble.layout import DEFAULT_LAYOUT, Layout, read_layout
from app.brief.select import project_from_sources
from app.core.errors import TemplateError
from app.core.model import AnalystItem, BriefMeta, BriefProject, FigureItem, Source


def _context(*items, **meta):
    source = Source(path="/s/a.txt", title="A headline", outlet="Wire", language="en")
    return build_context(BriefProject(meta=BriefMeta(**meta), items=list(items)), {source.path: source})


def test_roles_become_parts_in_order():
    layout = read_layout({"roles": {"Situation": ["background", "discussion"], "Outlook": ["outlook"]}}, "t.toml")
    assert layout.parts == (("Situation", ("background", "discussion")), ("Outlook", ("outlook",)))
    assert read_layout({}, "t.toml") == DEFAULT_LAYOUT


@pytest.mark.parametrize(
    "settings",
    [{"roles": ["background"]}, {"roles": {"X": ["body"]}}, {"fields": ["colour"]}, {"condense": "yes"}],
)
def test_a_malformed_layout_names_its_key(settings):
    with pytest.raises(TemplateError) as error:
        read_layout(settings, "t.toml")
    assert str(next(iter(settings))) in str(error.value)


def test_gaps_name_the_summary_empty_parts_unprinted_roles_and_empty_fields():
    layout = Layout(parts=(("Assessment", ("assessment",)), ("Outlook", ("outlook",))), fields=("recipient",))
    context = _context(AnalystItem(heading="Options", text="Act now.", role="options"))
    assert [gap.message for gap in brief_gaps(context, layout)] == [
        "no summary written: the bottom line is Briefgen's choice of sentences from the sources",
        "the Assessment part is empty and left out: give items the role Assessment",
        "the Outlook part is empty and left out: give items the role Outlook",
        "1 Options item not printed: this template has no Options part",
        "the recipient is empty and left out: this template prints it",
    ]
    full = _context(AnalystItem(text="We assess.", role="assessment"), summary="S.", recipient="D")
    assert brief_gaps(full, Layout(parts=(("Assessment", ("assessment",)),), fields=("recipient",))) == []


def test_a_figure_is_its_own_block_with_caption_and_credit_escaped_and_no_path():
    figure = FigureItem(
        id="abc123", image="/secret/path/map.png", caption="Map *of* [Iraq]", credit="© AP", source="/s/a.txt"
    )
    context = _context(figure)
    markup = figure_markup(context.figures[0])
    assert markup == "::: figure\n![Map \\*of\\* \\[Iraq\\]](figure:abc123)\n\n© AP [@1]\n:::\n"
    assert "secret" not in markup and context.sources[0].number == 1
    bare = figure_markup(_context(FigureItem(id="x y", image="m.png")).figures[0])
    assert bare == "::: figure\n![](figure:x%20y)\n:::\n"
    with pytest.raises(TypeError):
        figure_markup("not a figure")  # type: ignore[arg-type]


def test_a_condensing_layout_says_how_many_items_it_shortened(sample_source):
    context = build_context(project_from_sources([sample_source]), {sample_source.path: sample_source})
    assert [gap.message for gap in shortened(context, Layout(parts=(), condense=True))] == [
        "to fit the page, the template prints only the key sentence of 5 source items"
    ]
    assert shortened(context, Layout(parts=())) == []
