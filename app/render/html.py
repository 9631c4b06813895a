"""The brief as one self-contained web page: for the browser, and to paste into an email.

A third writer over the same Document as the DOCX and the PDF.  Every element
carries its look in a ``style`` attribute, because email clients drop
stylesheets but keep inline styles through a paste; images are ``data:``
addresses, so opening the file makes no request.  The only addresses the page
names are the links the brief itself gives (a source's web address), and only
``http``, ``https`` and ``mailto`` ones: a link of any other kind is printed as
its text.  Banners sit at the top and bottom of the page in the marking's
colour; portion marks are part of the text, as in the other formats.  There is
no running header, footer or page number: a web page has no pages.
"""

from __future__ import annotations

import base64
import html
from collections.abc import Iterable
from urllib.parse import urlsplit

from app.core.document import (
    Block,
    Callout,
    Citation,
    Contents,
    Document,
    Figure,
    Footnote,
    Heading,
    Inline,
    ListBlock,
    PageBreak,
    Paragraph,
    Quote,
    Table,
    document_footnotes,
    plain_text,
)
from app.core.formats import BuiltBrief
from app.core.images import CheckedImage
from app.core.style import Style
from app.render.contents import LEVEL_INDENT_PT, ContentsEntry, contents_entries, place_contents
from app.render.figures import caption_inlines, credit_inlines
from app.render.logo import style_logo
from app.render.numbering import number_headings

#: Link schemes the page may carry; anything else (``javascript:``, ``file:``, ``data:``) is printed as text.
SAFE_SCHEMES = ("http", "https", "mailto")
#: CSS pixels per millimetre.
PX_PER_MM = 96 / 25.4
#: What a family falls back to where its font is not installed (the page cannot carry fonts: email drops them).
SERIF, SANS, MONO = "Georgia, 'Times New Roman', serif", "Arial, Helvetica, sans-serif", "Consolas, monospace"


def write_html(brief: BuiltBrief) -> bytes:
    """The format registry's entry point (``app.core.formats``)."""
    return render_html(brief.document, brief.style).encode("utf-8")


def render_html(document: Document, style: Style) -> str:
    """The whole page: head with the brief's details, banners around the body, the blocks in between."""
    document = place_contents(document, style)
    if style.headings.numbering:
        document = number_headings(document)
    looks = _Looks(style)
    meta = document.meta
    banner = _banner(meta.classification, style) if style.banner.show and meta.classification else ""
    logo = style_logo(style)
    body = _document_blocks(document.blocks, looks) + _notes(document_footnotes(document.blocks), looks)
    language = f' lang="{_text(meta.language)}"' if meta.language else ""
    head = [
        '<meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>{_text(meta.title or 'Brief')}</title>",
        '<meta name="generator" content="Briefgen">',
    ]
    head += [f'<meta name="{name}" content="{_text(value)}">' for name, value in _head_meta(document) if value]
    return (
        "<!DOCTYPE html>\n"
        f"<html{language}><head>{''.join(head)}</head>\n"
        f'<body style="margin:0;padding:16px;background:#ffffff">\n'
        f'<div style="max-width:{looks.width_px}px;margin:0 auto;{looks.body}">\n'
        f"{banner}{_logo(logo, style) if logo else ''}{body}{banner}"
        "</div>\n</body></html>\n"
    )


def _head_meta(document: Document) -> list[tuple[str, str]]:
    meta = document.meta
    return [
        ("author", meta.author),
        ("description", meta.subject),
        ("keywords", ", ".join(meta.keywords)),
        ("classification", meta.classification),
    ]


class _Looks:
    """Each element's inline CSS, worked out once from the template's style."""

    def __init__(self, style: Style) -> None:
        s, c, f = style.sizes, style.colours, style.fonts
        serif = f"'{f.body}', '{f.arabic}', {SERIF}"
        sans = f"'{f.heading}', '{f.arabic}', {SANS}"
        page = style.page
        width_mm = (210 if page.size == "A4" else 215.9) - page.margin_left_mm - page.margin_right_mm
        self.width_px = round(width_mm * PX_PER_MM)
        self.style = style
        self.body = f"font-family:{serif};font-size:{s.body}pt;line-height:{s.line_spacing};color:{c.text}"
        gap = f"margin:0 0 {s.paragraph_space_after}pt 0"
        self.paragraph = gap
        self.roles = {
            "body": gap,
            "title": f"margin:0 0 {s.title * 0.25}pt 0;font-family:{sans};font-size:{s.title}pt;"
            f"line-height:1.2;font-weight:bold;color:{c.heading}",
            "subtitle": f"margin:0 0 8pt 0;font-family:{sans};font-size:{s.subtitle}pt;line-height:1.3;color:{c.muted}",
            "marking": f"margin:0 0 {s.paragraph_space_after}pt 0;font-family:{sans};font-size:{s.small + 1}pt;"
            "font-weight:bold",
            "meta": f"margin:0;font-size:{s.small + 0.5}pt;color:{c.muted}",
            "attribution": f"{gap};font-size:{s.small + 0.5}pt;color:{c.muted}",
        }
        rule = f"border-bottom:1px solid {c.rule};padding-bottom:2pt;"
        self.headings = {
            1: f"margin:16pt 0 4pt 0;{rule}font-family:{sans};font-size:{s.heading1}pt;font-weight:bold;"
            f"color:{c.heading}",
            2: f"margin:12pt 0 4pt 0;font-family:{sans};font-size:{s.heading2}pt;font-weight:bold;color:{c.heading}",
            3: f"margin:10pt 0 3pt 0;font-family:{sans};font-size:{s.heading3}pt;font-weight:bold;color:{c.text}",
        }
        self.link = f"color:{c.link}"
        self.citation = f"color:{c.accent};font-size:85%"
        self.in_text = f"color:{c.accent}"
        self.code = f"font-family:{MONO};font-size:90%"
        self.quote = f"margin:0 0 {s.paragraph_space_after}pt 0;padding:2pt 0 2pt 12pt;"
        self.quote += f"border-left:3px solid {c.quote_border};font-style:italic"
        self.boxes = {
            "summary": (c.summary_background, c.summary_border),
            "note": (c.note_background, c.note_border),
        }
        self.cell = f"border:1px solid {c.rule};padding:3pt 5pt;vertical-align:top;text-align:start"
        self.header_cell = f"{self.cell};background:{c.summary_background};font-weight:bold"
        self.caption = f"margin:4pt 0 1pt 0;font-size:{s.body - 1}pt"
        self.notes = f"margin:{s.paragraph_space_after * 2}pt 0 0 0;font-size:{s.small + 1}pt;line-height:1.3"
        self.notes_rule = f"width:72pt;margin:0 0 4pt 0;border:0;border-top:1px solid {c.rule}"
        self.credit = f"margin:0 0 {s.paragraph_space_after + 4}pt 0;font-size:{s.small + 0.5}pt;color:{c.muted}"

    def box(self, kind: str) -> str:
        background, border = self.boxes.get(kind, self.boxes["note"])
        return (
            f"margin:0 0 {self.style.sizes.paragraph_space_after + 4}pt 0;padding:6pt 10pt;"
            f"background:{background};border-left:4px solid {border}"
        )

    def heading(self, level: int) -> str:
        return self.headings.get(level, self.headings[3])

    def marking(self, marking: str) -> str:
        return f"{self.roles['marking']};color:{self.style.banner.colour_for(marking)}"


def _document_blocks(blocks: list[Block], looks: _Looks) -> str:
    """The document's own blocks: top-level headings carry an id, each contents links to those after it."""
    contents = contents_entries(blocks, looks.style.contents.depth)
    html: list[str] = []
    headings = 0
    for index, block in enumerate(blocks):
        if isinstance(block, Heading):
            html.append(_heading(block, looks, f"section-{headings + 1}"))
            headings += 1
        elif isinstance(block, Contents):
            html.append(_contents(contents[index], looks))
        else:
            html.append(_block(block, looks))
    return "".join(html)


def _notes(notes: list[Footnote], looks: _Looks) -> str:
    """The notes at the end of the page, each linking back to its mark."""
    if not notes:
        return ""
    items = "".join(
        f'<li id="note-{note.number}" value="{note.number}">{_inlines(list(note.inlines), looks)} '
        f'<a href="#note-mark-{note.number}" style="{looks.link}" aria-label="Back to the text">↩</a></li>\n'
        for note in notes
    )
    return (
        f'<section aria-label="Notes" style="{looks.notes}"><hr style="{looks.notes_rule}">\n'
        f'<ol style="margin:0;padding-left:18pt">\n{items}</ol></section>\n'
    )


def _heading(heading: Heading, looks: _Looks, anchor: str = "") -> str:
    level = min(heading.level + 1, 6)  # the brief's title is the page's one h1
    text = _inlines(heading.inlines, looks)
    target = f' id="{anchor}"' if anchor else ""
    return f'<h{level}{target} dir="auto" style="{looks.heading(heading.level)}">{text}</h{level}>\n'


def _contents(entries: list[ContentsEntry], looks: _Looks) -> str:
    """A list of links to the headings: a web page has no page numbers."""
    items = "".join(
        f'<li style="margin:2pt 0 2pt {LEVEL_INDENT_PT * (entry.level - 1)}pt">'
        f'<a href="#section-{entry.heading + 1}" style="{looks.link}">{_inlines(entry.inlines, looks)}</a></li>\n'
        for entry in entries
    )
    title = _text(looks.style.contents.title)
    return (
        f'<nav aria-label="{title}"><h2 style="{looks.heading(1)}">{title}</h2>\n'
        f'<ul style="list-style:none;padding:0;{looks.paragraph}">\n{items}</ul></nav>\n'
    )


def _block(block: Block, looks: _Looks) -> str:
    if isinstance(block, Heading):
        return _heading(block, looks)
    if isinstance(block, Contents):
        return ""  # a contents inside a box or list lists nothing: only the document's own is placed
    if isinstance(block, Paragraph):
        return _paragraph(block, looks)
    if isinstance(block, ListBlock):
        tag = "ol" if block.ordered else "ul"
        start = f' start="{block.start}"' if block.ordered and block.start != 1 else ""
        items = "".join(f'<li dir="auto">{_inside(item, looks)}</li>\n' for item in block.items)
        return f'<{tag}{start} style="{looks.paragraph};padding-left:20pt">\n{items}</{tag}>\n'
    if isinstance(block, Quote):
        return f'<blockquote style="{looks.quote}">\n{_inside(block.blocks, looks)}</blockquote>\n'
    if isinstance(block, Callout):
        return f'<div style="{looks.box(block.kind)}">\n{_inside(block.blocks, looks)}</div>\n'
    if isinstance(block, Table):
        return _table(block, looks)
    if isinstance(block, Figure):
        return _figure(block, looks)
    if isinstance(block, PageBreak):
        return '<div style="page-break-after:always"></div>\n'
    raise TypeError(f"no HTML for {type(block).__name__}")


def _inside(blocks: list[Block], looks: _Looks) -> str:
    """Blocks inside a list item, quote or box: a lone paragraph's gap is left to its container."""
    if len(blocks) == 1 and isinstance(blocks[0], Paragraph) and blocks[0].role == "body":
        return _inlines(blocks[0].inlines, looks)
    return "".join(_block(block, looks) for block in blocks)


def _paragraph(paragraph: Paragraph, looks: _Looks) -> str:
    if paragraph.role == "title":
        return f'<h1 dir="auto" style="{looks.roles["title"]}">{_inlines(paragraph.inlines, looks)}</h1>\n'
    css = looks.marking(plain_text(paragraph.inlines)) if paragraph.role == "marking" else looks.roles[paragraph.role]
    return f'<p dir="auto" style="{css}">{_inlines(paragraph.inlines, looks)}</p>\n'


def _table(table: Table, looks: _Looks) -> str:
    def row(cells: Iterable[list[Inline]], tag: str, css: str) -> str:
        shown = "".join(f'<{tag} dir="auto" style="{css}">{_inlines(cell, looks)}</{tag}>' for cell in cells)
        return f"<tr>{shown}</tr>\n"

    header = row(table.header, "th", looks.header_cell) if table.header else ""
    rows = "".join(row(cells, "td", looks.cell) for cells in table.rows)
    return (
        f'<table style="border-collapse:collapse;width:100%;{looks.paragraph}">\n'
        f"<thead>{header}</thead><tbody>{rows}</tbody></table>\n"
    )


def _figure(figure: Figure, looks: _Looks) -> str:
    image = CheckedImage(figure.data, figure.width_px, figure.height_px, figure.format)
    natural = round(figure.width_px * 96 / 150)  # as big as the other formats print it, at most the text width
    alt = _text(plain_text(figure.caption) or f"Figure {figure.number}")
    credit = credit_inlines(figure)
    return (
        '<figure style="margin:6pt 0 0 0">\n'
        f'<img src="{_data_address(image)}" alt="{alt}" width="{min(natural, looks.width_px)}" '
        'style="display:block;max-width:100%;height:auto">\n'
        f'<figcaption dir="auto" style="{looks.caption}">{_inlines(caption_inlines(figure), looks)}</figcaption>\n'
        + (f'<p dir="auto" style="{looks.credit}">{_inlines(credit, looks)}</p>\n' if credit else "")
        + "</figure>\n"
    )


def _banner(marking: str, style: Style) -> str:
    colour = style.banner.colour_for(marking)
    return (
        f'<div style="background:{colour};color:{style.banner.text_colour};text-align:center;'
        f'font-family:{SANS};font-size:{style.sizes.small}pt;font-weight:bold;padding:2px 0;margin:0 0 8pt 0">'
        f"{_text(marking)}</div>\n"
    )


def _logo(logo: CheckedImage, style: Style) -> str:
    width, height = logo.size_pt(style.logo_height_mm)
    return (
        f'<div style="text-align:right;margin:0 0 8pt 0"><img src="{_data_address(logo)}" alt="" '
        f'width="{round(width * 96 / 72)}" height="{round(height * 96 / 72)}"></div>\n'
    )


def _inlines(inlines: list[Inline], looks: _Looks) -> str:
    parts = []
    for inline in inlines:
        if isinstance(inline, Footnote):
            parts.append(
                f'<sup><a id="note-mark-{inline.number}" href="#note-{inline.number}" style="{looks.link}">'
                f"{inline.number}</a></sup>"
            )
            continue
        if isinstance(inline, Citation):
            look = looks.in_text if inline.text else looks.citation  # an author-date label is prose: the text's size
            parts.append(f'<span style="{look}">{_text(inline.label)}</span>')
            continue
        text = _text(inline.text).replace("\n", "<br>")
        if inline.code:
            text = f'<code style="{looks.code}">{text}</code>'
        if inline.italic:
            text = f"<em>{text}</em>"
        if inline.bold:
            text = f"<strong>{text}</strong>"
        if inline.href and _safe_link(inline.href):
            text = f'<a href="{_text(inline.href)}" style="{looks.link}">{text}</a>'
        parts.append(text)
    return "".join(parts)


def _safe_link(address: str) -> bool:
    try:
        return urlsplit(address.strip()).scheme.lower() in SAFE_SCHEMES
    except ValueError:
        return False


def _data_address(image: CheckedImage) -> str:
    mime = "image/jpeg" if image.format.upper() in ("JPEG", "JPG") else "image/png"
    return f"data:{mime};base64,{base64.b64encode(image.data).decode('ascii')}"


def _text(text: str) -> str:
    return html.escape(text, quote=True)
