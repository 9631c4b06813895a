"""Syntax colours for the two files of a template: Jinja-in-Markdown (brief.md.j2) and TOML (style.toml).

Colours make the two languages in brief.md.j2 tell apart at a glance — what
the template computes (Jinja tags) and what the brief prints (Markdown
structure) — and make a stray quote or bracket in style.toml visible before
the preview complains.  Highlighting is by pattern, not a parser: it must be
fast on every keystroke and forgiving of half-typed text.
"""

from __future__ import annotations

import re

from PySide6.QtGui import QColor, QFont, QSyntaxHighlighter, QTextCharFormat, QTextDocument


def _format(colour: str, bold: bool = False, italic: bool = False, background: str = "") -> QTextCharFormat:
    char_format = QTextCharFormat()
    char_format.setForeground(QColor(colour))
    if bold:
        char_format.setFontWeight(QFont.Weight.Bold)
    if italic:
        char_format.setFontItalic(True)
    if background:
        char_format.setBackground(QColor(background))
    return char_format


#: Each kind of text: its colour on a light and on a dark background, and bold, italic, tag background.
_STYLES: dict[str, tuple[str, str, bool, bool, bool]] = {
    "heading": ("#0b2e4f", "#93c5fd", True, False, False),
    "container": ("#0f766e", "#5eead4", True, False, False),
    "quote_mark": ("#556274", "#a3acb9", False, False, False),
    "list_mark": ("#1d4ed8", "#93c5fd", True, False, False),
    "strong": ("#1f2937", "#f3f4f6", True, False, False),
    "citation": ("#1d4ed8", "#93c5fd", False, False, False),
    "tag": ("#6d28d9", "#c4b5fd", False, False, True),
    "tag_keyword": ("#6d28d9", "#c4b5fd", True, False, True),
    "tag_string": ("#9a4a07", "#fbbf24", False, False, True),
    "comment": ("#6b7280", "#9ca3af", False, True, False),
    "toml_table": ("#1d4ed8", "#93c5fd", True, False, False),
    "toml_key": ("#0f766e", "#5eead4", False, False, False),
    "toml_string": ("#9a4a07", "#fbbf24", False, False, False),
    "toml_number": ("#be185d", "#f9a8d4", False, False, False),
    "toml_boolean": ("#7c3aed", "#c4b5fd", True, False, False),
}
#: Behind a Jinja tag, so what the template computes stands apart from what it prints.
_TAG_BACKGROUND = ("#f5f3ff", "#2e1f4d")


def syntax_formats(dark: bool) -> dict[str, QTextCharFormat]:
    """The formats for the scheme in use: made when an editor opens, so it matches the window around it."""
    pick = 1 if dark else 0
    return {
        kind: _format(colours[pick], bold, italic, _TAG_BACKGROUND[pick] if tagged else "")
        for kind, (*colours, bold, italic, tagged) in _STYLES.items()
    }


_MARKDOWN_RULES: list[tuple[re.Pattern[str], str]] = [
    (re.compile(r"^\s{0,3}#{1,6}\s.*$"), "heading"),
    (re.compile(r"^\s*(?:>\s*)?:::.*$"), "container"),
    (re.compile(r"^\s*>"), "quote_mark"),
    (re.compile(r"^\s*(?:[-*+]|\d+\.)(?=\s)"), "list_mark"),
    (re.compile(r"\*\*[^*\n]+\*\*"), "strong"),
    (re.compile(r"\[@\d+[^\]]*\]"), "citation"),
    (re.compile(r"^\\newpage\s*$"), "container"),
]

#: Jinja constructs, keyed by their opening delimiter: (closing delimiter, block state while unclosed).
_JINJA = {"{{": ("}}", 1), "{%": ("%}", 2), "{#": ("#}", 3)}
_CLOSER_BY_STATE = {state: (closer, opener) for opener, (closer, state) in _JINJA.items()}
_JINJA_OPEN = re.compile(r"\{[{%#]")
_JINJA_KEYWORDS = re.compile(
    r"\b(?:if|elif|else|endif|for|endfor|in|not|and|or|is|set|endset|include|import|from|macro|endmacro|"
    r"call|endcall|filter|endfilter|block|endblock|extends|with|endwith|true|false|none|True|False|None)\b"
)
_JINJA_STRING = re.compile(r""""(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*'""")


class _Highlighter(QSyntaxHighlighter):
    def __init__(self, document: QTextDocument, dark: bool = False) -> None:
        super().__init__(document)
        self.formats = syntax_formats(dark)

    def recolour(self, dark: bool) -> None:
        """Colour the text for a light or a dark background (the system's scheme changed)."""
        self.formats = syntax_formats(dark)
        self.rehighlight()


class JinjaMarkdownHighlighter(_Highlighter):
    """Markdown structure first, then Jinja on top: a tag inside a heading or a list item shows as a tag.

    A tag or comment left open at the end of a line is carried to the next
    through the block state, so multi-line ``{# … #}`` comments colour whole.
    """

    def highlightBlock(self, text: str) -> None:
        for pattern, kind in _MARKDOWN_RULES:
            for match in pattern.finditer(text):
                self.setFormat(match.start(), match.end() - match.start(), self.formats[kind])
        self.setCurrentBlockState(0)
        position = 0
        state = max(self.previousBlockState(), 0)
        while position <= len(text):
            if state == 0:
                opening = _JINJA_OPEN.search(text, position)
                if opening is None:
                    return
                start = opening.start()
                closer, state = _JINJA[opening.group()]
                search_from = start + 2
            else:
                closer, _ = _CLOSER_BY_STATE[state]
                start = search_from = position
            end = text.find(closer, search_from)
            if end < 0:
                self._tag(text, start, len(text), state)
                self.setCurrentBlockState(state)
                return
            self._tag(text, start, end + len(closer), state)
            position, state = end + len(closer), 0

    def _tag(self, text: str, start: int, end: int, state: int) -> None:
        if state == 3:
            self.setFormat(start, end - start, self.formats["comment"])
            return
        self.setFormat(start, end - start, self.formats["tag"])
        inside = text[start:end]
        for pattern, kind in ((_JINJA_KEYWORDS, "tag_keyword"), (_JINJA_STRING, "tag_string")):
            for match in pattern.finditer(inside):
                self.setFormat(start + match.start(), match.end() - match.start(), self.formats[kind])


_TOML_STRING = re.compile(r""""(?:[^"\\]|\\.)*"?|'[^']*'?""")
_TOML_TABLE = re.compile(r"^\s*\[\[?[^\]#]*\]?\]?")
_TOML_KEY = re.compile(r"""^\s*((?:"[^"]*"|'[^']*'|[A-Za-z0-9_.\- ])+?)\s*(?==)""")
_TOML_NUMBER = re.compile(r"(?<![\w.#])[+-]?\d[\d_]*(?:\.\d+)?(?:[eE][+-]?\d+)?\b")
_TOML_BOOLEAN = re.compile(r"\b(?:true|false)\b")


class TomlHighlighter(_Highlighter):
    """Tables, keys, strings, numbers, booleans and comments; a ``#`` inside a string is not a comment."""

    def highlightBlock(self, text: str) -> None:
        strings = [match.span() for match in _TOML_STRING.finditer(text)]
        comment = next((i for i, c in enumerate(text) if c == "#" and not _inside(i, strings)), len(text))
        code = text[:comment]
        for start, end in strings:
            if start < comment:
                self.setFormat(start, end - start, self.formats["toml_string"])
        for pattern, kind in ((_TOML_NUMBER, "toml_number"), (_TOML_BOOLEAN, "toml_boolean")):
            for match in pattern.finditer(code):
                if not _inside(match.start(), strings):
                    self.setFormat(match.start(), match.end() - match.start(), self.formats[kind])
        if table := _TOML_TABLE.match(code):  # a quoted key is a key, not a string
            self.setFormat(0, table.end(), self.formats["toml_table"])
        elif key := _TOML_KEY.match(code):
            self.setFormat(key.start(1), key.end(1) - key.start(1), self.formats["toml_key"])
        if comment < len(text):
            self.setFormat(comment, len(text) - comment, self.formats["comment"])


def _inside(position: int, spans: list[tuple[int, int]]) -> bool:
    return any(start <= position < end for start, end in spans)
