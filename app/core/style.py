"""style.toml → Style: the visual settings both writers honour identically.

The models forbid unknown keys so a typo in a template's style file is reported
with the key's name instead of being silently ignored.
"""

from __future__ import annotations

import re
import string
from pathlib import Path
from typing import Annotated, Literal

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, ValidationError, ValidationInfo, field_validator
from pydantic_core import ErrorDetails

from app.core.document import DocumentMeta
from app.core.errors import StyleError
from app.core.images import read_logo, resolve_logo
from app.core.marking_schemes import DEFAULT_SCHEME
from app.core.markings import MarkingScheme
from app.core.paths import ASSETS_DIR

HEX_COLOUR = re.compile(r"^#[0-9a-fA-F]{6}$")

#: Placeholders header and footer text may use.
PLACEHOLDERS = ("title", "subtitle", "marking", "date", "author", "organisation", "recipient", "page", "pages")

#: Placeholders only a writer can fill in (the page number is known at layout time).
PAGE_FIELDS = ("page", "pages")


class _Strict(BaseModel):
    """Unknown keys and values of the wrong type (``numbering = "yes"``, ``body = "12"``) are errors, not guesses.

    Strict mode still takes a TOML integer where a float is expected.
    """

    model_config = ConfigDict(extra="forbid", strict=True, validate_default=True)


def _colour(value: str) -> str:
    if not HEX_COLOUR.match(value):
        raise ValueError(f"{value!r} is not a colour like '#1a2b3c'")
    return value.lower()


#: A ``#rrggbb`` colour, normalised to lower case; an annotated type so errors name the key, even inside a table.
Colour = Annotated[str, AfterValidator(_colour)]


class PageStyle(_Strict):
    size: Literal["A4", "Letter"] = "A4"
    margin_top_mm: float = Field(20, ge=5, le=80)
    margin_bottom_mm: float = Field(20, ge=5, le=80)
    margin_left_mm: float = Field(22, ge=5, le=80)
    margin_right_mm: float = Field(22, ge=5, le=80)


class FontStyle(_Strict):
    """Family names; files are found in the template folder or assets/fonts."""

    body: str = "Noto Serif"
    heading: str = "Noto Sans"
    mono: str = "DejaVu Sans Mono"
    arabic: str = "Noto Naskh Arabic"
    #: Tried in order for characters the body and heading fonts lack (the PDF; Word and LibreOffice pick their own).
    fallback: list[str] = Field(
        default_factory=lambda: [
            "Noto Sans Hebrew", "Noto Sans Devanagari", "Noto Sans Thai", "Droid Sans Fallback", "Nanum Gothic"
        ]
    )  # fmt: skip


class SizeStyle(_Strict):
    """Point sizes; ``line_spacing`` is a multiple of the font size."""

    body: float = Field(10.5, ge=6, le=24)
    small: float = Field(8, ge=5, le=16)
    title: float = Field(22, ge=10, le=48)
    subtitle: float = Field(13, ge=8, le=32)
    heading1: float = Field(14, ge=8, le=36)
    heading2: float = Field(12, ge=7, le=30)
    heading3: float = Field(11, ge=7, le=28)
    line_spacing: float = Field(1.35, ge=1.0, le=2.5)
    paragraph_space_after: float = Field(6, ge=0, le=36)


class ColourStyle(_Strict):
    text: Colour = "#1f2328"
    heading: Colour = "#0b2e4f"
    accent: Colour = "#0b5394"
    muted: Colour = "#5b6570"
    rule: Colour = "#c8d0d9"
    link: Colour = "#0b5394"
    summary_background: Colour = "#eaf1f8"
    summary_border: Colour = "#0b5394"
    note_background: Colour = "#fff7e0"
    note_border: Colour = "#d49b00"
    quote_border: Colour = "#9aa7b4"


class HeaderFooterStyle(_Strict):
    """Text at the left and right of the running header or footer, with placeholders."""

    left: str = ""
    right: str = ""

    @field_validator("left", "right")
    @classmethod
    def _known_placeholders(cls, value: str) -> str:
        for _, name, _, _ in string.Formatter().parse(value):
            if name is not None and name not in PLACEHOLDERS:
                raise ValueError(f"unknown placeholder {{{name}}}; use one of {', '.join(PLACEHOLDERS)}")
        return value


class BannerStyle(_Strict):
    """Classification banners at the top and bottom of every page, in the marking scheme's colours."""

    show: bool = True
    text_colour: Colour = "#ffffff"
    #: The banner's colour where the scheme gives its level none.
    default: Colour = "#4d4d4d"
    #: The template's own colours for markings, over the marking scheme's ("SECRET" = "#aa0000").
    colours: dict[str, Colour] = Field(default_factory=dict)

    @field_validator("colours")
    @classmethod
    def _upper_case_markings(cls, value: dict[str, str]) -> dict[str, str]:
        """Markings are matched case-insensitively (see colour_for)."""
        return {k.upper(): v for k, v in value.items()}

    def colour_for(self, marking: str) -> str:
        """Colour of the longest marking listed that starts this one (SECRET//NOFORN → SECRET), else ``default``."""
        upper = marking.strip().upper()
        matches = [k for k in self.colours if upper == k or upper.startswith((k + "/", k + " ", k + "-"))]
        return self.colours[max(matches, key=len)] if matches else self.default

    def with_scheme(self, scheme: MarkingScheme) -> BannerStyle:
        """These banners in the colours of ``scheme``'s levels, save those the template gives its own."""
        levels = {level.banner.upper(): level.colour for level in scheme.levels if level.banner and level.colour}
        return self.model_copy(update={"colours": {**levels, **self.colours}})


class MarkingStyle(_Strict):
    """The template's marking scheme and whether its briefs are portion-marked; a brief may choose otherwise."""

    #: A scheme's id: "us", "uk", "nato", "none" or one the analyst added (docs/MARKINGS.md).
    scheme: str = DEFAULT_SCHEME
    #: Every paragraph starts with its portion mark; unset follows the scheme.
    portion_marks: bool | None = None


#: The citation style that is not a CSL file: ``[n]`` citations into a sources list numbered in order of first use.
NUMBERED_CITATIONS = "numbered"
#: Where the CSL styles a template may name are kept, as ``<id>.csl`` (formatted by app/assemble/citation_styles.py).
CSL_STYLES_DIR = ASSETS_DIR / "csl"


def citation_style_ids() -> tuple[str, ...]:
    """Every citation style a template may name: ``numbered`` first, then the shipped CSL styles by id."""
    return (NUMBERED_CITATIONS, *sorted(path.stem for path in CSL_STYLES_DIR.glob("*.csl")))


class CitationsStyle(_Strict):
    """How the brief cites its sources: ``numbered`` (``[1]``, a numbered sources list) or a CSL style's id."""

    style: str = NUMBERED_CITATIONS
    #: The language of a CSL style's terms and dates ("en-GB": "4 March 2026", ‘single quotes’); "" for the
    #: style's own (en-US for the shipped styles). Ignored by the numbered style.
    locale: str = ""

    @field_validator("locale")
    @classmethod
    def _locale_code(cls, value: str) -> str:
        if value and not re.fullmatch(r"[a-z]{2,3}(-[A-Za-z0-9]{2,8})*", value):
            raise ValueError(f"{value!r} is not a locale like 'en-GB' or 'fr-FR'")
        return value

    @field_validator("style")
    @classmethod
    def _known_style(cls, value: str) -> str:
        known = citation_style_ids()
        if value not in known:
            raise ValueError(f"unknown citation style {value!r}; use one of {', '.join(known)}")
        return value


class HeadingStyle(_Strict):
    """``numbering`` puts "1.", "1.1", "1.1.1" before headings (see app/render/numbering.py)."""

    numbering: bool = False


class ContentsStyle(_Strict):
    """The table of contents: ``show`` puts one before the first heading when the template does not place it
    (``::: contents``); it lists top-level headings down to ``depth``, under ``title``."""

    show: bool = False
    depth: int = Field(2, ge=1, le=3)
    title: str = Field("Contents", max_length=200)


class Style(_Strict):
    #: Folder the style came from: fonts and the logo are looked up here first.  Declared first so the
    #: logo check can see it; it is set by ``style_from_dict``, never read from style.toml.
    folder: Path | None = Field(default=None, exclude=True, strict=False)
    page: PageStyle = Field(default_factory=PageStyle)
    fonts: FontStyle = Field(default_factory=FontStyle)
    sizes: SizeStyle = Field(default_factory=SizeStyle)
    colours: ColourStyle = Field(default_factory=ColourStyle)
    header: HeaderFooterStyle = Field(default_factory=lambda: HeaderFooterStyle(left="{title}", right="{date}"))
    footer: HeaderFooterStyle = Field(
        default_factory=lambda: HeaderFooterStyle(left="{organisation}", right="Page {page} of {pages}")
    )
    banner: BannerStyle = Field(default_factory=BannerStyle)
    markings: MarkingStyle = Field(default_factory=MarkingStyle)
    headings: HeadingStyle = Field(default_factory=HeadingStyle)
    contents: ContentsStyle = Field(default_factory=ContentsStyle)
    citations: CitationsStyle = Field(default_factory=CitationsStyle)
    #: PNG or JPEG shown right-aligned above the first block; relative paths start at the template folder.
    logo: str = ""
    logo_height_mm: float = Field(14, ge=5, le=40)

    def with_marking_scheme(self, scheme: MarkingScheme) -> Style:
        """This style with banners in ``scheme``'s colours (the template's own colours first)."""
        return self.model_copy(update={"banner": self.banner.with_scheme(scheme)})

    @field_validator("logo")
    @classmethod
    def _logo_is_a_usable_image(cls, value: str, info: ValidationInfo) -> str:
        """Checked at load time, so a bad logo is reported with the template rather than at export."""
        if value:
            read_logo(resolve_logo(value, info.data.get("folder")))
        return value


def style_from_dict(data: dict, path: Path | None = None) -> Style:
    """Validate style.toml's table; ``path`` (the file) supplies the folder fonts and the logo are found in."""
    if "folder" in data:
        raise StyleError("folder: unknown key", str(path) if path else None)
    try:
        style = Style.model_validate({**data, "folder": path.parent} if path is not None else data)
    except ValidationError as exc:
        problems = []
        for err in exc.errors():
            key = ".".join(str(p) for p in err["loc"])
            reason = _reason(err)
            problems.append(f"{key}: {reason}")
        raise StyleError("; ".join(problems), str(path) if path else None) from exc
    return style


def _reason(error: ErrorDetails) -> str:
    """pydantic's message, minus the "Value error, " prefix our own checks would otherwise carry."""
    if error["type"] == "extra_forbidden":
        return "unknown key"
    if error["type"] == "value_error":
        return str(error["ctx"]["error"])
    return error["msg"]


def placeholder_values(meta: DocumentMeta) -> dict[str, str]:
    """Values for every placeholder a writer can fill before layout."""
    return {
        "title": meta.title,
        "subtitle": meta.subtitle,
        "marking": meta.classification,
        "date": meta.date,
        "author": meta.author,
        "organisation": meta.organisation,
        "recipient": meta.recipient,
    }


def expand_fields(text: str, meta: DocumentMeta) -> list[str]:
    """Split header/footer text into literal pieces and the page fields ``{page}``/``{pages}``.

    Literal pieces come back with their placeholders filled; a piece equal to
    ``"{page}"`` or ``"{pages}"`` is a field the writer must insert itself (a
    Word field in DOCX, the page number in PDF).
    """
    values = placeholder_values(meta)
    pieces: list[str] = []
    for literal, name, _, _ in string.Formatter().parse(text):
        if literal:
            pieces.append(literal)
        if name is None:
            continue
        if name in PAGE_FIELDS:
            pieces.append("{" + name + "}")
        else:
            pieces.append(values.get(name, ""))
    return [p for p in pieces if p]
