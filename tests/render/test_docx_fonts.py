"""The DOCX carries the faces it uses, obfuscated as the Office format requires and cut to what the brief needs.

Read back from the package: the font table, its relationships, the content type and the setting, and each
embedded face de-obfuscated with its key and opened with fontTools.  Where LibreOffice is installed, the DOCX
is converted on a font set without Noto (as a reader's machine) and must come out in Noto.
"""

from __future__ import annotations

import io
import re
import shutil
import subprocess
import uuid
import zipfile
from pathlib import Path

import pytest
from fontTools.ttLib import TTFont
from lxml import etree
from platformdirs import user_cache_dir

from app.core.document import Document, DocumentMeta, Heading, Paragraph, Run
from app.core.style import Style
from app.render.docx.embedded_fonts import obfuscate
from app.render.docx.writer import render_docx
from app.render.fonts import FONTS_DIR
from tests.render.libreoffice import convert_without_noto, needs_libreoffice, page_count, page_texts

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
TEXT = "Officials in Baghdad said the committee would meet again — “soon”, they added."


def package(document: Document, style: Style | None = None) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(render_docx(document, style or Style()))) as docx:
        return {name: docx.read(name) for name in docx.namelist()}


def brief(*paragraphs: Paragraph) -> Document:
    return Document(DocumentMeta(title="Fonts"), [Heading(1, [Run("Findings")]), *paragraphs])


def embedded_faces(parts: dict[str, bytes]) -> dict[tuple[str, str], TTFont]:
    """(family, embed element) → the face, de-obfuscated with the key the font table gives."""
    table = etree.fromstring(parts["word/fontTable.xml"])
    targets = {rel.get("Id"): rel.get("Target") for rel in etree.fromstring(parts["word/_rels/fontTable.xml.rels"])}
    faces = {}
    for font in table.findall(f"{{{W}}}font"):
        for embed in font:
            if etree.QName(embed).localname.startswith("embed"):
                key = uuid.UUID(embed.get(f"{{{W}}}fontKey").strip("{}"))
                data = obfuscate(parts["word/" + targets[embed.get(f"{{{R}}}id")]], key)  # XOR undoes itself
                faces[(font.get(f"{{{W}}}name"), etree.QName(embed).localname)] = TTFont(io.BytesIO(data))
    return faces


def test_the_docx_carries_each_face_it_uses_and_asks_for_them_to_be_used():
    parts = package(brief(Paragraph([Run(TEXT), Run(" Bold.", bold=True)])))
    faces = embedded_faces(parts)
    assert set(faces) == {
        ("Noto Serif", "embedRegular"),
        ("Noto Serif", "embedBold"),
        ("Noto Sans", "embedRegular"),
        ("Noto Sans", "embedBold"),
    }  # fmt: skip  (no italic, no code and no Arabic in this brief: none of those faces)
    for (family, element), face in faces.items():
        assert face["name"].getDebugName(1) == family
        assert ("Bold" in face["name"].getDebugName(2)) == (element == "embedBold")
        assert {ord(c) for c in TEXT} <= set(face.getBestCmap())
    assert (
        b'Extension="odttf" ContentType="application/vnd.openxmlformats-officedocument.obfuscatedFont"'
        in (parts["[Content_Types].xml"])
    )
    settings = parts["word/settings.xml"].decode()
    assert (
        settings.index("<w:zoom") < settings.index("<w:embedTrueTypeFonts/>") < settings.index("<w:saveSubsetFonts/>")
    )
    assert sum(len(data) for name, data in parts.items() if name.endswith(".odttf")) < 400_000  # cut, not whole


def test_italic_code_and_arabic_bring_their_faces():
    parts = package(
        brief(
            Paragraph([Run("An "), Run("italic", italic=True), Run(" word and "), Run("code()", code=True), Run(".")]),
            Paragraph([Run("عقد مستشار الأمن الوطني اجتماعاً")]),
        )
    )
    faces = embedded_faces(parts)
    assert ("Noto Serif", "embedItalic") in faces and ("Noto Serif", "embedBoldItalic") in faces
    assert ("DejaVu Sans Mono", "embedRegular") in faces
    arabic = faces[("Noto Naskh Arabic", "embedRegular")]
    assert {ord(c) for c in "عقد مستشار الأمن الوطني اجتماعاً" if not c.isspace()} <= set(arabic.getBestCmap())


def test_the_obfuscation_changes_the_first_32_bytes_only_and_undoes_itself():
    data = (FONTS_DIR / "NotoSans-Regular.ttf").read_bytes()
    key = uuid.UUID("8F69C2B3-1A2B-4C5D-9E8F-0123456789AB")
    hidden = obfuscate(data, key)
    assert hidden[:32] != data[:32] and hidden[32:] == data[32:]
    assert obfuscate(hidden, key) == data
    # ECMA-376 §17.8.1: the key's bytes are its hex digits read pairwise from the end of the GUID string
    assert hidden[0] == data[0] ^ 0xAB and hidden[15] == data[15] ^ 0x8F and hidden[16] == data[16] ^ 0xAB


def test_characters_beyond_the_shipped_cut_are_cut_from_the_whole_face_and_kept():
    cyrillic = "Совет безопасности собрался в среду."
    faces = embedded_faces(package(brief(Paragraph([Run(cyrillic)]))))
    assert {ord(c) for c in cyrillic} <= set(faces[("Noto Serif", "embedRegular")].getBestCmap())
    kept = list(Path(user_cache_dir("briefgen"), "docx-fonts").glob("*.ttf"))
    assert kept  # the next export of a Cyrillic brief takes the cut from the cache


@pytest.mark.skipif(shutil.which("soffice") is None or shutil.which("pdffonts") is None, reason="needs LibreOffice")
def test_libreoffice_without_noto_installed_sets_the_docx_in_noto(tmp_path: Path):
    fonts = tmp_path / "fonts.conf"
    fonts.write_text(
        '<?xml version="1.0"?><fontconfig><dir>/usr/share/fonts/truetype/dejavu</dir>'
        f"<cachedir>{tmp_path / 'fc-cache'}</cachedir></fontconfig>"
    )
    docx = tmp_path / "brief.docx"
    docx.write_bytes(render_docx(brief(Paragraph([Run(TEXT), Run(" Bold.", bold=True)])), Style()))
    env = {"FONTCONFIG_FILE": str(fonts), "HOME": str(tmp_path), "PATH": "/usr/bin:/bin"}
    profile = f"-env:UserInstallation=file://{tmp_path / 'profile'}"
    subprocess.run(
        ["soffice", "--headless", profile, "--convert-to", "pdf", "--outdir", str(tmp_path), str(docx)],
        env=env, check=True, timeout=180, capture_output=True,
    )  # fmt: skip
    listed = subprocess.run(["pdffonts", str(tmp_path / "brief.pdf")], capture_output=True, text=True).stdout
    used = set(re.findall(r"\+([A-Za-z-]+)", listed))
    assert {"NotoSerif-Regular", "NotoSerif-Bold", "NotoSans-Bold"} <= used
    assert not any(name.startswith("DejaVu") for name in used)


def test_a_heading_keeps_the_whole_of_the_paragraph_after_it_as_the_pdf_does():
    """The PDF moves a heading and all of the block after it to the next page together; the DOCX asks the same of
    Word (``w:keepLines`` on that block's first paragraph), so the two formats break pages alike."""
    from app.core.document import ListBlock, Table

    document = brief(
        Paragraph([Run(TEXT)]),
        Paragraph([Run("A second paragraph, free to split.")]),
        Heading(2, [Run("Options")]),
        ListBlock(ordered=True, items=[[Paragraph([Run("First option.")])], [Paragraph([Run("Second option.")])]]),
        Heading(2, [Run("Figures")]),
        Table(header=[[Run("Year")]], rows=[[[Run("2025")]]]),
        Paragraph([Run("After the table.")]),
    )
    body = docx_paragraphs(render_docx(document, Style()))
    kept = {text for text, keep in body if keep}
    assert kept == {TEXT, "First option."}


def docx_paragraphs(data: bytes) -> list[tuple[str, bool]]:
    import docx

    return [(p.text, bool(p.paragraph_format.keep_together)) for p in docx.Document(io.BytesIO(data)).paragraphs]


@needs_libreoffice
@pytest.mark.parametrize(
    "template",
    [
        "policy-brief",
        "situation-report",
        "report",
        "decision-memo",
    ],
)
def test_a_long_brief_breaks_its_pages_alike_in_the_pdf_and_the_docx(tmp_path: Path, template: str):
    from app.cli.main import main

    sources = tmp_path / "sources"
    sources.mkdir()
    for n in range(1, 15):
        closed = (
            f"The ministry told outlet {n} it would not say how many travel agencies had been closed since the order "
            "was issued, but officials in Basra said at least a dozen had shut their doors. Families of the men who "
            "left said they had been promised salaries several times what they could earn at home. "
        )
        outlook = (
            "Analysts said the measures would likely curb the facilitators first, while the economic pull of the "
            "salaries would keep some recruitment going at a lower level for months. "
        )
        (sources / f"s{n:02}.txt").write_text(
            f"Source {n} Headline On Recruitment\n\nOfficials in Baghdad told outlet {n} that the committee would "
            "meet again next week to review the measures against the agencies that recruit young men for the war.\n\n"
            f"Part One Of Source {n}\n\n{closed * 3}\n\nPart Two Of Source {n}\n\n{outlook * 2}\n"
        )
    out = tmp_path / template
    args = ["build", str(sources), "--template", template, "--format", "docx,pdf", "-o", str(out), "--name", "b"]
    assert main(args) == 0
    pages = [page_count(out / "b.pdf"), page_count(convert_without_noto(out / "b.docx", tmp_path))]
    assert pages[0] == pages[1] and pages[0] > 1, pages


@needs_libreoffice
@pytest.mark.parametrize("template", ["policy-brief", "situation-report", "decision-memo", "report"])
def test_the_sample_brief_breaks_its_pages_alike_through_libreoffice_and_in_the_pdf(tmp_path: Path, template: str):
    """Page for page: the same number of pages, each ending on the same line."""
    from app.cli.main import main
    from app.core.paths import SEEDS_DIR

    args = ["build", str(SEEDS_DIR / "sample.brief"), "--template", template, "--format", "docx,pdf"]
    assert main([*args, "-o", str(tmp_path), "--name", "b"]) == 0
    lo = page_texts(convert_without_noto(tmp_path / "b.docx", tmp_path))
    ours = page_texts(tmp_path / "b.pdf")
    assert len(lo) == len(ours)
    assert [last_line(page) for page in lo] == [last_line(page) for page in ours]


def last_line(page: str) -> str:
    """The words of the last line of a page's body, above the footer and banner (dot leaders and spacing aside)."""
    lines = [line.strip() for line in page.splitlines() if line.strip()]
    return re.sub(r"[.\s]+", " ", lines[-3]) if len(lines) >= 3 else ""


def test_a_damaged_template_font_is_one_clear_message_and_nothing_written(tmp_path: Path, capsys):
    from app.cli.main import main
    from tests.conftest import SEEDS_DIR

    template = tmp_path / "house"
    shutil.copytree(SEEDS_DIR.parent / "templates" / "policy-brief", template)
    (template / "NotoSerif-Regular.ttf").write_bytes(b"\x00\x01\x00\x00" + bytes(range(256)) * 20)
    out = tmp_path / "out"
    args = ["build", str(SEEDS_DIR / "sample.brief"), "--template", str(template), "--format", "docx", "-o", str(out)]
    assert main(args) == 1
    assert "NotoSerif-Regular.ttf cannot be read: it is damaged or not a font" in capsys.readouterr().err
    assert not out.exists()
