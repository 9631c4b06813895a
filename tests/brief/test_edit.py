"""Editing operations on a BriefProject, as the GUI's undo commands use them."""

from __future__ import annotations

import datetime as dt

import pytest

from app.brief import edit as brief_edit
from app.brief.select import item_for
from app.core.clock import build_time
from app.core.model import AnalystItem, BriefProject, FigureItem, SectionItem, Source


def items(*ids: str) -> list[SectionItem]:
    return [SectionItem(source="/s.txt", section_id=i) for i in ids]


def ids(project: BriefProject) -> list[str]:
    return [i.section_id for i in project.items]


def test_insert_refuses_a_section_twice():
    project = BriefProject()
    brief_edit.insert_items(project, 0, items("a", "b"))
    brief_edit.insert_items(project, 1, items("c"))
    assert ids(project) == ["a", "c", "b"]
    with pytest.raises(ValueError, match="already in the brief"):
        brief_edit.insert_items(project, 0, items("b"))
    with pytest.raises(ValueError):
        brief_edit.insert_items(project, 0, items("d", "d"))
    assert ids(project) == ["a", "c", "b"]


def test_remove_then_restore_puts_items_back_in_place():
    project = BriefProject(items=items("a", "b", "c", "d"))
    keys = brief_edit.chosen_sections(project)
    removed = brief_edit.remove_items(project, {keys[("/s.txt", "b")], keys[("/s.txt", "d")]})
    assert ids(project) == ["a", "c"]
    assert [(i, item.section_id) for i, item in removed] == [(1, "b"), (3, "d")]
    brief_edit.restore_items(project, removed)
    assert ids(project) == ["a", "b", "c", "d"]


@pytest.mark.parametrize(
    ("source", "target", "expected"),
    [(0, 2, ["b", "c", "a"]), (2, 0, ["c", "a", "b"]), (1, 1, ["a", "b", "c"]), (1, 2, ["a", "c", "b"])],
)
def test_move_item_lands_at_target(source, target, expected):
    project = BriefProject(items=items("a", "b", "c"))
    brief_edit.move_item(project, source, target)
    assert ids(project) == expected


def test_move_item_out_of_range():
    with pytest.raises(IndexError):
        brief_edit.move_item(BriefProject(items=items("a")), 0, 1)


def test_set_item_field_validates_and_returns_old_value(sample_source):
    project = BriefProject(items=[item_for(sample_source, s) for s in sample_source.sections[:2]])
    key = brief_edit.key_of(project.items[1])
    assert brief_edit.set_item_field(project, key, "note", "why") == ""
    assert brief_edit.set_item_field(project, key, "role", "implications") == "discussion"
    with pytest.raises(ValueError, match="unknown role"):
        brief_edit.set_item_field(project, key, "role", "conclusion")
    with pytest.raises(ValueError, match="unknown field 'source' for a section item"):
        brief_edit.set_item_field(project, key, "source", "x")
    with pytest.raises(KeyError):
        brief_edit.set_item_field(project, "no-such-id", "note", "")


def test_text_typed_back_to_the_source_is_no_longer_an_edit(sample_source):
    section = sample_source.sections[1]
    assert brief_edit.edited_text(section.text + "\n", section.text) is None
    assert brief_edit.edited_text("Shorter.", section.text) == "Shorter."
    item = item_for(sample_source, section)
    assert brief_edit.item_text(item, section) == section.text
    item.text = "Mine."
    assert brief_edit.item_text(item, section) == "Mine."


def test_meta_fields():
    project = BriefProject()
    assert brief_edit.set_meta_field(project, "title", "New") == "Untitled brief"
    assert project.meta.title == "New"
    with pytest.raises(ValueError):
        brief_edit.set_meta_field(project, "colour", "red")


def test_sources_and_their_items():
    project = BriefProject(items=[*items("a"), SectionItem(source="/t.txt", section_id="x")])
    s, t = Source(path="/s.txt", title="S", sha256="ab" * 32), Source(path="/t.txt", title="T", sha256="cd" * 32)
    brief_edit.add_source(project, s)
    brief_edit.add_source(project, t, 0)
    assert project.sources == ["/t.txt", "/s.txt"]
    assert (
        project.record("/s.txt").sha256 == "ab" * 32
        and project.record("/s.txt").added == build_time().date().isoformat()
    )
    with pytest.raises(ValueError):
        brief_edit.add_source(project, s)
    assert [i.section_id for i in brief_edit.items_from_source(project, "/t.txt")] == ["x"]
    assert brief_edit.remove_source(project, "/t.txt") == 0
    assert project.sources == ["/s.txt"]


def test_dates_read_and_write_in_english_whatever_the_locale():
    assert brief_edit.format_date(dt.date(2026, 3, 5)) == "5 March 2026"
    assert brief_edit.parse_date("05 march 2026") == dt.date(2026, 3, 5)
    assert brief_edit.parse_date("Spring 2026") is None
    assert brief_edit.parse_date("31 February 2026") is None
    assert brief_edit.new_project().meta.date == brief_edit.format_date(dt.date.today())


def test_first_words():
    assert brief_edit.first_words("one two three", 2) == "one two…"
    assert brief_edit.first_words("one two", 2) == "one two"


def test_excerpts_of_a_section_sit_beside_it_whole(sample_source):
    section = sample_source.sections[1]
    whole = item_for(sample_source, section)
    excerpt = SectionItem(source=sample_source.path, section_id=section.id, paragraphs=(2, 2))
    project = BriefProject()
    brief_edit.insert_items(project, 0, [whole, excerpt])
    assert brief_edit.chosen_sections(project) == {(sample_source.path, section.id): whole.id}
    assert brief_edit.item_text(excerpt, section) == section.paragraphs[1]
    with pytest.raises(ValueError, match="already in the brief"):
        brief_edit.insert_items(project, 0, [item_for(sample_source, section)])


def test_every_kind_of_item_has_its_own_fields():
    analyst = AnalystItem(heading="Assessment", text="We assess …")
    figure = FigureItem(image="/map.png", caption="Map")
    project = BriefProject(items=[analyst, figure])
    assert brief_edit.set_item_field(project, analyst.id, "heading", "Our view") == "Assessment"
    assert brief_edit.set_item_field(project, figure.id, "credit", "Agency") == ""
    with pytest.raises(ValueError, match="unknown field 'speaker' for a figure item"):
        brief_edit.set_item_field(project, figure.id, "speaker", "x")
    assert brief_edit.item_text(figure, None) == "Map"


def test_excerpt_range_covers_the_paragraphs_a_selection_touches():
    assert brief_edit.excerpt_range(1, 2, 5) == (2, 3)
    assert brief_edit.excerpt_range(3, 3, 5) == (4, 4)
    assert brief_edit.excerpt_range(-1, 0, 5) == (1, 1)  # starting in the heading
    assert brief_edit.excerpt_range(-2, -1, 5) is None  # only the heading
    assert brief_edit.excerpt_range(2, 9, 5) == (3, 5)
    assert brief_edit.excerpt_range(0, 0, 0) is None


def test_quote_words_drops_quote_marks_and_extra_space():
    assert brief_edit.quote_words("  “We will not\n allow  this,” ") == "We will not allow this"
    assert brief_edit.quote_words('"plain"') == "plain"
    assert brief_edit.quote_words("   ") == ""


def test_cites_are_a_list_of_paths():
    project = BriefProject(items=[AnalystItem(heading="Assessment")])
    key = project.items[0].id
    assert brief_edit.set_item_field(project, key, "cites", ["/a.txt"]) == []
    assert project.items[0].cites == ["/a.txt"]
    with pytest.raises(ValueError, match="list of source paths"):
        brief_edit.set_item_field(project, key, "cites", "/a.txt")
