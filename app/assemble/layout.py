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
at all (``figures = false`` for a one-page memo), so the analyst is told.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from app.core.errors import TemplateError
from app.core.model import ROLE_LABELS, ROLES, BriefMeta

#: The details a template may list in ``fields``.
FIELDS = tuple(BriefMeta.model_fields)


@dataclass(frozen=True)
class Layout:
    #: (heading, roles) in the order the template prints them.
    parts: tuple[tuple[str, tuple[str, ...]], ...]
    fields: tuple[str, ...] = ()
    condense: bool = False
    #: Whether the template prints the brief's figures; one that does not has its figures reported.
    figures: bool = True

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
    if roles is not None and not isinstance(roles, dict):
        raise TemplateError("roles: should be a table of headings, each a list of roles", path)
    parts = []
    for heading, names in (roles or {}).items():
        if not isinstance(names, list) or not all(isinstance(n, str) and n in ROLES for n in names):
            raise TemplateError(f"roles.{heading}: should be a list of roles out of {', '.join(ROLES)}", path)
        parts.append((heading, tuple(names)))
    if not isinstance(fields, list) or not all(isinstance(f, str) and f in FIELDS for f in fields):
        raise TemplateError(f"fields: should be a list out of {', '.join(FIELDS)}", path)
    for key, value in (("condense", condense), ("figures", figures)):
        if not isinstance(value, bool):
            raise TemplateError(f"{key}: should be true or false", path)
    return Layout(tuple(parts) if roles is not None else DEFAULT_LAYOUT.parts, tuple(fields), condense, figures)
