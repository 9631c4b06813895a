"""Property tests: whatever the input, section detection never loses, splits or repeats a paragraph."""

from __future__ import annotations

from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from app.core.model import Section
from app.ingest.readers.markdown import markdown_blocks
from app.ingest.readers.pdf_layout import Line, learn_layout, to_blocks
from app.ingest.readers.plaintext import detect_blocks, split_paragraphs, split_title
from app.ingest.sections import Block, build_sections

HEADINGS = ["Legal Measures", "Judicial Warnings", "THE OUTLOOK", "الإجراءات القانونية", "Nearly 5,000 Recruited"]
SENTENCES = [
    "The committee met on Wednesday.",
    "Recruitment networks will be dismantled, officials said.",
    "أكدت اللجنة تفعيل مواد قانون العقوبات العراقي التي تجرّم الانضمام إلى القوات المسلحة لدولة أجنبية.",
    "“Fewer than 5,000 Iraqis have joined,” Allawi said.",
    "- a bullet point",
    "short",
]
lines = st.one_of(st.sampled_from(HEADINGS), st.sampled_from(SENTENCES), st.text(max_size=60))
separators = st.sampled_from(["\n", "\n\n", "\r\n", "\n \n", "\n\n\n"])


@st.composite
def documents(draw: st.DrawFn) -> str:
    parts = draw(st.lists(lines, max_size=25))
    text = ""
    for part in parts:
        text += part + draw(separators)
    return text


def flatten(sections: list[Section]) -> list[str]:
    """Headings and paragraphs back in reading order (the lead has no heading)."""
    out: list[str] = []
    for section in sections:
        if section.heading:
            out.append(section.heading)
        out.extend(section.paragraphs)
    return out


@settings(max_examples=300, deadline=None)
@given(documents())
def test_text_sections_keep_every_paragraph_once_in_order(text: str):
    paragraphs = split_paragraphs(text)
    sections = build_sections(detect_blocks(paragraphs))
    assert flatten(sections) == paragraphs
    assert len({s.id for s in sections}) == len(sections)
    assert all(s.paragraphs for s in sections if s.is_lead)


@settings(max_examples=200, deadline=None)
@given(documents())
def test_text_paragraphs_keep_every_word(text: str):
    assert " ".join(split_paragraphs(text)).split() == text.split()


@settings(max_examples=200, deadline=None)
@given(st.lists(st.one_of(lines.map(lambda s: "## " + s), lines), max_size=20).map("\n\n".join))
def test_markdown_sections_keep_every_block_once_in_order(text: str):
    _, blocks = markdown_blocks(Path("property.md"), text)
    assert flatten(build_sections(blocks)) == [b.text for b in blocks]


@settings(max_examples=200, deadline=None)
@given(st.lists(st.tuples(st.booleans(), st.text(min_size=1, max_size=40)), max_size=30))
def test_build_sections_on_any_block_stream(stream: list[tuple[bool, str]]):
    blocks = [Block(text, heading_level=1 if heading else 0) for heading, text in stream]
    assert flatten(build_sections(blocks)) == [b.text for b in blocks]


@settings(max_examples=200, deadline=None)
@given(
    st.lists(
        st.tuples(
            st.sampled_from(HEADINGS + SENTENCES + ["and the text goes on", "more words here"]),
            st.sampled_from([10.0, 10.0, 10.0, 14.0]),
            st.sampled_from([12.0, 12.0, 20.0, -300.0]),
            st.booleans(),
        ),
        min_size=1,
        max_size=40,
    )
)
def test_pdf_blocks_keep_every_word(spec: list[tuple[str, float, float, bool]]):
    pdf_lines: list[Line] = []
    y, page = 780.0, 1
    for text, size, step, bold in spec:
        y -= step
        if y < 40 or y > 800:
            y, page = 780.0, page + 1
        pdf_lines.append(Line(text=text, page=page, x=72, y=y, size=size, bold=bold))
    blocks = to_blocks(pdf_lines, learn_layout(pdf_lines))
    assert " ".join(b.text for b in blocks).split() == " ".join(line.text for line in pdf_lines).split()
    assert [b.page for b in blocks] == sorted(b.page for b in blocks)


@settings(max_examples=300, deadline=None)
@given(documents())
def test_text_title_and_sections_keep_every_paragraph_once_in_order(text: str):
    paragraphs = split_paragraphs(text)
    title, body = split_title(paragraphs)
    sections = build_sections(detect_blocks(body))
    assert ([title] if title else []) + flatten(sections) == paragraphs
    assert all(s.paragraphs for s in sections if s.is_lead)
