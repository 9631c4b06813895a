"""``briefgen presets`` and ``build --preset``: a preset's choices, the command line's options over them."""

from __future__ import annotations

import json
import zipfile
from pathlib import Path

from app.cli.main import main
from app.core.paths import SAMPLE_BRIEF
from app.core.presets import find_preset, presets_file
from tests.conftest import SAMPLE


def run(capsys, *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def files(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir())


def test_the_sample_built_with_three_templates_into_one_folder_keeps_three_sets(tmp_path: Path, capsys):
    for template in ("policy-brief", "situation-report", "decision-memo"):
        code, _, err = run(capsys, "build", str(SAMPLE_BRIEF), "--template", template, "-o", str(tmp_path))
        assert code == 0, err
    stem = "iraq-moves-to-curb-recruitment-into-the-russian"
    assert files(tmp_path) == sorted(
        f"{stem}-{template}.{ext}"
        for template in ("policy-brief", "situation-report", "decision-memo")
        for ext in ("docx", "pdf")
    )


def test_save_list_and_delete_presets(tmp_path: Path, capsys):
    code, out, err = run(capsys, "presets")
    assert (code, err) == (0, "") and "no presets saved yet" in out and str(presets_file()) in out
    code, out, _ = run(
        capsys, "presets", "save", "weekly", "--template", "situation-report", "--format", "pdf,html",
        "--marking-scheme", "uk", "--citation-style", "apa", "-o", str(tmp_path), "--name", "{date}-{title}",
    )  # fmt: skip
    assert code == 0
    assert out.startswith(f"saved preset weekly in {presets_file()}: template situation-report, formats pdf+html")
    assert find_preset("weekly").citation_style == "apa"
    code, out, _ = run(capsys, "presets", "save", "memo", "--template", "decision-memo")
    code, out, _ = run(capsys, "presets", "list")
    assert out.splitlines() == [
        "memo: template decision-memo",
        f"weekly: template situation-report, formats pdf+html, marking scheme uk, citation style apa, "
        f"folder {tmp_path}, file name {{date}}-{{title}}",
    ]
    code, out, _ = run(capsys, "presets", "delete", "MEMO")
    assert (code, out) == (0, "deleted preset MEMO\n")
    assert [p["name"] for p in json.loads(presets_file().read_text(encoding="utf-8"))["presets"]] == ["weekly"]


def test_a_relative_folder_is_saved_as_the_folder_meant(tmp_path: Path, capsys, monkeypatch):
    monkeypatch.chdir(tmp_path)
    assert run(capsys, "presets", "save", "here", "-o", "out")[0] == 0
    assert find_preset("here").folder == str(tmp_path / "out")


def test_saving_a_preset_checks_what_it_names(capsys):
    code, _, err = run(capsys, "presets", "save", "bad", "--marking-scheme", "martian")
    assert code == 1 and err.startswith("briefgen: there is no marking scheme “martian”")
    code, _, err = run(capsys, "presets", "save", "bad", "--name", "{title}-{when}")
    assert code == 1 and "unknown placeholder {when}" in err
    assert not presets_file().exists()


def test_build_with_a_preset(tmp_path: Path, capsys, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1767225600")  # 2026-01-01
    out_folder = tmp_path / "weekly"
    run(capsys, "presets", "save", "weekly", "--template", "decision-memo", "--format", "html,md",
        "-o", str(out_folder), "--name", "{date}-{title}-{marking}-{template}", "--marking-scheme", "uk")  # fmt: skip
    code, out, err = run(capsys, "build", str(SAMPLE), "--preset", "Weekly", "--title", "Weekly Update")
    assert code == 0, err
    stem = "2026-01-01-weekly-update-official-decision-memo"
    assert files(out_folder) == [f"{stem}.html", f"{stem}.md"]
    assert out.splitlines() == [str(out_folder / f"{stem}.html"), str(out_folder / f"{stem}.md")]
    assert "OFFICIAL" in (out_folder / f"{stem}.html").read_text(encoding="utf-8")  # the UK scheme's lowest level


def test_options_on_the_command_line_win_over_the_preset(tmp_path: Path, capsys):
    run(capsys, "presets", "save", "weekly", "--template", "decision-memo", "--format", "html",
        "-o", str(tmp_path / "preset"), "--name", "from-preset", "--marking-scheme", "uk")  # fmt: skip
    code, _, err = run(
        capsys, "build", str(SAMPLE), "--preset", "weekly", "--template", "situation-report", "--format", "md",
        "-o", str(tmp_path / "mine"), "--name", "{title}-{template}-{marking}", "--marking-scheme", "nato",
    )  # fmt: skip
    assert code == 0, err
    assert not (tmp_path / "preset").exists()
    assert files(tmp_path / "mine") == ["nearly-5000-iraqis-reportedly-recruited-situation-report-nato-unclassified.md"]


def test_an_unknown_preset_is_one_message_naming_the_known_ones(tmp_path: Path, capsys):
    run(capsys, "presets", "save", "weekly")
    run(capsys, "presets", "save", "daily")
    code, out, err = run(capsys, "build", str(SAMPLE), "--preset", "monthly", "-o", str(tmp_path))
    assert (code, out) == (1, "")
    assert err == "briefgen: there is no preset “monthly”; the presets are: daily, weekly\n"
    assert files(tmp_path) == []


def test_a_damaged_presets_file_is_one_message(tmp_path: Path, capsys):
    presets_file().parent.mkdir(parents=True)
    presets_file().write_text('{"presets": [', encoding="utf-8")
    code, _, err = run(capsys, "build", str(SAMPLE), "--preset", "weekly", "-o", str(tmp_path))
    assert code == 1 and err.startswith(f"briefgen: the presets file {presets_file()} is damaged")
    assert len(err.splitlines()) == 1
    code, _, err = run(capsys, "presets", "save", "new")
    assert code == 1 and "the preset was not saved, so the presets in it are kept" in err
    assert presets_file().read_text(encoding="utf-8") == '{"presets": ['
    code, out, err = run(capsys, "presets", "list")
    assert code == 0 and out == "" and "is damaged" in err


def test_an_unknown_placeholder_stops_the_build_before_it_reads(tmp_path: Path, capsys):
    code, _, err = run(capsys, "build", str(SAMPLE), "--name", "{title}-{author}", "-o", str(tmp_path))
    assert code == 1
    assert err == (
        "briefgen: unknown placeholder {author} in the file-name pattern “{title}-{author}”; "
        "use {date}, {title}, {marking}, {template}\n"
    )


def test_a_preset_or_the_command_line_names_the_citation_style(tmp_path: Path, capsys):
    run(capsys, "presets", "save", "cited", "--format", "docx", "--citation-style", "apa", "-o", str(tmp_path / "p"))
    code, _, err = run(capsys, "build", str(SAMPLE_BRIEF), "--preset", "cited", "--name", "b")
    assert code == 0, err
    with zipfile.ZipFile(tmp_path / "p" / "b.docx") as package:
        assert "n.d.)" in package.read("word/document.xml").decode()
        assert "word/footnotes.xml" not in package.namelist()
    args = ["build", str(SAMPLE_BRIEF), "--preset", "cited", "--citation-style", "chicago-notes-bibliography"]
    code, _, err = run(capsys, *args, "--name", "c")
    assert code == 0, err
    with zipfile.ZipFile(tmp_path / "p" / "c.docx") as package:
        assert "word/footnotes.xml" in package.namelist()


def test_an_unknown_citation_style_is_one_message(tmp_path: Path, capsys):
    code, out, err = run(capsys, "build", str(SAMPLE_BRIEF), "--citation-style", "mla", "-o", str(tmp_path))
    assert code == 1 and not out
    assert "unknown citation style 'mla'; use one of numbered, apa, chicago-notes-bibliography" in err
    assert not list(tmp_path.iterdir())
