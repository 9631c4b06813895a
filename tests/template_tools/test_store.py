"""User templates: copies shadow built-ins, edits show in the next export, zips are checked before unpacking."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest
from docx import Document as open_docx

from app.assemble.catalog import discover_templates, find_template, user_templates_dir
from app.brief.select import project_from_sources
from app.cli.main import main
from app.core.errors import TemplateError
from app.pipeline.build import build_brief
from app.pipeline.export import render
from app.template_tools.store import (
    MAX_ZIP_BYTES,
    check_name,
    duplicate_template,
    export_zip,
    free_copy_name,
    import_zip,
)


def _h1(project, source, name: str) -> list[str]:
    brief = build_brief(project, {source.path: source}, find_template(name))
    document = open_docx(io.BytesIO(render(brief, "docx")))
    return [p.text for p in document.paragraphs if p.style.name == "Heading 1"]


def test_copy_is_a_user_template_in_the_data_folder():
    info = duplicate_template("policy-brief", "house")
    assert info.folder == user_templates_dir() / "house"
    assert (info.folder / "style.toml").is_file()
    assert not discover_templates()["house"].builtin


def test_editing_a_copy_changes_the_next_export(sample_source):
    project = project_from_sources([sample_source])
    info = duplicate_template("policy-brief", "house")
    assert "Key points" in _h1(project, sample_source, "house")
    path = info.folder / "brief.md.j2"
    path.write_text(path.read_text(encoding="utf-8").replace("# Key points", "# Main findings"), encoding="utf-8")
    headings = _h1(project, sample_source, "house")
    assert "Main findings" in headings and "Key points" not in headings


def test_user_template_shadows_built_in(sample_source):
    copy = duplicate_template("decision-memo", "tmp-copy")
    copy.folder.rename(copy.folder.with_name("policy-brief"))
    info = find_template("policy-brief")
    assert not info.builtin
    assert "Issue" in _h1(project_from_sources([sample_source]), sample_source, "policy-brief")


@pytest.mark.parametrize("name", ["", "Has Space", "../up", "a/b", "x" * 60, ".hidden"])
def test_bad_names_are_refused(name):
    with pytest.raises(TemplateError, match="not allowed"):
        duplicate_template("policy-brief", name)


def test_duplicate_refuses_existing():
    duplicate_template("policy-brief", "mine")
    with pytest.raises(TemplateError, match="already exists"):
        duplicate_template("policy-brief", "mine")


def test_zip_round_trip(tmp_path: Path):
    duplicate_template("situation-report", "shared")
    zip_path = export_zip("shared", tmp_path / "shared.zip")
    assert "shared/brief.md.j2" in zipfile.ZipFile(zip_path).namelist()
    info = import_zip(zip_path, name="imported")
    assert (info.folder / "brief.md.j2").read_text() == (find_template("shared").folder / "brief.md.j2").read_text()


def _zip(tmp_path: Path, entries: dict[str, bytes], name: str = "t.zip") -> Path:
    path = tmp_path / name
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for member, data in entries.items():
            archive.writestr(member, data)
    return path


def _symlink_zip(tmp_path: Path) -> Path:
    path = tmp_path / "link.zip"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("t/brief.md.j2", "x")
        link = zipfile.ZipInfo("t/style.toml")
        link.external_attr = 0o120777 << 16
        archive.writestr(link, "/etc/passwd")
    return path


@pytest.mark.parametrize(
    ("build", "message"),
    [
        (lambda p: _zip(p, {"t/brief.md.j2": b"x", "t/../../evil.txt": b"x"}), "outside the template folder"),
        (lambda p: _zip(p, {"/abs/brief.md.j2": b"x"}), "outside the template folder"),
        (lambda p: _zip(p, {"t/readme.txt": b"x"}), "no brief.md.j2"),
        (lambda p: _zip(p, {"t/brief.md.j2": b"x", "t/bomb.bin": b"\0" * (MAX_ZIP_BYTES // 4)}), "zip bomb"),
        (lambda p: _zip(p, {f"t/f{i}.txt": b"x" for i in range(201)} | {"t/brief.md.j2": b"x"}), "too many files"),
        (_symlink_zip, "symbolic link"),
        (lambda p: (p / "bad.zip").write_bytes(b"not a zip") and p / "bad.zip", "not a valid .zip"),
    ],
)
def test_hostile_zips_are_refused_and_nothing_is_written(tmp_path: Path, build, message):
    path = build(tmp_path)
    with pytest.raises(TemplateError, match=message):
        import_zip(path)
    assert not user_templates_dir().exists() or not any(user_templates_dir().iterdir())
    assert not (tmp_path.parent / "evil.txt").exists()


def test_cli_new_check_export_import(tmp_path: Path, capsys):
    assert main(["templates", "new", "house", "--from", "decision-memo"]) == 0
    assert main(["templates", "check", str(user_templates_dir() / "house")]) == 0
    assert "OK" in capsys.readouterr().out
    assert main(["templates", "export", "house", str(tmp_path / "house.zip")]) == 0
    assert main(["templates", "import", str(tmp_path / "house.zip"), "--name", "house2"]) == 0
    assert main(["templates", "list"]) == 0
    out = capsys.readouterr().out
    assert "house2" in out and "decision-memo" in out


def _check_broken(tmp_path: Path, capsys, markup: str, style: str) -> str:
    """Run `templates check` on a template folder made of ``markup`` and ``style``; it must fail. Returns stderr."""
    folder = tmp_path / "broken"
    folder.mkdir()
    (folder / "brief.md.j2").write_text(markup, encoding="utf-8")
    (folder / "style.toml").write_text(style, encoding="utf-8")
    assert main(["templates", "check", str(folder)]) == 1
    return capsys.readouterr().err


def test_cli_check_reports_every_problem(tmp_path: Path, capsys):
    err = _check_broken(
        tmp_path, capsys, "{{ meta.title }}\n{{ nope }}\n{{ items[0].missing }}\n", "[page]\nsize = 'A4'\n"
    )
    assert "'nope' is undefined" in err
    assert "has no attribute 'missing'" in err
    assert "brief.md.j2:2:" in err


def test_cli_check_reports_syntax_and_style_keys(tmp_path: Path, capsys):
    err = _check_broken(tmp_path, capsys, "ok\n{% if x %}\n", "[page]\nsize = 'A5'\ncolour = 'red'\n")
    assert "brief.md.j2:2: syntax error" in err or "brief.md.j2:3: syntax error" in err
    assert "page.size" in err and "page.colour: unknown key" in err


def test_a_broken_user_template_does_not_stop_the_others(sample_source, capsys):
    broken = user_templates_dir() / "badtoml"
    broken.mkdir(parents=True)
    (broken / "brief.md.j2").write_text("x", encoding="utf-8")
    (broken / "template.toml").write_text("= broken", encoding="utf-8")
    assert "badtoml" not in discover_templates()
    assert "policy-brief" in discover_templates()
    assert main(["templates"]) == 0
    assert "skipped a broken template" in capsys.readouterr().err


def test_import_refuses_a_template_that_does_not_work(tmp_path: Path):
    path = _zip(tmp_path, {"bad/brief.md.j2": b"{% if %}", "bad/template.toml": b"name = 'x'"})
    with pytest.raises(TemplateError, match="does not work"):
        import_zip(path)
    assert not (user_templates_dir() / "bad").exists()


def test_import_does_not_silently_shadow_a_built_in(tmp_path: Path):
    path = _zip(tmp_path, {"policy-brief/brief.md.j2": b"PWNED {{ meta.title }}"})
    with pytest.raises(TemplateError, match="would replace the built-in"):
        import_zip(path)
    assert find_template("policy-brief").builtin
    assert not import_zip(path, replace=True).builtin


def test_export_into_a_missing_folder_is_a_clear_error(tmp_path: Path):
    with pytest.raises(TemplateError, match="cannot write"):
        export_zip("policy-brief", tmp_path / "no" / "such" / "x.zip")


def test_unsupported_compression_is_a_clear_error(tmp_path: Path):
    path = _zip(tmp_path, {"t/brief.md.j2": b"hello " * 50})
    data = bytearray(path.read_bytes())
    for signature, offset in ((b"PK\x03\x04", 8), (b"PK\x01\x02", 10)):
        at = data.find(signature)
        data[at + offset : at + offset + 2] = (99).to_bytes(2, "little")
    path.write_bytes(bytes(data))
    with pytest.raises(TemplateError, match="cannot unpack"):
        import_zip(path)


def test_a_copy_is_offered_the_first_free_name():
    assert free_copy_name("policy-brief") == "policy-brief-copy"
    duplicate_template("policy-brief", "policy-brief-copy")
    assert free_copy_name("policy-brief") == "policy-brief-copy-2"
    duplicate_template("policy-brief", "policy-brief-copy-2")
    assert free_copy_name("policy-brief") == "policy-brief-copy-3"


def test_a_copy_name_is_lower_case_and_counts_templates_in_the_given_folder(tmp_path: Path):
    duplicate_template("policy-brief", "house-copy", user_dir=tmp_path)
    assert free_copy_name("House", user_dir=tmp_path) == "house-copy-2"
    assert free_copy_name("House") == "house-copy"


def test_a_free_copy_name_skips_broken_folders_and_stays_a_valid_name(tmp_path: Path):
    user = tmp_path / "user"
    (user / "policy-brief-copy").mkdir(parents=True)  # a broken user template: no template.toml
    assert free_copy_name("policy-brief", user) == "policy-brief-copy-2"
    long_name = free_copy_name("x" * 48, user)
    assert long_name == "x" * 43 + "-copy" and check_name(long_name) == long_name
