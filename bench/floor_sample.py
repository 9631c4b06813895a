"""The floor for building the sample: python-docx and reportlab alone writing the same text, no Briefgen.

    .venv/bin/python bench/floor_sample.py OUTPUT_FOLDER

Reads the sample brief's source as plain paragraphs and writes them as a DOCX
(one paragraph each, headings as Heading 1) and a PDF (reportlab platypus, the
same fonts Briefgen embeds). bench/bench_commands.py times it beside
``briefgen build seeds/sample.brief``: what the libraries cost is the least a
build can take.
"""

from __future__ import annotations

import sys
from pathlib import Path

import docx
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.platypus import Paragraph, SimpleDocTemplate

ROOT = Path(__file__).resolve().parents[1]
SOURCE = ROOT / "seeds" / "peregraf-iraq-russian-recruitment.txt"
FONTS = ROOT / "assets" / "fonts"


def main() -> int:
    out = Path(sys.argv[1])
    paragraphs = [line.strip() for line in SOURCE.read_text(encoding="utf-8").splitlines() if line.strip()]
    document = docx.Document()
    for text in paragraphs:
        document.add_paragraph(text, style="Heading 1" if len(text.split()) < 8 else None)
    document.save(str(out / "floor.docx"))
    for name, file in (("Serif", "NotoSerif-Regular.ttf"), ("Sans", "NotoSans-Regular.ttf")):
        pdfmetrics.registerFont(TTFont(name, str(FONTS / file)))
    body, heading = ParagraphStyle("body", fontName="Serif", fontSize=10.5), ParagraphStyle("h", fontName="Sans")
    story = [Paragraph(text, heading if len(text.split()) < 8 else body) for text in paragraphs]
    SimpleDocTemplate(str(out / "floor.pdf"), pagesize=A4).build(story)
    return 0


if __name__ == "__main__":
    sys.exit(main())
