"""Importing this builds the sample brief's preview once, so the processes forked from the importer start warm.

The window's previews, checks and exports are built in workers forked from
its fork server (see app.core.bounded).  A worker forked from a cold server
would register the fonts and load the writers' modules again for every
preview — more work than the preview itself for a short brief.  The fork
server names this module in its preload, so it does that once, while the
window opens, and every worker inherits the result.  It is a trial build of
the sample, as a template check makes (app.template_tools.check).
"""

from __future__ import annotations

import logging

from app.core.errors import BriefgenError
from app.pipeline.preview import build_preview
from app.template_tools.check import sample_project

log = logging.getLogger(__name__)


def warm_up() -> None:
    """Build the bundled sample brief's PDF here; a failure only means a slower first preview."""
    try:
        build_preview(*sample_project())
    except (BriefgenError, OSError) as exc:
        log.warning("could not warm up the preview workers: %s", exc)


warm_up()
