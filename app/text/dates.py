"""Dates as briefs print them, the same whatever the locale."""

from __future__ import annotations

import datetime as dt

#: English month names, written out so dates read the same whatever locale Qt or the OS sets.
MONTHS = (
    "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December",
)  # fmt: skip


def format_date(day: dt.date) -> str:
    """'5 March 2026': the form briefs print, independent of the process locale."""
    return f"{day.day} {MONTHS[day.month - 1]} {day.year}"
