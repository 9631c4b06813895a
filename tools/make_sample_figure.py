"""Draw the sample brief's figure, seeds/figures/recruitment-timeline.png, from the sample source's facts.

The sample brief (seeds/sample.brief) shows every kind of item, a figure
included; this draws that figure, a timeline of what the Peregraf article
reports (its title is the brief's caption), in the bundled fonts, so it can be
re-made exactly:
``.venv/bin/python tools/make_sample_figure.py``.
"""

from __future__ import annotations

import textwrap
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

ROOT = Path(__file__).resolve().parent.parent
FONTS = ROOT / "assets" / "fonts"
OUTPUT = ROOT / "seeds" / "figures" / "recruitment-timeline.png"

WIDTH, HEIGHT = 1800, 600
INK, MUTED, LINE, ACCENT, PAPER = (33, 37, 41), (90, 98, 106), (31, 56, 100), (176, 58, 46), (255, 255, 255)
EVENTS = [
    ("Earlier", "Judicial Council head Faiq Zaidan warns that joining a foreign army means prison"),
    ("Late 2025", "PM adviser Hussein Allawi says nearly 5,000 Iraqis have joined the Russian army"),
    ("25 Dec 2025", "Allawi on Al-Hadath: the government is monitoring; figures are being verified"),
    ("Committee meeting", "NSA Qassim al-Araji's committee activates penal code provisions"),
    ("Pending", "Recommendations go to Prime Minister al-Sudani for final approval"),
]


def font(name: str, size: int) -> ImageFont.FreeTypeFont:
    return ImageFont.truetype(str(FONTS / name), size)


def draw() -> Image.Image:
    image = Image.new("RGB", (WIDTH, HEIGHT), PAPER)
    pen = ImageDraw.Draw(image)
    axis_y, left, right = HEIGHT // 2, 250, WIDTH - 250
    pen.line((left - 120, axis_y, right + 120, axis_y), fill=LINE, width=6)
    step = (right - left) / (len(EVENTS) - 1)
    when_font, what_font = font("NotoSans-Bold.ttf", 30), font("NotoSans-Regular.ttf", 26)
    for number, (when, what) in enumerate(EVENTS):
        x = left + number * step
        colour = ACCENT if number == len(EVENTS) - 1 else LINE
        pen.ellipse((x - 18, axis_y - 18, x + 18, axis_y + 18), fill=colour, outline=PAPER, width=4)
        lines = [when, *textwrap.wrap(what, 24, break_on_hyphens=False)]
        heights = [38] + [34] * (len(lines) - 1)
        above = number % 2 == 0
        y = axis_y - 50 - sum(heights) if above else axis_y + 46
        pen.line((x, axis_y - 24 if above else axis_y + 24, x, axis_y - 44 if above else axis_y + 40), fill=MUTED)
        for line, height in zip(lines, heights, strict=True):
            face = when_font if line is when else what_font
            width = pen.textlength(line, font=face)
            pen.text((x - width / 2, y), line, font=face, fill=colour if line is when else INK)
            y += height
    return image


if __name__ == "__main__":
    OUTPUT.parent.mkdir(parents=True, exist_ok=True)
    draw().save(OUTPUT, optimize=True)
    print(OUTPUT)
