"""The PDF paragraph's text: spaces collapsed as one rule says, fonts' subset codes found quickly and identically."""

from __future__ import annotations

import random

import pytest
from reportlab.pdfbase.pdfdoc import PDFDocument
from reportlab.pdfbase.ttfonts import TTFont

from app.core.style import Style
from app.render.pdf.fonts import register_fonts, registered_font
from app.render.pdf.paragraph_text import Piece, PlainText, collapse


def collapsed_one_char_at_a_time(pieces: list[Piece]) -> tuple[str, list[int]]:
    """The rule written character by character: runs of white space are one space, none at either end of the
    paragraph or beside a line break; no-break spaces are text.  Returns the text and each character's piece."""
    chars: list[str] = []
    owners: list[int] = []
    for number, piece in enumerate(pieces):
        for char in piece.text:
            if char == "\n":
                while chars and chars[-1] == " ":
                    chars.pop()
                    owners.pop()
                chars.append(char)
                owners.append(number)
            elif char.isspace() and char != "\xa0":
                if chars and chars[-1] not in " \n":
                    chars.append(" ")
                    owners.append(number)
            else:
                chars.append(char)
                owners.append(number)
    while chars and chars[-1] == " ":
        chars.pop()
        owners.pop()
    return "".join(chars), owners


@pytest.mark.parametrize("seed", range(300))
def test_collapse_matches_the_rule_character_by_character(seed: int) -> None:
    rng = random.Random(seed)
    alphabet = ["a", "b", " ", "  ", "\n", "\t", "\xa0", "\r\n", " \n ", "é"]
    pieces = [
        Piece("".join(rng.choice(alphabet) for _ in range(rng.randint(0, 6))), "F", 10)
        for _ in range(rng.randint(0, 6))
    ]
    text, starts = collapse(pieces)
    expected, owners = collapsed_one_char_at_a_time(pieces)
    assert text == expected
    ends = [*starts[1:], len(text)] if pieces else []
    assert [n for n, (a, b) in enumerate(zip(starts, ends, strict=True)) for _ in range(b - a)] == owners


def test_plain_text_words_and_widths() -> None:
    fonts = register_fonts(Style())
    bold = fonts.bold(fonts.body)
    text = PlainText(
        [Piece("The  committee ", fonts.body, 10), Piece("met", bold, 10), Piece(" today\u200bnow", fonts.body, 10)]
    )
    assert text.text == "The committee met today\u200bnow"
    assert [text.text[a:b] for a, b in text.words] == ["The", "committee", "met", "today", "now"]
    measures = text.measure(text.words)
    assert measures[2][1] == pytest.approx(registered_font(bold).stringWidth("met", 10))
    assert measures[1][0] == pytest.approx(registered_font(fonts.body).stringWidth(" ", 10))
    assert measures[4][0] == 0  # a zero-width space breaks but is not drawn
    assert [m[1] for m in measures] == pytest.approx([text.width(a, b) for a, b in text.words])


def test_subset_codes_are_reportlabs_own() -> None:
    """Every line written through the quick path gets exactly the (subset, codes) reportlab's own method gives, as
    the font's subsets fill up past the first 256 characters."""
    fonts = register_fonts(Style())
    font = registered_font(fonts.body)
    ours, theirs = PDFDocument(), PDFDocument()
    rng = random.Random(7)
    letters = [chr(c) for c in range(0x20, 0x17F) if ord(chr(c)) in font.face.charToGlyph] + ["\xa0", "\u4e00"]
    lines = ["plain ascii line", "no\xa0break", ""]
    lines += ["".join(rng.choice(letters[: 40 + n * 3]) for _ in range(30)) for n in range(120)]
    lines += ["plain ascii line", "no\xa0break"]
    for line in lines:
        assert font.splitString(line, ours) == TTFont.splitString(font, line, theirs), line
    assert len(font.state[ours].subsets) > 1  # the test reached the second subset


def test_a_paragraph_laid_out_again_keeps_its_lines_for_each_width() -> None:
    """The next preview lays out the same paragraph again from the lines remembered; another width or other words
    are broken anew."""
    from reportlab.lib.styles import ParagraphStyle

    from app.render.pdf.paragraph import BriefParagraph, paragraph_text

    fonts = register_fonts(Style())
    words = "The committee met again on Wednesday to review the measures against recruitment. " * 4
    style = ParagraphStyle("body", fontName=fonts.body, fontSize=10, leading=13)

    def lines(text: str, width: float) -> list[str]:
        paragraph = BriefParagraph(paragraph_text([Piece(text, fonts.body, 10)], fonts), style)
        paragraph.wrap(width, 1000)
        return [paragraph.content.text[start:end] for start, end in paragraph.lines]

    narrow, wide = lines(words, 200), lines(words, 400)
    assert len(narrow) > len(wide) and " ".join(narrow) == " ".join(wide) == words.strip()
    assert lines(words, 200) == narrow
    other = " ".join(lines(words.replace("Wednesday", "Thursday"), 200))
    assert "Thursday" in other and "Wednesday" not in other


def test_a_line_may_end_after_a_hyphen_between_letters_as_in_word_and_libreoffice() -> None:
    from reportlab.lib.styles import ParagraphStyle

    from app.render.pdf.paragraph import BriefParagraph, paragraph_text

    fonts = register_fonts(Style())
    text = "Read from the file: peregraf-iraq-russian-recruitment.txt, pages 3-5 and -2."
    style = ParagraphStyle("body", fontName=fonts.body, fontSize=10, leading=13)
    paragraph = BriefParagraph(paragraph_text([Piece(text, fonts.body, 10)], fonts), style)
    width = registered_font(fonts.body).stringWidth("Read from the file: peregraf-iraq-", 10) + 1
    paragraph.wrap(width, 1000)
    lines = [paragraph.content.text[start:end] for start, end in paragraph.lines]
    assert lines[0] == "Read from the file: peregraf-iraq-"  # not the whole name moved to the next line
    assert "".join(line if line.endswith("-") else line + " " for line in lines).strip() == text
    plain = PlainText([Piece(text, fonts.body, 10)])
    assert "3-5" in [plain.text[a:b] for a, b in plain.words]  # a hyphen before a digit does not break
    assert "-2." in [plain.text[a:b] for a, b in plain.words]
