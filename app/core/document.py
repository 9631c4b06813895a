"""The Document model: the one tree every writer walks.

Markup is parsed into this tree once; the DOCX, PDF and preview writers each
receive the same tree, so the formats cannot drift apart.  The block types are
deliberately few: a new writer only has to handle these.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal


@dataclass(frozen=True)
class Run:
    """A stretch of text with uniform formatting."""

    text: str
    bold: bool = False
    italic: bool = False
    code: bool = False
    href: str | None = None


@dataclass(frozen=True)
class Citation:
    """A reference to entry ``number`` of the brief's sources list, e.g. ``[2, p. 3]``."""

    number: int
    locator: str = ""
    #: What an in-text citation style prints ("(Reuters, 2026, p. 3)"); "" for the numbered label.
    text: str = ""

    @property
    def label(self) -> str:
        """The text every writer prints, so the formats agree to the character."""
        if self.text:
            return self.text
        return f"[{self.number}, {self.locator}]" if self.locator else f"[{self.number}]"


@dataclass(frozen=True)
class Footnote:
    """A note at the foot of the page (at the end of a web page), marked in the text by its number.

    Notes are numbered 1, 2 … in reading order by whatever made them (a citation style that cites in notes);
    every writer prints the same number, the DOCX as a real Word footnote.
    """

    number: int
    inlines: tuple[Run, ...]

    @property
    def label(self) -> str:
        return str(self.number)


Inline = Run | Citation | Footnote

#: Paragraph roles a writer must style distinctly.  The parser (app.parse.markup) opens a container for each
#: but "body", so this is the one list of them.
ParagraphRole = Literal["body", "title", "subtitle", "marking", "meta", "attribution"]

#: Boxes, each opened by the container of the same name: ``summary`` is the bottom-line box; the others (an
#: analyst's note, a general callout, a warning) share the note's look.
CalloutKind = Literal["summary", "note", "callout", "warning"]


@dataclass
class Heading:
    level: int
    inlines: list[Inline]


@dataclass
class Paragraph:
    inlines: list[Inline]
    role: ParagraphRole = "body"


@dataclass
class ListBlock:
    ordered: bool
    items: list[list[Block]]
    start: int = 1


@dataclass
class Quote:
    blocks: list[Block]


@dataclass
class Callout:
    kind: CalloutKind
    blocks: list[Block]


@dataclass
class Table:
    header: list[list[Inline]]
    rows: list[list[list[Inline]]]


@dataclass
class PageBreak:
    pass


@dataclass
class Contents:
    """The table of contents: the top-level headings after it, to the style's depth, with their page numbers.

    The template places it (``::: contents``) or the style asks for it before the first heading
    (``[contents] show``); its title and depth are the style's, so every writer lists the same entries.
    """


@dataclass
class Figure:
    """An image with its number, caption and credit, printed as one unit that does not split across pages.

    The image is the checked file's bytes (PNG or JPEG, see app.core.images), not
    its path, so every writer embeds the same pixels.  ``number`` counts figures
    in reading order from 1; the writers print it as "Figure N." before the
    caption.  The credit ends with the citation of the figure's source, if any.
    """

    data: bytes
    format: str
    width_px: int
    height_px: int
    caption: list[Inline]
    credit: list[Inline]
    number: int


Block = Heading | Paragraph | ListBlock | Quote | Callout | Table | PageBreak | Figure | Contents


@dataclass
class DocumentMeta:
    """Brief-level facts the writers put in headers, footers and file properties."""

    title: str = ""
    subtitle: str = ""
    author: str = ""
    organisation: str = ""
    date: str = ""
    classification: str = ""
    recipient: str = ""
    subject: str = ""
    keywords: list[str] = field(default_factory=list)
    #: The language most of the brief is written in (ISO 639: "en", "ar" …), "" when unsure: a PDF's /Lang, the
    #: DOCX's and the web page's language, so screen readers speak it right.
    language: str = ""


@dataclass
class Document:
    meta: DocumentMeta
    blocks: list[Block]


@dataclass(frozen=True)
class PageLayout:
    """Where the PDF's layout put things: what the DOCX caches in its fields (page count, contents page numbers),
    so a reader that never updates fields still shows the truth."""

    pages: int
    #: Top-level heading n (counted from 0 in reading order, as ``top_level_headings`` counts) → its page, from 1.
    heading_pages: dict[int, int] = field(default_factory=dict)


def plain_text(inlines: list[Inline] | tuple[Inline, ...]) -> str:
    """Inline content as the reader sees it, citations and note numbers included."""
    return "".join(i.text if isinstance(i, Run) else i.label for i in inlines)


def footnotes(inlines: list[Inline]) -> list[Footnote]:
    """The notes marked in ``inlines``, in order."""
    return [inline for inline in inlines if isinstance(inline, Footnote)]


def iter_blocks(blocks: list[Block]):
    """Every block in reading order, descending into lists, quotes and callouts."""
    for block in blocks:
        yield block
        if isinstance(block, (Quote, Callout)):
            yield from iter_blocks(block.blocks)
        elif isinstance(block, ListBlock):
            for item in block.items:
                yield from iter_blocks(item)


def top_level_headings(blocks: list[Block]) -> list[Heading]:
    """The headings a contents lists and a layout pages, in reading order: those not inside a list, quote or box."""
    return [block for block in blocks if isinstance(block, Heading)]


def block_inlines(block: Block) -> list[list[Inline]]:
    """The inline runs a block holds itself (not those of the blocks inside it): its text, its cells, its caption."""
    match block:
        case Heading() | Paragraph():
            return [block.inlines]
        case Table():
            return [cell for row in [block.header, *block.rows] for cell in row]
        case Figure():
            return [block.caption, block.credit]
    return []


def document_footnotes(blocks: list[Block]) -> list[Footnote]:
    """Every footnote the blocks mark, in reading order."""
    return [note for block in iter_blocks(blocks) for inlines in block_inlines(block) for note in footnotes(inlines)]
