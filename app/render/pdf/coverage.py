"""Which characters of a brief the PDF's fonts can draw, and a warning naming the scripts they cannot.

The PDF embeds only fonts it ships (or a template folder carries), so a script
none of them covers would print as empty boxes.  That is never silent: the
export warns, naming the script and what to install, and the analyst decides.
"""

from __future__ import annotations

import unicodedata
from collections import defaultdict

from app.core.document import (
    Document,
    Figure,
    Heading,
    Paragraph,
    Table,
    document_footnotes,
    iter_blocks,
    plain_text,
)
from app.core.style import Style
from app.render.figures import caption_inlines, credit_inlines
from app.render.pdf.fonts import register_fonts
from app.text.scripts import script_of

#: Unicode name prefixes that say more than their first word.
_SCRIPT_NAMES = {"CJK": "Chinese/Japanese (Han)", "HANGUL": "Korean (Hangul)", "HIRAGANA": "Japanese (kana)"}
_SCRIPT_NAMES["KATAKANA"] = _SCRIPT_NAMES["HIRAGANA"]
#: How many example characters a warning quotes per script.
EXAMPLES = 5


def shown_text(document: Document, style: Style) -> str:
    """Every character the PDF may draw: the blocks and their footnotes, the brief's details, the contents' title,
    and the header and footer text."""
    meta = document.meta
    parts = [style.header.left, style.header.right, style.footer.left, style.footer.right]
    parts += [meta.title, meta.subtitle, meta.author, meta.organisation, meta.date, meta.classification]
    parts += [meta.recipient, style.contents.title]
    parts += [plain_text(note.inlines) for note in document_footnotes(document.blocks)]
    for block in iter_blocks(document.blocks):
        if isinstance(block, Heading | Paragraph):
            parts.append(plain_text(block.inlines))
        elif isinstance(block, Table):
            parts += [plain_text(cell) for row in [block.header, *block.rows] for cell in row]
        elif isinstance(block, Figure):
            parts += [plain_text(caption_inlines(block)), plain_text(credit_inlines(block))]
    return "\n".join(parts)


def script_name(char: str) -> str:
    """A reader's name for the script of ``char`` ("Ethiopic", "Korean (Hangul)"); "symbols" for signs and emoji."""
    if unicodedata.category(char).startswith("S"):
        return "symbols"
    known = script_of(char)
    if known and known != "Other":
        return {"Han": _SCRIPT_NAMES["CJK"], "Hangul": _SCRIPT_NAMES["HANGUL"], "Kana": _SCRIPT_NAMES["HIRAGANA"]}.get(
            known, known
        )
    first = unicodedata.name(char, "UNKNOWN CHARACTER").split()[0]
    return _SCRIPT_NAMES.get(first, first.title())


def undrawable(document: Document, style: Style) -> dict[str, list[str]]:
    """Characters no font of ``style`` draws, by script name, each list sorted."""
    missing = register_fonts(style, shown_text(document, style)).missing
    found: dict[str, list[str]] = defaultdict(list)
    for char in sorted(missing):
        found[script_name(char)].append(char)
    return dict(found)


def coverage_warnings(document: Document, style: Style) -> list[str]:
    """One warning per script the PDF cannot draw, with examples and what to do about it."""
    warnings = []
    for script, chars in sorted(undrawable(document, style).items()):
        examples = " ".join(chars[:EXAMPLES]) + (" …" if len(chars) > EXAMPLES else "")
        warnings.append(
            f"the PDF cannot show {len(chars)} character{'s' if len(chars) != 1 else ''} in {script} ({examples}): "
            f"they print as blanks. Install a TrueType font (.ttf) covering {script} in the template folder "
            f"or assets/fonts and add its family to fonts.fallback in style.toml; the DOCX keeps the text."
        )
    return warnings
