"""What the DOCX's fields show before they are updated: the PDF layout's page count and heading pages.

The values come from the PDF's layout of the same Document (``PageLayout``). Where the PDF is written in another
process at the same time (the command line's writers), the DOCX need not lay the brief out again or wait: it is
written with a token in each cached value (``Deferred``), and ``fill_fields`` puts the layout's numbers in once the
PDF's writer has sent its layout: a rewrite of the parts that hold tokens, milliseconds beside a layout. Each
render's tokens carry a random nonce, so no text of the brief can pass for one.
"""

from __future__ import annotations

import re
import secrets
import zipfile
from dataclasses import dataclass, field
from io import BytesIO

from app.core.document import PageLayout

_OPEN, _CLOSE = "\ue000", "\ue001"


@dataclass(frozen=True)
class LaidOut:
    """The cached values of a layout at hand (none: a brief whose fields need none shows page 1 of 1)."""

    layout: PageLayout = field(default_factory=lambda: PageLayout(1))

    @property
    def pages(self) -> str:
        return str(self.layout.pages)

    def heading_page(self, heading: int) -> str:
        return str(self.layout.heading_pages.get(heading, ""))


@dataclass(frozen=True)
class Deferred:
    """Tokens in place of the values, for ``fill_fields`` to replace once the layout is known."""

    nonce: str = field(default_factory=lambda: secrets.token_hex(8))

    @property
    def pages(self) -> str:
        return f"{_OPEN}{self.nonce}:p{_CLOSE}"

    def heading_page(self, heading: int) -> str:
        return f"{_OPEN}{self.nonce}:h{heading}{_CLOSE}"


FieldValues = LaidOut | Deferred


def fill_fields(data: bytes, nonce: str, layout: PageLayout) -> bytes:
    """The DOCX ``data`` (written with ``Deferred(nonce)``) with the layout's numbers in place of its tokens; every
    other entry, and each entry's date and compression, as it was."""
    token = re.compile(f"{_OPEN}{re.escape(nonce)}:(p|h\\d+){_CLOSE}".encode())
    marker = f"{_OPEN}{nonce}".encode()

    def value(match: re.Match[bytes]) -> bytes:
        key = match.group(1).decode()
        if key == "p":
            return str(layout.pages).encode()
        return str(layout.heading_pages.get(int(key[1:]), "")).encode()

    output = BytesIO()
    with zipfile.ZipFile(BytesIO(data)) as source, zipfile.ZipFile(output, "w") as target:
        for entry in source.infolist():
            content = source.read(entry)
            if marker in content:
                content = token.sub(value, content)
            target.writestr(entry, content, compress_type=entry.compress_type)
    return output.getvalue()
