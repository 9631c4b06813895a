"""What the analyst should still fill in: said to the analyst, never printed in the brief.

A template leaves an empty part out rather than print an instruction or a
placeholder to the reader; these messages tell the analyst instead (the CLI
prints them as warnings, the window can list them).
"""

from __future__ import annotations

from app.assemble.context import BriefContext
from app.assemble.layout import Layout
from app.core.model import ROLE_LABELS


def brief_gaps(context: BriefContext, layout: Layout) -> list[str]:
    """What to fill in: an empty summary, empty parts, items no part prints, empty details the template prints."""
    gaps: list[str] = []
    labels: dict[str, str] = {role: label for role, label in ROLE_LABELS.items()}
    if not context.meta["summary"]:
        gaps.append("no summary written: the bottom line is Briefgen's choice of sentences from the sources")
    for part in context.parts(layout):
        if not part.items and not part.figures:
            roles = " or ".join(labels[role] for role in part.roles)
            gaps.append(f"the {part.heading} part is empty and left out: give items the role {roles}")
    printed_figures = context.figures if layout.figures else []
    roles_used = [item.role for item in context.items] + [figure.role for figure in printed_figures]
    unprinted = [role for role in roles_used if role not in layout.printed_roles]
    for role in dict.fromkeys(unprinted):
        count = unprinted.count(role)
        label = labels[role]
        gaps.append(f"{count} {label} item{'s' if count > 1 else ''} not printed: this template has no {label} part")
    for name in layout.fields:
        if not context.meta.get(name):
            gaps.append(f"the {name} is empty and left out: this template prints it")
    return gaps


def figures_left_out(context: BriefContext, layout: Layout) -> list[str]:
    """A message when the brief has figures and the template prints none (the one-page memo)."""
    count = len(context.figures)
    if not count or layout.figures:
        return []
    return [f"{count} figure{'s' if count > 1 else ''} not printed: this template prints no figures"]


def shortened(context: BriefContext, layout: Layout) -> list[str]:
    """A message when a condensing template (``condense = true``) prints less of a source item than it holds."""
    if not layout.condense:
        return []
    cut = [item for item in context.items if item.kind == "section" and item.key_sentence != item.plain.strip()]
    plural = "s" if len(cut) > 1 else ""
    return (
        [f"to fit the page, the template prints only the key sentence of {len(cut)} source item{plural}"] if cut else []
    )
