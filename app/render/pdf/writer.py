"""The PDF writer: Document + Style → PDF bytes, with reportlab platypus.

Layout runs once (no second pass for the page count: see pdf_page), so the
GUI can call this for a live preview.  Every failure leaves as an
``ExportError`` (or the ``StyleError`` of a missing font) with a message for
the analyst, never as a raw reportlab exception.
"""

from __future__ import annotations

import io
from functools import partial

from reportlab.pdfbase.pdfdoc import XMP
from reportlab.platypus import BaseDocTemplate, Flowable, Image, PageTemplate, Spacer
from reportlab.platypus.doctemplate import LayoutError

from app.core.collection import collection_paused
from app.core.document import Document, PageLayout, document_footnotes
from app.core.errors import BriefgenError, ExportError
from app.core.formats import BuiltBrief
from app.core.style import Style
from app.render.contents import place_contents
from app.render.logo import SPACE_AFTER_PT, LogoImage, style_logo
from app.render.numbering import number_headings
from app.render.pdf.blocks import Context, FlowableBuilder
from app.render.pdf.contents import heading_key
from app.render.pdf.coverage import shown_text
from app.render.pdf.fonts import register_fonts
from app.render.pdf.footnotes import NotesFrame
from app.render.pdf.page import DeferredCanvas, PageFurniture
from app.render.pdf.paragraph import BriefParagraph
from app.render.pdf.styles import StyleSheet
from app.render.pdf.xmp import xmp_packet

CREATOR = "Briefgen"
#: How much of a reportlab message to quote: its flowable descriptions can run to pages.
MAX_DETAIL = 300


def write_pdf(brief: BuiltBrief) -> bytes:
    """The format registry's entry point (``app.core.formats``)."""
    return render_pdf(brief.document, brief.style)


def render_pdf(document: Document, style: Style) -> bytes:
    """Lay out ``document`` in ``style`` and return the PDF file's bytes."""
    return lay_out_pdf(document, style)[0]


def lay_out_pdf(document: Document, style: Style) -> tuple[bytes, PageLayout]:
    """The PDF file's bytes and where its layout put things (page count, each heading's page), which the DOCX
    caches in its fields. The cycle collector is paused, as for the DOCX: a 100 × 5 brief took 1.3–2.1 s with it,
    varying with when it ran."""
    try:
        with collection_paused():
            return _render(document, style)
    except BriefgenError:
        raise
    except LayoutError as exc:
        raise ExportError(f"PDF layout failed: an element does not fit on a page ({_detail(exc)})") from exc
    except Exception as exc:  # reportlab raises many unrelated types; none may reach the user raw
        raise ExportError(f"PDF rendering failed: {type(exc).__name__}: {_detail(exc)}") from exc


def _render(document: Document, style: Style) -> tuple[bytes, PageLayout]:
    document = place_contents(document, style)
    if style.headings.numbering:
        document = number_headings(document)
    logo = style_logo(style)
    fonts = register_fonts(style, shown_text(document, style))
    furniture = PageFurniture(style, document.meta, fonts)
    builder = FlowableBuilder(StyleSheet(style, fonts), furniture.geometry.text_height)
    notes = {note.number: builder.note(note) for note in document_footnotes(document.blocks)}
    template = _BriefDocTemplate(io.BytesIO(), document, furniture, notes)
    flowables = builder.build_document(document.blocks, Context(furniture.geometry.text_width))
    if logo:
        flowables.insert(0, _logo(logo, style.logo_height_mm))
    template.build(flowables or [Spacer(0, 0)], canvasmaker=partial(DeferredCanvas, furniture=furniture))
    assert isinstance(template.canv, DeferredCanvas)  # what it was built with
    return template.filename.getvalue(), template.canv.layout


def _logo(logo: LogoImage, height_mm: float) -> Image:
    """The logo right-aligned above the first block and kept on its page, as the DOCX places it."""
    width, height = logo.size_pt(height_mm)
    image = Image(io.BytesIO(logo.data), width, height, mask="auto", hAlign="RIGHT")
    image.spaceAfter = SPACE_AFTER_PT
    image.keepWithNext = 1
    return image


def _detail(exc: Exception) -> str:
    text = " ".join(str(exc).split())
    return text if len(text) <= MAX_DETAIL else text[: MAX_DETAIL - 1] + "…"


class _BriefDocTemplate(BaseDocTemplate):
    """One frame per page; bookmarks every heading paragraph that carries an outline entry."""

    def __init__(
        self, output: io.BytesIO, document: Document, furniture: PageFurniture, notes: dict[int, BriefParagraph]
    ) -> None:
        g = furniture.geometry
        meta = document.meta
        super().__init__(
            output,
            pagesize=(g.width, g.height),
            leftMargin=g.left,
            rightMargin=g.right,
            topMargin=g.top,
            bottomMargin=g.bottom,
            title=meta.title,
            author=meta.author,
            subject=meta.subject,
            keywords=list(meta.keywords),
            creator=CREATOR,
            lang=meta.language or None,
            initialFontName=furniture.fonts.body,  # else reportlab references (unembedded) Helvetica
        )
        frame = NotesFrame(g.left, g.bottom, g.text_width, g.text_height, notes, furniture.style.colours.rule)
        self.addPageTemplates(
            [PageTemplate(id="page", frames=[frame], onPageEnd=lambda canvas, _: frame.draw_notes(canvas))]
        )
        self._outline_level = -1
        self._bookmarks = 0
        self._language, self._keywords = meta.language, list(meta.keywords)

    def beforeDocument(self) -> None:
        """The XMP metadata, written from the information dictionary when the file is (app/render/pdf/xmp.py)."""
        language, keywords = self._language, self._keywords
        packet = lambda doc: xmp_packet(doc, language, keywords)  # noqa: E731  (reportlab calls it when writing)
        self.canv._doc.Catalog.Metadata = XMP(creator=packet)  # type: ignore[attr-defined]

    def afterFlowable(self, flowable: Flowable) -> None:
        if not isinstance(flowable, BriefParagraph) or flowable.outline_entry is None:
            return
        entry = flowable.outline_entry
        # The PDF outline cannot skip levels (H1 → H3), so a heading nests at most one deeper than the last.
        level = max(0, min(entry.level - 1, self._outline_level + 1))
        self._outline_level = level
        self._bookmarks += 1
        canvas = self.canv
        assert isinstance(canvas, DeferredCanvas)  # what _render builds with
        if entry.heading is None:
            key = f"b{self._bookmarks}"
        else:
            key = heading_key(entry.heading)
            canvas.heading_placed(entry.heading)
        # Frame._y, private and not in the stubs: the bottom of what was just placed
        top = self.frame._y + flowable.height + flowable.style.fontSize  # type: ignore[attr-defined]
        canvas.bookmark_here(key, top)
        canvas.addOutlineEntry(entry.title, key, level=level)
        if self._bookmarks == 1:
            canvas.showOutline()
