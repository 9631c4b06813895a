"""What the analyst should still fill in: said to the analyst, never printed in the brief.

A template leaves an empty part out rather than print an instruction or a
placeholder to the reader; these messages tell the analyst instead (the CLI
prints them as warnings, the window can list them).
"""

from __future__ import annotations

from app.assemble.context import BriefContext, FigureView, ItemView
from app.assemble.layout import Layout
from app.core.problems import Problem
from app.core.terms import ROLE_LABELS


def brief_gaps(context: BriefContext, layout: Layout) -> list[Problem]:
    """What to fill in: an empty summary, empty parts, items no part prints, empty details the template prints."""
    gaps: list[Problem] = []
    if not context.meta["summary"]:
        message = "no summary written: the bottom line is Briefgen's choice of sentences from the sources"
        gaps.append(Problem(message, "detail", "summary"))
    for part in context.parts(layout):
        if not part.items and not part.figures:
            roles = " or ".join(ROLE_LABELS[role] for role in part.roles)  # type: ignore[index]
            gaps.append(Problem(f"the {part.heading} part is empty and left out: give items the role {roles}"))
    printed_figures = context.figures if layout.figures else []
    entries: list[ItemView | FigureView] = [*context.items, *printed_figures]
    unprinted = [entry for entry in entries if entry.role not in layout.printed_roles]
    for role in dict.fromkeys(entry.role for entry in unprinted):
        of_role = [entry for entry in unprinted if entry.role == role]
        label, count = ROLE_LABELS[role], len(of_role)  # type: ignore[index]  # roles are Role strings
        message = f"{count} {label} item{'s' if count > 1 else ''} not printed: this template has no {label} part"
        gaps.append(Problem(message, "item", of_role[0].id))
    for name in layout.fields:
        if not context.meta.get(name):
            gaps.append(Problem(f"the {name} is empty and left out: this template prints it", "detail", name))
    return gaps


def figures_left_out(context: BriefContext, layout: Layout) -> list[Problem]:
    """A message when the brief has figures and the template prints none (the one-page memo)."""
    count = len(context.figures)
    if not count or layout.figures:
        return []
    message = f"{count} figure{'s' if count > 1 else ''} not printed: this template prints no figures"
    return [Problem(message, "item", context.figures[0].id)]


def shortened(context: BriefContext, layout: Layout) -> list[Problem]:
    """A message when a condensing template (``condense = true``) prints less of a source item than it holds."""
    if not layout.condense:
        return []
    cut = [item for item in context.items if item.kind == "section" and item.key_sentence != item.plain.strip()]
    if not cut:
        return []
    plural = "s" if len(cut) > 1 else ""
    return [Problem(f"to fit the page, the template prints only the key sentence of {len(cut)} source item{plural}")]
