"""Hostile, broken and mislabelled files: each is refused with one clear message naming it, or read safely.

Every case builds its own file. A refused file must raise IngestError (never
another exception) whose message names the file and gives the reason in
plain words; a file that is read safely must not leak what an attack tried
to pull in. The batch test at the end shows a bad file never stops the
others from loading.
"""

from __future__ import annotations

import os
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest
from docx.oxml.parser import parse_xml

from app.core.errors import IngestError
from app.core.model import Source
from app.ingest import ingest, ingest_many
from tests.conftest import SAMPLE
from tests.ingest.fixtures import (
    BILLION_LAUGHS_DTD,
    EXTERNAL_ENTITY_DTD,
    document_xml,
    is_root,
    minimal_docx_parts,
    random_bytes,
    truncated,
    write_blank_pdf,
    write_docx_encrypted_member,
    write_docx_many_members,
    write_docx_with_document,
    write_docx_zip_bomb,
    write_report_docx,
    write_report_pdf,
    write_scanned_pdf,
    write_zip,
)

Builder = Callable[[Path, Path], object]  # (file to create, scratch folder)

LOL_HTML = (
    '<?xml version="1.0"?>\n<!DOCTYPE html [<!ENTITY lol "lol">'
    + "".join(f'<!ENTITY lol{i} "{("&lol;" if i == 1 else f"&lol{i - 1};") * 10}">' for i in range(1, 10))
    + "]>\n<html><head><title>Laughs</title></head><body><article><p>&lol9;</p><p>"
    + "The committee met on Wednesday to discuss recruitment into foreign armies. " * 4
    + "</p></article></body></html>"
)
XXE_HTML = (
    '<!DOCTYPE html [<!ENTITY xxe SYSTEM "file:///etc/passwd">]><html><body><article><p>Secret: &xxe;</p><p>'
    + "The committee met on Wednesday to discuss recruitment into foreign armies. " * 4
    + "</p></article></body></html>"
)
ONE_PARAGRAPH = "<w:p><w:r><w:t>Readable text.</w:t></w:r></w:p>"


def _write(data: bytes) -> Builder:
    return lambda path, _tmp: path.write_bytes(data)


def _text(text: str, encoding: str = "utf-8") -> Builder:
    return _write(text.encode(encoding))


def _dtd_in_styles_utf16(path: Path, tmp: Path) -> None:
    parts = minimal_docx_parts(tmp)
    parts["word/styles.xml"] = (
        '<?xml version="1.0" encoding="UTF-16"?>' + BILLION_LAUGHS_DTD + '<w:styles xmlns:w="x">&lol9;</w:styles>'
    ).encode("utf-16")
    write_zip(path, parts)


def _symlink_loop(path: Path, _tmp: Path) -> None:
    other = path.with_name("other-link.txt")
    path.symlink_to(other)
    other.symlink_to(path)


def _fifo(path: Path, _tmp: Path) -> None:
    os.mkfifo(path)


def _oversize(path: Path, _tmp: Path) -> None:
    path.write_bytes(b"A sentence that repeats. " * 120_000)  # 3 MB against the 2 MB limit the tests set


def _unreadable(path: Path, _tmp: Path) -> None:
    path.write_text("Secret text.", encoding="utf-8")
    path.chmod(0)


def _deeply_nested_html(path: Path, _tmp: Path) -> None:
    depth = 50_000
    path.write_text(
        "<html><body>" + "<div>" * depth + "<p>Deep text at the bottom of the page.</p>" + "</div>" * depth,
        encoding="utf-8",
    )


def _broken_xref_pdf(path: Path, tmp: Path) -> None:
    """A PDF whose cross-reference offsets are wrong: readers rebuild them, and so does pypdf."""
    data = write_report_pdf(tmp / "xref-source.pdf").read_bytes()
    marker = data.rindex(b"startxref")
    path.write_bytes(data[:marker] + b"startxref\n12\n%%EOF\n")


#: name → (builder, the reason the message must contain); None means the file is read safely.
HOSTILE: dict[str, tuple[Builder, str | None]] = {
    "empty.txt": (_write(b""), "file is empty"),
    "empty.md": (_write(b""), "file is empty"),
    "empty.html": (_write(b""), "file is empty"),
    "whitespace.htm": (_write(b" \n\t \n"), "file is empty"),
    "empty.docx": (_write(b""), "file is empty"),
    "empty.pdf": (_write(b""), "file is empty"),
    "nul-filled.txt": (_write(b"\x00" * 4096), "binary file, not text"),
    "random-bytes.txt": (_write(random_bytes(4096)), "binary file, not text"),
    "high-bytes.txt": (_write(bytes(b | 0x80 for b in random_bytes(4096))), "encoding cannot be recognised"),
    "invalid-utf16.txt": (_write(b"\xff\xfe" + "Iraq".encode("utf-16-le") + b"\x00\xd8A\x00"), "marked as UTF-16"),
    "odd-utf16.md": (_write(b"\xfe\xff" + "Text".encode("utf-16-be") + b"\x00"), "marked as UTF-16 but is damaged"),
    "front-matter-only.md": (_text("---\ntitle: Nothing here\nauthor: Nobody\n---\n"), "no text found"),
    "only-scripts.html": (
        _text("<html><head><script>var a = 1;</script><style>p{}</style></head><body><script>x()</script></body>"),
        "no readable text",
    ),
    "png-renamed.html": (_write(b"\x89PNG\r\n\x1a\n" + random_bytes(200)), "this is a PNG image, not a web page"),
    "pdf-renamed.html": (lambda p, t: p.write_bytes(write_report_pdf(t / "a.pdf").read_bytes()), "a PDF file"),
    "docx-renamed.txt": (
        lambda p, t: p.write_bytes(write_report_docx(t / "a.docx").read_bytes()),
        "this is a Word document (.docx), not a text file; rename it to .docx",
    ),
    "program.txt": (_write(b"MZ\x90\x00\x03\x00\x00\x00" + random_bytes(300)), "a program, not a document"),
    "gzipped.html": (_write(b"\x1f\x8b\x08\x00" + random_bytes(300)), "a compressed (gzip) file, not a web page"),
    "rich-text.docx": (
        _text("{\\rtf1\\ansi Hello}"),
        "Rich Text (RTF) file, not a Word document (.docx); open it in Word",
    ),
    "random-bytes.pdf": (_write(random_bytes(5000)), "this is not a PDF file"),
    "truncated.pdf": (lambda p, t: truncated(p, write_report_pdf(t / "full.pdf")), "the PDF is incomplete"),
    "header-only.pdf": (_write(b"%PDF-1.7\n%%EOF\n"), "the PDF is damaged"),
    "password.pdf": (lambda p, _t: write_report_pdf(p, encrypt="s3cret"), "the PDF is password-protected"),
    "scanned.pdf": (lambda p, _t: write_scanned_pdf(p), "no text layer: this looks like a scanned PDF; run OCR first"),
    "blank-page.pdf": (lambda p, _t: write_blank_pdf(p), "the PDF has no text"),
    "docx-renamed.pdf": (
        lambda p, t: p.write_bytes(write_report_docx(t / "a.docx").read_bytes()),
        "this is a Word document (.docx), not a PDF file; rename it to .docx",
    ),
    "pdf-renamed.docx": (
        lambda p, t: p.write_bytes(write_report_pdf(t / "a.pdf").read_bytes()),
        "this is a PDF file, not a Word document (.docx); rename it to .pdf",
    ),
    "old-word.docx": (
        _write(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + random_bytes(600)),
        "old-format Office file (.doc, .xls) or a password-protected Word file",
    ),
    "truncated.docx": (lambda p, t: truncated(p, write_report_docx(t / "full.docx")), "damaged or incomplete"),
    "plain-zip.docx": (lambda p, _t: write_zip(p, {"notes.txt": b"hello"}), "a zip archive, not a Word document"),
    "workbook.docx": (
        lambda p, _t: write_zip(p, {"[Content_Types].xml": b"<Types/>", "xl/workbook.xml": b"<workbook/>"}),
        "this is an Excel workbook, not a Word document",
    ),
    "spreadsheet.docx": (
        lambda p, _t: write_zip(
            p,
            {"mimetype": b"application/vnd.oasis.opendocument.spreadsheet", "content.xml": b"<office:document/>"},
            zipfile.ZIP_STORED,
        ),
        "this is an OpenDocument file, not a Word document",
    ),
    "no-document-part.docx": (
        lambda p, t: write_zip(p, {k: v for k, v in minimal_docx_parts(t).items() if k != "word/document.xml"}),
        "its main document part is missing",
    ),
    "malformed-xml.docx": (
        lambda p, t: write_docx_with_document(p, t, b"<w:document><w:body><w:p>"),
        "the Word file is damaged and cannot be opened",
    ),
    "zip-bomb.docx": (lambda p, t: write_docx_zip_bomb(p, t), "looks like a zip bomb"),
    "many-members.docx": (lambda p, t: write_docx_many_members(p, t), "more than 2000"),
    "encrypted-members.docx": (lambda p, t: write_docx_encrypted_member(p, t), "contents are encrypted"),
    "billion-laughs.docx": (
        lambda p, t: write_docx_with_document(
            p, t, document_xml(ONE_PARAGRAPH + "<w:p><w:r><w:t>&lol9;</w:t></w:r></w:p>", BILLION_LAUGHS_DTD)
        ),
        "XML entity declarations (DOCTYPE)",
    ),
    "external-entity.docx": (
        lambda p, t: write_docx_with_document(
            p, t, document_xml("<w:p><w:r><w:t>&xxe;</w:t></w:r></w:p>", EXTERNAL_ENTITY_DTD)
        ),
        "refused as possibly malicious",
    ),
    "utf16-dtd-in-styles.docx": (_dtd_in_styles_utf16, "XML entity declarations (DOCTYPE)"),
    "oversize.txt": (_oversize, "file is 2.9 MB, larger than the 2.0 MB limit"),
    "deeply-nested.html": (_deeply_nested_html, "nested too deeply"),
    "folder.txt": (lambda p, _t: p.mkdir(), "this is a folder, not a file"),
    "loop.txt": (_symlink_loop, "loop of symbolic links"),
    "pipe.txt": (_fifo, "not a regular file"),
    "missing.pdf": (lambda p, _t: None, "file not found"),
    "sheet.xlsx": (_write(b"PK\x03\x04"), "unsupported file type .xlsx"),
    # read safely: the attack is neutralised and the rest of the file still loads
    "billion-laughs.html": (_text(LOL_HTML), None),
    "external-entity.html": (_text(XXE_HTML), None),
    "empty-password.pdf": (lambda p, _t: write_report_pdf(p, encrypt=""), None),
    "broken-xref.pdf": (_broken_xref_pdf, None),
    "starts-with-mz.txt": (_text("MZ Group: a note on the recruitment report, written on Monday."), None),
}


@pytest.fixture
def small_limit(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("BRIEFGEN_MAX_SOURCE_MB", "2")


def test_there_are_at_least_thirty_refusals():
    assert sum(1 for _, reason in HOSTILE.values() if reason) >= 30


@pytest.mark.parametrize("name", [n for n, (_, reason) in HOSTILE.items() if reason])
def test_refused_with_a_clear_message(name: str, tmp_path: Path, small_limit: None):
    build, reason = HOSTILE[name]
    path = tmp_path / name
    build(path, tmp_path)
    with pytest.raises(IngestError) as info:
        ingest(path)
    message = str(info.value)
    assert reason in message
    assert name in message
    assert len(message.splitlines()) == 1
    assert not any(jargon in message for jargon in ("Error:", "Traceback", "KeyError", "word/document.xml", "lxml"))


@pytest.mark.parametrize("name", [n for n, (_, reason) in HOSTILE.items() if reason is None])
def test_read_safely(name: str, tmp_path: Path):
    build, _ = HOSTILE[name]
    path = tmp_path / name
    build(path, tmp_path)
    source = ingest(path)
    text = "\n".join(source.paragraphs)
    assert text
    assert "lollol" not in text  # entities were not expanded
    assert "root:" not in text  # /etc/passwd was not read


def test_unreadable_file(tmp_path: Path):
    if is_root():
        pytest.skip("root may read any file")
    path = tmp_path / "denied.txt"
    _unreadable(path, tmp_path)
    with pytest.raises(IngestError, match=r"denied\.txt: permission denied"):
        ingest(path)


def test_permission_error_message_without_root(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    """The same message when the operating system refuses, shown even where tests run as root."""
    path = tmp_path / "denied.txt"
    path.write_text("Secret text.", encoding="utf-8")

    def refuse(*_args: object, **_kwargs: object) -> None:
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(Path, "open", refuse)
    with pytest.raises(IngestError, match=r"denied\.txt: permission denied"):
        ingest(path)


def test_python_docx_does_not_resolve_entities_either():
    """Second line of defence: even if a DTD got past the check, python-docx's parser leaves entities alone."""
    element = parse_xml(document_xml("<w:p><w:r><w:t>&xxe;</w:t></w:r></w:p>", EXTERNAL_ENTITY_DTD))
    assert "root:" not in "".join(element.itertext())


def test_html_entity_reference_stays_literal(tmp_path: Path):
    """As in a browser: HTML does not expand entities its DOCTYPE defines, so the reference shows as typed."""
    path = tmp_path / "lol.html"
    path.write_text(LOL_HTML, encoding="utf-8")
    assert ingest(path).paragraphs[0] == "&lol9;"


def test_unexpected_library_failure_becomes_one_plain_message(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    """A bug or a library crash on odd input still reaches the user as one IngestError, not a traceback."""
    from app.ingest.readers import docx as docx_reader

    def explode(_path: Path) -> Source:
        raise KeyError("word/document.xml")

    monkeypatch.setattr(docx_reader, "read_docx", explode)
    with pytest.raises(IngestError) as info:
        ingest(tmp_path / "odd.docx")
    assert "odd.docx: could not be read" in str(info.value)
    assert "KeyError" not in str(info.value)


def test_batch_loads_the_good_files_and_reports_each_bad_one(tmp_path: Path, small_limit: None):
    bad = []
    for name in ("empty.pdf", "zip-bomb.docx", "billion-laughs.docx", "password.pdf", "folder.txt", "oversize.txt"):
        build, _ = HOSTILE[name]
        build(tmp_path / name, tmp_path)
        bad.append(tmp_path / name)
    good = SAMPLE
    sources, errors = ingest_many([bad[0], good, *bad[1:]])
    assert [s.path for s in sources] == [str(good)]
    assert len(errors) == len(bad)
    assert all(isinstance(e, IngestError) for e in errors)
    assert sorted(Path(e.path).name for e in errors) == sorted(p.name for p in bad)


ESCAPES = "\x1b[2J\x1b[31m"


def test_terminal_escapes_never_reach_a_section(tmp_path: Path):
    """A .txt holding screen-clearing and colour codes, window-title (OSC) and 8-bit controls loads clean."""
    path = tmp_path / "terminal.txt"
    path.write_text(
        f"{ESCAPES}Peregraf — The committee met on Wednesday.\x1b[0m\n\n"
        "Officials\x1b]0;owned\x07 spoke \x9b2Jlater\x85that day.\n",
        encoding="utf-8",
    )
    source = ingest(path)
    assert source.paragraphs == ["Peregraf — The committee met on Wednesday.", "Officials spoke later that day."]
    assert source.title == "The committee met on Wednesday"


def test_every_reader_hands_over_text_without_controls(tmp_path: Path):
    """HTML, DOCX and PDF text reaches make_source, which removes escapes from text and metadata alike."""
    from app.ingest.sections import Block, make_source

    blocks = [
        Block(f"{ESCAPES}Heading\x07", heading_level=1),
        Block("Body \x1b]0;title\x07text\x00 with\x7f controls."),
        Block("\x1b[0m"),
    ]
    source = make_source(tmp_path / "x.html", "html", blocks, title="T\x1b[1mitle", outlet="\x81Out", author="A\x08")
    assert [s.heading for s in source.sections] == ["Heading"]
    assert source.paragraphs == ["Body text with controls."]
    assert (source.title, source.outlet, source.author) == ("Title", "Out", "A")


def test_html_with_terminal_escapes(tmp_path: Path):
    path = tmp_path / "escapes.html"
    body = "The committee met on Wednesday to discuss recruitment into foreign armies. " * 3
    path.write_text(
        f"<html><head><title>T{ESCAPES}</title></head><body><article><p>{ESCAPES}{body}</p>"
        f"<p>Second\x1b]0;owned\x07 paragraph of the article, long enough to be kept by the extractor.</p>"
        "</article></body></html>",
        encoding="utf-8",
    )
    source = ingest(path)
    text = "\n".join([source.title, *source.paragraphs])
    assert "\x1b" not in text and "\x07" not in text and "[31m" not in text
