"""The one registry of formats: each input format with its reader, each output format with its writer.

The CLI's choices, the GUI's file-dialog filters and export check boxes, the
ingest dispatcher and the export code all read these two tables, so adding a
format is one reader or writer module plus one row here.  Rows are named
tuples, not dataclasses: every command imports this module, and ``dataclasses``
(with ``inspect`` and ``ast``) was a fifth of ``briefgen --help``.

Readers and writers are named as ``"module:function"`` and imported on first
use: ingesting a text file never loads the HTML or PDF stack, and this module
(in ``core``) does not import the stages it names.  ``tests/core`` checks that
every row resolves to a callable in the right stage.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple, cast

from app.core.errors import ExportError

if TYPE_CHECKING:
    from app.core.document import Document, PageLayout
    from app.core.model import Source
    from app.core.style import Style


class BuiltBrief(NamedTuple):
    """A brief ready to write: the markup its template assembled, the Document parsed from it, and its style."""

    markup: str
    document: Document
    style: Style
    #: What building had to do that the analyst should know of (portions a template left unmarked …).
    warnings: tuple[str, ...] = ()
    #: The PDF's layout of ``document``, once a writer has made it: the DOCX caches its page count and
    #: contents page numbers in its fields (and lays it out itself when this is None).
    layout: PageLayout | None = None


#: Reads one file into a Source; raises IngestError (or anything, which the dispatcher reports as damage).
Reader = Callable[[Path], "Source"]
#: Turns a built brief into the bytes of one file.
Writer = Callable[[BuiltBrief], bytes]


def _load(reference: str) -> Callable[..., object]:
    module, _, name = reference.partition(":")
    return cast(Callable[..., object], getattr(importlib.import_module(module), name))


class InputFormat(NamedTuple):
    name: str
    label: str
    extensions: tuple[str, ...]
    reader: str

    def load(self) -> Reader:
        return cast(Reader, _load(self.reader))


class OutputFormat(NamedTuple):
    name: str
    #: Short, for a check box ("DOCX").
    label: str
    #: One line, for a tooltip or help text.
    description: str
    extension: str
    writer: str
    #: Written when the user names no format (CLI) or on first start (GUI).
    default: bool = True
    #: Its writer takes longer to load (libraries, fonts) than a short brief takes to build: the CLI starts it in
    #: a process of its own at once (app/pipeline/writer_processes.py).
    starts_slowly: bool = False

    def load(self) -> Writer:
        return cast(Writer, _load(self.writer))


INPUT_FORMATS: tuple[InputFormat, ...] = (
    InputFormat("text", "Plain text", (".txt", ".text"), "app.ingest.readers.plaintext:read_plaintext"),
    InputFormat("markdown", "Markdown", (".md", ".markdown"), "app.ingest.readers.markdown:read_markdown"),
    InputFormat("html", "Web pages", (".html", ".htm"), "app.ingest.readers.html:read_html"),
    InputFormat("docx", "Word documents", (".docx",), "app.ingest.readers.docx:read_docx"),
    InputFormat("pdf", "PDF documents", (".pdf",), "app.ingest.readers.pdf:read_pdf"),
)

OUTPUT_FORMATS: tuple[OutputFormat, ...] = (
    OutputFormat("docx", "DOCX", "Word document", ".docx", "app.render.docx.writer:write_docx", starts_slowly=True),
    OutputFormat(
        "pdf",
        "PDF",
        "PDF document, as the preview shows it",
        ".pdf",
        "app.render.pdf.writer:write_pdf",
        starts_slowly=True,
    ),
    OutputFormat(
        "html",
        "HTML",
        "One self-contained web page: for the browser, or to paste into an email",
        ".html",
        "app.render.html:write_html",
        default=False,
    ),
    OutputFormat(
        "md",
        "Markdown",
        "The markup the template assembled, for template work",
        ".md",
        "app.render.markup:write_markup",
        default=False,
    ),
)


#: A Briefgen project's extension. A project is no source: the window opens it (command line, drop, file manager).
PROJECT_EXTENSION = ".brief"


def is_project_file(path: Path) -> bool:
    """Whether ``path`` is named as a Briefgen project (``.brief``, any case)."""
    return path.suffix.lower() == PROJECT_EXTENSION


def input_extensions() -> list[str]:
    """Every extension Briefgen reads, sorted, with the dot."""
    return sorted(ext for fmt in INPUT_FORMATS for ext in fmt.extensions)


def input_format_for(path: Path) -> InputFormat | None:
    """The format a file's extension (any case) says it is in, or None when Briefgen does not read it."""
    suffix = path.suffix.lower()
    return next((fmt for fmt in INPUT_FORMATS if suffix in fmt.extensions), None)


def output_names() -> tuple[str, ...]:
    return tuple(fmt.name for fmt in OUTPUT_FORMATS)


def default_output_names() -> list[str]:
    return [fmt.name for fmt in OUTPUT_FORMATS if fmt.default]


def output_format(name: str) -> OutputFormat:
    """The output format called ``name``; ExportError listing the choices when there is none."""
    for fmt in OUTPUT_FORMATS:
        if fmt.name == name:
            return fmt
    raise ExportError(f"unknown output format {name!r}; choose from {', '.join(output_names())}")


def open_dialog_filters() -> list[str]:
    """File-dialog filters: every readable source first, then one per format ("Web pages (*.html *.htm)")."""
    every = " ".join(f"*{ext}" for ext in input_extensions())
    each = [f"{fmt.label} ({' '.join('*' + ext for ext in fmt.extensions)})" for fmt in INPUT_FORMATS]
    return [f"Sources ({every})", *each]
