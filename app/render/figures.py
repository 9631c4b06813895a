"""What both writers print for a figure: its size on the page, its caption line and its credit line.

Worked out once here so the DOCX and the PDF agree to the point and the character:

- the image keeps its aspect ratio and is at most its natural size at NATURAL_DPI
  (a small image is not blown up into a blur), at most the text width, and at
  most MAX_HEIGHT_SHARE of the text block tall, so a tall portrait image still
  leaves room on its page for the caption and credit it is kept with;
- the caption reads "Figure N. Caption" with "Figure N." in bold;
- the credit reads "Credit: Agency [3]", or "Source: [3]" when only the
  citation is given, and is left out when there is neither.
"""

from __future__ import annotations

from app.core.document import Citation, Figure, Inline, Run

#: Pixels per inch an image is printed at when it fits: its largest size on the page.
NATURAL_DPI = 150
#: The tallest an image may be, as a share of the text block's height.
MAX_HEIGHT_SHARE = 0.6
#: Space above a figure's image and between it and the caption, in points.
SPACE_BEFORE_PT = 6.0
CAPTION_GAP_PT = 4.0
#: Extra space after a figure's last line, beyond the paragraph gap, in points: as after tables and boxes.
SPACE_AFTER_EXTRA_PT = 4.0


def figure_size_pt(figure: Figure, width: float, height: float) -> tuple[float, float]:
    """The image's width and height in points inside a text block ``width`` × ``height`` points."""
    natural_width = figure.width_px * 72 / NATURAL_DPI
    natural_height = figure.height_px * 72 / NATURAL_DPI
    scale = min(1.0, width / natural_width, height * MAX_HEIGHT_SHARE / natural_height)
    return natural_width * scale, natural_height * scale


def caption_inlines(figure: Figure) -> list[Inline]:
    """ "Figure N. Caption", the label in bold; just "Figure N." for a figure without a caption."""
    label = f"Figure {figure.number}."
    return [Run(f"{label} ", bold=True), *figure.caption] if figure.caption else [Run(label, bold=True)]


def credit_inlines(figure: Figure) -> list[Inline]:
    """ "Credit: Agency [3]", "Source: [3]" for a bare citation, or nothing when there is no credit."""
    if not figure.credit:
        return []
    worded = any(isinstance(i, Run) and i.text.strip() for i in figure.credit)
    bare = [i for i in figure.credit if isinstance(i, Citation)]
    return [Run("Credit: "), *figure.credit] if worded else [Run("Source: "), *bare]
