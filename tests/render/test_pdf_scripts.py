"""The PDF draws every script a brief quotes: the bundled fonts and fallbacks cover Latin, Greek, Cyrillic, Arabic,
Hebrew, Devanagari, Thai, Chinese, Japanese and Korean, and what no font can draw is a warning, never silent."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest
from docx import Document as open_docx

from app.cli.main import main
from app.core.document import Document, DocumentMeta, Paragraph, Run
from app.core.style import Style
from app.render.pdf.coverage import coverage_warnings, script_name, undrawable
from app.render.pdf.writer import render_pdf

SAMPLES = {
    "Latin": "The ministry announced new measures on Tuesday.",
    "Greek": "Η κυβέρνηση ανακοίνωσε νέα μέτρα.",
    "Cyrillic": "Правительство объявило новые меры.",
    "Arabic": "أعلنت الحكومة إجراءات جديدة.",
    "Hebrew": "הממשלה הודיעה על צעדים חדשים.",
    "Devanagari": "सरकार ने नए उपायों की घोषणा की।",
    "Thai": "รัฐบาลประกาศมาตรการใหม่",
    "Chinese": "政府宣布了新的措施。",
    "Japanese": "政府は新しい対策を発表しました。",
    "Korean": "정부는 새로운 조치를 발표했습니다.",
}

pytestmark = pytest.mark.skipif(shutil.which("pdftotext") is None, reason="needs poppler-utils' pdftotext")


def _pdftotext(path: Path) -> str:
    return subprocess.run(
        ["pdftotext", "-enc", "UTF-8", str(path), "-"], capture_output=True, check=True
    ).stdout.decode()


def _source(folder: Path, text: str) -> Path:
    path = folder / "world.md"
    sections = "".join(f"## {script}\n\n{line}\n\n" for script, line in SAMPLES.items())
    path.write_text(f"# {text}\n\nLead paragraph of the report.\n\n{sections}", encoding="utf-8")
    return path


@pytest.mark.parametrize("script", SAMPLES)
def test_pdftotext_finds_every_script_of_the_brief(tmp_path: Path, script: str, capsys):
    source = _source(tmp_path, f"Report {SAMPLES[script][:12]}")
    assert main(["build", str(source), "--format", "pdf", "-o", str(tmp_path), "--name", "w"]) == 0
    assert "warning" not in capsys.readouterr().err
    text = _pdftotext(tmp_path / "w.pdf")
    expected = SAMPLES[script]
    if script == "Thai":  # pdftotext puts marks drawn above a letter where it pleases: every character is there
        assert set(expected) <= set(text)
    elif script in ("Arabic", "Hebrew"):  # right-to-left lines come out in visual order: each word is there
        assert all(word.strip(".") in text for word in expected.split())
    else:
        assert "".join(expected.split()) in "".join(text.split())


def test_a_script_no_font_draws_is_a_warning_naming_it(tmp_path: Path, capsys):
    source = tmp_path / "ethiopic.md"
    source.write_text("# Report\n\nThe greeting ሰላም ለዓለም was heard.\n", encoding="utf-8")
    assert main(["build", str(source), "--format", "docx,pdf", "-o", str(tmp_path), "--name", "e"]) == 0
    err = capsys.readouterr().err
    assert "briefgen: warning: the PDF cannot show 5 characters in Ethiopic (ለ ላ ም ሰ ዓ)" in err
    assert "fonts.fallback" in err
    assert "ሰላም" in "\n".join(p.text for p in open_docx(str(tmp_path / "e.docx")).paragraphs)


def test_no_warning_when_the_pdf_is_not_written(tmp_path: Path, capsys):
    source = tmp_path / "ethiopic.md"
    source.write_text("# Report\n\nThe greeting ሰላም was heard.\n", encoding="utf-8")
    assert main(["build", str(source), "--format", "docx", "-o", str(tmp_path)]) == 0
    assert capsys.readouterr().err == ""


def test_fallback_fonts_are_embedded_only_when_needed():
    latin = Document(DocumentMeta(title="T"), [Paragraph([Run("Plain English text.")])])
    korean = Document(DocumentMeta(title="T"), [Paragraph([Run("정부는 발표했습니다.")])])
    assert b"Nanum" not in render_pdf(latin, Style())
    assert b"Nanum" in render_pdf(korean, Style())
    assert undrawable(korean, Style()) == {}


@pytest.mark.parametrize(
    ("char", "name"), [("ሰ", "Ethiopic"), ("中", "Chinese/Japanese (Han)"), ("한", "Korean (Hangul)"), ("☃", "symbols")]
)
def test_scripts_are_named_as_a_reader_knows_them(char: str, name: str):
    assert script_name(char) == name


def test_a_template_without_fallbacks_warns_for_what_it_cannot_draw():
    style = Style.model_validate({"fonts": {"fallback": []}})
    korean = Document(DocumentMeta(title="T"), [Paragraph([Run("정부")])])
    (warning,) = coverage_warnings(korean, style)
    assert warning.startswith("the PDF cannot show 2 characters in Korean (Hangul) (부 정)")
