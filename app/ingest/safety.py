"""Checks on a Word file's zip container and XML before python-docx sees it.

A DOCX is a zip of XML parts, so a hostile one can be a zip bomb (a few KB
that inflate to gigabytes), a zip of thousands of members, or XML with a
DOCTYPE that defines entities (billion laughs, external files). Word never
writes a DOCTYPE, so any part that has one is refused outright; python-docx
also parses without resolving entities, which is the second line of defence.
All checks read the zip's directory and the XML parts' raw bytes only, except
that the package relationships (_rels/.rels) are parsed, without a DTD, to find
the main document part where python-docx will look for it.
"""

from __future__ import annotations

import io
import posixpath
import zipfile
from pathlib import Path

from lxml import etree

from app.core.errors import IngestError

MAX_MEMBERS = 2000
#: Total uncompressed size of all members; real documents with many images stay far below.
MAX_UNCOMPRESSED_BYTES = 300 * 1024 * 1024
#: Compression ratio above which a large member is treated as a bomb (Word XML compresses about 10:1).
MAX_RATIO = 200
#: Members smaller than this may have any ratio (an empty part compresses "infinitely").
RATIO_CHECK_FROM = 1024 * 1024

#: Where Word puts the main document part; the package relationships may name another place.
MAIN_PART = "word/document.xml"
PACKAGE_RELS = "_rels/.rels"
#: The relationship from the package to its main part, in transitional and in Strict Open XML.
_OFFICE_DOCUMENT = {
    "http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument",
    "http://purl.oclc.org/ooxml/officeDocument/relationships/officeDocument",
}
_RELATIONSHIP = "{http://schemas.openxmlformats.org/package/2006/relationships}Relationship"
_DTD_MARKERS = tuple(
    marker.encode(encoding) for marker in ("<!DOCTYPE", "<!ENTITY") for encoding in ("utf-8", "utf-16-le", "utf-16-be")
)


def check_docx_zip(path: Path, data: bytes) -> None:
    """Refuse a Word file that is damaged, oversized, bomb-like or carries DTDs, before any parser opens it.

    Other zip-based formats (Excel, PowerPoint, OpenDocument …) were told apart and refused by
    ``sniff.require_kind`` already; a zip reaching here without a main document part is damaged or not Office.
    """
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        members = archive.infolist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, EOFError) as exc:
        raise IngestError(path, "the Word file is damaged or incomplete (perhaps a partial download)") from exc
    _check_members(path, members)
    names = {info.filename for info in members}
    if main_part(archive, names) not in names:
        if "[Content_Types].xml" in names:
            raise IngestError(path, "the Word file is damaged: its main document part is missing")
        raise IngestError(path, "this is a zip archive, not a Word document (.docx)")
    _check_xml_parts(path, archive, members)


def main_part(archive: zipfile.ZipFile, names: set[str]) -> str:
    """The member the package relationships name as the main document, or word/document.xml.

    Relationships that cannot be read safely (damaged, or declaring a DTD, which ``_check_xml_parts`` refuses)
    leave the usual place, so the verdict on the file stays the precise one.
    """
    if PACKAGE_RELS not in names:
        return MAIN_PART
    try:
        raw = archive.read(PACKAGE_RELS)
        if any(marker in raw for marker in _DTD_MARKERS):
            return MAIN_PART
        parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False)
        root = etree.fromstring(raw, parser)
    except (zipfile.BadZipFile, EOFError, OSError, ValueError, NotImplementedError, etree.XMLSyntaxError):
        return MAIN_PART
    for relationship in root.iter(_RELATIONSHIP):
        if relationship.get("Type") in _OFFICE_DOCUMENT and relationship.get("TargetMode") != "External":
            return posixpath.normpath(posixpath.join("/", relationship.get("Target", ""))).lstrip("/")
    return MAIN_PART


def _check_members(path: Path, members: list[zipfile.ZipInfo]) -> None:
    if len(members) > MAX_MEMBERS:
        raise IngestError(path, f"the Word file holds {len(members)} parts, more than {MAX_MEMBERS}; refused as unsafe")
    total = 0
    for info in members:
        if info.flag_bits & 0x1:
            raise IngestError(path, "the Word file's contents are encrypted; save an unprotected copy")
        total += info.file_size
        ratio = info.file_size / max(info.compress_size, 1)
        if info.file_size > RATIO_CHECK_FROM and ratio > MAX_RATIO:
            raise IngestError(
                path, f"the Word file looks like a zip bomb (a part expands {ratio:.0f} times); refused as unsafe"
            )
    if total > MAX_UNCOMPRESSED_BYTES:
        raise IngestError(
            path, f"the Word file would expand to {total / 1048576:.0f} MB, more than Briefgen accepts; refused"
        )


def _check_xml_parts(path: Path, archive: zipfile.ZipFile, members: list[zipfile.ZipInfo]) -> None:
    """Refuse DOCTYPE and ENTITY declarations in any part python-docx may parse as XML."""
    for info in members:
        try:
            if info.is_dir() or not _may_be_xml(archive, info):
                continue
            raw = archive.read(info)
        except (zipfile.BadZipFile, EOFError, OSError, ValueError, NotImplementedError) as exc:
            raise IngestError(path, "the Word file is damaged (a part cannot be unpacked)") from exc
        if any(marker in raw for marker in _DTD_MARKERS):
            raise IngestError(
                path,
                "the Word file contains XML entity declarations (DOCTYPE), which Word never writes; "
                "refused as possibly malicious",
            )


def _may_be_xml(archive: zipfile.ZipFile, info: zipfile.ZipInfo) -> bool:
    if info.filename.lower().endswith((".xml", ".rels")):
        return True
    with archive.open(info) as member:
        head = member.read(64).lstrip(b"\xef\xbb\xbf\xff\xfe \t\r\n\x00")
    return head.startswith(b"<")
