"""A corpus of hostile files, every one read through the bounded worker (10 s, 1 GiB) as untrusted files are.

Each ends in one clear IngestError naming the file, or in a harmless Source:
no control characters, escapes or direction overrides, no expanded entities,
no invisible paragraphs, metadata of a readable length, and no more text than
the file could honestly hold. A regression fails here with "reading was
stopped" instead of hanging the suite. The table joins the older refusals of
``test_hostile_files`` with the attacks on time, memory and decoding.
"""

from __future__ import annotations

import re
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest

from app.core import bounded
from app.core.errors import IngestError
from app.core.model import Source
from app.ingest import ingest_bounded
from app.ingest.invisible import has_visible_text
from tests.ingest import hostile_builders as hb
from tests.ingest.fixtures import BODY
from tests.ingest.test_hostile_files import HOSTILE, Builder

GiB = 1024**3
LIMITS = {"seconds": 10, "memory_bytes": GiB}

ATTACKS: dict[str, tuple[Builder, str | None]] = {
    # PDF: amplification, loops, lies about lengths and counts, parser limits
    "repeated-contents.pdf": (hb.pdf_one_stream_listed_many_times, "draws the same content 10,000 times"),
    "shared-huge-stream.pdf": (hb.pdf_pages_sharing_a_huge_stream, "MB of drawing instructions"),
    "many-pages.pdf": (hb.pdf_many_pages, "60,000 pages"),
    "many-pages-claiming-one.pdf": (hb.pdf_many_pages_claiming_few, "beyond what can be read safely"),
    "page-tree-loop.pdf": (hb.pdf_page_tree_loop, "the PDF is damaged"),
    "reference-loop.pdf": (hb.pdf_object_reference_loop, "the PDF is damaged"),
    "form-draws-itself.pdf": (hb.pdf_form_draws_itself, None),
    "length-lie.pdf": (hb.pdf_length_lie, "beyond what can be read safely"),
    "flate-bomb.pdf": (hb.pdf_flate_bomb, "beyond what can be read safely"),
    "huge-tj-array.pdf": (hb.pdf_huge_tj_array, "beyond what can be read safely"),
    "cmap-bomb.pdf": (hb.pdf_cmap_bomb, "beyond what can be read safely"),
    "nested-arrays.pdf": (hb.pdf_deeply_nested_arrays, "nested too deeply"),
    "wrong-xref.pdf": (hb.pdf_wrong_xref, None),
    "page-count-claim.pdf": (hb.pdf_huge_page_count_claim, "2,000,000,000 pages"),
    "long-word-metadata.pdf": (hb.pdf_long_word_in_metadata, None),
    "long-word-wrapped.pdf": (hb.pdf_long_word_wrapped, None),
    "one-long-line.pdf": (hb.pdf_one_long_line, None),
    "controls-in-text.pdf": (hb.pdf_nul_filled_text, None),
    "rtl-override-title.pdf": (hb.pdf_rtl_override_title, None),
    # HTML: parser stalls, size, charsets
    "many-attributes.html": (hb.html_many_attributes, "an element with 200,000 attributes"),
    "quoted-brackets.html": (hb.html_attributes_hidden_behind_quoted_brackets, "an element with 200,000 attributes"),
    "many-elements.html": (hb.html_many_elements, "elements, beyond the 50,000"),
    "many-headings.html": (hb.html_many_headings, "more than 10,000 headings"),
    "doctype-openings.html": (hb.html_many_doctype_subsets, None),
    "unclosed-comments.html": (hb.html_unclosed_comments, None),
    "giant-text-node.html": (hb.html_giant_text_node, "text larger than Briefgen reads safely"),
    "long-word.html": (hb.html_long_word, None),
    "data-uri.html": (hb.html_huge_data_uri, None),
    "script-fake-tag.html": (hb.html_script_with_fake_tag, None),
    "charset-cp037.html": (hb.html_charset_cp037, None),
    "charset-utf16-on-utf8.html": (hb.html_charset_utf16_declared_on_utf8, None),
    "nul-bytes.html": (hb.html_nul_bytes, "binary file, not text"),
    "zero-width.html": (hb.html_zero_width_only, "no readable text"),
    # Markdown: token explosions and pathological inline syntax
    "wide-table.md": (hb.markdown_wide_table, "a table of 20,000 columns"),
    "wide-header.md": (hb.markdown_wide_header_short_rows, "a table of 20,000 columns"),
    "million-headings.md": (hb.markdown_many_headings, "more than 10,000 headings"),
    "many-paragraphs.md": (hb.markdown_many_paragraphs, "too many elements"),
    "identical-headings.md": (hb.markdown_identical_headings, None),
    "long-word.md": (hb.markdown_long_word, None),
    "nested-brackets.md": (hb.markdown_nested_brackets, None),
    "nested-emphasis.md": (hb.markdown_nested_emphasis, None),
    "unclosed-links.md": (hb.markdown_unclosed_links, None),
    "deep-blockquote.md": (hb.markdown_deep_blockquote, None),
    "deep-list.md": (hb.markdown_deep_list, None),
    "html-attributes.md": (hb.markdown_html_many_attributes, "an element with 200,000 attributes"),
    "link-definitions.md": (hb.markdown_many_link_definitions, None),
    "backtick-runs.md": (hb.markdown_backtick_runs, None),
    # plain text: size, lines, encodings and invisible characters
    "long-word.txt": (hb.text_long_word, None),
    "long-accented-word.txt": (hb.text_long_non_ascii_word_cp1252, None),
    "many-lines.txt": (hb.text_many_lines, "more than 1,000,000 lines"),
    "many-headings.txt": (hb.text_many_headings, "more than 10,000 headings"),
    "giant-line.txt": (hb.text_giant_line, None),
    "only-line-breaks.txt": (hb.text_only_line_breaks, "file is empty"),
    "bom-only.txt": (hb.text_bom_only, "no text"),
    "utf16-bom-then-utf8.txt": (hb.text_utf16_bom_then_utf8, None),
    "utf16-bom-then-noise.txt": (hb.text_utf16_bom_then_noise, "does not read as text"),
    "utf8-bom-then-utf16.txt": (hb.text_utf8_bom_then_utf16, "binary file, not text"),
    "utf32-bom-then-utf8.txt": (hb.text_utf32_bom_then_utf8, None),
    "zero-width-only.txt": (hb.text_zero_width_only, "no visible text"),
    "combining-marks-only.txt": (hb.text_combining_marks_only, "no visible text"),
    "private-use-only.txt": (hb.text_private_use_only, "does not read as text"),
    "rtl-override.txt": (hb.text_rtl_override, None),
    "mixed-utf8-cp1251.txt": (hb.text_mixed_utf8_and_cp1251, None),
    "late-nul-bytes.txt": (hb.text_late_nul_bytes, "binary file, not text"),
    "cesu-surrogates.txt": (hb.text_cesu_surrogates, None),
    "czech-1250.txt": (hb.text_czech_1250, None),
    "unterminated-control-strings.txt": (hb.text_unterminated_control_strings, None),
    # DOCX: nesting, attributes, cycles, images and archive tricks
    "long-word.docx": (hb.docx_long_word, None),
    "nested-tables.docx": (hb.docx_deeply_nested_tables, "the Word file is damaged"),
    "nested-content-controls.docx": (hb.docx_deeply_nested_content_controls, "the Word file is damaged"),
    "many-attributes.docx": (hb.docx_many_attributes, None),
    "identical-headings.docx": (hb.docx_identical_headings, None),
    "many-headings.docx": (hb.docx_many_headings, "more than 10,000 headings"),
    "wide-table.docx": (hb.docx_wide_table, None),
    "style-cycle.docx": (hb.docx_style_cycle, None),
    "huge-image.docx": (hb.docx_huge_image, None),
    "nested-zip.docx": (hb.docx_nested_zip_bomb, None),
    "controls-in-text.docx": (hb.docx_controls_in_text, None),
    "path-traversal-names.docx": (hb.docx_path_traversal_names, None),
    "duplicate-members.docx": (hb.docx_duplicate_members, None),
}

#: Files whose text must come out exactly so, not merely harmless.
EXPECTED: dict[str, Callable[[Source], bool]] = {
    "utf16-bom-then-utf8.txt": lambda s: s.paragraphs == [BODY] * 3,
    "utf32-bom-then-utf8.txt": lambda s: s.paragraphs == [BODY] * 3,
    "czech-1250.txt": lambda s: s.paragraphs == [hb.CZECH] * 2,
    "mixed-utf8-cp1251.txt": lambda s: s.paragraphs == [hb.RUSSIAN] * 5,
    "charset-cp037.html": lambda s: hb.FRENCH in s.paragraphs,
    "charset-utf16-on-utf8.html": lambda s: hb.CZECH in s.paragraphs,
    "rtl-override.txt": lambda s: s.paragraphs[0] == "Open attachmentexe.txt today.",
    "rtl-override-title.pdf": lambda s: s.title == "Reporttxt.exe",
    "long-word.txt": lambda s: hb.LONG_WORD in s.paragraphs,
    "long-word-wrapped.pdf": lambda s: s.paragraphs == ["x" * 100_000],
    "cesu-surrogates.txt": lambda s: s.paragraphs[0].endswith("Ukraine. 😀 end."),
    "identical-headings.md": lambda s: len({x.id for x in s.sections}) == 5_000,
}

CORPUS: dict[str, tuple[Builder, str | None]] = {**HOSTILE, **ATTACKS}

#: What no harmless Source may hold: control characters, lone surrogates, bidi embeddings, overrides and isolates.
_UNSAFE = re.compile(r"[\x00-\x1f\x7f-\x9f\ud800-\udfff\u202a-\u202e\u2066-\u2069]")


def assert_harmless(source: Source, path: Path) -> None:
    fields = [source.title, source.outlet, source.author, source.date, source.language]
    texts = fields + [s.heading for s in source.sections] + source.paragraphs
    assert source.paragraphs, "a Source without text"
    assert not any(_UNSAFE.search(text) for text in texts)
    assert all(map(has_visible_text, source.paragraphs)), "an invisible paragraph"
    assert all(len(field) <= 300 for field in fields)
    assert not any("lollol" in text or "root:" in text for text in texts)
    assert sum(map(len, texts)) <= 2 * _capacity(path) + 1000, "more text than the file holds"


def _capacity(path: Path) -> int:
    """The bytes the file holds: unpacked, for a Word file."""
    if zipfile.is_zipfile(path):
        with zipfile.ZipFile(path) as archive:
            return sum(info.file_size for info in archive.infolist())
    return path.stat().st_size


@pytest.fixture(autouse=True)
def real_workers(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(bounded.INLINE_ENV, raising=False)
    monkeypatch.setenv("BRIEFGEN_MAX_SOURCE_MB", "2")  # as test_hostile_files: its oversize file is 3 MB


def test_the_corpus_is_large():
    assert len(ATTACKS) >= 60
    assert len(CORPUS) >= 120


@pytest.mark.parametrize("name", CORPUS)
def test_hostile_file_ends_clearly(name: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    build, reason = CORPUS[name]
    if name in ATTACKS:
        monkeypatch.setenv("BRIEFGEN_MAX_SOURCE_MB", "50")
    path = tmp_path / name
    build(path, tmp_path)
    if reason is not None:
        with pytest.raises(IngestError) as info:
            ingest_bounded(path, **LIMITS)
        message = str(info.value)
        assert message.startswith(f"{path}: ") and reason in message
        assert "\n" not in message and "stopped" not in message
        return
    source = ingest_bounded(path, **LIMITS)
    assert_harmless(source, path)
    assert EXPECTED.get(name, lambda _s: True)(source)
