"""Control characters and terminal escape sequences, removed before text reaches a terminal, a brief or XML.

Sources are cleaned once, on the way in (``strip_controls``); the DOCX writer still passes every string through
``xml_safe``, because text also comes from templates and the analyst's own edits, and one stray character would
make lxml refuse the whole export.
"""

from __future__ import annotations

import re

#: Terminal escape sequences, in 7- and 8-bit forms: CSI ("ESC [ 2 J", "ESC [ 31 m"), string commands such as OSC
#: ("ESC ] 0 ; title BEL") when terminated on the same line, and two-character ones ("ESC c").
_ESCAPE_SEQUENCE = re.compile(
    r"(?:\x1b\[|\x9b)[0-?]*[ -/]*[@-~]"
    r"|(?:\x1b[\]PX^_]|[\x90\x98\x9d\x9e\x9f])[^\x07\x1b\x9c\n]{0,2048}(?:\x07|\x1b\\|\x9c)"
    r"|\x1b[!-/]*[0-~]?"
)
#: C0 controls other than tab, line feed, vertical tab, form feed and carriage return: never text, never XML 1.0.
_C0 = r"\x00-\x08\x0e-\x1f"
#: Control characters that end a line for str.splitlines (form feed, vertical tab, separators, NEL): kept as breaks.
_LINE_BREAK_CONTROLS = re.compile(r"[\x0b\x0c\x1c-\x1e\x85]")
#: C1 controls that stand for the Windows-1252 punctuation at the same code (U+0092 for "’"): what a page's
#: "&#146;" or a Windows file decoded as Latin-1 gives. HTML reads them so; NEL (U+0085) stays a line break.
#: Undefined in Windows-1252, or NEL (a line break already).
_NOT_MAPPED = (0x81, 0x85, 0x8D, 0x8F, 0x90, 0x9D)
_WINDOWS_1252 = {code: bytes([code]).decode("cp1252") for code in range(0x80, 0xA0) if code not in _NOT_MAPPED}
#: Every other C0 and C1 control character, and DEL; tab, line feed and carriage return are kept.
_CONTROLS = re.compile(rf"[{_C0}\x7f-\x9f]")
#: Any character ``strip_controls`` changes: C0 controls but tab, line feed and return, DEL, C1, lone surrogates.
#: Most text has none, and one search is cheaper than the four substitutions that would change nothing.
_ANY_CHANGED = re.compile(rf"[{_C0}\x0b\x0c\x7f-\x9f\ud800-\udfff]")
#: What XML 1.0 cannot carry at all: those C0 characters, vertical tab, form feed, the noncharacters U+FFFE/FFFF,
#: and lone surrogates (a file name's undecodable bytes, as Python decodes them, end up as those).
_NOT_XML = re.compile(rf"[{_C0}\x0b\x0c\ud800-\udfff\ufffe\uffff]")


#: Lone surrogates: a file name's bytes that were not UTF-8 (U+DC80–U+DCFF, Python's surrogateescape), or broken
#: UTF-16 from a PDF.  No encoder writes them, so one would stop a DOCX, a project file or a terminal.
_LONE_SURROGATES = re.compile(r"[\ud800-\udfff]+")


def _readable_surrogates(match: re.Match[str]) -> str:
    run = match.group()
    if all(0xDC80 <= ord(char) <= 0xDCFF for char in run):  # undecodable bytes, most often Windows-1252 names
        return bytes(ord(char) - 0xDC00 for char in run).decode("cp1252", errors="replace")
    return "\ufffd" * len(run)


def readable(text: str) -> str:
    """Text every encoder can write: undecodable file-name bytes read as Windows-1252 ("caf\\udce9" → "café"),
    any other lone surrogate as the replacement character."""
    return _LONE_SURROGATES.sub(_readable_surrogates, text)


def strip_controls(text: str) -> str:
    """Text without terminal escape sequences, control characters other than tab, line feed and return, or lone
    surrogates (made ``readable``).

    They would reach a terminal through ``briefgen inspect`` and a brief through its sections. Form feeds and
    other line-ending controls become line feeds, so the words they separated stay apart; a C1 control that
    stands for Windows-1252 punctuation becomes that punctuation ("don\x92t" → "don’t"), as browsers read it.
    """
    if not _ANY_CHANGED.search(text):
        return text
    text = readable(_ESCAPE_SEQUENCE.sub("", text))
    text = _LINE_BREAK_CONTROLS.sub("\n", text).translate(_WINDOWS_1252)
    return _CONTROLS.sub("", text)


def xml_safe(text: str) -> str:
    """Text without the characters XML 1.0 forbids (C1 controls and DEL are allowed there, and kept)."""
    return _NOT_XML.sub("", text)


#: C0 and C1 controls (line breaks and tabs too: one field must stay on one line), DEL, lone surrogates, and the
#: bidi embedding and override controls that can make a line display in a different order than it reads.
_UNSAFE = re.compile(r"[\x00-\x1f\x7f-\x9f\ud800-\udfff\u202a-\u202e\u2066-\u2069]")
_NAMED = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}


def _escape(match: re.Match[str]) -> str:
    char = match.group()
    code = ord(char)
    if char in _NAMED:
        return _NAMED[char]
    if 0xDC80 <= code <= 0xDCFF:  # a byte of a file name that was not UTF-8 (surrogateescape)
        return f"\\x{code - 0xDC00:02x}"
    return f"\\x{code:02x}" if code <= 0xFF else f"\\u{code:04x}"


def printable(text: object) -> str:
    """``text`` with every control character, undecodable byte and bidi override shown as an escape.

    For text from files nobody here wrote that is shown rather than printed in a brief: a terminal line, a file
    name in a dialog.  An escape sequence could clear a terminal or forge output, a line break forge a line, and
    a bidi override make one name pass for another.
    """
    return _UNSAFE.sub(_escape, str(text))
