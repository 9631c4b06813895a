"""Syntax colours for the two files of a template: Jinja-in-Markdown (brief.md.j2) and TOML (style.toml).

Colours make the two languages in brief.md.j2 tell apart at a glance — what
the template computes (Jinja tags) and what the brief prints (Markdown
structure) — and make a stray quote or bracket in style.toml visible before
the preview complains.  Highlighting is by pattern, not a parser: it must be
fast on every keystroke and forgiving of half-typed text.
"""

from __future__ import annotations

import re

from PySide6.QtGui import QColor, QFont, QSyntaxHighlighter, QTextCharFormat


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


HEADING = _format("#0b2e4f", bold=True)
CONTAINER = _format("#0f766e", bold=True)
QUOTE_MARK = _format("#64748b")
LIST_MARK = _format("#2563eb", bold=True)
STRONG = _format("#1f2937", bold=True)
CITATION = _format("#2563eb")
TAG = _format("#6d28d9", background="#f5f3ff")
TAG_KEYWORD = _format("#6d28d9", bold=True, background="#f5f3ff")
TAG_STRING = _format("#b45309", background="#f5f3ff")
COMMENT = _format("#94a3b8", italic=True)
TOML_TABLE = _format("#1d4ed8", bold=True)
TOML_KEY = _format("#0f766e")
TOML_STRING = _format("#b45309")
TOML_NUMBER = _format("#be185d")
TOML_BOOLEAN = _format("#7c3aed", bold=True)

_MARKDOWN_RULES: list[tuple[re.Pattern[str], QTextCharFormat]] = [
    (re.compile(r"^\s{0,3}#{1,6}\s.*$"), HEADING),
    (re.compile(r"^\s*(?:>\s*)?:::.*$"), CONTAINER),
    (re.compile(r"^\s*>"), QUOTE_MARK),
    (re.compile(r"^\s*(?:[-*+]|\d+\.)(?=\s)"), LIST_MARK),
    (re.compile(r"\*\*[^*\n]+\*\*"), STRONG),
    (re.compile(r"\[@\d+[^\]]*\]"), CITATION),
    (re.compile(r"^\\newpage\s*$"), CONTAINER),
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


class JinjaMarkdownHighlighter(QSyntaxHighlighter):
    """Markdown structure first, then Jinja on top: a tag inside a heading or a list item shows as a tag.

    A tag or comment left open at the end of a line is carried to the next
    through the block state, so multi-line ``{# … #}`` comments colour whole.
    """

    def highlightBlock(self, text: str) -> None:
        for pattern, char_format in _MARKDOWN_RULES:
            for match in pattern.finditer(text):
                self.setFormat(match.start(), match.end() - match.start(), char_format)
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
            self.setFormat(start, end - start, COMMENT)
            return
        self.setFormat(start, end - start, TAG)
        inside = text[start:end]
        for pattern, char_format in ((_JINJA_KEYWORDS, TAG_KEYWORD), (_JINJA_STRING, TAG_STRING)):
            for match in pattern.finditer(inside):
                self.setFormat(start + match.start(), match.end() - match.start(), char_format)


_TOML_STRING = re.compile(r""""(?:[^"\\]|\\.)*"?|'[^']*'?""")
_TOML_TABLE = re.compile(r"^\s*\[\[?[^\]#]*\]?\]?")
_TOML_KEY = re.compile(r"""^\s*((?:"[^"]*"|'[^']*'|[A-Za-z0-9_.\- ])+?)\s*(?==)""")
_TOML_NUMBER = re.compile(r"(?<![\w.#])[+-]?\d[\d_]*(?:\.\d+)?(?:[eE][+-]?\d+)?\b")
_TOML_BOOLEAN = re.compile(r"\b(?:true|false)\b")


class TomlHighlighter(QSyntaxHighlighter):
    """Tables, keys, strings, numbers, booleans and comments; a ``#`` inside a string is not a comment."""

    def highlightBlock(self, text: str) -> None:
        strings = [match.span() for match in _TOML_STRING.finditer(text)]
        comment = next((i for i, c in enumerate(text) if c == "#" and not _inside(i, strings)), len(text))
        code = text[:comment]
        for start, end in strings:
            if start < comment:
                self.setFormat(start, end - start, TOML_STRING)
        for pattern, char_format in ((_TOML_NUMBER, TOML_NUMBER), (_TOML_BOOLEAN, TOML_BOOLEAN)):
            for match in pattern.finditer(code):
                if not _inside(match.start(), strings):
                    self.setFormat(match.start(), match.end() - match.start(), char_format)
        if table := _TOML_TABLE.match(code):  # a quoted key is a key, not a string
            self.setFormat(0, table.end(), TOML_TABLE)
        elif key := _TOML_KEY.match(code):
            self.setFormat(key.start(1), key.end(1) - key.start(1), TOML_KEY)
        if comment < len(text):
            self.setFormat(comment, len(text) - comment, COMMENT)


def _inside(position: int, spans: list[tuple[int, int]]) -> bool:
    return any(start <= position < end for start, end in spans)
