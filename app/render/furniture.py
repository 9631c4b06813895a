"""How far the running header or footer and the banner reach out from the text block, for both writers.

The furniture hugs the text block: from its edge outwards come a gap, the rule,
the running text, another gap and the banner.  The PDF draws it that way; the
DOCX sets Word's header and footer distances from these same figures, so with
any margin the banners and running text sit where the PDF has them instead of
at a fixed distance from the paper's edge.
"""

from __future__ import annotations

from reportlab.lib.units import mm

from app.core.style import Style

#: Height of a classification band, in points (the DOCX banner paragraph is padded to the same height).
BANNER_HEIGHT = 14.0
#: Gap between the text block and the header/footer rule.
RULE_GAP = 8.0
#: Gap between the rule and the header/footer text (baseline side).
TEXT_GAP = 4.0
#: Gap between the header/footer text and the banner.
BANNER_GAP = 4.0
#: The furniture never comes closer than this to the paper edge; the text block shrinks instead.
EDGE_GAP = 5 * mm


def furniture_extent(style: Style, running_text: bool, banner: bool) -> float:
    """Points between the text block and the outer edge of the header (or footer) with its banner."""
    reach = RULE_GAP + (TEXT_GAP + style.sizes.small + BANNER_GAP if running_text else 0)
    return reach + (BANNER_HEIGHT if banner else 0)


def block_margin(margin_mm: float, extent: float) -> float:
    """Points from the paper's edge to the text block: the style's margin, or more when the furniture needs it.

    Both writers take the text block's edge from here.  Word and LibreOffice would otherwise let a tall header
    reach into the gap below it, starting the DOCX's text higher than the PDF's and breaking pages apart."""
    return max(margin_mm * mm, extent + EDGE_GAP)


#: Room above the rule that separates footnotes from the text, and between it and the first note (the DOCX's
#: separator paragraph is as tall as both).
NOTE_RULE_GAP_ABOVE, NOTE_RULE_GAP_BELOW = 3.0, 2.0
