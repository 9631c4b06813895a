"""The moment a build happens, as every stage that prints or stamps a time reads it.

Reproducible builds set ``SOURCE_DATE_EPOCH`` (seconds since 1970, the common
convention): then the brief's default date, the DOCX's properties and zip
entries and the PDF's dates all come from it, and two builds of the same
project are byte for byte the same.  Without it, it is now.
"""

from __future__ import annotations

import datetime as dt
import os

ENV = "SOURCE_DATE_EPOCH"


def build_time() -> dt.datetime:
    """Now in UTC to the second, or the moment ``SOURCE_DATE_EPOCH`` names when it is a whole number."""
    epoch = os.environ.get(ENV, "").strip()
    if epoch.isdigit():
        return dt.datetime.fromtimestamp(int(epoch), dt.UTC)
    return dt.datetime.now(dt.UTC).replace(microsecond=0)


def drop_unusable_epoch() -> str | None:
    """Remove a ``SOURCE_DATE_EPOCH`` that is not a whole number of seconds, and say why; None when all is well.

    reportlab reads the variable itself and fails on anything else, so a typo
    in it must not break every PDF: the program's entry point calls this once,
    before any thread starts.
    """
    value = os.environ.get(ENV)
    if value is None or value.strip().isdigit():
        return None
    del os.environ[ENV]
    return f"ignoring {ENV}={value!r}: it must be a whole number of seconds since 1970"
