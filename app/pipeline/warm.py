"""Importing this builds the sample brief's preview once, so the processes forked from the importer start warm.

The window's previews and checks are built in workers forked from its fork
server (see app.core.bounded).  A worker forked from a cold server would
register the fonts, compile the template and load the writers' modules again
for every preview — three times the work of the preview itself for a short
brief.  The fork server names this module in its preload, so it does that
once, while the window opens, and every worker inherits the result.
"""

from __future__ import annotations

import logging

from app.brief.project_file import load_project
from app.core.errors import BriefgenError
from app.core.paths import SAMPLE_BRIEF
from app.ingest import ingest
from app.pipeline.preview import build_preview

log = logging.getLogger(__name__)


def warm_up() -> None:
    """Build the bundled sample brief's PDF here; a failure only means a slower first preview."""
    try:
        project = load_project(SAMPLE_BRIEF)
        sources = {path: ingest(path) for path in project.sources}
        build_preview(project, sources)
    except (BriefgenError, OSError) as exc:
        log.warning("could not warm up the preview workers: %s", exc)


warm_up()
