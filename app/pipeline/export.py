"""Render a built brief to each chosen format and write the files: all rendered before any is written."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from pathlib import Path

from app.core.atomic import write_all_atomically
from app.core.formats import BuiltBrief, output_format
from app.text.slug import slugify

MAX_NAME_BYTES = 120
#: Names Windows reserves for devices, whatever the extension: "con.pdf" cannot be created there.
_RESERVED = re.compile(r"^(con|prn|aux|nul|com[0-9]|lpt[0-9])$", re.IGNORECASE)


def render(brief: BuiltBrief, fmt: str) -> bytes:
    """The bytes of ``brief`` in the output format named ``fmt``; ExportError for an unknown name."""
    return output_format(fmt).load()(brief)


def render_each(brief: BuiltBrief, formats: list[str]) -> list[bytes]:
    """The bytes of ``brief`` in each format, in order. When both are asked for, the PDF is laid out first and the
    DOCX takes its layout for its fields' cached values, rather than laying the brief out again."""
    done: dict[str, bytes] = {}
    if "pdf" in formats and "docx" in formats and brief.layout is None:
        from app.render.pdf.writer import lay_out_pdf

        done["pdf"], layout = lay_out_pdf(brief.document, brief.style)
        brief = brief._replace(layout=layout)
    return [done[name] if name in done else render(brief, name) for name in formats]


def output_name(title: str) -> str:
    """A file name from the brief's title: readable, and safe on every file system."""
    return safe_stem(slugify(title, max_words=8) if re.search(r"\w", title) else "")


def safe_stem(stem: str) -> str:
    """``stem`` bounded in length, without separators or dots at its ends, never a name Windows reserves."""
    while len(stem.encode("utf-8")) > MAX_NAME_BYTES:  # file systems allow 255 bytes, less the temp-file affixes
        stem = stem[:-1]
    stem = stem.strip("-_. ") or "brief"
    return f"{stem}-brief" if _RESERVED.match(stem) else stem


def export(
    brief: BuiltBrief,
    folder: Path,
    formats: list[str],
    name: str | None = None,
    render_all: Callable[[BuiltBrief, list[str]], list[bytes]] | None = None,
) -> Iterator[tuple[int, int, Path]]:
    """Render every format, write them all or none, then yield (done, total, path) for each file written.

    ``render_all`` renders them all instead, in order (the CLI's ``WriterProcesses``, with writers apart).
    A format that fails to render, a full disk or a kill part-way leaves every
    earlier file as it was: never a new DOCX beside an old PDF.
    """
    chosen = [output_format(name) for name in formats]
    stem = name or output_name(brief.document.meta.title)
    contents = (render_all or render_each)(brief, formats)
    rendered = [(folder / f"{stem}{fmt.extension}", data) for fmt, data in zip(chosen, contents, strict=True)]
    write_all_atomically(rendered)
    for done, (path, _) in enumerate(rendered, start=1):
        yield done, len(chosen), path
