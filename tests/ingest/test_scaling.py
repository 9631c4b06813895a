"""Files built to cost far more than their size: each is read whole or refused with a reason, inside its bounds.

Every file is read in a bounded worker, so a regression fails here with a
time or memory overrun instead of hanging the suite. The unit tests below
the table drive the steps that were quadratic with inputs that each ran for
over two minutes before; how their time grows is measured by
bench/bench_scaling.py, and the suite's per-test timeout stops a relapse.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from app.core import bounded
from app.core.errors import IngestError
from app.core.model import Source
from app.ingest import ingest_bounded
from app.ingest.mojibake import oddities
from app.ingest.readers.pdf_layout import Line, join_lines, learn_layout, remove_page_furniture, to_blocks
from app.ingest.sections import Block, build_sections
from tests.ingest import hostile_builders as hb

GiB = 1024**3
Builder = Callable[[Path, Path], Path]

#: The attacks of the hostile-input issue: name → (builder, the reason a refusal gives, or None when the file is
#: read). ``test_hostile_corpus`` runs these and many more; here each must also end well inside its 10 s.
CASES: dict[str, tuple[Builder, str | None]] = {
    "repeated-contents.pdf": (hb.pdf_one_stream_listed_many_times, "draws the same content 10,000 times"),
    "shared-huge-stream.pdf": (hb.pdf_pages_sharing_a_huge_stream, "MB of drawing instructions, beyond"),
    "many-attributes.html": (hb.html_many_attributes, "an element with 200,000 attributes"),
    "wide-table.md": (hb.markdown_wide_table, "a table of 20,000 columns"),
    "million-headings.md": (hb.markdown_many_headings, "more than 10,000 headings"),
    "identical-headings.md": (hb.markdown_identical_headings, None),
    "long-word.txt": (hb.text_long_word, None),
    "long-word-metadata.pdf": (hb.pdf_long_word_in_metadata, None),
    "long-word-wrapped.pdf": (hb.pdf_long_word_wrapped, None),
}


def read_within(path: Path) -> Source:
    """``ingest_bounded`` with the hostile-corpus limits (10 s, 1 GiB)."""
    return ingest_bounded(path, seconds=10, memory_bytes=GiB)


@pytest.fixture(autouse=True)
def real_workers(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(bounded.INLINE_ENV, raising=False)


@pytest.mark.parametrize("name", CASES)
def test_hostile_size_ends_within_seconds(name: str, tmp_path: Path):
    build, reason = CASES[name]
    path = build(tmp_path / name, tmp_path)
    if reason is None:
        source = read_within(path)
        assert source.paragraphs
    else:
        with pytest.raises(IngestError) as info:
            read_within(path)
        assert reason in str(info.value)
        assert str(info.value).startswith(str(path))


def test_metadata_is_capped_not_the_text(tmp_path: Path):
    """A 100,000-character title is cut to a readable length; the body keeps its 100,000-character word."""
    source = read_within(hb.pdf_long_word_in_metadata(tmp_path / "meta.pdf", tmp_path))
    assert len(source.title) <= 300 and source.title.endswith("…")
    assert len(source.author) <= 300
    text = read_within(hb.text_long_word(tmp_path / "word.txt", tmp_path))
    assert hb.LONG_WORD in text.paragraphs


def test_identical_headings_get_distinct_ids(tmp_path: Path):
    source = read_within(hb.markdown_identical_headings(tmp_path / "same.md", tmp_path))
    ids = [section.id for section in source.sections]
    assert len(set(ids)) == len(ids) == 5_000
    assert ids[:3] == ["same-heading", "same-heading-2", "same-heading-3"]


# --- the steps that were quadratic ----------------------------------------------------------------------------------


def test_section_ids_for_identical_headings_are_linear():
    blocks = [Block("Same", heading_level=1), Block("text")] * 40_000
    sections = build_sections(blocks)
    assert len({section.id for section in sections}) == len(sections) == 40_000


def test_section_ids_do_not_collide_with_numbered_headings():
    blocks = [Block(text, heading_level=1) for text in ("Same", "Same 2", "Same", "Same", "Same 2")]
    assert [s.id for s in build_sections(blocks)] == ["same", "same-2", "same-3", "same-4", "same-2-2"]


def test_joining_wrapped_lines_is_linear():
    lines = ["x" * 99 + "-"] * 20_000
    assert len(join_lines(lines)) == 20_000 * 99 + 1  # the wrapped halves joined, the last hyphen kept
    assert join_lines(["recruit-", "ment and Iraqi-", "Russian", "ties"]) == "recruitment and Iraqi-Russian ties"


def test_page_furniture_removal_is_linear():
    """Every line on one baseline makes every line an edge line, each compared with every other before."""
    pages = [[Line("Hello world again", page, 72, 700, 10)] * 20_000 for page in (1, 2, 3)]
    assert [len(page) for page in remove_page_furniture(pages)] == [20_000] * 3  # a whole page is not furniture


def test_one_long_paragraph_is_linear():
    """50,000 evenly spaced full lines ending in a full stop: one paragraph, its longest line kept as it grows."""
    lines = [Line("Hello world again.", 1, 72, 800 - n * 12, 10) for n in range(50_000)]
    layout = learn_layout(lines)
    blocks = to_blocks(lines, layout)
    assert len(blocks) == 1 and blocks[0].text.count("Hello world again.") == 50_000


def test_scoring_a_long_accented_word_for_mojibake_is_linear():
    word = "é¡\u200e" * 100_000
    assert oddities(word) == 2
