"""Export presets: stored in the user's config folder, written atomically, a damaged file never costs a preset."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from app.core import atomic
from app.core.errors import PresetError
from app.core.presets import (
    Preset,
    delete_preset,
    find_preset,
    load_presets,
    make_preset,
    name_pattern_problem,
    presets_file,
    save_preset,
)


def test_presets_live_in_the_isolated_config_folder(tmp_path_factory):
    assert presets_file().name == "presets.json"
    assert presets_file().parent.name == "briefgen"
    assert str(tmp_path_factory.getbasetemp()) in str(presets_file())  # never the developer's own


def test_save_find_replace_and_delete():
    weekly = make_preset(name="Weekly", template="situation-report", formats=["pdf", "docx"], folder="~/out")
    assert save_preset(weekly) is False
    assert save_preset(make_preset(name="memo", template="decision-memo", file_name="{date}-{title}")) is False
    assert find_preset("weekly") == weekly  # letter case aside
    assert save_preset(make_preset(name="WEEKLY", formats=["html"], citation_style="apa")) is True
    book = load_presets()
    assert book.names() == ["WEEKLY", "memo"] and book.problem == ""
    assert book.find("weekly").formats == ["html"] and book.find("weekly").citation_style == "apa"
    delete_preset("memo")
    assert load_presets().names() == ["WEEKLY"]
    stored = json.loads(presets_file().read_text(encoding="utf-8"))
    assert stored == {"version": 1, "presets": [{"name": "WEEKLY", "formats": ["html"], "citation_style": "apa"}]}


def test_an_unknown_preset_lists_the_known_ones():
    save_preset(make_preset(name="b"))
    save_preset(make_preset(name="a"))
    with pytest.raises(PresetError, match="there is no preset “c”; the presets are: a, b"):
        find_preset("c")
    with pytest.raises(PresetError, match="the presets are: a, b"):
        delete_preset("c")


def test_no_presets_yet_says_how_to_save_one():
    with pytest.raises(PresetError, match="no presets are saved yet"):
        find_preset("weekly")
    assert load_presets() == ([], "")


@pytest.mark.parametrize(
    ("values", "message"),
    [
        ({"name": " "}, "a preset needs a name"),
        ({"name": "x", "formats": ["xls"]}, "unknown format 'xls'"),
        ({"name": "x", "file_name": "{when}-{title}"}, r"unknown placeholder \{when\}"),
        ({"name": "x", "file_name": "{title"}, "unmatched brace"),
        ({"name": "x", "file_name": "{title:>9}"}, r"unknown placeholder \{title:>9\}"),
        ({"name": "x", "marking_scheme": "../us"}, "not a marking scheme id"),
        ({"name": "x\x00y"}, "control character"),
        ({"name": "x", "colour": "red"}, "colour: Extra inputs are not permitted"),
    ],
)
def test_invalid_presets_are_refused_with_a_reason(values: dict, message: str):
    with pytest.raises(PresetError, match=message):
        make_preset(**values)


def test_every_placeholder_is_accepted():
    assert name_pattern_problem("{date}_{title}-{marking}.{template} v2") is None
    assert "use {date}, {title}, {marking}, {template}" in str(name_pattern_problem("{}"))


def test_a_damaged_file_is_one_message_and_is_never_written_over():
    save_preset(make_preset(name="keep me", formats=["pdf"]))
    damaged = presets_file().read_text(encoding="utf-8").replace('"pdf"', '"pdf",,')
    presets_file().write_text(damaged, encoding="utf-8")
    book = load_presets()
    assert book.presets == []
    assert (
        book.problem.startswith(f"the presets file {presets_file()} is damaged") and "fix or remove it" in book.problem
    )
    with pytest.raises(PresetError, match="the preset was not saved, so the presets in it are kept"):
        save_preset(make_preset(name="new"))
    with pytest.raises(PresetError, match="nothing was deleted"):
        delete_preset("keep me")
    with pytest.raises(PresetError, match="is damaged"):
        find_preset("keep me")
    assert presets_file().read_text(encoding="utf-8") == damaged


@pytest.mark.parametrize("content", ["[1, 2]", '{"presets": 3}', "\udcff", "x" * 10])
def test_a_file_that_is_not_a_presets_file_is_damaged(content: str):
    presets_file().parent.mkdir(parents=True)
    presets_file().write_bytes(content.encode("utf-8", "surrogateescape"))
    assert "is damaged" in load_presets().problem


def test_a_bad_preset_is_reported_and_kept_while_the_others_load_and_save():
    presets_file().parent.mkdir(parents=True)
    future = {"name": "future", "formats": ["pdf"], "watermark": "DRAFT"}
    typo = {"name": "typo", "formats": ["pfd"]}
    presets_file().write_text(
        json.dumps({"version": 2, "presets": [{"name": "good", "formats": ["docx"]}, future, typo, 7]}),
        encoding="utf-8",
    )
    book = load_presets()
    assert book.names() == ["good"]
    assert book.problem.startswith(f"{presets_file()}: 3 preset(s) could not be used and are kept in the file")
    assert "preset “typo”: formats: unknown format 'pfd'" in book.problem
    with pytest.raises(PresetError, match="preset “future”: watermark: Extra inputs are not permitted"):
        find_preset("future")
    save_preset(make_preset(name="new", folder="/tmp/x"))
    entries = json.loads(presets_file().read_text(encoding="utf-8"))["presets"]
    assert entries == [{"name": "good", "formats": ["docx"]}, future, typo, 7, {"name": "new", "folder": "/tmp/x"}]


def test_an_unreadable_folder_is_a_message(tmp_path: Path):
    folder = tmp_path / "not-a-file"
    folder.mkdir()
    assert "cannot be read" in load_presets(folder).problem


def test_a_file_that_cannot_be_written_keeps_its_presets(monkeypatch):
    save_preset(make_preset(name="kept"))
    before = presets_file().read_bytes()

    def disk_full(_source: str, _target: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(atomic.os, "replace", disk_full)
    with pytest.raises(PresetError, match=r"the presets could not be saved: cannot write .*No space left on device"):
        save_preset(make_preset(name="x"))
    assert presets_file().read_bytes() == before
    assert sorted(p.name for p in presets_file().parent.iterdir()) == ["presets.json"]


names = st.text(st.characters(blacklist_categories=("Cc", "Cs")), min_size=1, max_size=40).filter(str.strip)


@given(name=names, folder=st.text(st.characters(blacklist_categories=("Cc", "Cs")), max_size=40))
def test_any_name_and_folder_survive_the_round_trip(tmp_path_factory, name: str, folder: str):
    path = tmp_path_factory.mktemp("round") / "presets.json"
    preset = make_preset(name=name, folder=folder or None)
    save_preset(preset, path)
    assert load_presets(path).presets == [preset]
    assert isinstance(Preset.model_validate(preset.model_dump()), Preset)
