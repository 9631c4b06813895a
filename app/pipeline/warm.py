"""Importing this readies what writing any brief needs, once: both writers imported, the templates' fonts read.

The window's fork server names it in its preload, so every worker forked from
the server — the preview's, the checks', each export's — starts with reportlab
and python-docx loaded and the TrueType fonts of the installed templates parsed
and registered.  Cold, a worker spent a third of a second on these before its
first preview, and every export did again.
"""

from __future__ import annotations

from app.assemble.catalog import discover_templates
from app.core.errors import BriefgenError
from app.render.docx import writer as docx_writer
from app.render.pdf import writer as pdf_writer
from app.render.pdf.fonts import register_fonts

#: The writers this module loads, named so the imports are used (the fork server keeps them).
WRITERS = (docx_writer.write_docx, pdf_writer.write_pdf)


def warm_up() -> None:
    """Register the fonts of every installed template's style (one that cannot be read is left for its build to
    report)."""
    for info in discover_templates().values():
        try:
            register_fonts(info.style())
        except BriefgenError:
            continue


warm_up()
