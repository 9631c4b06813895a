"""Whether a PDF font is bold, whichever way the file says so.

Names carry the weight in many spellings (Helvetica-Bold, Arial-Black, MyriadPro-Semibold, Frutiger-Medi,
Gotham-Heavy, Futura-Demi), and many embedded subsets say it only in the font descriptor: a FontWeight of 600
or more, or the ForceBold flag. Any one of these is enough.
"""

from __future__ import annotations

#: Weight words in font names; "medi" covers abbreviated Medium cuts (Frutiger-Medi), which typesetters use as
#: their bold.
BOLD_NAMES = ("bold", "black", "heavy", "semibold", "demi", "medi")
#: The descriptor's ForceBold flag (bit 19 of /Flags).
FORCE_BOLD = 1 << 18
#: The lightest FontWeight counted as bold (600 is semibold on the 100–900 scale).
BOLD_WEIGHT = 600


def is_bold(name: str, weight: float, flags: int) -> bool:
    """Bold by name, by weight or by the ForceBold flag."""
    lowered = name.lower()
    return any(mark in lowered for mark in BOLD_NAMES) or weight >= BOLD_WEIGHT or bool(flags & FORCE_BOLD)
