"""The ``::: figure`` container → a Figure block.

Templates print a figure as exactly::

    ::: figure
    ![CAPTION](figure:ITEM_ID)

    CREDIT [@n]
    :::

A template is untrusted, so it never names a file: ``figure:ITEM_ID`` is looked
up in the images the build passes in (the project's figure items, read and
checked by app.core.images).  A figure that names anything else, or an id the
brief has no image for, is a TemplateError rather than a silently missing
figure: it is a template bug, and the analyst would otherwise send a brief
without a figure they put in it.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from urllib.parse import unquote

from markdown_it.token import Token

from app.core.document import Figure, Inline
from app.core.errors import TemplateError
from app.core.images import CheckedImage

#: The scheme of a figure's image reference: ``figure:`` and the figure item's id.
SCHEME = "figure:"
CONTAINER = "figure"
_SHAPE = f"write ![caption]({SCHEME}ID) and then at most one paragraph of credit"


def figure_block(
    inlines: list[Token],
    images: Mapping[str, CheckedImage],
    number: int,
    flatten: Callable[[Token], list[Inline]],
) -> Figure:
    """The figure made of the container's paragraphs (their ``inline`` tokens, in order)."""
    if not 1 <= len(inlines) <= 2:
        raise TemplateError(f"a ::: {CONTAINER} container holds {len(inlines)} paragraphs; {_SHAPE}")
    image = _only_image(inlines[0])
    source = str(image.attrs.get("src", ""))
    if not source.startswith(SCHEME):
        raise TemplateError(f"a figure's image must be {SCHEME}ID, the id of a figure of the brief, not {source!r}")
    item_id = unquote(source[len(SCHEME) :])
    checked = images.get(item_id)
    if checked is None:
        raise TemplateError(f"the markup shows figure {item_id!r}, but the brief has no figure with that id")
    credit = flatten(inlines[1]) if len(inlines) == 2 else []
    return Figure(checked.data, checked.format, checked.width_px, checked.height_px, flatten(image), credit, number)


def _only_image(inline: Token) -> Token:
    """The figure's image token, which must be all its first paragraph holds (surrounding spaces aside)."""
    children = [c for c in inline.children or [] if not (c.type == "text" and not c.content.strip())]
    if len(children) != 1 or children[0].type != "image":
        raise TemplateError(f"a ::: {CONTAINER} container must start with its image alone; {_SHAPE}")
    return children[0]
