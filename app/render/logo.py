"""The template's logo as both writers draw it.

Both writers put the logo in the text flow, right-aligned above the first
block, at ``style.logo_height_mm`` and the image's own aspect ratio, so the
DOCX and the PDF place it identically.  The file itself is checked when the
style loads (``app.core.images``).
"""

from __future__ import annotations

from app.core.errors import StyleError
from app.core.images import LogoImage, read_logo, resolve_logo
from app.core.style import Style

__all__ = ["SPACE_AFTER_PT", "LogoImage", "style_logo"]

#: Space between the logo and the first block, in points.
SPACE_AFTER_PT = 8.0


def style_logo(style: Style) -> LogoImage | None:
    """The style's logo for a writer, or None; StyleError if the file changed for the worse since loading."""
    if not style.logo:
        return None
    try:
        return read_logo(resolve_logo(style.logo, style.folder))
    except ValueError as exc:
        raise StyleError(f"logo: {exc}") from exc
