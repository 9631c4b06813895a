"""PDF sources: text in reading order with font sizes, sections with the page they start on.

Pages are read one by one (``pdf_pages``: pypdf, and pdfium where pypdf fails), so a damaged page costs only
itself. A file is refused when no page reads as words: password-protected, damaged throughout, scanned, or set
in fonts that do not say which letters they draw. A 50-page report takes well under a second.
"""

from __future__ import annotations

import datetime as dt
import io
import logging
from pathlib import Path
from typing import Any

from pypdf import PdfReader, apply_configuration
from pypdf.errors import DependencyError, FileNotDecryptedError, LimitReachedError

from app.core.errors import IngestError
from app.core.model import Source
from app.ingest.readers.pdf_columns import in_reading_order
from app.ingest.readers.pdf_layout import learn_layout, remove_page_furniture, take_title, to_blocks
from app.ingest.readers.pdf_limits import PAGE_TREE_NODES, check_claimed_pages, check_drawing_work
from app.ingest.readers.pdf_pages import PageText, read_pages
from app.ingest.readers.pdf_pypdf import DAMAGED, has_images
from app.ingest.sections import make_source
from app.ingest.sniff import require_kind
from app.ingest.textio import read_bytes

# pypdf reports the repairs it makes to sloppy files as log warnings; with no handler configured Python would
# print them on stderr, where an analyst can do nothing about them.
logging.getLogger("pypdf").addHandler(logging.NullHandler())

#: No PDF was written before 1980 (PDF 1.0 is from 1993); DOS's clock starts on 1 January 1980.
_EARLIEST_YEAR = 1980
#: What may follow a complete file's %%EOF marker: line ends, and the NULs some writers pad files with.
_PADDING = b"\x00\t\n\r\x0c "
_PLACEHOLDER_TITLES = {"", "untitled", "anonymous", "unknown", "title", "document", "microsoft word"}
_PASSWORD_PROTECTED = "the PDF is password-protected; open it with the password and save an unprotected copy"
#: pypdf's own limits (a stream expanding past 75 MB, an array of 100,000 items …) and nesting deeper than Python.
_BEYOND_LIMITS = "the PDF goes beyond what can be read safely (a part is too large or expands too far); refused"
_TOO_DEEP = "the PDF is nested too deeply to read safely; refused"


def read_pdf(path: Path) -> Source:
    with apply_configuration(page_tree_maximum_entries=PAGE_TREE_NODES):
        return _read_pdf(path)


def _read_pdf(path: Path) -> Source:
    data = read_bytes(path)
    require_kind(path, data, "pdf", "a PDF file")
    if b"%%EOF" not in data.rstrip(_PADDING)[-2048:]:
        raise IngestError(path, "the PDF is incomplete (it stops before its end; perhaps a partial download)")
    reader = _open(path, data)
    try:
        text = read_pages(reader, data, check_drawing_work(path, reader))
    except LimitReachedError as exc:
        raise IngestError(path, _BEYOND_LIMITS) from exc
    except RecursionError as exc:
        raise IngestError(path, _TOO_DEEP) from exc
    except DAMAGED as exc:
        raise IngestError(path, "the PDF is damaged and its text cannot be read") from exc
    if not text.pages:
        raise IngestError(path, "the PDF has no pages")
    pages = [in_reading_order(page) for page in text.pages]
    lines = [line for page in remove_page_furniture(pages) for line in page]
    if not lines:
        raise IngestError(path, _why_no_text(reader, text))
    layout = learn_layout(lines)
    heading_title, blocks = take_title(to_blocks(lines, layout), layout)
    meta = _metadata(reader)
    return make_source(
        path,
        "pdf",
        blocks,
        title=_meta_title(meta.get("/Title")) or heading_title,
        author=_text(meta.get("/Author")),
        date=_pdf_date(meta.get("/CreationDate")),
        warnings=pages_left_out(text),
    )


def pages_left_out(text: PageText) -> list[str]:
    """What the analyst is told about pages that could not be read ("pages 4 and 7 could not be read …")."""
    told = []
    if text.lost:
        told.append(f"{_pages(text.lost)} could not be read (damaged) and {_were(text.lost)} left out")
    if text.garbled:
        symbols = "came out as symbols (fonts without a Unicode map)"
        told.append(f"{_pages(text.garbled)} {symbols} and {_were(text.garbled)} left out")
    return told


def _were(numbers: list[int]) -> str:
    return "was" if len(numbers) == 1 else "were"


def _pages(numbers: list[int]) -> str:
    """ "page 3", "pages 4 and 7", "pages 2, 5–9 and 12": runs of consecutive pages joined with a dash."""
    runs: list[list[int]] = []
    for number in sorted(numbers):
        if runs and number == runs[-1][-1] + 1:
            runs[-1].append(number)
        else:
            runs.append([number])
    names = [str(run[0]) if len(run) == 1 else f"{run[0]}–{run[-1]}" for run in runs]
    if len(numbers) == 1:
        return f"page {names[0]}"
    return "pages " + (names[0] if len(names) == 1 else f"{', '.join(names[:-1])} and {names[-1]}")


def _open(path: Path, data: bytes) -> PdfReader:
    """Open the PDF, trying the empty password that many "protected" PDFs use (print or copy restrictions only)."""
    try:
        reader = PdfReader(io.BytesIO(data), strict=False)
        if reader.is_encrypted and not reader.decrypt(""):
            raise IngestError(path, _PASSWORD_PROTECTED)
        check_claimed_pages(path, reader)
        len(reader.pages)  # reading the page tree finds most damage here, with a clear message
    except IngestError:
        raise
    except DependencyError as exc:
        raise IngestError(path, "the PDF uses an encryption Briefgen cannot open; save an unprotected copy") from exc
    except FileNotDecryptedError as exc:
        raise IngestError(path, _PASSWORD_PROTECTED) from exc
    except LimitReachedError as exc:
        raise IngestError(path, _BEYOND_LIMITS) from exc
    except RecursionError as exc:
        raise IngestError(path, _TOO_DEEP) from exc
    except DAMAGED as exc:
        raise IngestError(path, "the PDF is damaged and cannot be opened") from exc
    return reader


def _why_no_text(reader: PdfReader, text: PageText) -> str:
    """Why no page gave words: garbled fonts, damage, a scan or simply no text."""
    if text.garbled:
        return (
            "the PDF's fonts do not say which letters they draw (no usable Unicode map), so its text comes out "
            "as symbols; refused"
        )
    if len(text.lost) == len(text.pages):
        return "the PDF is damaged and its text cannot be read"
    if any(has_images(page) for page in reader.pages):
        return "no text layer: this looks like a scanned PDF; run OCR first"
    return "the PDF has no text"


def _metadata(reader: PdfReader) -> dict[str, Any]:
    """The document information dictionary; a damaged one counts as none, the text matters more."""
    try:
        return dict(reader.metadata or {})
    except (*DAMAGED, LimitReachedError, RecursionError):
        return {}


def _text(value: object) -> str:
    return " ".join(str(value).split()) if value else ""


def _meta_title(value: object) -> str:
    """The Title metadata, unless it is a tool's placeholder, a file name ("Microsoft Word - report.docx") or a
    template's instruction left in place ("Paper Title (use style: paper title)")."""
    title = _text(value)
    if title.lower().startswith("microsoft word - ") or title.lower().endswith((".doc", ".docx", ".pdf", ".indd")):
        return ""
    if "(use style:" in title.lower():
        return ""
    return "" if title.lower() in _PLACEHOLDER_TITLES else title


def _pdf_date(value: object) -> str:
    """PDF dates look like D:20260214093000+01'00'; the brief needs only the day.

    Tools that do not know the date write a clock's zero (1970-01-01 for Unix, 1980-01-01 for DOS, 1601 for
    Windows, year 0): a date before 1980, on 1 January 1980, in a year not yet reached or with an impossible
    month or day is no date at all.
    """
    raw = _text(value).removeprefix("D:")
    if len(raw) < 8 or not raw[:8].isdigit():
        return ""
    year, month, day = int(raw[:4]), int(raw[4:6]), int(raw[6:8])
    if year < _EARLIEST_YEAR or year > dt.date.today().year or (year == _EARLIEST_YEAR and (month, day) <= (1, 1)):
        return ""
    if not (1 <= month <= 12 and 1 <= day <= 31):
        return ""
    return f"{raw[:4]}-{raw[4:6]}-{raw[6:8]}"
