"""The one way a template prints a figure, so the writers can find every figure in the markup.

Each figure is its own ``::: figure`` block: the image as ``![caption](figure:ID)``
and a line with the credit and the citation of its source.  The image's path
never appears in the markup (a template cannot print or choose a file); the
build hands the writers the figure ids' paths beside the markup.
"""

from __future__ import annotations

from urllib.parse import quote

from app.assemble.context import FigureView
from app.assemble.sandbox import Md, escape_markdown


def figure_markup(figure: FigureView) -> Md:
    """The ``::: figure`` block for ``figure``: caption and credit escaped, the id made safe for a link target."""
    if not isinstance(figure, FigureView):
        raise TypeError("figure() takes a figure (one of `figures`)")
    lines = [
        "::: figure",
        f"![{figure.mark}{escape_markdown(' '.join(figure.caption.split()))}](figure:{quote(figure.id, safe='')})",
    ]
    credit = escape_markdown(" ".join(figure.credit.split())) if figure.credit else ""
    cite = f"[@{figure.source.number}]" if figure.source else ""
    if credit or cite:
        lines += ["", " ".join(part for part in (credit, cite) if part)]
    return Md("\n".join([*lines, ":::", ""]))
