"""The .brief file: round trip, relative paths, and clear errors for broken or newer files."""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

import pytest

from app.brief.project_file import FORMAT_VERSION, load_project, save_project, sources_outside
from app.core.errors import ProjectError
from app.core.model import AnalystItem, BriefMeta, BriefProject, FigureItem, QuoteItem, SectionItem
from tests.conftest import SAMPLE


def _project(source: Path) -> BriefProject:
    return BriefProject(
        meta=BriefMeta(title="Recruitment brief", author="A. Analyst", classification="SECRET", summary="Short."),
        template="policy-brief",
        sources=[str(source)],
        items=[
            SectionItem(source=str(source), section_id="judicial-warnings", note="Check this.", role="implications"),
            SectionItem(source=str(source), section_id="lead", text="Edited lead.", role="background"),
        ],
    )


def test_round_trip_keeps_everything(tmp_path: Path):
    source = tmp_path / "sources" / "article.txt"
    source.parent.mkdir()
    shutil.copy(SAMPLE, source)
    project = _project(source)
    path = tmp_path / "my.brief"
    save_project(project, path)
    assert load_project(path) == project


def test_paths_are_stored_relative_and_survive_a_move(tmp_path: Path):
    folder = tmp_path / "case"
    (folder / "src").mkdir(parents=True)
    shutil.copy(SAMPLE, folder / "src" / "a.txt")
    save_project(_project(folder / "src" / "a.txt"), folder / "p.brief")
    stored = json.loads((folder / "p.brief").read_text(encoding="utf-8"))
    assert stored["sources"] == ["src/a.txt"]
    assert stored["version"] == FORMAT_VERSION
    moved = tmp_path / "moved"
    shutil.move(folder, moved)
    loaded = load_project(moved / "p.brief")
    assert loaded.sources == [str((moved / "src" / "a.txt").resolve())]
    assert Path(loaded.items[0].source).is_file()


def test_paths_through_links_are_stored_as_where_they_lead(tmp_path: Path):
    """Each folder is resolved once for all its files: a linked folder, a linked file and ".." must still come out
    as resolving each path whole would give."""
    case, elsewhere = tmp_path / "case", tmp_path / "elsewhere"
    (case / "src").mkdir(parents=True)
    (elsewhere / "deep").mkdir(parents=True)
    for name in ("a.txt", "b.txt"):
        shutil.copy(SAMPLE, elsewhere / "deep" / name)
    (case / "src" / "linked").symlink_to(elsewhere / "deep")  # a linked folder
    (case / "src" / "c.txt").symlink_to(elsewhere / "deep" / "b.txt")  # a linked file
    (case / "up").symlink_to(elsewhere / "deep")  # "up/.." is elsewhere, not case
    shutil.copy(SAMPLE, case / "src" / "plain.txt")
    paths = [
        case / "src" / "plain.txt",
        case / "src" / "linked" / "a.txt",
        case / "src" / "c.txt",
        case / "up" / ".." / "deep" / "b.txt",
        case / "src" / "linked" / "b.txt",
    ]
    project = BriefProject(sources=[str(path) for path in paths])
    save_project(project, case / "p.brief")
    stored = json.loads((case / "p.brief").read_text(encoding="utf-8"))["sources"]
    whole = [Path(os.path.relpath(path.resolve(), case.resolve())).as_posix() for path in paths]
    assert stored == whole
    assert stored[:3] == ["src/plain.txt", "../elsewhere/deep/a.txt", "../elsewhere/deep/b.txt"]
    loaded = load_project(case / "p.brief")
    assert loaded.sources == [str((case / path).resolve()) for path in stored]
    assert sources_outside(loaded, case / "p.brief") == list(dict.fromkeys(loaded.sources[1:]))  # all but plain.txt


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("{not json", "invalid JSON at line 1"),
        ('{"format": "something-else", "version": 1}', "not a Briefgen project"),
        ('{"format": "briefgen-project"}', "no format version"),
        ('{"format": "briefgen-project", "version": 99}', "newer Briefgen"),
        ('{"format": "briefgen-project", "version": true}', "no format version"),
        ('{"format": "briefgen-project", "version": 0}', "format version 0 is not a real version"),
        ('{"format": "briefgen-project", "version": -3}', "format version -3 is not a real version"),
        ("[" * 100_000 + "]" * 100_000, "nested too deeply"),
        ('{"format": "briefgen-project", "version": 1, "items": [{"source": 3}]}', "invalid project file: items.0"),
        (
            '{"format": "briefgen-project", "version": 1, "items": [{"source": "a", "section_id": "b", "role": "x"}]}',
            "role",
        ),
    ],
)
def test_broken_files_give_clear_errors(tmp_path: Path, content: str, message: str):
    path = tmp_path / "broken.brief"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(ProjectError, match=message):
        load_project(path)


def test_missing_project_file(tmp_path: Path):
    with pytest.raises(ProjectError, match="not found"):
        load_project(tmp_path / "none.brief")


def test_a_byte_order_mark_is_read_as_utf8(tmp_path: Path):
    folder = tmp_path / "case"
    folder.mkdir()
    shutil.copy(SAMPLE, folder / "a.txt")
    save_project(_project(folder / "a.txt"), folder / "p.brief")
    text = (folder / "p.brief").read_text(encoding="utf-8")
    (folder / "p.brief").write_bytes(b"\xef\xbb\xbf" + text.encode("utf-8"))
    assert load_project(folder / "p.brief").meta.title == "Recruitment brief"


def test_sources_outside_the_project_folder_are_named(tmp_path: Path):
    """A shared project naming /abs/paths or ../../ files says which files elsewhere it would read."""
    case = tmp_path / "shared" / "case"
    (case / "src").mkdir(parents=True)
    (case / "src" / "inside.txt").write_text("x", encoding="utf-8")
    secret = tmp_path / "home" / "secret.txt"
    secret.parent.mkdir()
    secret.write_text("x", encoding="utf-8")
    data = {
        "format": "briefgen-project",
        "version": 1,
        "sources": ["src/inside.txt", "../../home/secret.txt", "/etc/hostname"],
        "items": [{"source": "/etc/passwd", "section_id": "lead"}],
    }
    (case / "p.brief").write_text(json.dumps(data), encoding="utf-8")
    project = load_project(case / "p.brief")
    assert sources_outside(project, case / "p.brief") == [str(secret.resolve()), "/etc/hostname", "/etc/passwd"]


def test_a_project_reading_only_its_own_folder_names_nothing(tmp_path: Path):
    (tmp_path / "src").mkdir()
    shutil.copy(SAMPLE, tmp_path / "src" / "a.txt")
    save_project(_project(tmp_path / "src" / "a.txt"), tmp_path / "p.brief")
    assert sources_outside(load_project(tmp_path / "p.brief"), tmp_path / "p.brief") == []


def test_a_source_name_that_is_not_utf8_survives_saving(tmp_path: Path):
    name = tmp_path / os.fsdecode(b"caf\xe9.txt")
    name.write_bytes(SAMPLE.read_bytes())
    save_project(_project(name), tmp_path / "p.brief")
    (tmp_path / "p.brief").read_text(encoding="utf-8")  # still a UTF-8 file
    assert load_project(tmp_path / "p.brief").sources == [str(name)]


def test_a_version_1_file_opens_with_its_discussion_items(tmp_path: Path):
    data = {
        "format": "briefgen-project",
        "version": 1,
        "sources": ["a.txt"],
        "items": [{"source": "a.txt", "section_id": "lead", "text": None, "note": "", "role": "body"}],
    }
    (tmp_path / "old.brief").write_text(json.dumps(data), encoding="utf-8")
    (item,) = load_project(tmp_path / "old.brief").items
    assert isinstance(item, SectionItem)
    assert (item.role, item.source) == ("discussion", str((tmp_path / "a.txt").resolve()))


def test_every_kind_of_item_round_trips_with_relative_paths(tmp_path: Path):
    """The documented contract: kind defaults to section; paragraphs, image and cites are paths or ranges."""
    data = {
        "format": "briefgen-project",
        "version": 2,
        "sources": ["src/a.txt"],
        "items": [
            {"source": "src/a.txt", "section_id": "legal-measures", "paragraphs": [2, 3], "role": "discussion"},
            {"kind": "analyst", "heading": "Assessment", "text": "We assess …", "role": "assessment",
             "cites": ["src/a.txt"]},
            {"kind": "figure", "image": "img/map.png", "caption": "Map", "credit": "Agency", "role": "discussion"},
            {"kind": "quote", "source": "src/a.txt", "section_id": "lead", "text": "Fewer than 5,000",
             "speaker": "Hussein Allawi"},
        ],
    }  # fmt: skip
    (tmp_path / "p.brief").write_text(json.dumps(data), encoding="utf-8")
    project = load_project(tmp_path / "p.brief")
    excerpt, analyst, figure, quote = project.items
    assert isinstance(excerpt, SectionItem) and excerpt.paragraphs == (2, 3)
    assert isinstance(analyst, AnalystItem) and analyst.cites == [str((tmp_path / "src" / "a.txt").resolve())]
    assert isinstance(figure, FigureItem) and figure.image == str((tmp_path / "img" / "map.png").resolve())
    assert isinstance(quote, QuoteItem) and quote.speaker == "Hussein Allawi"
    save_project(project, tmp_path / "again.brief")
    stored = json.loads((tmp_path / "again.brief").read_text(encoding="utf-8"))
    assert stored["version"] == FORMAT_VERSION
    assert [item["kind"] for item in stored["items"]] == ["section", "analyst", "figure", "quote"]
    assert stored["items"][1]["cites"] == ["src/a.txt"] and stored["items"][2]["image"] == "img/map.png"
    assert load_project(tmp_path / "again.brief") == project


@pytest.mark.parametrize(
    ("item", "message"),
    [
        ({"kind": "poem", "text": "x"}, "items.0"),
        ({"source": "a.txt", "section_id": "s", "paragraphs": [3, 2]}, "comes after the last"),
        ({"source": "a.txt", "section_id": "s", "paragraphs": [0, 2]}, "items.0.section.paragraphs.0"),
        ({"kind": "figure", "caption": "no image"}, "image"),
    ],
)
def test_broken_items_are_named(tmp_path: Path, item: dict, message: str):
    data = {"format": "briefgen-project", "version": 2, "items": [item]}
    (tmp_path / "p.brief").write_text(json.dumps(data), encoding="utf-8")
    with pytest.raises(ProjectError, match=message):
        load_project(tmp_path / "p.brief")
