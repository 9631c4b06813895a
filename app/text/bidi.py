"""Text direction for right-to-left scripts: which way a paragraph runs and how a line is reordered.

Both writers ask the same questions of the same text, so a paragraph is
right-to-left in the DOCX exactly when it is in the PDF:

* ``base_direction``: a paragraph's direction.  The Unicode rule (P2, the
  first strong character) reads a mostly-Arabic paragraph that opens with a
  Latin name ("Hussein Allawi قال إن …") as left-to-right, which puts the
  Arabic sentence in the wrong order.  Here the *majority* of strong
  characters decides (Arabic and Hebrew letters against Latin, Greek, Cyrillic
  …), the first strong character breaks a tie, and text with no strong
  character at all (digits, punctuation, nothing) is left-to-right.  Digits
  are weak, so a leading number never decides.
* ``rtl_spans``: the stretches a DOCX marks as right-to-left runs, and that the
  PDF sets in the Arabic font: from a right-to-left letter to the last one
  before the next left-to-right letter, so spaces, digits and punctuation
  between Arabic words belong to the Arabic text, and a full stop after an
  Arabic quotation in an English sentence does not.
* ``embedding_levels`` and ``visual_order``: the Unicode Bidirectional
  Algorithm (UAX #9) for one paragraph, rules W1–W7, N0–N2, I1–I2 and L1–L2,
  which the PDF writer needs to draw each wrapped line in visual order.
  Explicit direction controls (LRE, RLO, LRI … U+202A–U+202E, U+2066–U+2069)
  are not interpreted: embeddings and overrides are ignored, isolates count as
  neutral characters; analysts' text practically never carries them.

Arabic script is recognised in the Arabic, Arabic Supplement, Extended-A/B and
Presentation Forms A/B blocks (plus Rumi numerals and the mathematical
alphabet).  Hebrew and the other right-to-left scripts are right-to-left too
(ordering), but no Hebrew font ships, so they are not *Arabic*: the writers set
them in the paragraph's own font (or whichever font covers them).

Pure Python and standard library: no Qt, no reportlab.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

LTR = "ltr"
RTL = "rtl"

_ARABIC_RANGES = (
    "\u0600-\u06ff"  # Arabic
    "\u0750-\u077f"  # Arabic Supplement
    "\u0870-\u089f"  # Arabic Extended-B
    "\u08a0-\u08ff"  # Arabic Extended-A
    "\ufb50-\ufdff"  # Arabic Presentation Forms-A
    "\ufe70-\ufefe"  # Arabic Presentation Forms-B (without U+FEFF, the byte order mark)
    "\U00010e60-\U00010e7f"  # Rumi Numeral Symbols
    "\U0001ee00-\U0001eeff"  # Arabic Mathematical Alphabetic Symbols
)
_ARABIC = re.compile(f"[{_ARABIC_RANGES}]")

#: Blocks whose letters are right-to-left (Hebrew, Arabic, Syriac, Thaana, NKo, Samaritan, Mandaic, …).
_RTL_BLOCKS = re.compile(
    "[\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufefe\U00010800-\U00010fff\U0001e800-\U0001efff\u200f\u202b\u202e\u2067]"
)

_STRONG_RTL = frozenset({"R", "AL"})
#: Characters the algorithm removes (X9): explicit embeddings and overrides, and boundary neutrals.
_REMOVED = frozenset({"RLE", "LRE", "RLO", "LRO", "PDF", "BN"})
#: Neutral and isolate types for N1/N2 (isolate initiators count as neutrals here).
_NEUTRAL = frozenset({"B", "S", "WS", "ON", "LRI", "RLI", "FSI", "PDI"})
#: Types that L1 resets to the paragraph level at the end of a line.
_TRAILING = frozenset({"WS", "LRI", "RLI", "FSI", "PDI", *_REMOVED})

#: Bracket pairs for N0: every pair of BidiBrackets.txt (opening and closing code points).
_BRACKET_PAIRS = (
    (0x0028, 0x0029), (0x005B, 0x005D), (0x007B, 0x007D), (0x0F3A, 0x0F3B), (0x0F3C, 0x0F3D), (0x169B, 0x169C),
    (0x2045, 0x2046), (0x207D, 0x207E), (0x208D, 0x208E), (0x2308, 0x2309), (0x230A, 0x230B), (0x2329, 0x232A),
    (0x2768, 0x2769), (0x276A, 0x276B), (0x276C, 0x276D), (0x276E, 0x276F), (0x2770, 0x2771), (0x2772, 0x2773),
    (0x2774, 0x2775), (0x27C5, 0x27C6), (0x27E6, 0x27E7), (0x27E8, 0x27E9), (0x27EA, 0x27EB), (0x27EC, 0x27ED),
    (0x27EE, 0x27EF), (0x2983, 0x2984), (0x2985, 0x2986), (0x2987, 0x2988), (0x2989, 0x298A), (0x298B, 0x298C),
    (0x298D, 0x2990), (0x298F, 0x298E), (0x2991, 0x2992), (0x2993, 0x2994), (0x2995, 0x2996), (0x2997, 0x2998),
    (0x29D8, 0x29D9), (0x29DA, 0x29DB), (0x29FC, 0x29FD), (0x2E22, 0x2E23), (0x2E24, 0x2E25), (0x2E26, 0x2E27),
    (0x2E28, 0x2E29), (0x2E55, 0x2E56), (0x2E57, 0x2E58), (0x2E59, 0x2E5A), (0x2E5B, 0x2E5C), (0x3008, 0x3009),
    (0x300A, 0x300B), (0x300C, 0x300D), (0x300E, 0x300F), (0x3010, 0x3011), (0x3014, 0x3015), (0x3016, 0x3017),
    (0x3018, 0x3019), (0x301A, 0x301B), (0xFE59, 0xFE5A), (0xFE5B, 0xFE5C), (0xFE5D, 0xFE5E), (0xFF08, 0xFF09),
    (0xFF3B, 0xFF3D), (0xFF5B, 0xFF5D), (0xFF5F, 0xFF60), (0xFF62, 0xFF63),
)  # fmt: skip
_OPENING = {chr(opening): chr(closing) for opening, closing in _BRACKET_PAIRS}
_CLOSING = {v: k for k, v in _OPENING.items()}
#: BD16 pairs a bracket with its canonical equivalent too: U+2329/U+232A decompose to U+3008/U+3009.
_CANONICAL_BRACKET = {"\u2329": "\u3008", "\u232a": "\u3009"}
#: Maximum bracket nesting N0 tracks (BD16).
_MAX_BRACKET_DEPTH = 63

#: Glyph mirroring for characters drawn at a right-to-left level without a shaper (BidiMirroring.txt, in part).
MIRRORS = {
    **_OPENING,
    **_CLOSING,
    "<": ">",
    ">": "<",
    "«": "»",
    "»": "«",
    "‹": "›",
    "›": "‹",
    "≤": "≥",
    "≥": "≤",
    "〈": "〉",
    "〉": "〈",
    "《": "》",
    "》": "《",
    "『": "』",
    "』": "『",
    "【": "】",
    "】": "【",
}


def is_arabic(char: str) -> bool:
    """Whether ``char`` belongs to one of the Arabic-script blocks."""
    return _ARABIC.match(char) is not None


def has_arabic(text: str) -> bool:
    """Whether any character of ``text`` is Arabic script (the writers then need the Arabic font)."""
    return _ARABIC.search(text) is not None


def has_rtl(text: str) -> bool:
    """Whether ``text`` may contain right-to-left characters: a fast test that is False for Latin-only text."""
    return _RTL_BLOCKS.search(text) is not None


def bidi_class(char: str) -> str:
    """The Unicode Bidi_Class of ``char``; unassigned characters count as right-to-left in RTL blocks."""
    cls = unicodedata.bidirectional(char)
    if cls:
        return cls
    return "R" if _RTL_BLOCKS.match(char) else "L"


def _strong(char: str) -> str | None:
    """'R' for a right-to-left letter, 'L' for a left-to-right one, None for digits, marks and punctuation."""
    cls = bidi_class(char)
    return "R" if cls in _STRONG_RTL else "L" if cls == "L" else None


def base_direction(text: str) -> str:
    """``RTL`` when right-to-left letters outnumber left-to-right ones, else ``LTR`` (see the module notes)."""
    if not has_rtl(text):
        return LTR
    counts = {"L": 0, "R": 0}
    first = None
    for char in text:
        kind = _strong(char)
        if kind:
            counts[kind] += 1
            first = first or kind
    if counts["R"] != counts["L"]:
        return RTL if counts["R"] > counts["L"] else LTR
    return RTL if first == "R" else LTR


def is_rtl(text: str) -> bool:
    """Whether a paragraph of ``text`` runs right to left."""
    return base_direction(text) == RTL


def rtl_spans(text: str) -> list[tuple[int, int]]:
    """``(start, end)`` of each right-to-left stretch: first to last RTL letter with no LTR letter between.

    Every Arabic-script character counts as right-to-left here (its digits,
    comma and question mark too), and combining marks stay with the letter
    before them, so a final vowel sign belongs to its word.
    """
    spans: list[tuple[int, int]] = []
    start = end = -1
    previous: str | None = None
    for index, char in enumerate(text):
        kind = "R" if is_arabic(char) else _strong(char)
        if kind is None and previous == "R" and unicodedata.combining(char):
            kind = "R"
        if kind == "R":
            if start < 0:
                start = index
            end = index + 1
        elif kind == "L" and start >= 0:
            spans.append((start, end))
            start = -1
        if kind or not unicodedata.combining(char):
            previous = kind
    if start >= 0:
        spans.append((start, end))
    return spans


def split_by_direction(text: str) -> list[tuple[str, bool]]:
    """``text`` cut into ``(piece, right_to_left)`` pieces along ``rtl_spans``; the pieces join to ``text``."""
    pieces: list[tuple[str, bool]] = []
    position = 0
    for start, end in rtl_spans(text):
        if start > position:
            pieces.append((text[position:start], False))
        pieces.append((text[start:end], True))
        position = end
    if position < len(text):
        pieces.append((text[position:], False))
    return pieces


def embedding_levels(text: str, rtl: bool) -> list[int]:
    """The resolved embedding level of every character of one paragraph (UAX #9 without explicit controls).

    Even levels run left to right, odd ones right to left; the paragraph level is 1 when ``rtl``.
    """
    return list(_levels(text, rtl))


@lru_cache(maxsize=512)
def _levels(text: str, rtl: bool) -> tuple[int, ...]:
    base = 1 if rtl else 0
    all_types = [bidi_class(c) for c in text]
    kept = [i for i, t in enumerate(all_types) if t not in _REMOVED]
    types = [all_types[i] for i in kept]
    chars = [text[i] for i in kept]
    sos = "R" if rtl else "L"
    original = list(types)
    _resolve_weak(types, sos)
    _resolve_brackets(types, chars, original, sos)
    _resolve_neutral(types, sos)
    levels = [0] * len(text)
    for index, kind in zip(kept, types, strict=True):
        if base % 2 == 0:
            levels[index] = base + (1 if kind == "R" else 2 if kind in ("AN", "EN") else 0)
        else:
            levels[index] = base + (1 if kind in ("L", "EN", "AN") else 0)
    # Removed characters take the level of the character before them (they have no visible effect).
    previous = base
    keep = set(kept)
    for index in range(len(text)):
        if index in keep:
            previous = levels[index]
        else:
            levels[index] = previous
    return tuple(levels)


def _resolve_weak(types: list[str], sos: str) -> None:
    """W1–W7, in place; AL becomes R."""
    count = len(types)
    previous = sos
    for i, kind in enumerate(types):  # W1: a mark takes the type of the character before it
        if kind == "NSM":
            types[i] = "ON" if previous in ("LRI", "RLI", "FSI", "PDI") else previous
        previous = types[i]
    last_strong = sos
    for i, kind in enumerate(types):  # W2, W3
        if kind in ("L", "R", "AL"):
            last_strong = kind
            if kind == "AL":
                types[i] = "R"
        elif kind == "EN" and last_strong == "AL":
            types[i] = "AN"
    for i in range(1, count - 1):  # W4: one separator between two numbers of the same kind
        kind, before, after = types[i], types[i - 1], types[i + 1]
        if kind == "ES" and before == after == "EN":
            types[i] = "EN"
        elif kind == "CS" and before == after and before in ("EN", "AN"):
            types[i] = before
    i = 0
    while i < count:  # W5: terminators next to European numbers
        if types[i] != "ET":
            i += 1
            continue
        j = i
        while j < count and types[j] == "ET":
            j += 1
        if (i > 0 and types[i - 1] == "EN") or (j < count and types[j] == "EN"):
            types[i:j] = ["EN"] * (j - i)
        i = j
    last_strong = sos
    for i, kind in enumerate(types):  # W6, W7
        if kind in ("ES", "ET", "CS"):
            types[i] = "ON"
        elif kind in ("L", "R"):
            last_strong = kind
        elif kind == "EN" and last_strong == "L":
            types[i] = "L"


def _strong_of(kind: str) -> str | None:
    """Direction a resolved type gives neighbouring neutrals: numbers count as right-to-left (N1)."""
    if kind == "L":
        return "L"
    if kind in ("R", "EN", "AN"):
        return "R"
    return None


def _bracket_pairs(types: list[str], chars: list[str]) -> list[tuple[int, int]]:
    """BD16: matching bracket pairs among neutral characters, sorted by the opening bracket."""
    stack: list[tuple[str, int]] = []
    pairs: list[tuple[int, int]] = []
    for i, (kind, char) in enumerate(zip(types, chars, strict=True)):
        if kind != "ON":
            continue
        if char in _OPENING:
            if len(stack) >= _MAX_BRACKET_DEPTH:
                break
            closing = _OPENING[char]
            stack.append((_CANONICAL_BRACKET.get(closing, closing), i))
        elif char in _CLOSING:
            char = _CANONICAL_BRACKET.get(char, char)
            for depth in range(len(stack) - 1, -1, -1):
                if stack[depth][0] == char:
                    pairs.append((stack[depth][1], i))
                    del stack[depth:]
                    break
    return sorted(pairs)


def _resolve_brackets(types: list[str], chars: list[str], original: list[str], sos: str) -> None:
    """N0: a bracket pair takes the direction of the text it encloses, in the light of the text before it.

    ``original`` holds the types before W1, which tells the marks (NSM) that follow a bracket.
    """
    embedding = sos
    for opening, closing in _bracket_pairs(types, chars):
        inside = {_strong_of(t) for t in types[opening + 1 : closing]} - {None}
        if not inside:
            continue
        if embedding in inside:
            direction = embedding
        else:
            # The enclosed text runs against the paragraph: so do the brackets if the text before them does.
            direction = next((s for t in reversed(types[:opening]) if (s := _strong_of(t))), sos)
        types[opening] = types[closing] = direction
        for index in (opening, closing):  # marks after a bracket follow it (W1 made them ON)
            after = index + 1
            while after < len(types) and original[after] == "NSM":
                types[after] = direction
                after += 1


def _resolve_neutral(types: list[str], sos: str) -> None:
    """N1, N2: neutrals between text of one direction take it, other neutrals the paragraph direction."""
    count = len(types)
    i = 0
    while i < count:
        if types[i] not in _NEUTRAL:
            i += 1
            continue
        j = i
        while j < count and types[j] in _NEUTRAL:
            j += 1
        before = _strong_of(types[i - 1]) if i > 0 else sos
        after = _strong_of(types[j]) if j < count else sos
        direction = before if before is not None and before == after else sos
        types[i:j] = [direction] * (j - i)
        i = j


def line_levels(text: str, levels: list[int], start: int, end: int, rtl: bool) -> list[int]:
    """Levels of ``text[start:end]``, one line of the paragraph, after rule L1.

    Whitespace at the end of the line and before tabs goes back to the paragraph level.
    """
    base = 1 if rtl else 0
    result = list(levels[start:end])
    trailing = True
    for offset in range(end - start - 1, -1, -1):
        kind = bidi_class(text[start + offset])
        if kind in ("S", "B"):
            result[offset] = base
            trailing = True
        elif trailing and kind in _TRAILING:
            result[offset] = base
        else:
            trailing = False
    return result


def visual_order(levels: list[int]) -> list[int]:
    """Rule L2: indices of the items (characters or runs, each with one level) from left to right."""
    order = list(range(len(levels)))
    if not levels:
        return order
    highest = max(levels)
    lowest_odd = min((lv for lv in levels if lv % 2), default=highest + 1)
    for level in range(highest, lowest_odd - 1, -1):
        i = 0
        while i < len(order):
            if levels[order[i]] < level:
                i += 1
                continue
            j = i
            while j < len(order) and levels[order[j]] >= level:
                j += 1
            order[i:j] = order[i:j][::-1]
            i = j
    return order


def display(text: str, rtl: bool | None = None) -> str:
    """``text`` as one line in visual order with mirrored brackets (for checks and plain-text previews)."""
    if rtl is None:
        rtl = is_rtl(text)
    levels = line_levels(text, embedding_levels(text, rtl), 0, len(text), rtl)
    return "".join(MIRRORS.get(text[i], text[i]) if levels[i] % 2 else text[i] for i in visual_order(levels))
