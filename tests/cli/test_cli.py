"""The briefgen command end to end: real files written, read back; every error a clear message."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from docx import Document as open_docx
from pypdf import PdfReader

from app.brief.project_file import save_project
from app.brief.select import project_from_sources
from app.cli.main import main
from app.core.model import SectionItem
from app.ingest import ingest as ingest_file
from tests.conftest import SAMPLE, SAMPLE_HEADINGS, SEEDS_DIR


def run(capsys, *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def pdf_pages(path: Path) -> list[str]:
    return [page.extract_text() or "" for page in PdfReader(path).pages]


def test_build_sample_docx_and_pdf(tmp_path: Path, capsys):
    code, out, err = run(capsys, "build", str(SAMPLE), "--format", "docx,pdf", "-o", str(tmp_path), "--name", "brief")
    assert (code, err) == (0, "")
    docx_path, pdf_path = tmp_path / "brief.docx", tmp_path / "brief.pdf"
    assert out.split() == [str(docx_path), str(pdf_path)]

    document = open_docx(docx_path)
    headings = [(p.style.name, p.text) for p in document.paragraphs if p.style.name.startswith("Heading 2")]
    assert [text for _, text in headings if text in SAMPLE_HEADINGS] == SAMPLE_HEADINGS

    pages = pdf_pages(pdf_path)
    text = "\n".join(pages)
    body = text.split("Key points", 1)[1]  # the title is the most informative heading
    positions = [body.index(h) for h in SAMPLE_HEADINGS]
    assert positions == sorted(positions)
    for number, page in enumerate(pages, start=1):
        assert "UNCLASSIFIED" in page
        assert f"Page {number} of {len(pages)}" in page
    sources = text.split("Sources")[-1]
    assert "Peregraf" in sources


def test_sections_choose_and_order(tmp_path: Path, capsys):
    code, _, err = run(
        capsys, "build", str(SAMPLE), "--sections", "judicial-warnings,2", "--format", "docx",
        "-o", str(tmp_path), "--name", "x", "--title", "Chosen", "--classification", "SECRET",
    )  # fmt: skip
    assert code == 0
    assert err == (
        "briefgen: warning: a SECRET brief names its classification authority: "
        "fill in Classified By, Derived From and Declassify On\n"
    )
    document = open_docx(tmp_path / "x.docx")
    h2 = [p.text for p in document.paragraphs if p.style.name == "Heading 2"]
    assert h2 == ["Judicial Warnings", "Legal Measures and Accountability"]
    assert document.core_properties.title == "Chosen"
    assert "SECRET" in document.sections[0].header.paragraphs[0].text


def test_build_from_project_file(tmp_path: Path, capsys, sample_source):
    project = project_from_sources([sample_source], ["recruitment-tactics-and-economic-drivers"], title="From project")
    project.items.append(SectionItem(source=sample_source.path, section_id="lead", note="Lead note here."))
    save_project(project, tmp_path / "p.brief")
    code, _, err = run(capsys, "build", str(tmp_path / "p.brief"), "--format", "pdf", "-o", str(tmp_path / "o"))
    assert (code, err) == (0, "")
    text = "\n".join(pdf_pages(tmp_path / "o" / "from-project-policy-brief.pdf"))  # the default: title, template
    assert "Recruitment Tactics and Economic Drivers" in text
    assert "Lead note here." in text


def test_inspect_lists_sections(capsys):
    code, out, _ = run(capsys, "inspect", str(SAMPLE))
    assert code == 0
    lines = [ln for ln in out.splitlines() if ln.strip()[:1].isdigit()]
    assert [ln.split()[1] for ln in lines] == [
        "lead", "legal-measures-and-accountability", "nearly-5000-iraqis-reportedly-recruited",
        "judicial-warnings", "recruitment-tactics-and-economic-drivers",
    ]  # fmt: skip
    assert "142 words" in lines[1]


def test_inspect_json_is_the_source_as_scripts_read_it(capsys):
    code, out, err = run(capsys, "inspect", "--json", str(SAMPLE), str(SEEDS_DIR / "arabic-sample-recruitment.txt"))
    assert (code, err) == (0, "")
    english, arabic = json.loads(out)
    assert {"path", "title", "outlet", "author", "date", "language", "format", "sections", "figures"} <= set(english)
    assert (english["path"], english["outlet"], english["format"], english["language"]) == (
        str(SAMPLE),
        "Peregraf",
        "text",
        "en",
    )
    legal = english["sections"][1]
    assert (legal["id"], legal["heading"], legal["level"], legal["page"]) == (
        "legal-measures-and-accountability",
        "Legal Measures and Accountability",
        1,
        None,
    )
    assert legal["paragraphs"][0].startswith("A key outcome of the meeting")
    assert arabic["language"] == "ar" and out.isascii()  # escaped: safe on any terminal and in any pipe


def test_inspect_json_reports_a_bad_file_on_stderr(tmp_path: Path, capsys):
    (tmp_path / "empty.txt").write_text("", encoding="utf-8")
    code, out, err = run(capsys, "inspect", "--json", str(tmp_path / "empty.txt"))
    assert code == 1 and out == "" and "empty.txt" in err


def test_templates_lists_policy_brief(capsys):
    code, out, _ = run(capsys, "templates")
    assert code == 0 and "policy-brief" in out


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["build", "missing.txt"], "missing.txt: file not found"),
        (["build", "notes.xlsx"], "unsupported file type .xlsx"),
        (["build", str(SAMPLE), "--sections", "nope"], "unknown section 'nope'"),
        (["build", str(SAMPLE), "--template", "nope"], "unknown template 'nope'"),
        (["inspect", "missing.md"], "missing.md: file not found"),
    ],
)
def test_errors_are_one_clear_line(tmp_path: Path, capsys, monkeypatch, args, message):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "notes.xlsx").write_bytes(b"PK")
    code, _, err = run(capsys, *args, "-o", str(tmp_path)) if args[0] == "build" else run(capsys, *args)
    assert code == 1
    assert message in err
    assert err.count("\n") == 1 and "Traceback" not in err


def test_template_error_names_file_and_line(tmp_path: Path, capsys):
    folder = tmp_path / "bad-template"
    folder.mkdir()
    (folder / "brief.md.j2").write_text("# Title\n\n{{ items[0].nonexistent }}\n", encoding="utf-8")
    code, _, err = run(capsys, "build", str(SAMPLE), "--template", str(folder), "-o", str(tmp_path))
    assert code == 1
    assert "brief.md.j2:3:" in err and "nonexistent" in err


def test_unwritable_output(tmp_path: Path, capsys):
    blocker = tmp_path / "file-not-folder"
    blocker.write_text("x")
    code, _, err = run(capsys, "build", str(SAMPLE), "-o", str(blocker / "sub"))
    assert code == 1
    assert "cannot write" in err and "Traceback" not in err


@pytest.mark.skipif(os.geteuid() == 0, reason="root can write to read-only folders")
def test_read_only_output_folder(tmp_path: Path, capsys):
    folder = tmp_path / "ro"
    folder.mkdir()
    folder.chmod(0o500)
    code, _, err = run(capsys, "build", str(SAMPLE), "-o", str(folder))
    assert code == 1 and "cannot write" in err


def test_bad_format_is_usage_error(capsys):
    with pytest.raises(SystemExit) as exit_info:
        main(["build", str(SAMPLE), "--format", "odt"])
    assert exit_info.value.code == 2
    assert "unknown format 'odt'" in capsys.readouterr().err


def test_python_dash_m_app_works(tmp_path: Path):
    result = subprocess.run(
        [sys.executable, "-m", "app", "inspect", str(SAMPLE)], capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stderr
    assert "judicial-warnings" in result.stdout
    result = subprocess.run(
        [sys.executable, "-m", "app", "build", str(tmp_path / "gone.txt")], capture_output=True, text=True
    )
    assert result.returncode == 1
    assert "Traceback" not in result.stderr and "file not found" in result.stderr


def test_the_program_says_everything_before_it_leaves(tmp_path: Path):
    """It leaves without tearing the interpreter down: what it printed into a pipe must have been flushed."""
    result = subprocess.run(
        [sys.executable, "-m", "app", "build", str(SAMPLE), "-o", str(tmp_path), "--name", "piped"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines() == [str(tmp_path / "piped.docx"), str(tmp_path / "piped.pdf")]
    assert "Recruitment" in " ".join(p.text for p in open_docx(str(tmp_path / "piped.docx")).paragraphs)
    assert "Recruitment" in PdfReader(tmp_path / "piped.pdf").pages[0].extract_text()


@pytest.mark.parametrize(
    ("sections", "message"),
    [("²", "unknown section '²'"), (" , ", "no sections named")],
)
def test_odd_section_specs_are_clear_errors(tmp_path: Path, capsys, sections: str, message: str):
    code, _, err = run(capsys, "build", str(SAMPLE), "--sections", sections, "-o", str(tmp_path))
    assert code == 1 and message in err and "Traceback" not in err


def test_a_numeric_heading_is_chosen_by_its_id(tmp_path: Path, capsys):
    source = tmp_path / "years.md"
    source.write_text("Intro text.\n\n## 2024\n\nLast year.\n\n## Outlook\n\nNext year.\n", encoding="utf-8")
    code, _, err = run(capsys, "build", str(source), "--sections", "2024", "--format", "docx", "-o", str(tmp_path))
    assert (code, err) == (0, "")
    docx = next(tmp_path.glob("*.docx"))
    assert [p.text for p in open_docx(docx).paragraphs if p.style.name == "Heading 2"] == ["2024"]


def test_markup_into_a_folder_is_a_clear_error(tmp_path: Path, capsys):
    (tmp_path / "x.md").mkdir()
    code, _, err = run(capsys, "build", str(SAMPLE), "--name", "x", "--markup", "--format", "pdf", "-o", str(tmp_path))
    assert code == 1 and "cannot write" in err and "Traceback" not in err


def test_upper_case_project_extension(tmp_path: Path, capsys, sample_source):
    save_project(project_from_sources([sample_source], title="Caps"), tmp_path / "P.BRIEF")
    code, _, err = run(capsys, "build", str(tmp_path / "P.BRIEF"), "--format", "pdf", "-o", str(tmp_path))
    assert (code, err) == (0, "")


def test_inspect_and_build_accept_a_folder_of_sources(tmp_path: Path, capsys):
    folder = tmp_path / "sources"
    folder.mkdir()
    (folder / "a.md").write_text("# Alpha\n\nFirst source text.\n\n## Findings\n\nThe finding.\n", encoding="utf-8")
    (folder / "b.txt").write_text("Beta\n\nSecond source body text that is long enough.\n", encoding="utf-8")
    (folder / "notes.odt").write_text("not read", encoding="utf-8")
    code, out, err = run(capsys, "inspect", str(folder))
    assert (code, err) == (0, "")
    assert [ln for ln in out.splitlines() if not ln.startswith(" ")] == [str(folder / "a.md"), str(folder / "b.txt")]
    code, out, err = run(capsys, "build", str(folder), "--format", "md", "--name", "f", "-o", str(tmp_path / "out"))
    assert (code, err) == (0, "")
    markup = (tmp_path / "out" / "f.md").read_text(encoding="utf-8")
    assert "The finding\\." in markup and "Second source body text" in markup


def test_an_empty_folder_is_a_clear_error(tmp_path: Path, capsys):
    code, _, err = run(capsys, "inspect", str(tmp_path))
    assert code == 1 and f"no sources to read in {tmp_path}" in err


def test_a_project_reading_files_outside_its_folder_warns(tmp_path: Path, capsys, sample_source):
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    source = elsewhere / "a.txt"
    source.write_bytes(SAMPLE.read_bytes())
    case = tmp_path / "case"
    case.mkdir()
    project = project_from_sources([ingest_file(source)], title="Shared")
    save_project(project, case / "p.brief")
    code, _, err = run(capsys, "build", str(case / "p.brief"), "--format", "md", "-o", str(tmp_path / "out"))
    assert (code, err) == (0, "")  # saved here: trusted
    (case / "copy.brief").write_bytes((case / "p.brief").read_bytes())  # the same project, come from elsewhere
    code, _, err = run(capsys, "build", str(case / "copy.brief"), "--format", "md", "-o", str(tmp_path / "out"))
    assert code == 0
    assert err.splitlines() == [
        f"briefgen: warning: {case / 'copy.brief'} reads files outside its folder:",
        f"  {source}",
    ]


WIRE = (
    "Iraq's National Security Advisor chaired a meeting on Sunday to curb the recruitment of Iraqi citizens into "
    "the Russian army, and the committee agreed to prosecute the travel agencies that arranged their journeys."
)


def test_inspect_says_where_else_a_section_s_passage_appears(tmp_path: Path, capsys):
    (tmp_path / "ledger.txt").write_text(
        f"Ledger report\n\nBy Staff\n\n{WIRE}\n\nLocal reaction\n\nShopkeepers in Basra said they knew young men "
        "who had gone, and that most of them went for the money rather than for any cause.\n",
        encoding="utf-8",
    )
    (tmp_path / "wire.txt").write_text(
        f"Wire copy\n\nThe ministry said little about the plan on Monday, as talks with officials continued.\n\n"
        f"Background\n\n{WIRE.replace('Sunday', 'Sunday,')}\n",
        encoding="utf-8",
    )
    code, out, _ = run(capsys, "inspect", str(tmp_path / "ledger.txt"), str(tmp_path / "wire.txt"))
    assert code == 0
    lines = out.splitlines()
    ledger_lead = next(i for i, line in enumerate(lines) if line.strip().startswith("1 "))
    assert lines[ledger_lead + 1].strip().startswith("also in wire.txt §")
    number = int(lines[ledger_lead + 1].rsplit("§", 1)[1])
    wire_section = next(line for line in lines if line.strip().startswith(f"{number} "))
    assert "background" in wire_section
    assert sum("also in" in line for line in lines) == 2  # each side names the other; nothing else repeats
    code, out, _ = run(capsys, "inspect", "--json", str(tmp_path / "ledger.txt"), str(tmp_path / "wire.txt"))
    ledger, wire = json.loads(out)
    assert ledger["sections"][0]["also_in"] == [{"path": wire["path"], "section": "background"}]
    assert [s["also_in"] for s in ledger["sections"][1:]] == [[]] * (len(ledger["sections"]) - 1)


def test_formats_can_be_named_in_several_options_and_each_is_written_once(tmp_path: Path, capsys):
    code, out, err = run(capsys, "build", str(SAMPLE), "-o", str(tmp_path), "--format", "pdf", "--format", "docx,pdf")
    assert code == 0, err
    assert sorted(path.suffix for path in tmp_path.iterdir()) == [".docx", ".pdf"]
    assert [Path(line).suffix for line in out.splitlines()] == [".pdf", ".docx"]  # in the order first named
