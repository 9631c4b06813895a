"""The desktop entry, ``briefgen.desktop``: how menus, launchers and file managers start Briefgen.

Its Exec line starts the very briefgen that installed it (an absolute path, so the virtual environment need not be
on the desktop's PATH) with ``%f``: one brief per start, so a file manager opens each brief chosen in a window of
its own. MimeType ties it to .brief files (app.desktop.mime).
"""

from __future__ import annotations

from collections.abc import Sequence

from app.core.errors import BriefgenError
from app.core.paths import APP_ID
from app.desktop.mime import MIME_TYPE

DESKTOP_FILE = f"{APP_ID}.desktop"

#: Characters that make an Exec argument need quotes (the desktop entry specification's reserved characters).
_RESERVED = set(" \t\n\"'\\><~|&;$*?#()`")


def _string_value(text: str) -> str:
    """``text`` escaped as a desktop entry string value: a backslash, newline, tab or carriage return escaped."""
    escapes = {"\\": "\\\\", "\n": "\\n", "\t": "\\t", "\r": "\\r"}
    return "".join(escapes.get(char, char) for char in text)


def exec_argument(argument: str) -> str:
    """One argument of an Exec line: in double quotes when it holds a reserved character (``"``, `````, ``$`` and
    ``\\`` then escaped), and ``%`` doubled, as the specification asks; the value's own escaping comes on top."""
    if _RESERVED & set(argument):
        argument = '"' + "".join("\\" + char if char in '"`$\\' else char for char in argument) + '"'
    return argument.replace("%", "%%")


def desktop_entry(command: Sequence[str]) -> str:
    """The entry for starting ``command`` (the briefgen program, or a Python running ``-m app``) on one brief."""
    if "=" in command[0]:
        raise BriefgenError(f"{command[0]}: a desktop entry cannot start a program whose path holds '='")
    exec_line = " ".join(exec_argument(argument) for argument in command)
    return (
        "[Desktop Entry]\n"
        "Type=Application\n"
        "Version=1.4\n"  # the newest that desktop-file-validate 0.26 (Debian 12, Ubuntu 22.04) knows
        "Name=Briefgen\n"
        "GenericName=Policy Brief Editor\n"
        "Comment=Turn the sources you read into a formatted policy brief, every passage cited\n"
        f"Exec={_string_value(exec_line)} %f\n"
        f"TryExec={_string_value(command[0])}\n"
        f"Icon={APP_ID}\n"
        "Terminal=false\n"
        "Categories=Office;\n"
        f"MimeType={MIME_TYPE};\n"
        "Keywords=brief;policy;analyst;sources;citations;report;\n"
    )
