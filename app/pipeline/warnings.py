"""What an export should tell the analyst about its files, without stopping it.

An export that leaves something out must say so: today, text in a script the
PDF's fonts cannot draw.  The CLI prints these on stderr; the window shows them
with the export's result.
"""

from __future__ import annotations

from app.core.formats import BuiltBrief
from app.render.pdf.coverage import coverage_warnings


def export_warnings(brief: BuiltBrief, formats: list[str]) -> list[str]:
    """Warnings about writing ``brief`` in ``formats``; empty when every format holds everything."""
    if "pdf" in formats:
        return coverage_warnings(brief.document, brief.style)
    return []
