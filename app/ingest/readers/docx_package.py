"""Repairs between a Word file's zip and python-docx, for packages that Word reads and python-docx does not.

Word's "Strict Open XML Document" (ISO/IEC 29500 Strict) is the same
WordprocessingML under other namespace names (http://purl.oclc.org/ooxml/…);
python-docx knows only the transitional names, so it finds no main document.
The parts are renamed back in memory, after app.ingest.safety has checked the
original zip, so what python-docx parses is exactly what was checked, renamed.

A style without a w:type is a paragraph style by the standard, but python-docx
looks styles up by type and fails on one without (KeyError: None); such styles
get their type written in before any style is read.
"""

from __future__ import annotations

import io
import re
import zipfile

from docx.document import Document as DocxDocument
from docx.oxml.ns import qn

from app.ingest.safety import PACKAGE_RELS

_STRICT = b"http://purl.oclc.org/ooxml/"
_TRANSITIONAL = b"http://schemas.openxmlformats.org/"
#: Strict names whose transitional name differs by more than the prefix and the "2006" in it.
_RENAMED = {
    b"officeDocument/relationships/extendedProperties": b"officeDocument/2006/relationships/extended-properties",
    b"officeDocument/relationships/customProperties": b"officeDocument/2006/relationships/custom-properties",
    b"officeDocument/extendedProperties": b"officeDocument/2006/extended-properties",
    b"officeDocument/customProperties": b"officeDocument/2006/custom-properties",
}
#: "wordprocessingml/main" → "wordprocessingml/2006/main": the family, then the 2006 that transitional names carry.
_STRICT_NAME = re.compile(
    re.escape(_STRICT)
    + rb"(?:(?P<renamed>"
    + b"|".join(re.escape(name) for name in sorted(_RENAMED, key=len, reverse=True))
    + rb")\b|(?P<family>officeDocument|wordprocessingml|drawingml|schemaLibrary)/(?P<rest>[A-Za-z]))"
)
_STYLE_TYPES = {"paragraph", "character", "table", "numbering"}


def transitional(data: bytes) -> bytes:
    """The Word file with Strict namespace names rewritten to transitional ones; unchanged if it is not Strict.

    A Strict package says so in its relationships (_rels/.rels), so other files are not unpacked here. Called
    only on a zip that app.ingest.safety.check_docx_zip accepted, so its size and members are bounded.
    """
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as source:
            if _STRICT not in source.read(PACKAGE_RELS):
                return data
            out = io.BytesIO()
            with zipfile.ZipFile(out, "w", zipfile.ZIP_STORED) as target:
                for info in source.infolist():
                    content = source.read(info)
                    if info.filename.lower().endswith((".xml", ".rels")):
                        content = _STRICT_NAME.sub(_transitional_name, content)
                    target.writestr(info.filename, content)
    except (KeyError, zipfile.BadZipFile, EOFError, OSError, ValueError, NotImplementedError):
        return data  # no package relationships, or a damaged part: python-docx gives the verdict on the original
    return out.getvalue()


def _transitional_name(match: re.Match[bytes]) -> bytes:
    renamed = match.group("renamed")
    if renamed:
        return _TRANSITIONAL + _RENAMED[renamed]
    return _TRANSITIONAL + match.group("family") + b"/2006/" + match.group("rest")


def type_untyped_styles(document: DocxDocument) -> None:
    """Give styles without a (known) w:type the paragraph type the standard implies for them."""
    for style in document.styles.element.iterchildren(qn("w:style")):
        if style.get(qn("w:type")) not in _STYLE_TYPES:
            style.set(qn("w:type"), "paragraph")
