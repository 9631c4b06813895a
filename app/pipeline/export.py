"""Render a built brief to each chosen format and write the files: all rendered before any is written."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

from app.core.atomic import write_atomically
from app.core.formats import BuiltBrief, output_format
from app.core.model import slugify

MAX_NAME_BYTES = 120


def render(brief: BuiltBrief, fmt: str) -> bytes:
    """The bytes of ``brief`` in the output format named ``fmt``; ExportError for an unknown name."""
    return output_format(fmt).load()(brief)


def output_name(title: str) -> str:
    """A file name from the brief's title: readable, and safe on every file system."""
    slug = slugify(title, max_words=8) if re.search(r"\w", title) else ""
    while len(slug.encode("utf-8")) > MAX_NAME_BYTES:  # file systems allow 255 bytes, less the temp-file affixes
        slug = slug[:-1]
    return slug.strip("-_") or "brief"


def export(
    brief: BuiltBrief, folder: Path, formats: list[str], name: str | None = None
) -> Iterator[tuple[int, int, Path]]:
    """Render every format, then write each atomically, yielding (done, total, path) for progress.

    Rendering all formats before writing any means a format that fails to
    render leaves every earlier file as it was, not a new DOCX beside an old PDF.
    """
    chosen = [output_format(name) for name in formats]
    stem = name or output_name(brief.document.meta.title)
    rendered = [(fmt, fmt.load()(brief)) for fmt in chosen]
    for done, (fmt, data) in enumerate(rendered, start=1):
        path = folder / f"{stem}{fmt.extension}"
        write_atomically(path, data)
        yield done, len(chosen), path
