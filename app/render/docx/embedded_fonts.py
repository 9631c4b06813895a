"""Fonts carried inside the .docx, so a reader without Noto sees the typefaces the PDF shows.

Word and LibreOffice substitute a font they do not have (LibreOffice set the
policy brief in DejaVu, three pages where the PDF has four).  The Office format
lets a document carry its fonts: each face is a part of the package, its first
32 bytes obfuscated with a key kept beside it in the font table (ECMA-376 Part 1,
§17.8.1), and ``w:embedTrueTypeFonts`` in the settings asks Word to use and keep
them.  A face is carried only when the document uses it: a family its text draws
with (app/render/docx/font_usage.py), italic faces where anything is italic, the
Arabic face where the text has Arabic.  The faces come cut to the characters the
brief uses (app/render/docx/font_subsets.py), so the file grows by tens of
kilobytes a face rather than by the whole font.
"""

from __future__ import annotations

import io
import re
import uuid
import zipfile

from lxml import etree

from app.core.style import Style
from app.render.docx.font_subsets import subset_face
from app.render.docx.font_usage import FontUsage, font_usage
from app.render.fonts import family_faces

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
FONT_RELATIONSHIP = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/font"
OBFUSCATED_FONT = "application/vnd.openxmlformats-officedocument.obfuscatedFont"
PACKAGE_RELATIONSHIPS = "http://schemas.openxmlformats.org/package/2006/relationships"
CONTENT_TYPES = "http://schemas.openxmlformats.org/package/2006/content-types"
#: The font table's element for each face, in the order the schema lists them.
FACE_ELEMENTS = {
    "Regular": "embedRegular", "Bold": "embedBold", "Italic": "embedItalic", "BoldItalic": "embedBoldItalic",
}  # fmt: skip
#: The settings that come before ``w:embedTrueTypeFonts`` in the schema's order.
SETTINGS_BEFORE = (
    "writeProtection", "view", "zoom", "removePersonalInformation", "removeDateAndTime", "doNotDisplayPageBoundaries",
    "displayBackgroundShape", "printPostScriptOverText", "printFractionalCharacterWidth", "printFormsData",
)  # fmt: skip
#: The parts whose text and fonts the reader sees.
_TEXT_PARTS = re.compile(r"word/(document|styles|numbering|header\d*|footer\d*|footnotes|endnotes)\.xml")
_ARABIC = re.compile("[\u0600-\u06ff\u0750-\u077f\u08a0-\u08ff\ufb50-\ufdff\ufe70-\ufeff]")


def embed_fonts(package: bytes, style: Style) -> bytes:
    """``package`` (a .docx) carrying the bundled or template faces its text uses; unchanged when it uses none."""
    with zipfile.ZipFile(io.BytesIO(package)) as source:
        parts = {info.filename: source.read(info) for info in source.infolist()}
    texts = [data for name, data in parts.items() if _TEXT_PARTS.fullmatch(name) and name != "word/styles.xml"]
    shown = "".join(_shown_text(text.decode("utf-8")) for text in texts)
    wanted = frozenset(map(ord, set(shown)))
    usage = font_usage(parts["word/styles.xml"], texts)
    fonts = style.fonts
    folders = [style.folder] if style.folder else []
    embedded: list[tuple[str, str, bytes]] = []  # family, face, subset font bytes
    for family in sorted(usage.families & {fonts.body, fonts.heading, fonts.mono, fonts.arabic}):
        faces = family_faces(family, folders)
        for face in _faces_used(family, usage, style, shown):
            if face in faces:
                embedded.append((family, face, subset_face(faces[face], wanted)))
    if not embedded:
        return package
    _add_fonts(parts, embedded)
    output = io.BytesIO()
    with zipfile.ZipFile(output, "w", zipfile.ZIP_STORED) as target:  # compressed once, by the repacking after
        for name, data in parts.items():
            target.writestr(name, data)
    return output.getvalue()


def obfuscate(font: bytes, key: uuid.UUID) -> bytes:
    """The font with its first 32 bytes XORed with the key's bytes, taken from the end of its hex digits."""
    secret = bytes.fromhex(key.hex)[::-1]
    head = bytes(byte ^ secret[i % 16] for i, byte in enumerate(font[:32]))
    return head + font[32:]


def _shown_text(xml: str) -> str:
    """The characters of a part's text runs (``w:t``), and the digits a page field may show."""
    return "".join(re.findall(r"<w:t(?: [^>]*)?>([^<]*)</w:t>", xml)) + "0123456789"


def _faces_used(family: str, usage: FontUsage, style: Style, shown: str) -> list[str]:
    """The faces of ``family`` the document may draw: Regular and Bold always (headings and labels are bold), the
    italic ones when anything is italic; the Arabic family (the complex-script font of every style) only when the
    text has Arabic."""
    if family == style.fonts.arabic and family not in (style.fonts.body, style.fonts.heading):
        return ["Regular", "Bold"] if _ARABIC.search(shown) else []
    return ["Regular", "Bold", "Italic", "BoldItalic"] if usage.italic else ["Regular", "Bold"]


def _add_fonts(parts: dict[str, bytes], embedded: list[tuple[str, str, bytes]]) -> None:
    """Font parts, their relationships from the font table, its entries, the content type and the setting."""
    table = etree.fromstring(parts["word/fontTable.xml"])
    relationships = etree.Element(f"{{{PACKAGE_RELATIONSHIPS}}}Relationships", nsmap={None: PACKAGE_RELATIONSHIPS})
    entries = {family: _font_entry(table, family) for family, _, _ in embedded}
    for number, (family, face, data) in enumerate(embedded, start=1):
        key = uuid.uuid5(uuid.NAMESPACE_URL, f"briefgen-font:{family}:{face}:{number}")
        parts[f"word/fonts/font{number}.odttf"] = obfuscate(data, key)
        etree.SubElement(
            relationships,
            f"{{{PACKAGE_RELATIONSHIPS}}}Relationship",
            Id=f"rIdFont{number}",
            Type=FONT_RELATIONSHIP,
            Target=f"fonts/font{number}.odttf",
        )
        embed = etree.SubElement(entries[family], f"{{{W}}}{FACE_ELEMENTS[face]}")
        embed.set(f"{{{R}}}id", f"rIdFont{number}")
        embed.set(f"{{{W}}}fontKey", "{" + str(key).upper() + "}")
        embed.set(f"{{{W}}}subsetted", "1")
    parts["word/fontTable.xml"] = etree.tostring(table, xml_declaration=True, encoding="UTF-8", standalone=True)
    parts["word/_rels/fontTable.xml.rels"] = etree.tostring(
        relationships, xml_declaration=True, encoding="UTF-8", standalone=True
    )
    parts["[Content_Types].xml"] = _with_font_type(parts["[Content_Types].xml"])
    parts["word/settings.xml"] = _embedding_asked(parts["word/settings.xml"])


def _font_entry(table: etree._Element, family: str) -> etree._Element:
    """The font table's ``w:font`` for ``family``, its embedded faces cleared; a new one when there is none."""
    for font in table.findall(f"{{{W}}}font"):
        if font.get(f"{{{W}}}name") == family:
            for element in FACE_ELEMENTS.values():
                for old in font.findall(f"{{{W}}}{element}"):
                    font.remove(old)
            return font
    font = etree.SubElement(table, f"{{{W}}}font")
    font.set(f"{{{W}}}name", family)
    for name, value in (("charset", "00"), ("family", "auto"), ("pitch", "variable")):
        etree.SubElement(font, f"{{{W}}}{name}").set(f"{{{W}}}val", value)
    return font


def _with_font_type(types: bytes) -> bytes:
    root = etree.fromstring(types)
    if not any(d.get("Extension") == "odttf" for d in root.findall(f"{{{CONTENT_TYPES}}}Default")):
        default = etree.Element(f"{{{CONTENT_TYPES}}}Default", Extension="odttf", ContentType=OBFUSCATED_FONT)
        root.insert(0, default)
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


def _embedding_asked(settings: bytes) -> bytes:
    """The settings with ``w:embedTrueTypeFonts`` and ``w:saveSubsetFonts`` where the schema puts them."""
    root = etree.fromstring(settings)
    for name in ("embedTrueTypeFonts", "saveSubsetFonts"):
        for old in root.findall(f"{{{W}}}{name}"):
            root.remove(old)
    position = 0
    for index, child in enumerate(root):
        if etree.QName(child).localname in SETTINGS_BEFORE:
            position = index + 1
    root.insert(position, etree.Element(f"{{{W}}}saveSubsetFonts"))
    root.insert(position, etree.Element(f"{{{W}}}embedTrueTypeFonts"))
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)
