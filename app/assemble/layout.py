"""Where a template prints each role: the parts of its brief, read from template.toml.

A template says which roles it prints and under which heading, so Briefgen can
hand it its items already grouped (``parts``) and tell the analyst which parts
are still empty, and which items the template leaves out::

    [roles]
    Situation = ["background", "discussion"]
    Assessment = ["assessment"]

It also names the details it prints (``fields = ["recipient"]``), so an empty
one is reported rather than printed as a blank, and whether it prints only
each item's key sentence (``condense = true``) and whether it prints figures
at all (``figures = false`` for a one-page memo), so the analyst is told, and
how many pages a brief should run to (``pages = 4``), so a longer one is.
"""

from __future__ import annotations

from typing import Any, NamedTuple

from app.core.errors import TemplateError
from app.core.terms import BRIEF_DETAILS, ROLE_LABELS, ROLES

#: The details a template may list in ``fields``.
FIELDS = BRIEF_DETAILS


class Layout(NamedTuple):
    #: (heading, roles) in the order the template prints them.
    parts: tuple[tuple[str, tuple[str, ...]], ...]
    fields: tuple[str, ...] = ()
    condense: bool = False
    #: Whether the template prints the brief's figures; one that does not has its figures reported.
    figures: bool = True
    #: The most pages a brief of this template should run to (``pages = 4``); a longer one is reported.
    pages: int | None = None
    #: Whether its sources list prints each source's short SHA-256 (``fingerprints = true``), to verify quotes by.
    fingerprints: bool = False

    @property
    def printed_roles(self) -> set[str]:
        return {role for _, roles in self.parts for role in roles}


#: A template that declares nothing prints every role under its own label.
DEFAULT_LAYOUT = Layout(parts=tuple((ROLE_LABELS[role], (role,)) for role in ROLES))


def read_layout(settings: dict[str, Any], path: str) -> Layout:
    """The layout template.toml declares; TemplateError naming the key for anything malformed."""
    roles = settings.get("roles")
    fields = settings.get("fields", [])
    condense = settings.get("condense", False)
    figures = settings.get("figures", True)
    fingerprints = settings.get("fingerprints", False)
    if roles is not None and not isinstance(roles, dict):
        raise TemplateError("roles: should be a table of headings, each a list of roles", path)
    parts = []
    for heading, names in (roles or {}).items():
        if not isinstance(names, list) or not all(isinstance(n, str) and n in ROLES for n in names):
            raise TemplateError(f"roles.{heading}: should be a list of roles out of {', '.join(ROLES)}", path)
        parts.append((heading, tuple(names)))
    if not isinstance(fields, list) or not all(isinstance(f, str) and f in FIELDS for f in fields):
        raise TemplateError(f"fields: should be a list out of {', '.join(FIELDS)}", path)
    for key, value in (("condense", condense), ("figures", figures), ("fingerprints", fingerprints)):
        if not isinstance(value, bool):
            raise TemplateError(f"{key}: should be true or false", path)
    pages = settings.get("pages")
    if pages is not None and (not isinstance(pages, int) or isinstance(pages, bool) or not 1 <= pages <= 500):
        raise TemplateError("pages: should be a whole number of pages from 1 to 500", path)
    parts_or_default = tuple(parts) if roles is not None else DEFAULT_LAYOUT.parts
    return Layout(parts_or_default, tuple(fields), condense, figures, pages, fingerprints)
