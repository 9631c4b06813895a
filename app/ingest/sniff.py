"""What a file really is, from its first bytes, so a renamed file gets a message that says so.

A PDF saved as ``report.docx`` or a Word file named ``.txt`` would otherwise
fail deep inside a library with an error no analyst can act on.
"""

from __future__ import annotations

from pathlib import Path

from app.core.errors import IngestError

#: Plain text, HTML or Markdown: no recognisable binary signature.
TEXT = "text"

_NAMES = {
    "pdf": "a PDF file",
    "docx": "a Word document (.docx)",
    "xlsx": "an Excel workbook",
    "pptx": "a PowerPoint presentation",
    "odt": "an OpenDocument text file",
    "opendocument": "an OpenDocument file",
    "epub": "an e-book (EPUB)",
    "zip": "a zip archive",
    "ole": "an old-format Office file (.doc, .xls) or a password-protected Word file",
    "rtf": "a Rich Text (RTF) file",
    "png": "a PNG image",
    "jpeg": "a JPEG image",
    "gif": "a GIF image",
    "gzip": "a compressed (gzip) file",
    "exe": "a program, not a document",
    TEXT: "a text file",
}
_HINTS = {
    "pdf": "rename it to .pdf",
    "docx": "rename it to .docx",
    "ole": "open it in Word and save it as .docx without a password",
    "rtf": "open it in Word and save it as .docx",
    "odt": "save it as .docx",
    "opendocument": "save it as .docx",
    "xlsx": "Briefgen reads documents, not spreadsheets",
    "pptx": "export it as PDF first",
}
_MAGIC = [
    (b"PK\x03\x04", "zip"),
    (b"PK\x05\x06", "zip"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "ole"),
    (b"{\\rtf", "rtf"),
    (b"\x89PNG\r\n\x1a\n", "png"),
    (b"\xff\xd8\xff", "jpeg"),
    (b"GIF87a", "gif"),
    (b"GIF89a", "gif"),
    (b"\x1f\x8b", "gzip"),
    (b"\x7fELF", "exe"),
]
#: What tells the zip-based formats apart: the main part of an Office file, the ``mimetype`` member that
#: OpenDocument and EPUB files begin with.  Checked in order; the first found decides.
_ZIP_KINDS = [
    (b"word/document.xml", "docx"),
    (b"xl/workbook.xml", "xlsx"),
    (b"ppt/presentation.xml", "pptx"),
    (b"application/vnd.oasis.opendocument.text", "odt"),
    (b"application/vnd.oasis.opendocument.", "opendocument"),
    (b"application/epub+zip", "epub"),
]


def sniff(data: bytes) -> str:
    """The file's kind ('pdf', 'docx', 'zip', 'ole' … or TEXT when nothing binary is recognised)."""
    if _is_pdf(data):
        return "pdf"
    if data.startswith(b"MZ") and b"\x00" in data[2:64]:  # a Windows program; a text starting "MZ" has no NULs
        return "exe"
    for magic, kind in _MAGIC:
        if data.startswith(magic):
            return _zip_kind(data) if kind == "zip" else kind
    return TEXT


def _is_pdf(data: bytes) -> bool:
    """A PDF header at the start, or within the first KB and with a PDF trailer (the spec allows junk first)."""
    if data.lstrip(b"\x00\t\n\r\f ").startswith(b"%PDF-"):
        return True
    return b"%PDF-" in data[:1024] and b"%%EOF" in data[-2048:]


def _zip_kind(data: bytes) -> str:
    """Office files are zips; member names, and the ``mimetype`` member OpenDocument and EPUB store first and
    uncompressed, sit in the archive as plain bytes, so a byte search finds them without unpacking anything.

    This is the one place the zip-based formats are told apart; the Word reader's zip checks take it as given.
    """
    return next((kind for marker, kind in _ZIP_KINDS if marker in data), "zip")


def require_kind(path: Path, data: bytes, expected: str, label: str) -> None:
    """Refuse a file whose contents are not ``expected`` (a sniff kind), naming what it is instead."""
    kind = sniff(data)
    if kind == expected:
        return
    if kind == TEXT:
        raise IngestError(path, f"this is not {label}; the file's contents are not in that format")
    hint = _HINTS.get(kind)
    raise IngestError(path, f"this is {_NAMES[kind]}, not {label}" + (f"; {hint}" if hint else ""))
