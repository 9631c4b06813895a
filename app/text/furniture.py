"""Page furniture in text saved from news sites: bylines, photo credits, gallery counters and widget labels.

A news page copied to plain text keeps lines that belonged to the page, not
to the article: "By", "Kevin C. Cox/Getty Images", "1 of 18.", "Enlarge",
"Loading Photo Gallery", "Follow us on Twitter", "$1,299". They are short and
capitalised, so they look like headings, and they come first, so they would
become the derived title ("Kevin C", cut at the initial). They stay in the
text (nothing is dropped), but are neither headings nor titles.
"""

from __future__ import annotations

import re

#: Labels of page widgets, compared lower-cased with trailing punctuation removed.
_LABELS = {
    "advertisement", "enlarge", "enlarge this image", "loading photo gallery", "loading", "hide caption",
    "toggle caption", "view full size image", "photo", "image", "video", "by", "share", "share this",
    "share this video", "share this article", "share this story", "tweet", "email", "print", "comments",
}  # fmt: skip
#: "Follow Lena on Twitter: @lena", "Like us on Facebook".
_SOCIAL = re.compile(
    r"^(?:follow|like|share|join|find)\b.{0,40}?\b(?:on|via) (?:twitter|facebook|instagram|linkedin|youtube|x)\b",
    re.IGNORECASE,
)
#: "1 of 18": a gallery's counter, alone or opening its caption ("1 of 18. Rescuers search the sea.").
_COUNTER = re.compile(r"\d{1,3} of \d{1,3}[.:]?")
_CAPTION = re.compile(r"\d{1,3} of \d{1,3}[.:]\s")
#: "Photo: …", "Credit: …", "Image courtesy of …", "(AP Photo/…)".
_CREDIT_LABEL = re.compile(
    r"^\(?(?:photo|photograph|image|picture|illustration|video|credit|source|caption)s?"
    r"(?: by| courtesy(?: of)?| credit)?\s*[:|/]|^\(?(?:AP|AFP|Reuters|Getty) Photo\b",
    re.IGNORECASE,
)
#: "Richard Vogel/AP", "Kevin C. Cox/Getty Images": a name (two words or more), a slash, an agency.
_SLASH_CREDIT = re.compile(r"^[A-Z][\w.'’-]*(?: [A-Z&][\w.'’-]*){1,5}/[A-Z][\w.'’&-]*(?: [A-Z0-9][\w.'’-]*){0,4}\.?$")
#: "By Jane Doe", "BY JANE DOE AND JOHN ROE | Staff Writer": a byline, names only.
_BYLINE = re.compile(r"^(?:By|BY)\s+(?P<names>.+)$")
_BYLINE_MINOR = {"and", "&", "|", "/", "-", "—", "of", "the", "for", "at", "on", "in", "with"}
_BYLINE_MAX_WORDS = 12
#: "$1,299", "£6.99", "€ 20", "US$5 million".
_PRICE = re.compile(r"^(?:[A-Z]{0,3}[$€£¥]\s?\d[\d,.]*(?:\s?(?:[mb]n|[kmb]|million|billion))?)$", re.IGNORECASE)
#: A caption that ends in a price: "Drake by NailSpin at Etsy, $6".
_ENDS_WITH_PRICE = re.compile(r",\s*[A-Z]{0,3}[$€£¥]\s?\d[\d,.]*$")


#: Furniture is a line, not a paragraph: anything longer is article text, and is not scanned further.
_MAX_CHARS = 200


def is_furniture(line: str) -> bool:
    """A byline, credit, gallery counter, widget label, price or bare number rather than article text."""
    if len(line) > _MAX_CHARS:
        return False
    line = " ".join(line.split())
    if not any(ch.isalpha() for ch in line):
        return bool(line)  # bare numbers, times and symbols ("4419111", "07.13", "* * *")
    label = line.lower().rstrip(".:…")
    if label in _LABELS or _COUNTER.fullmatch(line):
        return True
    if _CREDIT_LABEL.match(line) or _SLASH_CREDIT.match(line) or _SOCIAL.match(line) or _is_byline(line):
        return True
    return bool(_PRICE.match(line) or _ENDS_WITH_PRICE.search(line))


def _is_byline(line: str) -> bool:
    match = _BYLINE.match(line.rstrip("."))
    if not match:
        return False
    words = match.group("names").split()
    if len(words) > _BYLINE_MAX_WORDS:
        return False
    names = [w for w in words if w.lower() not in _BYLINE_MINOR]
    return bool(names) and sum(1 for w in names if not w[0].islower()) / len(names) >= 0.75


def is_gallery_caption(paragraph: str) -> bool:
    """A photo caption under its gallery counter: "1 of 18. A rescuer surveys the sea …"."""
    return bool(_CAPTION.match(paragraph))
