"""The words the window shows for the core's ids: templates, and the fields an undo step names.

Undo menu entries and choosers speak the analyst's language ("Undo Use template
Situation report"), never an id ("situation-report") or a field name ("portion_marks").
"""

from __future__ import annotations

#: Fields whose words are not their names with spaces.
_FIELD_WORDS = {"classification": "marking", "cites": "cited sources"}


def template_label(name: str) -> str:
    """A template's name as shown: "situation-report" → "Situation report"; a folder path stays as given."""
    return name if "/" in name or "\\" in name else name.replace("-", " ").replace("_", " ").capitalize()


def field_words(field: str) -> str:
    """A brief's or an item's field in words: "portion_marks" → "portion marks", "classification" → "marking"."""
    return _FIELD_WORDS.get(field, field.replace("_", " "))
