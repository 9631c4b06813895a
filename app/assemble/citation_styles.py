"""Citation styles: today's numbered ``[n]`` list, or a CSL style (assets/csl/) formatted through citeproc-py.

A template names its style in style.toml (``[citations] style = "apa"``); ``numbered`` is the default. This
module turns a brief's source into a CSL-JSON item and formats, as inline Markdown the brief's parser reads:

- ``reference(style_id, facts, locale="")``: the source's entry in the sources list (the bibliography entry);
  ``""`` for the numbered style. ``bibliography_order(style_id, facts, locale="")`` is the order the style sorts
  those entries in. ``locale`` ("en-GB") is the language of the style's terms and dates; "" is the style's own.
- ``format_citations(style_id, sources, cites, locale="")``: each citation of the brief, in reading order, as
  its in-text label (APA: ``(Smith & Doe, 2026, p. 3)``) or its note (Chicago: the first note of a source in
  full, later ones short), or ``[n]``/``[n, p. 3]`` for the numbered style::

      cites = [Cite(1), Cite(2, "p. 3"), Cite(1, "p. 4")]          # number in the sources list + locator
      for done in format_citations("chicago-notes-bibliography", {1: facts1, 2: facts2}, cites):
          done.kind      # "note" (or "in-text", "numbered")
          done.first     # True for the first citation of its source in reading order
          done.markup    # the note's text or the label as inline Markdown (italics as *…*), escaped
          done.text      # the same without markup

  A citation of a number that is not in ``sources`` (or of a source the style prints nothing for) is formatted
  ``[n]`` (kind "numbered"). ``BriefContext.format_citations(cites)`` (app/assemble/context.py) calls this with
  the brief's own style and sources.

Everything a source says is printed literally: the text citeproc makes is escaped for Markdown, and only the
style's own italics and bold (kept apart in private-use characters meanwhile) and the source's web address (an
autolink) become markup. citeproc-py is slow (5-15 ms a rendering here, once its lookups are remembered), so each
rendering is cached by (style, source facts, first/later, locator kind): a locator's own text is put in
afterwards, so 500 citations of 100 sources render a few hundred times at most (about 2.5 s), and once made, a
source's renderings are kept in the user's cache folder for the next process (0.1 s; bench/bench_citations.py).

citeproc-py runs in app/assemble/csl_engine.py, imported only once a brief uses a CSL style; what it gets wrong
with the shipped styles is put right there (its docstring lists it), and here, on its text: punctuation goes inside
closing quotation marks where the locale says so (en-US: "Title." rather than "Title".), and a period or comma
after a question mark, an exclamation mark or a period is dropped ("Title?”." → "Title?”").
"""

from __future__ import annotations

import contextlib
import dataclasses
import datetime as dt
import hashlib
import json
import os
import re
import tempfile
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import cmp_to_key, lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

from platformdirs import user_cache_dir

from app.assemble.csl_marks import B_CLOSE, B_OPEN, I_CLOSE, I_OPEN, LOCATOR, PRIVATE, SUFFIX, URL
from app.assemble.sandbox import Md, escape_markdown
from app.core.style import NUMBERED_CITATIONS as NUMBERED
from app.core.style import citation_style_ids

if TYPE_CHECKING:
    from app.assemble.csl_engine import RenderKind

Kind = Literal["numbered", "in-text", "note"]

_PRIVATE = re.compile(PRIVATE)
_CLOSERS = I_CLOSE + B_CLOSE


@dataclass(frozen=True)
class CitationStyle:
    """A style a template can name: its id, its title, and whether it cites by number, in the text or in notes."""

    id: str
    title: str
    kind: Kind
    #: The locale its terms and dates are in ("en-GB"); "" for the style's own (en-US for the shipped styles).
    locale: str = ""

    @property
    def numbered(self) -> bool:
        return self.kind == "numbered"

    @property
    def note(self) -> bool:
        return self.kind == "note"

    @property
    def in_text(self) -> bool:
        return self.kind == "in-text"


_NUMBERED_STYLE = CitationStyle(NUMBERED, "Numbered sources list ([1], [2, p. 3])", "numbered")


@dataclass(frozen=True)
class SourceFacts:
    """What the brief knows of a source, as a CSL item is made of it (hashable: renderings are cached by it).

    ``date`` and ``accessed`` are as the source gave them (ISO 8601 when a reader found one); ``language`` is a
    language code ("en"), "" when unknown; ``format`` the reader's (``pdf``, ``html`` …).
    """

    title: str = ""
    outlet: str = ""
    author: str = ""
    date: str = ""
    url: str = ""
    accessed: str = ""
    language: str = ""
    format: str = ""
    file_name: str = ""


@dataclass(frozen=True)
class Cite:
    """One citation in the brief's reading order: the source's number in the sources list, and a locator."""

    number: int
    locator: str = ""


@dataclass(frozen=True)
class FormattedCite:
    """A citation as its style prints it: an in-text label, a note's text, or ``[n]``."""

    number: int
    locator: str
    kind: Kind
    #: Whether this is the first citation of its source in reading order (a note style's full note).
    first: bool
    #: Inline Markdown: the style's italics as ``*…*``, the source's words escaped, its web address an autolink.
    markup: str
    #: The same without markup.
    text: str


# --- the styles -------------------------------------------------------------------------------------------------


def style_ids() -> tuple[str, ...]:
    """Every style a template may name: ``numbered`` first, then the shipped CSL styles by id."""
    return citation_style_ids()


def citation_styles() -> list[CitationStyle]:
    return [citation_style(style_id) for style_id in style_ids()]


def citation_style(style_id: str, locale: str = "") -> CitationStyle:
    """The style named ``style_id`` in ``locale`` ("" for the style's own); CitationStyleError for a style not
    shipped, a locale citeproc-py does not have, or a damaged file."""
    if style_id == NUMBERED:
        return _NUMBERED_STYLE
    loaded = _engine().load(style_id, locale)
    return CitationStyle(style_id, loaded.title, loaded.kind, locale)


def _engine() -> Any:
    """citeproc and what this module puts right in it, loaded when a brief first uses a CSL style."""
    from app.assemble import csl_engine

    return csl_engine


# --- sources as CSL items ---------------------------------------------------------------------------------------


def _words(text: str) -> list[str]:
    return text.split()


_ORGANISATION_WORDS = frozenset(
    _words(
        "agency association authority bank board bureau centre center college command commission committee "
        "council court department desk directorate division embassy forum foundation government group inc "
        "institute international league limited ltd ministry news newsroom office organisation organization "
        "parliament party press reporters service staff team times tribunal union university wire"
    )
)
_PARTICLES = frozenset(_words("da de del della der di du la le van von dos das ten ter"))
_AUTHOR_SPLIT = re.compile(r"\s*(?:;|&|\band\b|\bund\b|\bet\b|,(?=\s*\S+\s+\S))\s*", re.IGNORECASE)


def parse_names(author: str) -> list[dict[str, str]]:
    """CSL names from an author line: "Jane Smith", "Smith, Jane", "Jane Smith and John Doe", or an organisation
    ("Ministry of Defence", "Reuters Staff") as a literal name."""
    text = re.sub(r"^\s*by\s+", "", " ".join(author.split()), flags=re.IGNORECASE).strip(" ,;")
    if not text:
        return []
    words = text.replace(",", " ").split()
    if len(words) == 1 or {w.lower().strip(".") for w in words} & _ORGANISATION_WORDS:
        return [{"literal": text}]
    inverted = re.fullmatch(r"([^,]+),\s*([^,]+)", text)
    if inverted and len(inverted.group(1).split()) <= 2 and len(inverted.group(2).split()) <= 3:
        return [{"family": inverted.group(1), "given": inverted.group(2)}]
    names = []
    for part in filter(None, _AUTHOR_SPLIT.split(text)):
        names.append(_person(part.strip(" ,")))
    return names


def _person(text: str) -> dict[str, str]:
    words = text.split()
    if len(words) == 1 or len(words) > 5:
        return {"literal": text}
    family_start = len(words) - 1
    while family_start > 1 and words[family_start - 1].lower() in _PARTICLES:
        family_start -= 1
    if words[-1].rstrip(".").lower() in ("jr", "sr", "ii", "iii") and len(words) > 2:
        return {"given": " ".join(words[: family_start - 1]), "family": words[-2], "suffix": words[-1]}
    return {"given": " ".join(words[:family_start]), "family": " ".join(words[family_start:])}


_MONTH_NAMES = {
    name: number
    for number, names in enumerate(
        [("jan", "january"), ("feb", "february"), ("mar", "march"), ("apr", "april"), ("may",), ("jun", "june"),
         ("jul", "july"), ("aug", "august"), ("sep", "sept", "september"), ("oct", "october"), ("nov", "november"),
         ("dec", "december")],
        start=1,
    )
    for name in names
}  # fmt: skip


def parse_date(text: str) -> dict[str, Any] | None:
    """A CSL date: ISO 8601 ("2026-03-04", "2026-03", "2026", with a time), "4 March 2026" or "March 4, 2026";
    anything else as a literal date; None for no date."""
    text = " ".join(text.split())
    if not text:
        return None
    iso = re.match(r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?(?:[T ][\d:.+\-Z]*)?$", text)
    parts: list[int] = []
    if iso:
        parts = [int(g) for g in iso.groups() if g]
    else:
        words = re.fullmatch(r"(?:(\d{1,2})\.?\s+)?([A-Za-z]+)\.?\s+(?:(\d{1,2}),?\s+)?(\d{4})", text)
        month = _MONTH_NAMES.get(words.group(2).lower()) if words else None
        if words and month:
            day = words.group(1) or words.group(3)
            parts = [int(words.group(4)), month] + ([int(day)] if day else [])
    if parts:
        try:
            dt.date(parts[0], parts[1] if len(parts) > 1 else 1, parts[2] if len(parts) > 2 else 1)
        except ValueError:
            parts = []
    return {"date-parts": [parts]} if parts else {"literal": text}


_ARTICLES = frozenset(("a", "an", "the"))
#: Words a short title does not end on.
_TRAILING = frozenset(
    _words("a an the of and or to in on for at by with from un une le la les de des du et der die das")
)


def short_title(title: str) -> str:
    """Chicago's short title: the first four words, without a leading article; "" when the title is short."""
    words = title.split()
    if words and words[0].lower() in _ARTICLES and len(words) > 1:
        words = words[1:]
    if len(words) <= 4:
        return ""
    words = words[:4]
    while len(words) > 1 and words[-1].lower().strip(",;:.") in _TRAILING:
        words.pop()
    return " ".join(words).rstrip(",;:.—–-")


_CONTROLS = re.compile("[\x00-\x1f\x7f]")


def _clean(text: str) -> str:
    """Metadata as citeproc may see it: one line, without the characters this module marks its own text with."""
    return " ".join(_CONTROLS.sub(" ", _PRIVATE.sub("", text)).split())


def csl_item(facts: SourceFacts, key: str = "source") -> dict[str, Any]:
    """The CSL-JSON item for a source: a newspaper article when it names an outlet (the outlet its container),
    a report for a PDF or a Word file (the outlet its publisher), else a web page, or a document with no address.

    The title falls back on the file name only when the source has no title at all.
    """
    title, outlet, url = _clean(facts.title), _clean(facts.outlet), _clean(facts.url)
    item: dict[str, Any] = {"id": key, "title": title or _clean(facts.file_name)}
    if facts.format in ("pdf", "docx", "odt", "doc"):
        item["type"] = "report"
        if outlet:
            item["publisher"] = outlet
    elif outlet:
        item["type"] = "article-newspaper"
        item["container-title"] = outlet
    else:
        item["type"] = "webpage" if url else "report"  # Chicago's bibliography leaves out the "document" type
    names = parse_names(_clean(facts.author))
    if names:
        item["author"] = names
    issued = parse_date(_clean(facts.date))
    if issued:
        item["issued"] = issued
    accessed = parse_date(_clean(facts.accessed))
    if accessed:
        item["accessed"] = accessed
    if url:
        item["URL"] = url
    short = short_title(item["title"])
    if short:
        item["title-short"] = short
    # citeproc title-cases only English titles; a title in an unknown language keeps its case
    item["language"] = _clean(facts.language) or "und"
    return item


@lru_cache(maxsize=16384)
def _rendered(
    style_id: str, locale: str, facts: SourceFacts, what: RenderKind, label: str, plural: bool, suffix: bool
) -> str:
    """The style's text for one source, with placeholders for its address, its locator and a locator's suffix:
    kept on disk (``_kept``), else made by citeproc."""
    slot = f"{what}|{label}|{int(plural)}|{int(suffix)}"
    kept = _kept(style_id, locale, facts).get(slot)
    if isinstance(kept, str):
        return kept
    item = csl_item(facts)
    if "URL" in item:
        item["URL"] = URL
    text = _engine().render(style_id, locale, item, what, label, plural, suffix)
    _keep(style_id, locale, facts, slot, text)
    return text


# --- what citeproc made, kept on disk ---------------------------------------------------------------------------
#
# A cold build of 100 sources × 5 citations spends seconds in citeproc; the same sources in the next process (the
# next `briefgen build`, a new preview worker) should not. Each source's renderings in a style are one small JSON
# file in the user's cache folder, named by a hash of the source's facts and of everything the renderings depend
# on besides (the style file, citeproc's version and this module's code), so a change to any of them is a new
# name. The disk only ever makes things faster: a missing, damaged or unwritable entry is rendered again.

#: Raised when what is kept changes shape.
_CACHE_VERSION = 1
_CODE = (Path(__file__), Path(__file__).with_name("csl_engine.py"))
_CODE_DIGEST = hashlib.sha256(b"".join(path.read_bytes() for path in _CODE) + str(_CACHE_VERSION).encode()).hexdigest()


def cache_folder() -> Path:
    """Where renderings are kept: the user's cache folder for Briefgen."""
    return Path(user_cache_dir("briefgen")) / "citations"


def _entry(style_id: str, locale: str, facts: SourceFacts) -> Path:
    digest = _engine().load(style_id, locale).digest
    text = json.dumps([style_id, locale, digest, _CODE_DIGEST, dataclasses.astuple(facts)], ensure_ascii=False)
    return cache_folder() / f"{hashlib.sha256(text.encode('utf-8', 'surrogatepass')).hexdigest()[:40]}.json"


@lru_cache(maxsize=16384)
def _kept(style_id: str, locale: str, facts: SourceFacts) -> dict[str, Any]:
    """What is kept on disk for the source in the style (this process adds to the same dictionary)."""
    try:
        data = json.loads(_entry(style_id, locale, facts).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}


def _keep(style_id: str, locale: str, facts: SourceFacts, slot: str, value: Any) -> None:
    kept = _kept(style_id, locale, facts)
    kept[slot] = value
    entry = _entry(style_id, locale, facts)
    temporary: str | None = None
    try:
        entry.parent.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(suffix=".tmp", dir=entry.parent)
        with os.fdopen(handle, "w", encoding="utf-8") as out:
            json.dump(kept, out, ensure_ascii=False)
        os.replace(temporary, entry)
    except (OSError, ValueError):  # a cache folder that cannot be written to is left alone
        if temporary is not None:
            with contextlib.suppress(OSError):
                os.unlink(temporary)


_LOCATOR_SLOT = re.compile(f"{LOCATOR}[^{LOCATOR}]*{LOCATOR}")
_TERMINAL = re.compile(f"([.?!])([{_CLOSERS}]*[”’][{_CLOSERS}]*|[{_CLOSERS}]*)([.,])")
_DOUBLE_PERIOD = re.compile(f"(?<![.])\\.([{_CLOSERS}]*)\\.(?![.])")
_OUTSIDE_QUOTE = re.compile(f"([”’])([{_CLOSERS}]*)([.,])")


def _tidy(raw: str, punctuation_in_quote: bool) -> str:
    text = _TERMINAL.sub(_terminal, " ".join(raw.split()))
    if punctuation_in_quote:
        text = _OUTSIDE_QUOTE.sub(r"\3\1\2", text)
    return _DOUBLE_PERIOD.sub(r".\1", text)


def _terminal(match: re.Match[str]) -> str:
    """ "Title?”." and "Title?”," lose the period or comma (Chicago); "*Title?*." its period, "*Title?*," not (APA)."""
    end, between, mark = match.groups()
    if end in "?!" and (mark == "." or "”" in between or "’" in between):
        return end + between
    return match.group(0)


def _escape(text: str) -> str:
    """Text as literal Markdown, its spaces kept (escape_markdown strips each line)."""
    core = text.strip()
    if not core:
        return text
    start = text.index(core)
    return text[:start] + escape_markdown(core) + text[start + len(core) :]


_AUTOLINKABLE = re.compile(r"https?://[^\s<>\x00-\x1f\x7f]+", re.IGNORECASE)


def _finish(raw: str, url: str, locator: str, suffix: str, punctuation_in_quote: bool) -> tuple[str, str]:
    """(markup, plain) for citeproc's text: placeholders filled, the style's marks made Markdown, the rest escaped."""
    text = _tidy(raw, punctuation_in_quote)
    plain = _LOCATOR_SLOT.sub(lambda _m: locator, text).replace(URL, url).replace(SUFFIX, suffix)
    plain = re.sub("[\ue000-\ue003]", "", plain)
    pieces = re.split(f"({_LOCATOR_SLOT.pattern}|[{I_OPEN}{I_CLOSE}{B_OPEN}{B_CLOSE}{URL}{SUFFIX}])", text)
    out: list[str] = []
    depth = {"*": 0, "**": 0}
    for piece in pieces:
        if not piece:
            continue
        if piece in (I_OPEN, B_OPEN, I_CLOSE, B_CLOSE):
            mark = "*" if piece in (I_OPEN, I_CLOSE) else "**"
            opening = piece in (I_OPEN, B_OPEN)
            depth[mark] += 1 if opening else -1
            if (opening and depth[mark] == 1) or (not opening and depth[mark] == 0):
                out.append("\x00" + ("<" if opening else ">") + mark)
        elif piece == URL:
            out.append(f"<{url}>" if _AUTOLINKABLE.fullmatch(url) else _escape(url))
        elif piece == SUFFIX:
            out.append(_escape(suffix))
        elif piece.startswith(LOCATOR):
            out.append(_escape(locator))
        else:
            out.append(_escape(piece))
    return _emphasis("".join(out)), " ".join(plain.split())


_SPAN = re.compile(r"\x00<(\*{1,2})(.*?)\x00>\1", re.DOTALL)


def _emphasis(text: str) -> str:
    """Marks as Markdown emphasis: spaces moved outside it, empty spans dropped, unmatched marks dropped."""

    def span(match: re.Match[str]) -> str:
        mark, inner = match.group(1), match.group(2)
        stripped = inner.strip()
        if not stripped:
            return inner
        lead = inner[: len(inner) - len(inner.lstrip())]
        trail = inner[len(inner.rstrip()) :]
        return f"{lead}{mark}{stripped}{mark}{trail}"

    return re.sub(r"\x00[<>]\*{1,2}", "", _SPAN.sub(span, text))


# --- locators ---------------------------------------------------------------------------------------------------

_LOCATOR_LABELS = {
    "page": ("p", "p.", "pp", "pp.", "page", "pages", "pg", "pg."),
    "paragraph": ("para", "para.", "paras", "paras.", "paragraph", "paragraphs", "¶", "¶¶"),
    "section": ("sec", "sec.", "secs.", "section", "sections", "§", "§§"),
    "chapter": ("ch", "ch.", "chap.", "chapter", "chapters"),
    "figure": ("fig", "fig.", "figs.", "figure", "figures"),
    "line": ("l.", "ll.", "line", "lines"),
    "note": ("n.", "nn.", "note", "notes"),
    "volume": ("vol", "vol.", "vols.", "volume", "volumes"),
    "column": ("col", "col.", "cols.", "column", "columns"),
}
_LABEL_OF = {word: label for label, words in _LOCATOR_LABELS.items() for word in words}
_PLURAL_WORDS = frozenset(("pp", "pp.", "pages", "paras", "paras.", "paragraphs", "¶¶", "secs.", "sections", "§§",
                           "chapters", "figs.", "figures", "ll.", "lines", "nn.", "notes", "vols.", "volumes",
                           "cols.", "columns"))  # fmt: skip
_LOCATOR_TEXT = re.compile(r"(?:(?P<word>[^\W\d]+\.?|¶¶?|§§?)\s*)?(?P<value>[\dIVXLCDMivxlcdm][\w\s,–—&-]*)")


def parse_locator(locator: str) -> tuple[str, str, bool]:
    """("page", "3", False) for "p. 3", ("page", "4–5", True) for "pp. 4-5" or "4-5"; ("", text, False) for a
    locator the style has no label for ("table 2"), printed after the citation as it is."""
    text = " ".join(locator.split())
    if not text:
        return "", "", False
    match = _LOCATOR_TEXT.fullmatch(text)
    if match:
        word = (match.group("word") or "").lower()
        label = _LABEL_OF.get(word) if word else "page"
        if label:
            value = re.sub(r"(?<=\w)\s*[-–—]\s*(?=\w)", "–", match.group("value").strip())
            plural = word in _PLURAL_WORDS or bool(re.search(r"\w\s*[–,&]\s*\w", value))
            return label, value, plural
    return "", text, False


# --- the API ----------------------------------------------------------------------------------------------------


def reference(style_id: str, facts: SourceFacts, locale: str = "") -> str:
    """The source's entry in the style's bibliography as inline Markdown; "" for the numbered style."""
    if style_id == NUMBERED:
        return ""
    loaded = _engine().load(style_id, locale)
    raw = _rendered(style_id, locale, facts, "entry", "", False, False)
    return Md(_finish(raw, _clean(facts.url), "", "", loaded.punctuation_in_quote)[0])


def bibliography_order(style_id: str, sources: Sequence[SourceFacts], locale: str = "") -> list[int]:
    """The indices of ``sources`` in the order the style sorts its bibliography (as given for an unsorted one)."""
    if style_id == NUMBERED:
        return list(range(len(sources)))
    descending = _engine().sort_directions(style_id, locale)
    if descending is None:
        return list(range(len(sources)))
    keys = [_sort_keys(style_id, locale, facts) for facts in sources]

    def compare(left: int, right: int) -> int:
        for a, b, down in zip(keys[left], keys[right], descending, strict=False):
            if a is None and b is None:
                continue
            if a is None or b is None:
                return 1 if a is None else -1  # a missing key sorts last, either way
            result = (a > b) - (a < b)
            if result:
                return -result if down else result
        return left - right

    return sorted(range(len(sources)), key=cmp_to_key(compare))


@lru_cache(maxsize=16384)
def _sort_keys(style_id: str, locale: str, facts: SourceFacts) -> tuple[Any, ...]:
    """One source's bibliography sort keys, as citeproc computes them, made comparable (lower case, or numbers);
    kept on disk with its renderings."""
    kept = _kept(style_id, locale, facts).get("sort")
    if isinstance(kept, list):
        return tuple(tuple(key) if isinstance(key, list) else key for key in kept)
    keys = _engine().sort_keys(style_id, locale, csl_item(facts))
    _keep(style_id, locale, facts, "sort", keys)
    return keys


def format_citations(
    style_id: str, sources: Mapping[int, SourceFacts], cites: Sequence[Cite], locale: str = ""
) -> list[FormattedCite]:
    """Each of ``cites`` (in reading order) as the style prints it; see the module's docstring."""
    loaded = None if style_id == NUMBERED else _engine().load(style_id, locale)
    seen: set[int] = set()
    done: list[FormattedCite] = []
    for cite in cites:
        first = cite.number not in seen
        seen.add(cite.number)
        facts = sources.get(cite.number)
        if loaded is None or facts is None:
            label = f"[{cite.number}, {cite.locator}]" if cite.locator else f"[{cite.number}]"
            done.append(FormattedCite(cite.number, cite.locator, "numbered", first, escape_markdown(label), label))
            continue
        label, value, plural = parse_locator(cite.locator)
        what: RenderKind = "first" if first or loaded.kind != "note" else "later"
        raw = _rendered(style_id, locale, facts, what, label, plural, bool(value and not label))
        markup, text = _finish(raw, _clean(facts.url), value, value, loaded.punctuation_in_quote)
        if not text.strip():  # the style printed nothing for this source: its number, rather than nothing
            label = f"[{cite.number}, {cite.locator}]" if cite.locator else f"[{cite.number}]"
            done.append(FormattedCite(cite.number, cite.locator, "numbered", first, escape_markdown(label), label))
            continue
        done.append(FormattedCite(cite.number, cite.locator, loaded.kind, first, Md(markup), text))
    return done
