"""One small exception hierarchy, so the GUI and CLI translate failures in one place each.

Every error carries a message written for the analyst, not a traceback; the
front ends show ``str(error)`` and nothing else.
"""

from __future__ import annotations


class BriefgenError(Exception):
    """Base of every error Briefgen reports to a user."""


class IngestError(BriefgenError):
    """A source file could not be read; names the file and the reason."""

    def __init__(self, path: object, reason: str) -> None:
        self.path = str(path)
        self.reason = reason
        super().__init__(f"{self.path}: {reason}")

    def __reduce__(self) -> tuple[type, tuple[str, str]]:
        """Pickle as constructed, so the error crosses from a worker process unchanged."""
        return (type(self), (self.path, self.reason))


class ProjectError(BriefgenError):
    """A .brief project file is broken, too new, or refers to something missing."""


class SelectionError(BriefgenError):
    """The user asked for a section or source that does not exist."""


class TemplateError(BriefgenError):
    """A template failed to load, compile or render; names its file and line."""

    def __init__(self, message: str, filename: str | None = None, lineno: int | None = None) -> None:
        self.filename = filename
        self.lineno = lineno
        where = ""
        if filename:
            where = f"{filename}:{lineno}: " if lineno else f"{filename}: "
        self.message = message
        super().__init__(f"{where}{message}")

    def __reduce__(self) -> tuple[type, tuple[str, str | None, int | None]]:
        """Pickle as constructed, so the error crosses from a worker process unchanged."""
        return (type(self), (self.message, self.filename, self.lineno))


class StyleError(TemplateError):
    """A style.toml has an unknown key or a value of the wrong type."""


class CitationStyleError(BriefgenError):
    """A citation style a template names is not one Briefgen ships, or its file is damaged."""


class ExportError(BriefgenError):
    """A brief could not be written; an earlier file of the same name is untouched."""


class PresetError(BriefgenError):
    """An export preset is unknown, invalid, or the presets file cannot be read or written."""
