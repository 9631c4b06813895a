"""How much work a PDF asks for, checked before any page is read for text.

pypdf finds the pages by parsing every node of the page tree, a few tenths of a millisecond each, so the page
count the tree claims is checked first and the walk is capped in case the claim is low (``page_tree_limit``).
Reading a page means interpreting its content streams operator by operator,
at about half a megabyte a second, and pages can share a stream: a 30 KB
file can give a hundred pages the same five megabytes of instructions, or
list one stream ten thousand times on one page. So before any text is
extracted, the pages are counted and their content streams decoded (each
once; pypdf keeps the result for the reading that follows) and summed over
the pages that draw them. A page naming one stream twice is never written
by a real program and is refused outright.
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path

from pypdf import PageObject, PdfReader
from pypdf.generic import ArrayObject, DictionaryObject, IndirectObject, NumberObject, StreamObject

from app.core.errors import IngestError
from app.ingest.limits import MAX_PAGES, MAX_PDF_CONTENT_BYTES, check_count
from app.ingest.readers.pdf_pypdf import DAMAGED

_MB = 1024 * 1024
#: Nodes of the page tree pypdf may visit: the pages and the intermediate nodes above them.
PAGE_TREE_NODES = MAX_PAGES + MAX_PAGES // 2


def check_claimed_pages(path: Path, reader: PdfReader) -> None:
    """Refuse a PDF whose page tree says it has more than MAX_PAGES pages, before pypdf walks the tree."""
    try:
        tree = reader.root_object["/Pages"].get_object()
        count = tree.get("/Count") if isinstance(tree, DictionaryObject) else None
        claimed = int(count) if isinstance(count, NumberObject) else 0
    except KeyError:
        return  # no page tree: pypdf's walk finds the damage
    check_count(path, "pages", claimed, MAX_PAGES)


def check_drawing_work(path: Path, reader: PdfReader) -> int:
    """Refuse a PDF with more than MAX_PAGES pages or MAX_PDF_CONTENT_BYTES of content to interpret in all;
    return how many bytes of content its pages draw."""
    check_count(path, "pages", len(reader.pages), MAX_PAGES)
    total = 0
    for number, page in enumerate(reader.pages, start=1):
        total += _content_bytes(path, page, number)
        if total > MAX_PDF_CONTENT_BYTES:
            raise IngestError(
                path,
                f"the PDF's pages hold more than {MAX_PDF_CONTENT_BYTES // _MB} MB of drawing instructions, "
                "beyond what Briefgen reads; refused",
            )
    return total


def _content_bytes(path: Path, page: PageObject, number: int) -> int:
    contents = page.get("/Contents")
    if contents is None:
        return 0
    contents = contents.get_object()
    items = list(contents) if isinstance(contents, ArrayObject) else [contents]
    references = Counter(item.idnum for item in items if isinstance(item, IndirectObject))
    if references and max(references.values()) > 1:
        raise IngestError(
            path,
            f"page {number} of the PDF draws the same content {max(references.values()):,} times; "
            "refused as built to stall readers",
        )
    streams = (item.get_object() for item in items)
    try:
        return sum(len(stream.get_data()) for stream in streams if isinstance(stream, StreamObject))
    except DAMAGED:
        return 0  # a stream that cannot be decoded draws nothing; reading the page finds it lost
