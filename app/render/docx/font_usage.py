"""Which fonts, and whether italics, a finished .docx draws with: what app/render/docx/embedded_fonts.py carries.

A style sheet names every font a brief might use (a code style exists in every brief, code in few), so a font
counts only where the text uses it: named on a run, or by a paragraph or character style the text uses (with the
styles it is based on), or by the document defaults and the Normal style, which every paragraph starts from.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from lxml import etree

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_FONT_SLOTS = ("ascii", "hAnsi", "cs", "eastAsia")


@dataclass(frozen=True)
class FontUsage:
    families: frozenset[str]
    italic: bool


@dataclass(frozen=True)
class _StyleLook:
    fonts: frozenset[str]
    italic: bool
    based_on: str | None


def font_usage(styles: bytes, text_parts: Iterable[bytes]) -> FontUsage:
    """The families and italics of the text parts (document, headers, footers …) under ``styles``."""
    sheet = etree.fromstring(styles)
    looks = {style.get(f"{{{W}}}styleId"): _look(style) for style in sheet.iter(f"{{{W}}}style")}
    families = set(_fonts(sheet.find(f"{{{W}}}docDefaults")))
    italic = False
    used = {"Normal"}
    for data in text_parts:
        root = etree.fromstring(data)
        used |= {element.get(f"{{{W}}}val") for element in root.iter(f"{{{W}}}pStyle", f"{{{W}}}rStyle")}
        families |= _fonts(root)
        italic = italic or any(_on(element) for element in root.iter(f"{{{W}}}i"))
    for start in used:
        seen: set[str] = set()
        style_id: str | None = start
        while style_id is not None and style_id in looks and style_id not in seen:  # it, and those it is based on
            seen.add(style_id)
            look = looks[style_id]
            families |= look.fonts
            italic = italic or look.italic
            style_id = look.based_on
    return FontUsage(frozenset(families), italic)


def _look(style: etree._Element) -> _StyleLook:
    based_on = style.find(f"{{{W}}}basedOn")
    run = style.find(f"{{{W}}}rPr")
    italic = run is not None and any(_on(element) for element in run.findall(f"{{{W}}}i"))
    return _StyleLook(frozenset(_fonts(style)), italic, based_on.get(f"{{{W}}}val") if based_on is not None else None)


def _fonts(element: etree._Element | None) -> set[str]:
    if element is None:
        return set()
    named = (fonts.get(f"{{{W}}}{slot}") for fonts in element.iter(f"{{{W}}}rFonts") for slot in _FONT_SLOTS)
    return {name for name in named if name}


def _on(element: etree._Element) -> bool:
    """Whether a toggle such as ``<w:i/>`` is on (it is unless its value says off)."""
    return element.get(f"{{{W}}}val", "1") not in ("0", "false", "off")
