"""The assembled markup as a file: what the template produced before parsing, for template authors."""

from __future__ import annotations

from app.core.formats import BuiltBrief


def write_markup(brief: BuiltBrief) -> bytes:
    return brief.markup.encode("utf-8")
