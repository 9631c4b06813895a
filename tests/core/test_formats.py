"""The one format registry: every row resolves, and the CLI, ingest, export and dialogs all follow it."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from app.cli.main import main
from app.core.errors import ExportError, IngestError
from app.core.formats import (
    INPUT_FORMATS,
    OUTPUT_FORMATS,
    default_output_names,
    input_extensions,
    input_format_for,
    open_dialog_filters,
    output_format,
)
from app.core.paths import PROJECT_DIR
from app.ingest import ingest
from app.ingest.collect import files_to_read
from tests.conftest import SAMPLE


@pytest.mark.parametrize("fmt", INPUT_FORMATS, ids=lambda f: f.name)
def test_every_reader_resolves_inside_ingest(fmt):
    assert fmt.reader.startswith("app.ingest.readers.")
    assert callable(fmt.load())
    assert all(ext.startswith(".") and ext == ext.lower() for ext in fmt.extensions)


@pytest.mark.parametrize("fmt", OUTPUT_FORMATS, ids=lambda f: f.name)
def test_every_writer_resolves_inside_render(fmt):
    assert fmt.writer.startswith("app.render.")
    assert callable(fmt.load())


def test_names_and_extensions_are_unique():
    extensions = [ext for fmt in INPUT_FORMATS for ext in fmt.extensions]
    assert len(extensions) == len(set(extensions))
    assert len({f.name for f in OUTPUT_FORMATS}) == len(OUTPUT_FORMATS)
    assert len({f.extension for f in OUTPUT_FORMATS}) == len(OUTPUT_FORMATS)


def test_lookup_ignores_case_and_refuses_unknown_names():
    assert input_format_for(Path("REPORT.PDF")).name == "pdf"
    assert input_format_for(Path("notes.odt")) is None
    with pytest.raises(ExportError, match="unknown output format 'odt'; choose from docx, pdf, html, md"):
        output_format("odt")


def test_unsupported_source_names_every_readable_extension(tmp_path: Path):
    odd = tmp_path / "notes.odt"
    odd.write_text("text")
    with pytest.raises(IngestError) as info:
        ingest(odd)
    assert ", ".join(input_extensions()) in str(info.value)


def test_dialog_filters_list_every_extension_first_then_one_per_format():
    filters = open_dialog_filters()
    assert all(f"*{ext}" in filters[0] for ext in input_extensions())
    assert filters[1:] == [f"{f.label} ({' '.join('*' + e for e in f.extensions)})" for f in INPUT_FORMATS]


def test_cli_writes_the_default_formats_and_any_named_one(tmp_path: Path, capsys):
    assert main(["build", str(SAMPLE), "-o", str(tmp_path / "a"), "--name", "b"]) == 0
    assert sorted(p.name for p in (tmp_path / "a").iterdir()) == sorted(
        f"b{output_format(n).extension}" for n in default_output_names()
    )
    assert main(["build", str(SAMPLE), "-o", str(tmp_path / "m"), "--name", "b", "--format", "md"]) == 0
    markup = (tmp_path / "m" / "b.md").read_text(encoding="utf-8")
    assert markup.startswith(":::") or "#" in markup
    assert [p.name for p in (tmp_path / "m").iterdir()] == ["b.md"]


def test_cli_refuses_an_unknown_format_with_the_choices(capsys):
    with pytest.raises(SystemExit) as info:
        main(["build", str(SAMPLE), "--format", "odt"])
    assert info.value.code == 2
    assert "choose from docx, pdf, html, md" in capsys.readouterr().err


def test_a_folder_stands_for_the_sources_directly_inside_it(tmp_path: Path):
    (tmp_path / "b.md").write_text("# B\n\ntext", encoding="utf-8")
    (tmp_path / "a.TXT").write_text("text", encoding="utf-8")
    (tmp_path / "skip.odt").write_text("x", encoding="utf-8")
    (tmp_path / "inner").mkdir()
    (tmp_path / "inner" / "c.txt").write_text("text", encoding="utf-8")
    named = tmp_path / "named.odt"
    assert files_to_read([tmp_path, named]) == [tmp_path / "a.TXT", tmp_path / "b.md", named]


def test_reading_a_text_file_loads_neither_the_html_nor_the_pdf_stack():
    """Readers load on first use, so a text-only run never pays for trafilatura or pypdf."""
    probe = (
        "import sys; from app.ingest import ingest; ingest(sys.argv[1]); "
        "print(sorted(m for m in ('trafilatura', 'pypdf', 'app.ingest.readers.html', 'app.ingest.readers.pdf')"
        " if m in sys.modules))"
    )
    result = subprocess.run(
        [sys.executable, "-c", probe, str(SAMPLE)], capture_output=True, text=True, cwd=PROJECT_DIR, timeout=60
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "[]"
