"""Figures a source shows: its images, checked like an analyst's image files, placed in their section.

Readers find images (a web page's captioned pictures, a Word file's pictures)
and hand them over as FoundFigure with the heading they follow; here each is
checked (real format, size, pixel count), icons and spacers too small to be a
figure are left out, a picture shown twice is offered once, and each gets an
id and the section it sits in.  A source offers at most ``MAX_FIGURES``
figures and ``MAX_FIGURE_BYTES_PER_SOURCE`` of image data (a page could point
at a thousand large files); the reader asks the budget before reading each
image, so the rest are never read.
"""

from __future__ import annotations

import hashlib
import io
import re
from collections.abc import Sequence
from dataclasses import dataclass

from PIL import Image

from app.core.images import CONVERTED_FORMATS, FIGURE, FORMATS, check_image
from app.core.model import Section, SourceFigure
from app.ingest.limits import shorten_field
from app.text.controls import strip_controls

#: Figures one source offers; the images after these are not read.
MAX_FIGURES = 100
#: Image bytes one source may hold (its figures travel with it).
MAX_FIGURE_BYTES_PER_SOURCE = 100 * 1024 * 1024
#: Narrower or lower than this, an image is an icon, a bullet, a spacer or a tracking pixel, not a figure.
MIN_FIGURE_SIDE_PX = 100
FIGURE_FORMATS = FORMATS + CONVERTED_FORMATS


@dataclass(frozen=True)
class FoundFigure:
    """An image as a reader found it: its bytes, caption, credit, and the heading before it ("" in the lead)."""

    data: bytes
    caption: str = ""
    credit: str = ""
    heading: str = ""


class FigureBudget:
    """How many more images, and bytes of them, a reader may still take from one source."""

    def __init__(self) -> None:
        self.figures = MAX_FIGURES
        self.bytes = MAX_FIGURE_BYTES_PER_SOURCE

    @property
    def spent(self) -> bool:
        return self.figures <= 0 or self.bytes <= 0

    def room_for(self, size: int) -> bool:
        """Whether an image of ``size`` bytes may be read; takes it from the budget when it may."""
        if self.spent or size > self.bytes:
            return False
        self.figures -= 1
        self.bytes -= size
        return True


#: "Figure 3: " before a caption: the brief numbers its figures itself.
_NUMBER = re.compile(r"^(?:figure|fig\.?|chart|graph|map|image|photo|exhibit)\s*\d+[a-z]?\s*[:.—–-]\s*", re.I)
#: "… Source: EIA" or "… Photo: Reuters" ending a caption: the credit, printed apart.
_CREDIT = re.compile(
    r"[\s.;,(]+(?:source|sources|credit|photo|image|photograph)\s*:\s*(?P<credit>[^()]+?)\)?\s*$", re.I
)


def may_be_a_figure(data: bytes) -> bool:
    """Whether ``data`` has the header of an image Briefgen prints and is large enough to be a figure.

    A cheap look before a reader gives an image its caption: a caption taken for a picture that is then
    left out (an EMF drawing, an icon) would be lost with it. The full check comes in ``source_figures``.
    """
    try:
        with Image.open(io.BytesIO(data)) as image:
            usable = image.format in FIGURE_FORMATS
            return usable and min(image.size) >= MIN_FIGURE_SIDE_PX
    except (OSError, SyntaxError, ValueError, Image.DecompressionBombError):
        return False


def _clean(text: str) -> str:
    return shorten_field(" ".join(strip_controls(text).split()))


def caption_and_credit(caption: str, credit: str) -> tuple[str, str]:
    """The caption without its own number, and the credit, taken from the caption's end when it names one."""
    caption = _NUMBER.sub("", _clean(caption), count=1)
    match = _CREDIT.search(caption) if not credit.strip() else None
    if match is not None:
        caption, credit = caption[: match.start()].rstrip(" .;,") + ".", match["credit"]
    return caption.strip(), _clean(credit)


def source_figures(found: Sequence[FoundFigure], sections: Sequence[Section]) -> list[SourceFigure]:
    """The usable figures among ``found``, numbered in order and placed under the section whose heading they
    follow (the lead, or the section of the figure before, when the heading is not a section's)."""
    figures: list[SourceFigure] = []
    seen: set[bytes] = set()
    at = 0  # sections come in source order, so the search for each figure's heading starts where the last ended
    for figure in found:
        digest = hashlib.sha256(figure.data).digest()
        if digest in seen or not sections:
            continue
        try:
            image = check_image(figure.data, FIGURE, "an image of the source")
        except ValueError:
            continue  # a broken or unsupported picture in a source is not offered, and nothing else is lost
        if min(image.width_px, image.height_px) < MIN_FIGURE_SIDE_PX:
            continue
        seen.add(digest)
        caption, credit = caption_and_credit(figure.caption, figure.credit)
        at = _section_after(sections, " ".join(figure.heading.split()), at)
        figures.append(
            SourceFigure(
                id=f"figure-{len(figures) + 1}",
                section_id=sections[at].id,
                caption=caption,
                credit=credit,
                width_px=image.width_px,
                height_px=image.height_px,
                format="JPEG" if image.format == "JPEG" else "PNG",
                data=image.data,
            )
        )
    return figures


def _section_after(sections: Sequence[Section], heading: str, start: int) -> int:
    """Index of the first section from ``start`` on with ``heading``; ``start`` when there is none."""
    if not heading:
        return start
    return next((i for i in range(start, len(sections)) if sections[i].heading == heading), start)
