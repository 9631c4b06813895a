"""A command loads only what it uses: ``--help`` none of the document stack, ``inspect`` of a text file neither the
web-page nor the PDF readers. Checked by the modules a fresh interpreter has loaded, not by timing."""

from __future__ import annotations

import json
import subprocess
import sys

from tests.conftest import SAMPLE

STACK = ("jinja2", "pydantic", "reportlab", "docx", "trafilatura", "pypdf", "pypdfium2", "markdown_it", "lxml")
HTML_AND_PDF = ("trafilatura", "lxml", "pypdf", "pypdfium2", "reportlab")


def loaded_after(*args: str) -> set[str]:
    """The top-level modules loaded once ``briefgen ARGS`` has run in a fresh interpreter."""
    return {name.split(".")[0] for name in modules_after(*args)}


def modules_after(*args: str) -> set[str]:
    """The modules loaded once ``briefgen ARGS`` has run in a fresh interpreter."""
    code = (
        "import contextlib, io, json, sys\n"
        "from app.cli.main import main\n"
        "with contextlib.redirect_stdout(io.StringIO()):\n"
        "    try:\n"
        f"        main({list(args)!r})\n"
        "    except SystemExit:\n"
        "        pass\n"
        "print(json.dumps(sorted(sys.modules)))\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120, check=True)
    return set(json.loads(result.stdout.splitlines()[-1]))


def test_help_loads_none_of_the_document_stack():
    assert not loaded_after("--help") & set(STACK)
    assert not loaded_after("build", "--help") & set(STACK)


def test_inspecting_a_text_file_loads_neither_the_web_page_nor_the_pdf_readers():
    assert not loaded_after("inspect", str(SAMPLE)) & set(HTML_AND_PDF)


def test_listing_the_templates_reads_their_settings_only():
    assert not loaded_after("templates") & set(STACK)


def test_a_build_writes_its_docx_and_pdf_in_processes_of_their_own(tmp_path):
    """The writers load and write apart, while this process reads the sources and builds the brief; the PDF's
    writer also checks what its fonts cannot draw, so this process loads neither reportlab nor the fonts."""
    loaded = modules_after("build", str(SAMPLE), "--format", "docx,pdf", "-o", str(tmp_path))
    assert not loaded & {"docx", "reportlab", "uharfbuzz", "app.render.docx.writer", "app.render.pdf.writer"}
    assert {"jinja2", "markdown_it", "app.pipeline.build"} <= loaded  # it did build the brief here
    assert sorted(path.suffix for path in tmp_path.iterdir()) == [".docx", ".pdf"]


def test_the_command_loads_the_readers_its_files_need_before_its_workers_start(tmp_path):
    """Workers forked from the command start with the reader loaded, instead of each importing it."""
    page = tmp_path / "page.html"
    page.write_text("<html><body><p>Officials met in Baghdad on Sunday.</p></body></html>", encoding="utf-8")
    text_only = modules_after("inspect", str(SAMPLE))
    assert "app.ingest.readers.plaintext" in text_only
    assert "app.ingest.readers.html" not in text_only
    assert {"app.ingest.readers.plaintext", "app.ingest.readers.html"} <= modules_after(
        "inspect", str(SAMPLE), str(page)
    )
