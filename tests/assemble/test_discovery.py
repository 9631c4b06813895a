"""One broken user template is reported and skipped: every other template, every build and the listing still work."""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

import pytest

from app.assemble.catalog import discover_templates, find_template, user_templates_dir
from app.cli.main import main
from app.core.errors import TemplateError

DEEP = "a = " + "[" * 5000 + "]" * 5000 + "\n"


def _with_toml(text: str) -> Callable[[Path], None]:
    def make(folder: Path) -> None:
        folder.mkdir()
        (folder / "brief.md.j2").write_text("x", encoding="utf-8")
        (folder / "template.toml").write_text(text, encoding="utf-8")

    return make


def _toml_entry(make_entry: Callable[[Path], None]) -> Callable[[Path], None]:
    def make(folder: Path) -> None:
        folder.mkdir()
        (folder / "brief.md.j2").write_text("x", encoding="utf-8")
        make_entry(folder / "template.toml")

    return make


def _sparse(path: Path, size: int) -> None:
    with path.open("wb") as handle:
        handle.truncate(size)


def _without_brief(folder: Path) -> None:
    folder.mkdir()
    (folder / "template.toml").write_text('description = "no brief"\n', encoding="utf-8")


def _brief_is_a_folder(folder: Path) -> None:
    folder.mkdir()
    (folder / "brief.md.j2").mkdir()


BROKEN: dict[str, Callable[[Path], None]] = {
    "deep-toml": _with_toml(DEEP),
    "deep-inline-tables": _with_toml("a = " + "{b = " * 5000 + "1" + "}" * 5000 + "\n"),
    "bad-toml": _with_toml("= broken"),
    "not-utf8": _toml_entry(lambda path: path.write_bytes(b'description = "\xff"\n')),
    "description-type": _with_toml("description = 5\n"),
    "parts-type": _with_toml('parts = "summary"\n'),
    "name-type": _with_toml("name = [1]\n"),
    "toml-is-folder": _toml_entry(lambda path: path.mkdir()),
    "toml-is-fifo": _toml_entry(os.mkfifo),
    "toml-huge": _toml_entry(lambda path: _sparse(path, 1024**3)),
    "no-brief": _without_brief,
    "brief-is-folder": _brief_is_a_folder,
    "a-file": lambda path: path.write_text("not a folder", encoding="utf-8"),
}


@pytest.fixture(params=sorted(BROKEN))
def broken(request: pytest.FixtureRequest) -> str:
    """A user template broken in one way, beside a working one called ``fine``."""
    root = user_templates_dir()
    root.mkdir(parents=True)
    fine = root / "fine"
    fine.mkdir()
    (fine / "brief.md.j2").write_text("# {{ meta.title }}\n", encoding="utf-8")
    BROKEN[request.param](root / request.param)
    return request.param


def test_a_broken_user_template_is_reported_and_skipped(broken: str):
    problems: list[TemplateError] = []
    templates = discover_templates(problems=problems)
    assert broken not in templates
    assert {"fine", "policy-brief", "situation-report", "decision-memo"} <= set(templates)
    assert len(problems) == 1
    assert broken in str(problems[0]) and "\n" not in str(problems[0])


def test_the_broken_template_asked_for_by_name_says_what_is_wrong(broken: str):
    with pytest.raises(TemplateError) as error:
        find_template(broken)
    assert broken in str(error.value)
    assert "unknown template" not in str(error.value)
    assert find_template("fine").name == "fine"


def test_listing_and_building_still_work(broken: str, tmp_path: Path, sample_path: Path, capsys):
    assert main(["templates"]) == 0
    captured = capsys.readouterr()
    assert "fine" in captured.out and "policy-brief" in captured.out
    assert "skipped a broken template" in captured.err and broken in captured.err
    assert main(["build", str(sample_path), "--format", "md", "-o", str(tmp_path)]) == 0
    assert main(["build", str(sample_path), "--template", "fine", "--format", "md", "-o", str(tmp_path)]) == 0


def test_an_unreadable_templates_folder_is_a_problem_not_a_crash():
    root = user_templates_dir()
    root.parent.mkdir(parents=True)
    root.write_text("a file where the folder should be", encoding="utf-8")
    problems: list[TemplateError] = []
    assert "policy-brief" in discover_templates(problems=problems)


def test_a_template_folder_given_by_path_must_hold_a_brief(tmp_path: Path):
    (tmp_path / "empty").mkdir()
    with pytest.raises(TemplateError, match=r"brief\.md\.j2"):
        find_template(str(tmp_path / "empty"))
