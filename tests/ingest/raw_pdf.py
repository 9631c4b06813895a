"""A PDF assembled object by object, so a test can build exactly the malformed structure an attack uses.

reportlab writes only well-formed files; a hostile PDF lies about stream
lengths, loops its page tree, points its cross-reference table at nothing or
lists one content stream ten thousand times. Here each object's body is
given as bytes and the file is laid out with a correct (or a deliberately
broken) cross-reference table.
"""

from __future__ import annotations

import zlib
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

FONT = b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"


def text_ops(lines: list[str], size: int = 11, top: int = 760, leading: int = 14) -> bytes:
    """Content-stream operators drawing ``lines`` one under the other in font /F1."""
    out = [f"BT /F1 {size} Tf 72 {top} Td {leading} TL".encode()]
    for line in lines:
        escaped = line.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")
        out.append(f"({escaped}) Tj T*".encode("latin-1"))
    out.append(b"ET")
    return b"\n".join(out)


def stream(data: bytes, *, compress: bool = False, extra: bytes = b"", length: int | None = None) -> bytes:
    """A stream object body; ``length`` may lie about the real length."""
    filters = b""
    if compress:
        data = zlib.compress(data, 9)
        filters = b" /Filter /FlateDecode"
    declared = len(data) if length is None else length
    return b"<< /Length %d%s%s >>\nstream\n" % (declared, filters, extra) + data + b"\nendstream"


@dataclass
class RawPdf:
    """Objects numbered from 1 in the order added; object 1 is the catalog once ``catalog`` is called."""

    objects: list[bytes] = field(default_factory=list)
    info: int | None = None

    def add(self, body: bytes) -> int:
        self.objects.append(body)
        return len(self.objects)

    def set(self, number: int, body: bytes) -> None:
        self.objects[number - 1] = body

    def build(self, root: int, *, broken_xref: bool = False, trailer_extra: bytes = b"") -> bytes:
        out = bytearray(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")
        offsets = []
        for number, body in enumerate(self.objects, start=1):
            offsets.append(len(out))
            out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
        xref = len(out)
        out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(self.objects) + 1)
        for offset in offsets:
            out += b"%010d 00000 n \n" % (offset * 7 + 3 if broken_xref else offset)
        info = b" /Info %d 0 R" % self.info if self.info else b""
        out += b"trailer\n<< /Size %d /Root %d 0 R%s%s >>\n" % (len(self.objects) + 1, root, info, trailer_extra)
        out += b"startxref\n%d\n%%%%EOF\n" % xref
        return bytes(out)


#: Adds a font's helper objects (descriptor, ToUnicode map) to the PDF and returns the font dictionary.
FontBuilder = Callable[[RawPdf], bytes]


def simple_pdf(
    contents_per_page: list[bytes],
    *,
    info: bytes | None = None,
    compress: bool = False,
) -> bytes:
    """A PDF of one page per content stream, all in Helvetica as /F1."""
    pdf = RawPdf()
    catalog = pdf.add(b"")
    pages = pdf.add(b"")
    font = pdf.add(FONT)
    kids = []
    for contents in contents_per_page:
        content = pdf.add(stream(contents, compress=compress))
        kids.append(pdf.add(page(pages, font, b"%d 0 R" % content)))
    pdf.set(catalog, b"<< /Type /Catalog /Pages %d 0 R >>" % pages)
    pdf.set(pages, pages_node(kids))
    if info is not None:
        pdf.info = pdf.add(info)
    return pdf.build(catalog)


def large_report(pages: int, megabytes: int) -> bytes:
    """A long report as scanned-and-typeset PDFs come: each page a heading, body text and a photograph.

    The photographs (random bytes, never decoded) make up the size, as they do in real large PDFs.
    """
    import os
    import textwrap

    body = (
        "Security officials believe that financial incentives, coupled with limited domestic job opportunities, "
        "have made some young Iraqis susceptible to recruitment campaigns linked to the conflict in Ukraine. "
    ) * 6
    photo_bytes = megabytes * 1024 * 1024 // pages
    pdf = RawPdf()
    catalog, node, font = pdf.add(b""), pdf.add(b""), pdf.add(FONT)
    kids = []
    for number in range(1, pages + 1):
        photo = pdf.add(
            stream(os.urandom(photo_bytes), extra=b" /Type /XObject /Subtype /Image /Width 800 /Height 600 "
                   b"/ColorSpace /DeviceRGB /BitsPerComponent 8 /Filter /DCTDecode")
        )  # fmt: skip
        text = b"BT /F1 18 Tf 72 790 Td (Chapter %d: Findings of the Regional Office) Tj ET\n" % number
        text += text_ops(textwrap.wrap(body, 95), size=10, top=560, leading=12)
        content = pdf.add(stream(b"q 400 0 0 200 72 600 cm /Im0 Do Q\n" + text))
        kids.append(
            pdf.add(
                b"<< /Type /Page /Parent %d 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 %d 0 R >> "
                b"/XObject << /Im0 %d 0 R >> >> /Contents %d 0 R >>" % (node, font, photo, content)
            )
        )
    pdf.set(catalog, b"<< /Type /Catalog /Pages %d 0 R >>" % node)
    pdf.set(node, pages_node(kids))
    return pdf.build(catalog)


def page(parent: int, font: int, contents: bytes) -> bytes:
    return (
        b"<< /Type /Page /Parent %d 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 %d 0 R >> >> "
        b"/Contents %s >>" % (parent, font, contents)
    )


def pages_node(kids: list[int]) -> bytes:
    refs = b" ".join(b"%d 0 R" % kid for kid in kids)
    return b"<< /Type /Pages /Kids [%s] /Count %d >>" % (refs, len(kids))


def write(path: Path, data: bytes) -> Path:
    path.write_bytes(data)
    return path


#: What a font without a usable Unicode map turns letters into: symbols and letters of other scripts.
SYMBOL_SOUP = "ฏ™—…›Ÿ˜ŒšžƒˆÐÞßΩЖ§¶"


def to_unicode_cmap(mapping: dict[int, str]) -> bytes:
    """A ToUnicode CMap mapping one-byte codes to the given characters."""
    entries = [
        b"<%02X> <%s>" % (code, char.encode("utf-16-be").hex().upper().encode()) for code, char in mapping.items()
    ]
    blocks = [entries[i : i + 50] for i in range(0, len(entries), 50)]
    body = b"\n".join(b"%d beginbfchar\n%s\nendbfchar" % (len(block), b"\n".join(block)) for block in blocks)
    return (
        b"/CIDInit /ProcSet findresource begin 12 dict begin begincmap\n"
        b"/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def\n"
        b"/CMapName /Garbled def /CMapType 2 def\n1 begincodespacerange <00> <FF> endcodespacerange\n"
        + body
        + b"\nendcmap CMapName currentdict /CMap defineresource pop end end"
    )


def garbled_font(pdf: RawPdf) -> bytes:
    """Helvetica with a ToUnicode map that sends every letter to a symbol, as broken font subsets do."""
    mapping = {code: SYMBOL_SOUP[code % len(SYMBOL_SOUP)] for code in range(0x21, 0x7F)}
    cmap = pdf.add(stream(to_unicode_cmap(mapping)))
    return b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /ToUnicode %d 0 R >>" % cmap


def described_font(name: str, *, flags: int = 32, weight: int | None = None) -> FontBuilder:
    """A font that says its weight only in its descriptor (``flags``, ``weight``), as embedded subsets do."""

    def build(pdf: RawPdf) -> bytes:
        weight_entry = b" /FontWeight %d" % weight if weight is not None else b""
        descriptor = pdf.add(
            b"<< /Type /FontDescriptor /FontName /%s /Flags %d%s /ItalicAngle 0 /Ascent 718 /Descent -207 "
            b"/CapHeight 718 /StemV 80 /FontBBox [-166 -225 1000 931] >>" % (name.encode(), flags, weight_entry)
        )
        return b"<< /Type /Font /Subtype /Type1 /BaseFont /%s /FontDescriptor %d 0 R >>" % (name.encode(), descriptor)

    return build


def standard_font(name: str) -> FontBuilder:
    """One of the standard fonts every reader knows (Helvetica, Helvetica-Bold …)."""
    return lambda _pdf: b"<< /Type /Font /Subtype /Type1 /BaseFont /%s >>" % name.encode()


def fonts_pdf(contents_per_page: list[bytes], fonts: list[FontBuilder]) -> bytes:
    """A PDF of one page per content stream, whose pages name the fonts built by ``fonts`` /F1, /F2 …"""
    pdf = RawPdf()
    catalog = pdf.add(b"")
    node = pdf.add(b"")
    numbers = [pdf.add(build(pdf)) for build in fonts]
    font_names = b" ".join(b"/F%d %d 0 R" % (index, number) for index, number in enumerate(numbers, start=1))
    kids = []
    for contents in contents_per_page:
        content = pdf.add(stream(contents))
        kids.append(
            pdf.add(
                b"<< /Type /Page /Parent %d 0 R /MediaBox [0 0 595 842] /Resources << /Font << %s >> >> "
                b"/Contents %d 0 R >>" % (node, font_names, content)
            )
        )
    pdf.set(catalog, b"<< /Type /Catalog /Pages %d 0 R >>" % node)
    pdf.set(node, pages_node(kids))
    return pdf.build(catalog)


def placed_text(runs: list[tuple[int, float, float, float, str]]) -> bytes:
    """Content drawing each (font number, size, x, y, text) run at its own place."""
    out = []
    for font, size, x, y, text in runs:
        escaped = text.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")
        out.append(f"BT /F{font} {size:g} Tf {x:g} {y:g} Td ({escaped}) Tj ET".encode("latin-1"))
    return b"\n".join(out)
