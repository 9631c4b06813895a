"""Register a style's TTF families with reportlab once per process.

reportlab keeps fonts in a process-wide registry and parsing a TTF costs tens
of milliseconds, so the live preview must not re-register on every render.
Each distinct file gets one registered name (a face that falls back to another
file reuses that file's name, so it is embedded once), and each family is
mapped with ``registerFontFamily`` so ``<b>``/``<i>`` markup picks the right file.

The Arabic family (``fonts.arabic``) is registered only for a brief that has
Arabic text, and a fallback family (``fonts.fallback``: Hebrew, Devanagari,
Thai, Chinese and Japanese, Korean by default) only when the brief holds
characters the body and heading fonts lack and that family has, so a Latin
brief neither parses them nor fails over a template whose fonts are missing.
Characters no font can draw are kept in ``FontSet.missing`` for the export's
warning: a PDF never drops text silently.  Fonts are ``BriefTTFont``: glyphs that shaping
picks but no character maps to (contextual forms, ligatures) are drawn through
private code points whose ``ToUnicode`` entries name the text they stand for,
so Arabic copied out of the PDF is Arabic, not private-use characters.
"""

from __future__ import annotations

import threading
import unicodedata
from dataclasses import dataclass
from fnmatch import fnmatch
from pathlib import Path
from weakref import WeakKeyDictionary

from reportlab import rl_config
from reportlab.lib.fonts import ps2tt, tt2ps
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.pdfdoc import PDFDocument, PDFStream
from reportlab.pdfbase.ttfonts import (  # type: ignore[attr-defined]  # unShapedFontGlob: not in the stubs
    SUBSETN,
    TTEncoding,
    TTFError,
    TTFont,
    unShapedFontGlob,
)

from app.core.style import Style
from app.render.fonts import FONT_DAMAGE, FontFiles, damaged_font, find_family
from app.render.pdf.face_cache import load_face
from app.text.bidi import has_arabic


@dataclass(frozen=True)
class FontSet:
    """Registered regular-face names of the three families a brief uses."""

    body: str
    heading: str
    mono: str
    #: Regular face of the Arabic family; None when the brief has no Arabic text (then it is not registered).
    arabic: str | None = None
    #: Regular faces of the fallback families the brief needs, in the style's order.
    fallbacks: tuple[str, ...] = ()
    #: Characters of the brief that no registered font can draw.
    missing: frozenset[str] = frozenset()

    def arabic_face(self, name: str) -> str | None:
        """The Arabic face matching the weight and slant of the registered face ``name``."""
        if self.arabic is None:
            return None
        _, bold, italic = ps2tt(name)
        return tt2ps(self.arabic, bold, italic)

    def face_for(self, char: str, name: str) -> str:
        """The face that draws ``char`` in the style of the registered face ``name``: that face if it can, else the
        Arabic or first fallback family that can, in the same weight and slant; ``name`` when none can."""
        code = ord(char)
        if code in cmap(name):
            return name
        _, bold, italic = ps2tt(name)
        for family in (self.arabic, *self.fallbacks):
            if family is not None:
                face = tt2ps(family, bold, italic)
                if code in cmap(face):
                    return face
        return name

    def needs_fallback(self, text: str, name: str) -> bool:
        """Whether ``text`` in face ``name`` has characters that face lacks and a fallback family draws."""
        if not self.fallbacks:
            return False
        own = cmap(name)
        return any(ord(char) not in own and needs_glyph(char) for char in text)

    def bold(self, name: str) -> str:
        """The registered bold face of the family whose regular face is ``name``."""
        return tt2ps(name, 1, 0)

    def italic(self, name: str) -> str:
        """The registered italic face of the family whose regular face is ``name``."""
        return tt2ps(name, 0, 1)


_lock = threading.Lock()
_families: dict[FontFiles, str] = {}
_taken: set[str] = set()


def register_fonts(style: Style, text: str = "") -> FontSet:
    """Find and register the families of ``style`` that a brief showing ``text`` needs.

    Body, heading and mono always; the Arabic family if ``text`` has Arabic;
    each fallback family, in the style's order, that draws characters of
    ``text`` the body or heading font lacks.  Raises StyleError for a family
    that is not found.
    """
    extra = [style.folder] if style.folder else None

    def register(family: str) -> str:
        return _register_family(find_family(family, extra_dirs=extra))

    body, heading, mono = register(style.fonts.body), register(style.fonts.heading), register(style.fonts.mono)
    arabic = register(style.fonts.arabic) if has_arabic(text) else None
    everywhere = cmap(body).keys() & cmap(heading).keys()
    wanted = {char for char in set(text) if ord(char) not in everywhere and needs_glyph(char)}
    if arabic is not None:
        wanted = {char for char in wanted if ord(char) not in cmap(arabic)}
    fallbacks: list[str] = []
    for family in style.fonts.fallback:
        if not wanted:
            break
        name = register(family)
        covered = {char for char in wanted if ord(char) in cmap(name)}
        if covered:
            fallbacks.append(name)
            wanted -= covered
    drawable = cmap(body).keys() | cmap(heading).keys()
    missing = frozenset(char for char in wanted if ord(char) not in drawable)
    return FontSet(body, heading, mono, arabic, tuple(fallbacks), missing)


def needs_glyph(char: str) -> bool:
    """Whether a character is drawn at all: not white space, a control, or an invisible format character."""
    return unicodedata.category(char) not in ("Zs", "Zl", "Zp", "Cc", "Cf")


def cmap(name: str) -> dict[int, int]:
    """Character → glyph map of a registered face."""
    return registered_font(name).face.charToGlyph


def _register_family(files: FontFiles) -> str:
    """Register ``files`` unless already done; returns the family's name for ParagraphStyle.fontName.

    Names are per family, not per file: reportlab maps a face name to exactly one family, so two
    families sharing a file (a template folder that overrides only the bold face) need their own names.
    """
    with _lock:
        if files not in _families:
            paths = (files.regular, files.bold, files.italic, files.bold_italic)
            names = {path: _register_file(path) for path in dict.fromkeys(paths)}
            faces = [names[path] for path in paths]
            pdfmetrics.registerFontFamily(faces[0], *faces)
            _families[files] = faces[0]
        return _families[files]


def _register_file(path: Path) -> str:
    """Register ``path`` under a new name: its stem, with a suffix if taken (case-insensitively, like reportlab)."""
    name, suffix = path.stem, 2
    while name.lower() in _taken:
        name, suffix = f"{path.stem}~{suffix}", suffix + 1
    try:
        pdfmetrics.registerFont(BriefTTFont(name, str(path)))
    except (TTFError, *FONT_DAMAGE) as exc:
        raise damaged_font(path) from exc
    _taken.add(name.lower())
    return name


#: Text widths a font remembers before it starts again (a word and a size each: a few megabytes at most).
WIDTHS_REMEMBERED = 50_000
#: First code point handed out for glyphs no character maps to (Supplementary Private Use Area-A).
PRIVATE_START = 0xF0000
#: Codes in one subset of a TrueType font as reportlab embeds it.
SUBSET_SIZE = 256


@dataclass(frozen=True)
class _FirstSubset:
    """The characters a font's first subset holds in one document, and their codes, for ``str.translate``."""

    #: How many characters had codes when this was made: made again once more have.
    assigned: int
    chars: frozenset[str]
    codes: dict[int, int]


def _first_subset(state: TTFont.State) -> _FirstSubset:
    """What reportlab's per-document font state has assigned to subset 0 (no-break spaces print as spaces, as in
    reportlab's splitString)."""
    assignments: dict[int, int] = state.assignments  # type: ignore[attr-defined]  # untyped in the stubs
    known: _FirstSubset | None = getattr(state, "_brief_first_subset", None)
    if known is None or known.assigned != len(assignments):
        codes = {char: code for char, code in assignments.items() if code < SUBSET_SIZE}
        if 32 in codes:
            codes[0xA0] = codes[32]
        known = _FirstSubset(len(assignments), frozenset(map(chr, codes)), codes)
        state._brief_first_subset = known  # type: ignore[attr-defined]
    return known


class BriefTTFont(TTFont):
    """A TrueType font that can draw any glyph of the font, with correct text behind it.

    Shaping yields glyph ids; reportlab draws characters.  ``char_for_glyph``
    gives the character the font maps to a glyph, or a private code point
    mapped to it here, remembering the text the glyph stands for.  When the
    font is written, subsets holding such code points (or Arabic presentation
    forms) get a ToUnicode map back to that text (presentation forms to their
    base letters), so text extraction and search find the Arabic words.
    """

    def __init__(self, name: str, filename: str) -> None:
        # TTFont.__init__, but with the face from the cache of parsed faces rather than parsed again
        self.fontName = name
        self.face = load_face(Path(filename))
        self.encoding = TTEncoding()
        self.state: WeakKeyDictionary[PDFDocument, TTFont.State] = WeakKeyDictionary()
        self._asciiReadable = rl_config.ttfAsciiReadable
        self.shapable = not any(fnmatch(name, pattern) for pattern in unShapedFontGlob)
        self._private_text: dict[int, str] = {}
        self._private_glyphs: dict[int, int] = {}
        self._glyph_lock = threading.Lock()
        self._widths: dict[tuple[str, float, str], float] = {}

    def stringWidth(self, text: str, size: float, encoding: str = "utf8") -> float:  # reportlab names it so
        """The width of ``text`` at ``size``, remembered: wrapping a paragraph measures the same words again and
        again (most of a long PDF's time went to measuring them). Bounded: the memory is cleared when it grows."""
        key = (text, size, encoding)
        width = self._widths.get(key)
        if width is None:
            if len(self._widths) >= WIDTHS_REMEMBERED:
                self._widths.clear()
            width = self._widths[key] = super().stringWidth(text, size, encoding)
        return width

    def splitString(self, text: str | bytes, doc: PDFDocument, encoding: str = "utf-8") -> list[tuple[int, bytes]]:
        """The text as (subset, codes) runs, as reportlab's own: it looks every character up one by one, which was
        a tenth of writing a PDF.  Text whose characters all have codes in the first subset already (nearly every
        line once a page or two is written) is translated in one step; any other goes the character-by-character
        way, which assigns codes to new characters."""
        state = self.state.get(doc) if isinstance(text, str) and text else None
        if state is None:
            return super().splitString(text, doc, encoding)
        known = _first_subset(state)
        if not known.chars.issuperset(text):
            return super().splitString(text, doc, encoding)
        assert isinstance(text, str)
        return [(0, text.translate(known.codes).encode("latin-1"))]

    @property
    def _glyph_to_char(self) -> dict[int, list[int]]:
        """Glyph → the code points the font maps to it."""
        return self.face.glyphToChar  # type: ignore[attr-defined]  # set by TTFontFile.extractInfo, not in the stubs

    def char_for_glyph(self, glyph: int, text: str) -> str:
        """A character that draws ``glyph``; ``text`` is what a private code point for it extracts as."""
        chars = self._glyph_to_char.get(glyph)
        if chars:
            return chr(chars[0])
        with self._glyph_lock:
            code = self._private_glyphs.get(glyph)
            if code is None:
                code = PRIVATE_START + len(self._private_glyphs)
                face = self.face
                face.charToGlyph[code] = glyph
                self._glyph_to_char.setdefault(glyph, []).append(code)
                face.charWidths[code] = self.pdfScale(face.hmetrics[glyph][0])
                self._private_glyphs[glyph] = code
                self._private_text[code] = unicodedata.normalize("NFKC", text) or text
            return chr(code)

    def addObjects(self, doc: PDFDocument) -> None:
        state = self.state.get(doc)
        subsets = [list(subset) for subset in state.subsets] if state is not None else []
        super().addObjects(doc)
        for number, subset in enumerate(subsets):
            if not any(code in self._private_text or _is_presentation_form(code) for code in subset):
                continue
            base_name = b"".join((SUBSETN(number), b"+", self.face.name, self.face.subfontNameX)).decode("pdfdoc")
            stream = doc.idToObject.get("toUnicodeCMap:" + base_name)
            if isinstance(stream, PDFStream):
                stream.content = self._to_unicode_cmap(base_name, subset)

    def _to_unicode_cmap(self, base_name: str, subset: list[int]) -> str:
        """reportlab's ToUnicode CMap, with multi-character targets for private codes and presentation forms."""
        entries = []
        for index, code in enumerate(subset):
            if code in self._private_text:
                text = self._private_text[code]
            elif _is_presentation_form(code):
                text = unicodedata.normalize("NFKC", chr(code))
            else:
                text = chr(code)
            entries.append(f"<{index:02X}> <{text.encode('utf-16-be').hex().upper()}>")
        return "\n".join(
            [
                "/CIDInit /ProcSet findresource begin",
                "12 dict begin",
                "begincmap",
                "/CIDSystemInfo",
                f"<< /Registry ({base_name})",
                f"/Ordering ({base_name})",
                "/Supplement 0",
                ">> def",
                f"/CMapName /{base_name} def",
                "/CMapType 2 def",
                "1 begincodespacerange",
                f"<00> <{len(subset) - 1:02X}>",
                "endcodespacerange",
                f"{len(subset)} beginbfchar",
                *entries,
                "endbfchar",
                "endcmap",
                "CMapName currentdict /CMap defineresource pop",
                "end",
                "end",
            ]
        )


def registered_font(name: str) -> BriefTTFont:
    """The font registered under ``name``; every face a brief uses was registered here, as a BriefTTFont."""
    font = pdfmetrics.getFont(name)
    if not isinstance(font, BriefTTFont):
        raise TypeError(f"{name!r} is not a font Briefgen registered")
    return font


def _is_presentation_form(code: int) -> bool:
    """Arabic Presentation Forms-A or -B: what shaping draws Arabic letters with."""
    return 0xFB50 <= code <= 0xFDFF or 0xFE70 <= code <= 0xFEFE
