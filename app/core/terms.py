"""The words briefs and templates share — roles and the names of a brief's details — without the models.

Reading a template's settings needs these but not pydantic, whose models take a
fifth of a second to build: listing the templates should not wait for that.
app.core.model builds its models on these names (a test keeps the two equal).
"""

from __future__ import annotations

from typing import Literal, get_args

#: The parts of a brief an item can play; each template's template.toml says which it prints, and where.
Role = Literal["background", "discussion", "assessment", "implications", "options", "recommendations", "outlook"]
ROLES: tuple[Role, ...] = get_args(Role)
ROLE_LABELS: dict[Role, str] = {
    "background": "Background",
    "discussion": "Discussion",
    "assessment": "Assessment",
    "implications": "Implications",
    "options": "Options",
    "recommendations": "Recommendations",
    "outlook": "Outlook",
}

#: The brief's details (app.core.model.BriefMeta's fields), which a template's ``fields`` may name.
BRIEF_DETAILS = (
    "title", "subtitle", "author", "organisation", "date", "classification", "recipient", "summary",
    "marking_scheme", "portion_marks", "classified_by", "derived_from", "declassify_on",
)  # fmt: skip
