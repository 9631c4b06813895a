"""Builders for files made to hang, swamp or fool a reader: each is small to build and costly or misleading to read.

They are kept apart from ``fixtures`` (real-shaped documents) because each
one documents an attack: which structure it abuses and how big it is. Every
builder takes the file to write and a scratch folder, and returns the file.
"""

from __future__ import annotations

import codecs
import os
import struct
import warnings
import zipfile
import zlib
from pathlib import Path

from tests.ingest import raw_pdf
from tests.ingest.fixtures import BODY, document_xml, minimal_docx_parts, write_docx_with_document, write_zip

LONG_WORD = "x" * 100_000
CZECH = "Vláda včera schválila nový zákon o ochraně přírody. Ministr řekl, že změny začnou platit příští rok."
HUNGARIAN = "A kormány tegnap bejelentette, hogy új törvényt fogad el a közlekedésről és a műszaki vizsgáról."
POLISH = "Rząd ogłosił nowe przepisy dotyczące bezpieczeństwa. Minister powiedział, że zmiany wejdą w życie."
FRENCH = "Le Conseil a déclaré que la réunion était très importante pour l’Irak et ses voisins."
RUSSIAN = "Совет безопасности Ирака провёл заседание в среду и обсудил вербовку граждан."
ARTICLE = "\n\n".join([BODY] * 3) + "\n"


# --- PDF ------------------------------------------------------------------------------------------------------------


def _one_page(contents: bytes, *, info: bytes | None = None) -> bytes:
    return raw_pdf.simple_pdf([contents], info=info)


def pdf_one_stream_listed_many_times(path: Path, _tmp: Path, times: int = 10_000) -> Path:
    """One page whose /Contents array names the same small stream ``times`` times (about 61 KB on disk)."""
    pdf = raw_pdf.RawPdf()
    catalog, pages, font = pdf.add(b""), pdf.add(b""), pdf.add(raw_pdf.FONT)
    content = pdf.add(raw_pdf.stream(raw_pdf.text_ops(["Hello"])))
    page = pdf.add(raw_pdf.page(pages, font, b"[" + b" ".join([b"%d 0 R" % content] * times) + b"]"))
    pdf.set(catalog, b"<< /Type /Catalog /Pages %d 0 R >>" % pages)
    pdf.set(pages, raw_pdf.pages_node([page]))
    return raw_pdf.write(path, pdf.build(catalog))


def pdf_pages_sharing_a_huge_stream(path: Path, _tmp: Path, pages: int = 100, megabytes: int = 5) -> Path:
    """``pages`` pages that all draw one compressed stream of ``megabytes`` MB of text operators (30 KB on disk)."""
    line = b"BT /F1 10 Tf 72 700 Td (Recruitment into foreign armies) Tj ET\n"
    pdf = raw_pdf.RawPdf()
    catalog, node, font = pdf.add(b""), pdf.add(b""), pdf.add(raw_pdf.FONT)
    content = pdf.add(raw_pdf.stream(line * (megabytes * 1024 * 1024 // len(line)), compress=True))
    kids = [pdf.add(raw_pdf.page(node, font, b"%d 0 R" % content)) for _ in range(pages)]
    pdf.set(catalog, b"<< /Type /Catalog /Pages %d 0 R >>" % node)
    pdf.set(node, raw_pdf.pages_node(kids))
    return raw_pdf.write(path, pdf.build(catalog))


def pdf_long_word_in_metadata(path: Path, _tmp: Path) -> Path:
    """A page of ordinary text; the title and author are one 100,000-character word each."""
    word = LONG_WORD.encode()
    return raw_pdf.write(
        path, _one_page(raw_pdf.text_ops([BODY]), info=b"<< /Title (%s) /Author (%s) >>" % (word, word))
    )


def pdf_long_word_wrapped(path: Path, _tmp: Path) -> Path:
    """A 100,000-character word hyphenated over 1,000 lines: one paragraph, mended line by line."""
    lines = ["x" * 100 + "-"] * 999 + ["x" * 100]
    return raw_pdf.write(path, _one_page(raw_pdf.text_ops(lines, size=10, leading=12, top=800)))


def pdf_one_long_line(path: Path, _tmp: Path) -> Path:
    """A single line of 20,000 words: one text run, far wider than any page."""
    return raw_pdf.write(path, _one_page(raw_pdf.text_ops(["word " * 20_000])))


def pdf_page_tree_loop(path: Path, _tmp: Path) -> Path:
    """The page tree's only kid is the tree itself."""
    pdf = raw_pdf.RawPdf()
    catalog = pdf.add(b"<< /Type /Catalog /Pages 2 0 R >>")
    pdf.add(b"<< /Type /Pages /Kids [2 0 R] /Count 1 >>")
    return raw_pdf.write(path, pdf.build(catalog))


def pdf_object_reference_loop(path: Path, _tmp: Path) -> Path:
    """The page's /Contents is an object that refers to itself, and its font to another that refers back."""
    pdf = raw_pdf.RawPdf()
    catalog, pages = pdf.add(b""), pdf.add(b"")
    font = pdf.add(b"5 0 R")
    contents = pdf.add(b"4 0 R")
    pdf.add(b"3 0 R")
    page = pdf.add(raw_pdf.page(pages, font, b"%d 0 R" % contents))
    pdf.set(catalog, b"<< /Type /Catalog /Pages %d 0 R >>" % pages)
    pdf.set(pages, raw_pdf.pages_node([page]))
    return raw_pdf.write(path, pdf.build(catalog))


def pdf_form_draws_itself(path: Path, _tmp: Path) -> Path:
    """A form XObject whose content draws the same form again (recursion without end)."""
    pdf = raw_pdf.RawPdf()
    catalog, pages, font = pdf.add(b""), pdf.add(b""), pdf.add(raw_pdf.FONT)
    form = pdf.add(b"")
    body = raw_pdf.text_ops([BODY]) + b"\n/Fm0 Do"
    pdf.set(
        form,
        raw_pdf.stream(
            body,
            extra=b" /Type /XObject /Subtype /Form /BBox [0 0 595 842] "
            b"/Resources << /Font << /F1 %d 0 R >> /XObject << /Fm0 %d 0 R >> >>" % (font, form),
        ),
    )
    content = pdf.add(raw_pdf.stream(b"/Fm0 Do"))
    page = pdf.add(
        b"<< /Type /Page /Parent %d 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 %d 0 R >> "
        b"/XObject << /Fm0 %d 0 R >> >> /Contents %d 0 R >>" % (pages, font, form, content)
    )
    pdf.set(catalog, b"<< /Type /Catalog /Pages %d 0 R >>" % pages)
    pdf.set(pages, raw_pdf.pages_node([page]))
    return raw_pdf.write(path, pdf.build(catalog))


def pdf_length_lie(path: Path, _tmp: Path) -> Path:
    """A content stream declaring a /Length of 2 GB."""
    pdf = raw_pdf.RawPdf()
    catalog, pages, font = pdf.add(b""), pdf.add(b""), pdf.add(raw_pdf.FONT)
    content = pdf.add(raw_pdf.stream(raw_pdf.text_ops([BODY]), length=2_000_000_000))
    page = pdf.add(raw_pdf.page(pages, font, b"%d 0 R" % content))
    pdf.set(catalog, b"<< /Type /Catalog /Pages %d 0 R >>" % pages)
    pdf.set(pages, raw_pdf.pages_node([page]))
    return raw_pdf.write(path, pdf.build(catalog))


def pdf_wrong_xref(path: Path, _tmp: Path) -> Path:
    pdf = raw_pdf.RawPdf()
    catalog, pages, font = pdf.add(b""), pdf.add(b""), pdf.add(raw_pdf.FONT)
    content = pdf.add(raw_pdf.stream(raw_pdf.text_ops([BODY])))
    page = pdf.add(raw_pdf.page(pages, font, b"%d 0 R" % content))
    pdf.set(catalog, b"<< /Type /Catalog /Pages %d 0 R >>" % pages)
    pdf.set(pages, raw_pdf.pages_node([page]))
    return raw_pdf.write(path, pdf.build(catalog, broken_xref=True))


def pdf_flate_bomb(path: Path, _tmp: Path) -> Path:
    """A content stream of 200 MB of spaces compressed into 200 KB."""
    pdf = raw_pdf.RawPdf()
    catalog, pages, font = pdf.add(b""), pdf.add(b""), pdf.add(raw_pdf.FONT)
    compressor = zlib.compressobj(9)
    data = compressor.compress(raw_pdf.text_ops([BODY]) + b"\n")
    chunk = b" " * (1024 * 1024)
    data += b"".join(compressor.compress(chunk) for _ in range(200)) + compressor.flush()
    content = pdf.add(b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(data) + data + b"\nendstream")
    page = pdf.add(raw_pdf.page(pages, font, b"%d 0 R" % content))
    pdf.set(catalog, b"<< /Type /Catalog /Pages %d 0 R >>" % pages)
    pdf.set(pages, raw_pdf.pages_node([page]))
    return raw_pdf.write(path, pdf.build(catalog))


def pdf_many_pages(path: Path, _tmp: Path, pages: int = 60_000) -> Path:
    """Tens of thousands of pages that all share one tiny content stream."""
    pdf = raw_pdf.RawPdf()
    catalog, node, font = pdf.add(b""), pdf.add(b""), pdf.add(raw_pdf.FONT)
    content = pdf.add(raw_pdf.stream(raw_pdf.text_ops(["Page"])))
    kids = [pdf.add(raw_pdf.page(node, font, b"%d 0 R" % content)) for _ in range(pages)]
    pdf.set(catalog, b"<< /Type /Catalog /Pages %d 0 R >>" % node)
    pdf.set(node, raw_pdf.pages_node(kids))
    return raw_pdf.write(path, pdf.build(catalog))


def pdf_huge_tj_array(path: Path, _tmp: Path) -> Path:
    """One TJ array of 300,000 one-letter strings and kerning numbers."""
    ops = b"BT /F1 10 Tf 72 700 Td [" + b"(x) -10 " * 150_000 + b"] TJ ET"
    return raw_pdf.write(path, _one_page(ops))


def pdf_deeply_nested_arrays(path: Path, _tmp: Path) -> Path:
    """An operand nested 100,000 arrays deep, which a recursive parser cannot reach the end of."""
    ops = raw_pdf.text_ops([BODY]) + b"\n" + b"[" * 100_000 + b"]" * 100_000 + b" pop"
    return raw_pdf.write(path, _one_page(ops))


def pdf_cmap_bomb(path: Path, _tmp: Path) -> Path:
    """A font whose ToUnicode map declares 200 ranges of 65,536 codes each."""
    ranges = b"\n".join(b"<0000> <FFFF> <%04X>" % n for n in range(200))
    cmap = (
        b"/CIDInit /ProcSet findresource begin 12 dict begin begincmap /CMapName /Bomb def "
        b"1 begincodespacerange <0000> <FFFF> endcodespacerange 200 beginbfrange\n" + ranges + b"\nendbfrange "
        b"endcmap CMapName currentdict /CMap defineresource pop end end"
    )
    pdf = raw_pdf.RawPdf()
    catalog, pages = pdf.add(b""), pdf.add(b"")
    to_unicode = pdf.add(raw_pdf.stream(cmap, compress=True))
    font = pdf.add(b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /ToUnicode %d 0 R >>" % to_unicode)
    content = pdf.add(raw_pdf.stream(raw_pdf.text_ops([BODY])))
    page = pdf.add(raw_pdf.page(pages, font, b"%d 0 R" % content))
    pdf.set(catalog, b"<< /Type /Catalog /Pages %d 0 R >>" % pages)
    pdf.set(pages, raw_pdf.pages_node([page]))
    return raw_pdf.write(path, pdf.build(catalog))


def pdf_huge_page_count_claim(path: Path, _tmp: Path) -> Path:
    """A page tree claiming two billion pages while holding one."""
    data = raw_pdf.simple_pdf([raw_pdf.text_ops([BODY])])
    return raw_pdf.write(path, data.replace(b"/Count 1 >>", b"/Count 2000000000 >>"))


def pdf_nul_filled_text(path: Path, _tmp: Path) -> Path:
    """Text strings full of NUL and other control bytes."""
    return raw_pdf.write(path, _one_page(raw_pdf.text_ops(["Real\x00\x00 text\x01\x02\x1b[2J here. " + BODY])))


def pdf_rtl_override_title(path: Path, _tmp: Path) -> Path:
    """A title that a right-to-left override would show reversed: "Report\u202efdp.exe"."""
    title = codecs.BOM_UTF16_BE + "Report\u202etxt.exe".encode("utf-16-be")
    info = b"<< /Title <%s> >>" % title.hex().encode()
    return raw_pdf.write(path, _one_page(raw_pdf.text_ops([BODY]), info=info))


# --- HTML -----------------------------------------------------------------------------------------------------------


def _html(path: Path, body: str, head: str = "") -> Path:
    path.write_text(f"<html><head>{head}</head><body>{body}</body></html>", encoding="utf-8")
    return path


def html_many_attributes(path: Path, _tmp: Path, count: int = 200_000) -> Path:
    attributes = " ".join(f'a{n}="v"' for n in range(count))
    return _html(path, f"<div {attributes}><p>{BODY}</p></div>")


def html_attributes_hidden_behind_quoted_brackets(path: Path, _tmp: Path, count: int = 200_000) -> Path:
    """The same attack with a ``>`` inside every value, so a scan that stops at the first ``>`` misses it."""
    attributes = " ".join(f'a{n}=">"' for n in range(count))
    return _html(path, f"<div {attributes}><p>{BODY}</p></div>")


def html_long_word(path: Path, _tmp: Path) -> Path:
    return _html(
        path,
        f"<article><h2>{LONG_WORD}</h2><p>{BODY}</p><p>{LONG_WORD}</p><p>{BODY}</p></article>",
        f"<title>{LONG_WORD}</title><meta name='author' content='{LONG_WORD}'>",
    )


def html_many_elements(path: Path, _tmp: Path, count: int = 400_000) -> Path:
    return _html(path, "<p>a</p>" * count)


def html_many_doctype_subsets(path: Path, _tmp: Path, count: int = 100_000) -> Path:
    """Internal-subset openings that never close: a lazy pattern retried at each would scan to the end each time."""
    path.write_text("<!DOCTYPE html [" * count + f"<html><body><p>{BODY}</p></body></html>", encoding="utf-8")
    return path


def html_unclosed_comments(path: Path, _tmp: Path, count: int = 100_000) -> Path:
    path.write_text(f"<html><body><p>{BODY}</p>" + "<!-- <p>x</p>" * count, encoding="utf-8")
    return path


def html_charset_cp037(path: Path, _tmp: Path) -> Path:
    """A Windows-1252 page declaring the EBCDIC charset cp037, which would turn every byte into something else."""
    path.write_text(
        f'<html><head><meta charset="cp037"><title>Rapport sur le recrutement</title></head>'
        f"<body><article><p>{FRENCH}</p><p>{BODY}</p></article></body></html>",
        encoding="cp1252",
    )
    return path


def html_charset_utf16_declared_on_utf8(path: Path, _tmp: Path) -> Path:
    path.write_bytes(
        f'<html><head><meta charset="utf-16"></head><body><article><p>{CZECH}</p><p>{BODY}</p></article>'
        "</body></html>".encode()
    )
    return path


def html_huge_data_uri(path: Path, _tmp: Path) -> Path:
    """A 6 MB inline image in an attribute: one long tag, few attributes; the page is read."""
    blob = codecs.encode(os.urandom(4_500_000), "base64").replace(b"\n", b"").decode()
    return _html(path, f'<article><img src="data:image/png;base64,{blob}"><p>{BODY}</p><p>{BODY}</p></article>')


def html_giant_text_node(path: Path, _tmp: Path) -> Path:
    return _html(path, f"<article><p>{(BODY + ' ') * 60_000}</p></article>")


def html_nul_bytes(path: Path, _tmp: Path) -> Path:
    path.write_bytes(f"<html><body><p>{BODY}</p>".encode() + b"\x00" * 64 + b"</body></html>")
    return path


def html_script_with_fake_tag(path: Path, _tmp: Path) -> Path:
    """A script whose code has ``<i`` followed by thousands of words before any ``>``: not a tag, not refused."""
    code = " ".join(f"x{n} = x{n} + 1;" for n in range(5_000))
    return _html(path, f"<script>for (i = 0; i <items; i++) {{ {code} }}</script><article><p>{BODY}</p></article>")


# --- Markdown -------------------------------------------------------------------------------------------------------


def markdown_wide_table(path: Path, _tmp: Path, columns: int = 20_000, rows: int = 120) -> Path:
    """A table 20,000 columns wide with full rows (about 5 MB): every cell becomes parser tokens."""
    header = "|" + "a|" * columns
    delimiter = "|" + "-|" * columns
    path.write_text("\n".join([header, delimiter, *(["|" + "x|" * columns] * rows)]) + "\n", encoding="utf-8")
    return path


def markdown_wide_header_short_rows(path: Path, _tmp: Path, columns: int = 20_000, rows: int = 20_000) -> Path:
    """A wide header over thousands of one-cell rows, each of which the table rule pads to the full width."""
    text = "\n".join(["|" + "a|" * columns, "|" + "-|" * columns, *(["|x|"] * rows)])
    path.write_text(text + "\n", encoding="utf-8")
    return path


def markdown_many_headings(path: Path, _tmp: Path, count: int = 1_000_000) -> Path:
    """A million headings, one per line (10 MB): under the line limit, refused after the first 10,000 headings."""
    path.write_text("".join(f"# H{n}\n" for n in range(count)), encoding="utf-8")
    return path


def markdown_identical_headings(path: Path, _tmp: Path, count: int = 5_000) -> Path:
    path.write_text("# Same heading\n\nSome text.\n\n" * count, encoding="utf-8")
    return path


def markdown_many_paragraphs(path: Path, _tmp: Path, count: int = 150_000) -> Path:
    """150,000 one-letter paragraphs (450 KB): three tokens each, past the budget two thirds of the way in."""
    path.write_text("a\n\n" * count, encoding="utf-8")
    return path


def markdown_long_word(path: Path, _tmp: Path) -> Path:
    path.write_text(f"# {LONG_WORD}\n\n{BODY}\n\n{LONG_WORD}\n", encoding="utf-8")
    return path


def markdown_nested_brackets(path: Path, _tmp: Path, count: int = 20_000) -> Path:
    path.write_text(f"{BODY}\n\n" + "[" * count + "a" + "]" * count + "\n", encoding="utf-8")
    return path


def markdown_nested_emphasis(path: Path, _tmp: Path, count: int = 20_000) -> Path:
    path.write_text(f"{BODY}\n\n" + "*a **a " * count + "b" + " a** a*" * count + "\n", encoding="utf-8")
    return path


def markdown_unclosed_links(path: Path, _tmp: Path, count: int = 20_000) -> Path:
    path.write_text(f"{BODY}\n\n" + "[a](b " * count + "\n", encoding="utf-8")
    return path


def markdown_deep_blockquote(path: Path, _tmp: Path, depth: int = 100_000) -> Path:
    path.write_text(f"{BODY}\n\n" + ">" * depth + " deep\n", encoding="utf-8")
    return path


def markdown_deep_list(path: Path, _tmp: Path, depth: int = 1_000) -> Path:
    path.write_text(f"{BODY}\n\n" + "".join("  " * n + "- item\n" for n in range(depth)), encoding="utf-8")
    return path


def markdown_html_many_attributes(path: Path, _tmp: Path, count: int = 200_000) -> Path:
    attributes = " ".join(f'a{n}="v"' for n in range(count))
    path.write_text(f"{BODY}\n\n<div {attributes}>\n\nText in a div.\n\n</div>\n", encoding="utf-8")
    return path


def markdown_many_link_definitions(path: Path, _tmp: Path, count: int = 20_000) -> Path:
    definitions = "".join(f"[r{n}]: http://example.org/{n}\n" for n in range(count))
    path.write_text(f"{BODY} [see][r1].\n\n{definitions}", encoding="utf-8")
    return path


def markdown_backtick_runs(path: Path, _tmp: Path, count: int = 2_000) -> Path:
    """Code-span openers of every length, none closed: a naive matcher searches the rest for each."""
    path.write_text(f"{BODY}\n\n" + " ".join("`" * n for n in range(1, count)) + "\n", encoding="utf-8")
    return path


# --- plain text and encodings ---------------------------------------------------------------------------------------


def text_long_word(path: Path, _tmp: Path) -> Path:
    path.write_text(f"{BODY}\n\n{LONG_WORD}\n\n{BODY}\n", encoding="utf-8")
    return path


def text_long_non_ascii_word_cp1252(path: Path, _tmp: Path) -> Path:
    """A 100,000-character word of accented letters and inverted marks in Windows-1252."""
    path.write_bytes((f"{BODY}\n\n" + "é¡" * 50_000 + f"\n\n{BODY}\n").encode("cp1252"))
    return path


def text_many_lines(path: Path, _tmp: Path, count: int = 3_000_000) -> Path:
    path.write_bytes(b"a\n" * count)
    return path


def text_many_headings(path: Path, _tmp: Path, count: int = 12_000) -> Path:
    path.write_text(
        f"{BODY}\n\n" + "".join(f"Heading Number {n}\n\n{BODY}\n\n" for n in range(count)), encoding="utf-8"
    )
    return path


def text_giant_line(path: Path, _tmp: Path) -> Path:
    """10 MB on one line."""
    path.write_text((BODY + " ") * 50_000, encoding="utf-8")
    return path


def text_utf16_bom_then_utf8(path: Path, _tmp: Path) -> Path:
    """A UTF-16 byte-order mark before UTF-8 text: read as UTF-16 it is a page of Chinese-looking characters."""
    data = ARTICLE.encode("utf-8")
    path.write_bytes(codecs.BOM_UTF16_LE + data + b"\n" * (len(data) % 2))  # an even length: valid UTF-16
    return path


def text_utf16_bom_then_noise(path: Path, _tmp: Path) -> Path:
    """Valid UTF-16 (no surrogates) that is no writing: each character from a different corner of Unicode."""
    noise = bytes(b for n in range(2000) for b in (0x61 + n % 26, 0x80 + (n * 37) % 0x58))
    path.write_bytes(codecs.BOM_UTF16_LE + noise)
    return path


def text_utf8_bom_then_utf16(path: Path, _tmp: Path) -> Path:
    path.write_bytes(codecs.BOM_UTF8 + ARTICLE.encode("utf-16-le"))
    return path


def text_utf32_bom_then_utf8(path: Path, _tmp: Path) -> Path:
    path.write_bytes(codecs.BOM_UTF32_LE + ARTICLE.encode("utf-8"))
    return path


def text_zero_width_only(path: Path, _tmp: Path) -> Path:
    """Nothing but zero-width spaces, joiners and marks, in 3,000 space-separated "words"."""
    path.write_text(" ".join(["\u200b\u200c\u200d\u2060\ufeff"] * 3_000), encoding="utf-8")
    return path


def text_combining_marks_only(path: Path, _tmp: Path) -> Path:
    path.write_text(" ".join(["\u0301\u0308\u0327"] * 3_000), encoding="utf-8")
    return path


def text_private_use_only(path: Path, _tmp: Path) -> Path:
    path.write_text("".join(chr(0xE000 + n % 6000) for n in range(8_000)), encoding="utf-8")
    return path


def text_rtl_override(path: Path, _tmp: Path) -> Path:
    """Overrides that make "exe.txt" display as "txt.exe" and reverse a sentence on screen."""
    path.write_text(f"Open attachment\u202eexe.txt\u202c today.\n\n\u202d{BODY}\u202c\n\n\u2067{BODY}\u2069\n")
    return path


def text_mixed_utf8_and_cp1251(path: Path, _tmp: Path) -> Path:
    """Four paragraphs in UTF-8, then one in Windows-1251: two editors' saves pasted together."""
    path.write_bytes(((RUSSIAN + "\n\n") * 4).encode("utf-8") + (RUSSIAN + "\n").encode("cp1251"))
    return path


def text_late_nul_bytes(path: Path, _tmp: Path) -> Path:
    """Clean text for 20 KB, then NUL bytes: past the sample a binary check looks at."""
    path.write_bytes((BODY + "\n\n").encode() * 100 + b"\x00" * 32 + b"tail\n")
    return path


def text_cesu_surrogates(path: Path, _tmp: Path) -> Path:
    """An emoji as CESU-8 writes it (Java, Oracle): two encoded surrogate halves, invalid in UTF-8."""
    path.write_bytes(f"{BODY} ".encode() + b"\xed\xa0\xbd\xed\xb8\x80" + b" end.\n")
    return path


def text_czech_1250(path: Path, _tmp: Path) -> Path:
    path.write_bytes((CZECH + "\n\n" + CZECH + "\n").encode("cp1250"))
    return path


def text_unterminated_control_strings(path: Path, _tmp: Path) -> Path:
    """Terminal control strings that never end: each C1 string start followed by 2 KB of text, no terminator."""
    path.write_text(("\x9d" + "a" * 2_000) * 2_000, encoding="utf-8")
    return path


# --- DOCX -----------------------------------------------------------------------------------------------------------


def docx_long_word(path: Path, tmp: Path) -> Path:
    body = f"<w:p><w:r><w:t>{BODY}</w:t></w:r></w:p><w:p><w:r><w:t>{LONG_WORD}</w:t></w:r></w:p>"
    return write_docx_with_document(path, tmp, document_xml(body))


def docx_deeply_nested_tables(path: Path, tmp: Path, depth: int = 2_000) -> Path:
    cell_open = "<w:tbl><w:tr><w:tc>"
    cell_close = "<w:p><w:r><w:t>deep</w:t></w:r></w:p></w:tc></w:tr></w:tbl>"
    body = f"<w:p><w:r><w:t>{BODY}</w:t></w:r></w:p>" + cell_open * depth + cell_close * depth
    return write_docx_with_document(path, tmp, document_xml(body))


def docx_deeply_nested_content_controls(path: Path, tmp: Path, depth: int = 200) -> Path:
    body = "<w:sdt><w:sdtContent>" * depth + f"<w:p><w:r><w:t>{BODY}</w:t></w:r></w:p>"
    body += "</w:sdtContent></w:sdt>" * depth
    return write_docx_with_document(path, tmp, document_xml(body))


def docx_many_attributes(path: Path, tmp: Path, count: int = 200_000) -> Path:
    attributes = " ".join(f'a{n}="v"' for n in range(count))
    body = f"<w:p {attributes}><w:r><w:t>{BODY}</w:t></w:r></w:p>"
    return write_docx_with_document(path, tmp, document_xml(body))


def docx_identical_headings(path: Path, tmp: Path, count: int = 5_000) -> Path:
    heading = '<w:p><w:pPr><w:outlineLvl w:val="0"/></w:pPr><w:r><w:t>Same heading</w:t></w:r></w:p>'
    paragraph = "<w:p><w:r><w:t>Text under it.</w:t></w:r></w:p>"
    return write_docx_with_document(path, tmp, document_xml((heading + paragraph) * count))


def docx_wide_table(path: Path, tmp: Path, columns: int = 20_000) -> Path:
    rows = "".join(
        "<w:tr>"
        + "".join(f"<w:tc><w:p><w:r><w:t>r{r}c{c}</w:t></w:r></w:p></w:tc>" for c in range(columns))
        + "</w:tr>"
        for r in range(3)
    )
    return write_docx_with_document(
        path, tmp, document_xml(f"<w:p><w:r><w:t>{BODY}</w:t></w:r></w:p><w:tbl>{rows}</w:tbl>")
    )


def docx_style_cycle(path: Path, tmp: Path) -> Path:
    """Two styles each based on the other."""
    parts = minimal_docx_parts(tmp)
    parts["word/styles.xml"] = (
        b'<w:styles xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
        b'<w:style w:type="paragraph" w:styleId="A"><w:name w:val="A"/><w:basedOn w:val="B"/></w:style>'
        b'<w:style w:type="paragraph" w:styleId="B"><w:name w:val="B"/><w:basedOn w:val="A"/></w:style>'
        b"</w:styles>"
    )
    parts["word/document.xml"] = document_xml(
        f'<w:p><w:pPr><w:pStyle w:val="A"/></w:pPr><w:r><w:t>{BODY}</w:t></w:r></w:p>'
    )
    return write_zip(path, parts)


def docx_huge_image(path: Path, tmp: Path) -> Path:
    """A PNG in the package claiming 100,000 × 100,000 pixels (40 GB decoded); Briefgen never decodes it."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    header = struct.pack(">IIBBBBB", 100_000, 100_000, 8, 6, 0, 0, 0)
    png = (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(b"\x00" * 1000))
        + chunk(b"IEND", b"")
    )
    parts = minimal_docx_parts(tmp)
    parts["word/media/image1.png"] = png
    return write_zip(path, parts)


def docx_nested_zip_bomb(path: Path, tmp: Path) -> Path:
    """A small member that is itself a zip of a zip of zeros: nothing unpacks it, so nothing expands."""
    inner = tmp / "inner.zip"
    with zipfile.ZipFile(inner, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("zeros.bin", bytes(50 * 1024 * 1024))
    parts = minimal_docx_parts(tmp)
    parts["word/embeddings/package.zip"] = inner.read_bytes()
    return write_zip(path, parts)


def docx_controls_in_text(path: Path, tmp: Path) -> Path:
    body = f"<w:p><w:r><w:t>{BODY}</w:t></w:r></w:p><w:p><w:r><w:t>a&#x7f;b\u202ecd&#x85;e</w:t></w:r></w:p>"
    return write_docx_with_document(path, tmp, document_xml(body))


def docx_path_traversal_names(path: Path, tmp: Path) -> Path:
    """Members named like ``../../etc/evil``: harmless, since nothing is ever unpacked to disk."""
    parts = minimal_docx_parts(tmp)
    parts["../../evil.sh"] = b"#!/bin/sh\nrm -rf /\n"
    parts["/abs/evil.xml"] = b"<x/>"
    return write_zip(path, parts)


def docx_duplicate_members(path: Path, tmp: Path) -> Path:
    """Two members named word/document.xml: zip readers disagree on which one counts."""
    parts = minimal_docx_parts(tmp)
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive, warnings.catch_warnings():
        warnings.simplefilter("ignore")  # zipfile warns of the duplicate name it is asked to write
        for name, data in parts.items():
            archive.writestr(name, data)
        archive.writestr("word/document.xml", document_xml(f"<w:p><w:r><w:t>{BODY}</w:t></w:r></w:p>"))
    return path


def html_zero_width_only(path: Path, _tmp: Path) -> Path:
    return _html(path, "<article>" + "<p>\u200b\u200c\u200d</p>" * 500 + "</article>")


def text_only_line_breaks(path: Path, _tmp: Path) -> Path:
    path.write_bytes(b"\r\n" * 500_000)
    return path


def text_bom_only(path: Path, _tmp: Path) -> Path:
    path.write_bytes(codecs.BOM_UTF8 + b"\n")
    return path


def pdf_many_pages_claiming_few(path: Path, tmp: Path) -> Path:
    """60,000 pages under a page tree whose /Count says 1 (padded, so the cross-reference offsets stay right): the
    walk itself is capped."""
    pdf_many_pages(path, tmp)
    data = path.read_bytes()
    return raw_pdf.write(path, data.replace(b"/Count 60000 >>", b"/Count 1     >>"))


def docx_many_headings(path: Path, tmp: Path, count: int = 200_000) -> Path:
    """200,000 headings in a 600 KB Word file: refused after the first 10,000, not after walking them all."""
    heading = '<w:p><w:pPr><w:outlineLvl w:val="0"/></w:pPr><w:r><w:t>H{}</w:t></w:r></w:p>'
    return write_docx_with_document(path, tmp, document_xml("".join(heading.format(n) for n in range(count))))


def html_many_headings(path: Path, _tmp: Path, count: int = 40_000) -> Path:
    return _html(path, "".join(f"<h2>H{n}</h2>" for n in range(count)))
