"""``briefgen check`` and ``briefgen build --save``: a project made from a script, then checked as it ages."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from app.cli.main import main
from tests.conftest import SEEDS_DIR

SOURCE = "peregraf-iraq-russian-recruitment.txt"


def run(capsys, *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def _saved(tmp_path: Path, capsys, *extra: str) -> Path:
    """A project saved by ``build --save`` over a copy of the sample source."""
    shutil.copy(SEEDS_DIR / SOURCE, tmp_path / SOURCE)
    project = tmp_path / "p.brief"
    code, out, err = run(
        capsys, "build", str(tmp_path / SOURCE), "--format", "docx", "-o", str(tmp_path / "out"),
        "--save", str(project), *extra,
    )  # fmt: skip
    assert code == 0, err
    assert str(project) in out
    return project


def test_build_saves_the_project_it_built_with_each_source_s_fingerprint(tmp_path: Path, capsys):
    import hashlib

    project = _saved(tmp_path, capsys, "--title", "Recruitment")
    stored = json.loads(project.read_text(encoding="utf-8"))
    assert stored["version"] == 3 and stored["sources"] == [SOURCE] and stored["meta"]["title"] == "Recruitment"
    record = stored["source_records"][SOURCE]
    assert record["sha256"] == hashlib.sha256((tmp_path / SOURCE).read_bytes()).hexdigest()
    assert len(record["added"]) == 10 and record["added"][4] == "-"
    assert len(stored["items"]) == 5
    code, _, err = run(capsys, "build", str(project), "--format", "pdf", "-o", str(tmp_path / "again"))
    assert code == 0, err


def test_check_is_clean_on_a_fresh_project(tmp_path: Path, capsys):
    project = _saved(tmp_path, capsys)
    code, out, _ = run(capsys, "check", str(project))
    assert (code, out.strip()) == (0, f"{project}: no problems found")


def test_check_names_a_source_changed_since_it_was_added(tmp_path: Path, capsys):
    project = _saved(tmp_path, capsys)
    with open(tmp_path / SOURCE, "a", encoding="utf-8") as handle:
        handle.write("\nA paragraph added after the brief was made, which the brief does not quote.\n")
    code, out, _ = run(capsys, "check", str(project))
    assert code == 1
    assert f"{project}: 1 problem" in out
    assert f"[source] {SOURCE} has changed since it was added on " in out
    assert "(5 items use it): re-load it" in out


def test_check_names_a_missing_source_and_still_checks_the_rest(tmp_path: Path, capsys):
    project = _saved(tmp_path, capsys)
    data = json.loads(project.read_text(encoding="utf-8"))
    data["meta"]["classification"] = "SECRIT"
    project.write_text(json.dumps(data), encoding="utf-8")
    (tmp_path / SOURCE).unlink()
    code, out, err = run(capsys, "check", str(project))
    assert code == 1, err
    assert f"[source] {SOURCE} is missing (5 items use it)" in out
    assert "[details: classification] the brief's classification: “SECRIT” is not a level" in out


def test_check_reports_what_the_template_expects_and_the_page_target(tmp_path: Path, capsys):
    project = _saved(tmp_path, capsys, "--classification", "SECRET")
    data = json.loads(project.read_text(encoding="utf-8"))
    data["items"].append({"kind": "analyst", "heading": "Assessment", "text": "We assess.", "role": "assessment"})
    data["template"] = "decision-memo"
    project.write_text(json.dumps(data), encoding="utf-8")
    code, out, _ = run(capsys, "check", str(project))
    assert code == 1
    assert "[details: summary] no summary written" in out
    assert "[details: recipient] the recipient is empty and left out" in out
    assert "[details: classified_by] a SECRET brief names its classification authority" in out
    code, out, _ = run(capsys, "check", str(project), "--template", "policy-brief")
    assert "the Recommendations part is empty" in out


def test_check_reports_a_brief_longer_than_its_template_s_page_target(tmp_path: Path, capsys):
    folder = tmp_path / "short"
    shutil.copytree(SEEDS_DIR.parent / "templates" / "policy-brief", folder)
    settings = (folder / "template.toml").read_text(encoding="utf-8").replace("pages = 4", "pages = 1")
    (folder / "template.toml").write_text(settings, encoding="utf-8")
    project = _saved(tmp_path, capsys)
    code, out, _ = run(capsys, "check", str(project), "--template", str(folder))
    assert code == 1
    assert "[template] the brief runs to 3 pages, longer than the short template's 1" in out


def test_check_on_a_file_that_is_not_a_project_is_one_error(tmp_path: Path, capsys):
    (tmp_path / "x.brief").write_text("{}", encoding="utf-8")
    code, out, err = run(capsys, "check", str(tmp_path / "x.brief"))
    assert code == 1 and out == "" and "not a Briefgen project" in err


def test_check_names_items_in_several_languages_and_items_carrying_the_same_passage(tmp_path: Path, capsys):
    arabic = "arabic-sample-recruitment.txt"
    for name in (SOURCE, arabic):
        shutil.copy(SEEDS_DIR / name, tmp_path / name)
    shutil.copy(SEEDS_DIR / SOURCE, tmp_path / "wire-copy.txt")
    project = tmp_path / "p.brief"
    inputs = [str(tmp_path / name) for name in (SOURCE, arabic, "wire-copy.txt")]
    code, _, err = run(capsys, "build", *inputs, "--format", "md", "-o", str(tmp_path / "out"), "--save", str(project))
    assert code == 0
    assert "the brief mixes languages (items: English 10, Arabic 4)" in err  # build warns as check does
    code, out, _ = run(capsys, "check", str(project))
    assert code == 1
    assert "the brief mixes languages (items: English 10, Arabic 4): give readers a translation" in out
    twice = "“Judicial Warnings” (peregraf-iraq-russian-recruitment.txt) and “Judicial Warnings” (wire-copy.txt)"
    assert f"{twice} carry the same passage" in out
