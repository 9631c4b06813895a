"""Page geometry, the page furniture (banners, running header and footer) and the canvas that draws it.

"Page N of M" needs M before any page is written, so the canvas holds every
page back until the layout is finished (the NumberedCanvas recipe), then draws
the furniture and writes the pages.  Bookmarks are held back with the pages
because reportlab binds a bookmark to the page being *written*, which during
layout would always be the first one.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import IO, Any

from reportlab.lib.colors import HexColor
from reportlab.lib.pagesizes import A4, LETTER
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas

from app.core.document import DocumentMeta, PageLayout
from app.core.style import Style, expand_fields
from app.render.furniture import BANNER_GAP, BANNER_HEIGHT, RULE_GAP, TEXT_GAP, block_margin, furniture_extent
from app.render.pdf.bidi import draw_line, line_width
from app.render.pdf.fonts import FontSet

PAGE_SIZES = {"A4": A4, "Letter": LETTER}

RULE_WIDTH = 0.5
ELLIPSIS = "…"


@dataclass(frozen=True)
class PageGeometry:
    """Paper size and the text block; margins grow when the furniture would not fit in them."""

    width: float
    height: float
    left: float
    right: float
    top: float
    bottom: float

    @property
    def text_width(self) -> float:
        return self.width - self.left - self.right

    @property
    def text_height(self) -> float:
        return self.height - self.top - self.bottom


class PageFurniture:
    """Draws banners, header and footer on one finished page, knowing the page count."""

    def __init__(self, style: Style, meta: DocumentMeta, fonts: FontSet) -> None:
        self.style = style
        self.fonts = fonts
        self.bold_font = fonts.bold(fonts.heading)
        self.marking = meta.classification.strip() if style.banner.show else ""
        self.header = [expand_fields(t, meta) for t in (style.header.left, style.header.right)]
        self.footer = [expand_fields(t, meta) for t in (style.footer.left, style.footer.right)]
        self.geometry = self._geometry()

    def _geometry(self) -> PageGeometry:
        page = self.style.page
        width, height = PAGE_SIZES[page.size]
        top = block_margin(page.margin_top_mm, self._extent(self.header))
        bottom = block_margin(page.margin_bottom_mm, self._extent(self.footer))
        return PageGeometry(width, height, page.margin_left_mm * mm, page.margin_right_mm * mm, top, bottom)

    def _extent(self, texts: list[list[str]]) -> float:
        """How far header (or footer) and banner reach out from the text block."""
        return furniture_extent(self.style, running_text=any(texts), banner=bool(self.marking))

    def draw(self, canvas: Canvas, page: int, pages: int) -> None:
        canvas.saveState()
        g = self.geometry
        top_edge, bottom_edge = g.height - g.top + RULE_GAP, g.bottom - RULE_GAP
        if any(self.header):
            self._rule(canvas, top_edge)
            self._texts(canvas, self.header, top_edge + TEXT_GAP, page, pages)
            top_edge += TEXT_GAP + self.style.sizes.small + BANNER_GAP
        if any(self.footer):
            self._rule(canvas, bottom_edge)
            baseline = bottom_edge - TEXT_GAP - self.style.sizes.small * 0.75
            self._texts(canvas, self.footer, baseline, page, pages)
            bottom_edge -= TEXT_GAP + self.style.sizes.small + BANNER_GAP
        if self.marking:
            self._banner(canvas, top_edge)
            self._banner(canvas, bottom_edge - BANNER_HEIGHT)
        canvas.restoreState()

    def _rule(self, canvas: Canvas, y: float) -> None:
        canvas.setStrokeColor(HexColor(self.style.colours.rule))
        canvas.setLineWidth(RULE_WIDTH)
        canvas.line(self.geometry.left, y, self.geometry.width - self.geometry.right, y)

    def _texts(self, canvas: Canvas, pieces: list[list[str]], baseline: float, page: int, pages: int) -> None:
        """Left and right text on one baseline; the left one is shortened rather than overlap the right."""
        size = self.style.sizes.small
        font = self.fonts.heading
        left, right = (_fill_page_fields(p, page, pages) for p in pieces)
        fonts = self.fonts
        right_width = line_width(right, font, size, fonts)
        room = self.geometry.text_width - right_width - (12 if right else 0)
        canvas.setFont(font, size)
        canvas.setFillColor(HexColor(self.style.colours.muted))
        draw_line(canvas, self.geometry.left, baseline, _fit(left, font, size, room, fonts), font, size, fonts)
        draw_line(canvas, self.geometry.width - self.geometry.right - right_width, baseline, right, font, size, fonts)

    def _banner(self, canvas: Canvas, y: float) -> None:
        """A band of the marking's colour with the marking centred; long markings shrink to fit."""
        g = self.geometry
        canvas.setFillColor(HexColor(self.style.banner.colour_for(self.marking)))
        canvas.rect(g.left, y, g.text_width, BANNER_HEIGHT, stroke=0, fill=1)
        size = self.style.sizes.small + 1
        fonts = self.fonts
        size = min(size, size * (g.text_width - 8) / line_width(self.marking, self.bold_font, size, fonts))
        width = line_width(self.marking, self.bold_font, size, fonts)
        canvas.setFont(self.bold_font, size)
        canvas.setFillColor(HexColor(self.style.banner.text_colour))
        x, y = g.left + g.text_width / 2 - width / 2, y + (BANNER_HEIGHT - size * 0.7) / 2
        draw_line(canvas, x, y, self.marking, self.bold_font, size, fonts)


def _fill_page_fields(pieces: list[str], page: int, pages: int) -> str:
    return "".join({"{page}": str(page), "{pages}": str(pages)}.get(p, p) for p in pieces)


def _fit(text: str, font: str, size: float, room: float, fonts: FontSet) -> str:
    """``text`` cut at the end (of its logical order) with an ellipsis so it is at most ``room`` points wide.

    The cut is the longest start of ``text`` that fits with the ellipsis, found by bisection (a few dozen
    measurements, where cutting one character at a time took minutes for a title of a thousand words);
    spaces before the cut are dropped, so a cut at a word boundary reads "word…".
    """
    if line_width(text, font, size, fonts) <= room:
        return text
    fits, too_long = 0, len(text)  # text[:fits] + ELLIPSIS fits (or fits is 0), text[:too_long] + ELLIPSIS does not
    while too_long - fits > 1:
        middle = (fits + too_long) // 2
        if line_width(text[:middle] + ELLIPSIS, font, size, fonts) <= room:
            fits = middle
        else:
            too_long = middle
    return text[:fits].rstrip() + ELLIPSIS if fits else ""


class DeferredCanvas(Canvas):
    """Holds pages back until save(), then adds the furniture and bookmarks and writes them.

    Built by BaseDocTemplate through ``functools.partial(DeferredCanvas, furniture=...)``.
    """

    def __init__(self, filename: str | IO[bytes], *, furniture: PageFurniture, **kwargs: Any) -> None:
        super().__init__(filename, **kwargs)  # the page size and other settings BaseDocTemplate passes
        self._furniture = furniture
        self._held_pages: list[dict] = []
        self._page_bookmarks: list[tuple[str, float]] = []
        self._page_numbers: list[tuple[int, float, float, str, float, Any]] = []
        #: Top-level heading → the page it was placed on (``heading_placed``).
        self.heading_pages: dict[int, int] = {}

    @property
    def layout(self) -> PageLayout:
        """The page count and each heading's page: final once the layout is done."""
        return PageLayout(len(self._held_pages), dict(self.heading_pages))

    def heading_placed(self, heading: int) -> None:
        """Top-level heading ``heading`` was placed on the current page."""
        self.heading_pages.setdefault(heading, self.getPageNumber())

    def page_number_of(self, heading: int, right: float, baseline: float, font: str, size: float, colour: Any) -> None:
        """Draw the page of ``heading``, ending at ``right``, on the current page once the layout is done."""
        self._page_numbers.append((heading, right, baseline, font, size, colour))

    def bookmark_here(self, key: str, top: float) -> None:
        """Bookmark ``key`` at height ``top`` of the current page, once the page is written."""
        self._page_bookmarks.append((key, top))

    def showPage(self) -> None:
        self._held_pages.append(dict(self.__dict__))
        self._page_bookmarks = []
        self._page_numbers = []
        self._startPage()  # type: ignore[attr-defined]  # Canvas.showPage's own start of a page; private, unstubbed

    def save(self) -> None:
        pages = len(self._held_pages)
        for state in self._held_pages:
            self.__dict__.update(state)
            for key, top in self._page_bookmarks:
                self.bookmarkPage(key, fit="XYZ", left=0, top=top)
            self._draw_page_numbers()
            self._furniture.draw(self, self.getPageNumber(), pages)
            Canvas.showPage(self)
        Canvas.save(self)

    def _draw_page_numbers(self) -> None:
        self.saveState()
        for heading, right, baseline, font, size, colour in self._page_numbers:
            number = self.heading_pages.get(heading)
            if number is not None:
                self.setFont(font, size)
                self.setFillColor(colour)
                self.drawRightString(right, baseline, str(number))
        self.restoreState()
