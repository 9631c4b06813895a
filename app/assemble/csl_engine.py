"""citeproc-py, with what it gets wrong with the shipped styles put right: the engine behind citation_styles.

Imported only when a brief uses a CSL style (app/assemble/citation_styles.py imports it on first use), so a brief
with numbered citations never loads citeproc. Its text comes back with the style's italics and bold as private-use
marks and placeholders for the source's address, a locator and a locator's suffix (app/assemble/csl_marks.py);
citation_styles makes Markdown of it.

citeproc-py 0.11 gets some of CSL wrong with the shipped styles; worked around here, without editing the style files:

- a ``cs:substitute`` that fills a missing author from a macro (APA and Chicago put the title first when there is
  no author) did not suppress the variables that macro printed, so the title came twice: the variables a
  substitute printed are recorded and suppressed (``_Substitute``);
- ``initialize="false"`` on a name was ignored (Chicago printed "J. A. Smith"): such a name is not initialised;
- a ``cs:label`` printed its term whatever its variable (a stray "Edition" in Chicago's notes): it prints only
  when the variable has a value;
- a cited page never reaches the bibliography entry: entries are rendered from a page-less citation;
- what never changes in a style (macros, locale terms, each element's layout and whether it calls a variable) is
  remembered rather than searched for by XPath each time (more than half of citeproc's time).
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from io import BytesIO
from pathlib import Path
from typing import Any, Literal

import citeproc
from citeproc import LOCALES_PATH, Citation, CitationItem, CitationStylesBibliography, CitationStylesStyle
from citeproc import model as csl
from citeproc.source import Locator, VariableError
from citeproc.source.json import CiteProcJSON
from lxml import etree

from app.assemble.csl_marks import B_CLOSE, B_OPEN, I_CLOSE, I_OPEN, LOCATOR, PRIVATE, SUFFIX
from app.core.errors import CitationStyleError
from app.core.regular_file import read_regular_file
from app.core.style import CSL_STYLES_DIR, citation_style_ids

#: The most a style file may hold (the Chicago style is 240 KB).
_MAX_STYLE_BYTES = 2_000_000

Kind = Literal["in-text", "note"]
RenderKind = Literal["entry", "first", "later"]


def locales() -> list[str]:
    """The locales citeproc-py has terms and date forms for ("en-GB", "fr-FR", …)."""
    return sorted(path.name[len("locales-") : -len(".xml")] for path in Path(LOCALES_PATH).glob("locales-*.xml"))


@dataclass
class Loaded:
    """A CSL style ready to render: its title, class, and whether its locale puts punctuation inside quotes."""

    style: CitationStylesStyle
    title: str
    kind: Kind
    punctuation_in_quote: bool
    #: What the style's renderings depend on besides the source and the code: the style file and citeproc.
    digest: str = ""


#: What never changes in a loaded style, by element: whether it calls a variable, its layout, the macros and
#: locale terms it looks up. Keyed by the id of the element (or of its style's root): every element of a loaded
#: style is kept alive (``_KEPT``), so lxml hands out the same Python object for it each time and ids stay theirs.
_MEMO: dict[tuple[Any, ...], Any] = {}
_KEPT: list[list[Any]] = []
_MISSING = object()


class _Memo:
    """citeproc searched the style by XPath, and walked whole subtrees, for answers that never change."""

    def _remembered(self, key: tuple[Any, ...], work: Callable[[], Any]) -> Any:
        value = _MEMO.get(key, _MISSING)
        if value is _MISSING:
            value = _MEMO[key] = work()
        return value

    def calls_variable(self) -> Any:
        return self._remembered((id(self), "calls"), super().calls_variable)  # type: ignore[misc]

    def get_layout(self) -> Any:
        return self._remembered((id(self), "layout"), super().get_layout)  # type: ignore[misc]

    def get_macro(self, name: str) -> Any:
        root = self.get_root()  # type: ignore[attr-defined]
        return self._remembered((id(root), "macro", name), lambda: super(_Memo, self).get_macro(name))  # type: ignore[misc]

    def get_term(self, name: str, form: Any = None, fallback_locale: bool = True, zero_padded: bool = False) -> Any:
        root = self.get_root()  # type: ignore[attr-defined]
        return self._remembered(
            (id(root), "term", name, form, fallback_locale, zero_padded),
            lambda: super(_Memo, self).get_term(name, form, fallback_locale, zero_padded),  # type: ignore[misc]
        )


#: While a substitute's child renders: the variables its texts printed (innermost substitute last).
_PRINTED: list[set[str]] = []


class _Text(csl.Text):
    def _variable(self, item: Any, context: Any) -> Any:
        text = super()._variable(item, context)
        if text is not None and _PRINTED:
            _PRINTED[-1].add(self.get("variable"))
        return text


class _Substitute(csl.Substitute):
    """The first child that prints stands in for the missing names, and the variables it printed are printed
    nowhere else (CSL 1.0.2, cs:substitute), also when it printed them through a macro or a choice."""

    def render(self, item: Any, context: Any = None, **kwargs: Any) -> Any:
        for child in self.getchildren():
            _PRINTED.append(set())
            try:
                if isinstance(child, csl.Names) and child.name is None:
                    names = self.xpath_search("./parent::cs:names[1]")[0]
                    text = child.render(item, names_context=names, context=context, **kwargs)
                else:
                    text = child.render(item, context=context, **kwargs)
            except VariableError:
                continue
            finally:
                printed = _PRINTED.pop()
            if text:
                self.add_to_repressed_list(child, context)
                layout = context.get_layout()
                repressed = layout.repressed.setdefault(_TEXT_TAG, [])
                repressed.extend(printed)
                return text
        return None


_TEXT_TAG = "{http://purl.org/net/xbiblio/csl}text"


class _Name(csl.Name):
    """``initialize="false"``: given names are printed in full (citeproc-py initialised them regardless)."""

    def get_option(self, name: str, context: Any = None, sort_options: Any = None) -> Any:
        if name == "initialize-with" and self.get("initialize", "true").lower() == "false":
            return None
        return super().get_option(name, context, sort_options)


class _Label(csl.Label):
    """A label prints only when its variable has a value (citeproc-py printed "edition" for an item without)."""

    def process(self, item: Any, variable: Any = None, plural: Any = None, context: Any = None, **kwargs: Any) -> Any:
        name = variable if variable is not None else self.get("variable")
        if name and name != "locator" and not _has_variable(item, name):
            return None
        return super().process(item, variable=variable, plural=plural, context=context, **kwargs)


def _has_variable(item: Any, name: str) -> bool:
    try:
        return bool(item.reference[name.replace("-", "_")])
    except VariableError:
        return False


_OWN_CLASSES = {"text": _Text, "substitute": _Substitute, "name": _Name, "label": _Label}


def _element_classes() -> dict[str, type]:
    """citeproc's element classes by tag, ours where it gets CSL wrong, each remembering what never changes."""
    classes = {cls.__name__.replace("_", "-").lower(): cls for cls in csl.CitationStylesElement.__subclasses__()}
    classes.update(_OWN_CLASSES)
    # a style's own cs:locale answers get_term itself, with a signature of its own
    return {tag: cls if tag == "locale" else type(cls.__name__, (_Memo, cls), {}) for tag, cls in classes.items()}


_ELEMENT_CLASSES = _element_classes()


def _parse_style(data: bytes) -> CitationStylesStyle:
    """citeproc-py's style, with this module's element classes standing in for the ones it gets wrong."""
    lookup = etree.ElementNamespaceClassLookup()
    namespace = lookup.get_namespace("http://purl.org/net/xbiblio/csl")
    namespace[None] = csl.CitationStylesElement
    namespace.update(_ELEMENT_CLASSES)
    parser = etree.XMLParser(remove_comments=True, encoding="UTF-8", no_network=True, resolve_entities=False)
    parser.set_element_class_lookup(lookup)
    style = CitationStylesStyle.__new__(CitationStylesStyle)
    style.parser = parser
    style.xml = etree.parse(BytesIO(data), parser)
    style.root = style.xml.getroot()
    return style


@cache
def load(style_id: str, locale: str = "") -> Loaded:
    """The shipped style ``style_id`` in ``locale`` ("en-GB"; "" for the style's own, en-US for the shipped ones),
    loaded once per process; CitationStyleError for an unknown id or locale, or a damaged file."""
    known = citation_style_ids()
    if not re.fullmatch(r"[a-z0-9][a-z0-9-]{0,80}", style_id) or style_id not in known:
        raise CitationStyleError(f"unknown citation style {style_id!r}: Briefgen has {', '.join(known)}")
    path = CSL_STYLES_DIR / f"{style_id}.csl"
    try:
        data, _ = read_regular_file(path, _MAX_STYLE_BYTES)
        style = _parse_style(data)
        root = style.root
        if not isinstance(root, csl.Style) or root.citation is None or root.bibliography is None:
            raise ValueError("it is not a CSL style with a citation and a bibliography")
        language = locale or root.get("default-locale", "en-US")
        if locale and (
            not re.fullmatch(r"[a-z]{2,3}(-[A-Za-z0-9]{2,8})*", locale)
            or not (Path(LOCALES_PATH) / f"locales-{locale}.xml").is_file()
        ):
            raise CitationStyleError(f"unknown citation locale {locale!r}: {', '.join(locales())} are known")
        root.set_locale_list(language, validate=False)
        kind: Kind = "note" if root.get("class") == "note" else "in-text"
        title = (root.findtext("cs:info/cs:title", namespaces=root.nsmap) or style_id).strip()
        _KEPT.append([*root.iter(), *(element for locale in root.locales for element in locale.iter())])
        piq = str(root.get_locale_option("punctuation-in-quote") or "false").lower() == "true"
    except (OSError, ValueError, etree.LxmlError, AttributeError, IndexError) as exc:
        raise CitationStyleError(f"{path}: the citation style {style_id!r} is damaged: {exc}") from None
    digest = hashlib.sha256(data + b"\0" + str(citeproc.__version__).encode()).hexdigest()
    return Loaded(style, title, kind, piq, digest)


# --- rendering --------------------------------------------------------------------------------------------------


class _Formatted(str):
    pass


def _wrapper(opening: str, closing: str) -> Callable[[object], str]:
    def wrap(text: object) -> str:
        return _Formatted(f"{opening}{text}{closing}")

    return wrap


class _Formatter:
    """citeproc's formatter protocol: the style's italics and bold as private-use marks, the rest as text."""

    @staticmethod
    def preformat(text: object) -> object:
        return text

    Italic = Oblique = staticmethod(_wrapper(I_OPEN, I_CLOSE))
    Bold = staticmethod(_wrapper(B_OPEN, B_CLOSE))
    Light = Underline = Superscript = Subscript = SmallCaps = staticmethod(_wrapper("", ""))


class _Item(CitationItem):
    """A citation item that finds its reference once: citeproc looked it up through three dictionaries each time a
    condition asked the item's type or a variable (a third of a rendering's time)."""

    @property
    def reference(self) -> Any:
        found = self.__dict__.get("_reference")
        if found is None:
            found = self.__dict__["_reference"] = self.citation.bibliography.source[self.key]
        return found


def render(
    style_id: str, locale: str, item: dict[str, Any], what: RenderKind, label: str, plural: bool, suffix: bool
) -> str:
    """The style's text for the CSL item (its "id" "source"): its bibliography entry, or its citation (the first
    or a later one), with a locator of CSL ``label`` (singular or ``plural``) as a placeholder, and with a
    placeholder for a locator the style has no label for (``suffix``)."""
    loaded = load(style_id, locale)
    bibliography = CitationStylesBibliography(loaded.style, CiteProcJSON([item]), _Formatter)
    bibliography.register(Citation([_Item("source")]))  # page-less first: no page leaks into the entry
    try:
        if what == "entry":
            entries = bibliography.bibliography()
            if entries:
                return str(entries[0])
            what = "first"  # a type the style's bibliography leaves out: its full note, or its citation
        options: dict[str, Any] = {}
        if label:
            options["locator"] = Locator(label, f"{LOCATOR}1,2{LOCATOR}" if plural else LOCATOR * 2)
        if suffix:
            options["suffix"] = f", {SUFFIX}"
        citation = Citation([_Item("source", **options)])
        bibliography.register(citation)
        if what == "later":
            # cited before, but not just before (which would make it "ibid.")
            earlier, other = CitationItem("source"), CitationItem("other")
            Citation([earlier])
            Citation([other])
            bibliography._cites.extend([earlier, other])
        return str(bibliography.cite(citation, lambda _item: ""))
    except Exception as exc:  # citeproc's own failures on a damaged style or an item it cannot take
        raise CitationStyleError(
            f"the citation style {style_id!r} could not format {item.get('title', '')!r}: {type(exc).__name__}: {exc}"
        ) from None


def sort_directions(style_id: str, locale: str) -> list[bool] | None:
    """Whether each of the style's bibliography sort keys is descending; None when the style does not sort."""
    root = load(style_id, locale).style.root
    sort = root.bibliography.find("cs:sort", root.nsmap)
    if sort is None:
        return None
    return [key.get("sort", "ascending").lower() == "descending" for key in sort.findall("cs:key", root.nsmap)]


def sort_keys(style_id: str, locale: str, item: dict[str, Any]) -> tuple[Any, ...]:
    """The CSL item's bibliography sort keys, as citeproc computes them, made comparable (lower case, or numbers);
    () for a style whose bibliography is not sorted."""
    loaded = load(style_id, locale)
    root = loaded.style.root
    bibliography = CitationStylesBibliography(loaded.style, CiteProcJSON([item]), _Formatter)
    bibliography.register(Citation([_Item("source")]))
    layout = root.bibliography.layout
    sort = root.bibliography.find("cs:sort", root.nsmap)
    if sort is None:
        return ()
    keys: list[Any] = []
    try:
        for key in sort.findall("cs:key", root.nsmap):
            value = key.sort_keys(bibliography.items, layout)[0]
            keys.append(_comparable(value))
    except Exception as exc:
        raise CitationStyleError(f"the citation style {style_id!r} could not sort its entries: {exc}") from None
    return tuple(keys)


def _comparable(value: Any) -> Any:
    if value is None:
        return None
    text = re.sub(PRIVATE, "", str(value)).lower()
    if not text:
        return None
    try:
        return (0, int(text), "")
    except ValueError:
        return (1, 0, text)
