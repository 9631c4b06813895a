"""Characters that show nothing, or change the order in which others show: text made only of them is no text.

Zero-width spaces and joiners, word joiners and byte-order marks draw
nothing, and combining marks draw only on a letter; a file of nothing else
would load as thousands of empty "words". Direction embeddings, overrides
and isolates make a line display in another order than it reads
("exe.txt" shown as "txt.exe"); a brief lays out direction itself, so they
are removed on the way in. The marks real writing needs (Persian's
zero-width non-joiner, left-to-right and right-to-left marks) are kept.
"""

from __future__ import annotations

import re
import unicodedata

_DIRECTION_CONTROLS = re.compile("[\u202a-\u202e\u2066-\u2069]")


def without_direction_controls(text: str) -> str:
    return _DIRECTION_CONTROLS.sub("", text)


def has_visible_text(text: str) -> bool:
    """Whether any character draws something of its own: a letter, digit, punctuation mark or symbol.

    Real text answers at its first character; only text with nothing visible is read to the end.
    """
    return any(unicodedata.category(char)[0] in "LNPS" for char in text)
