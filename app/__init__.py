"""Briefgen: turn analysts' source documents into formatted policy briefs.

One package per pipeline stage (ingest → brief → assemble → parse → render →
pipeline), over the shared vocabulary in ``core`` and string helpers in
``text``; ``cli`` and ``gui`` are two faces on the same core, and only ``gui``
imports Qt.  docs/ARCHITECTURE.md is the map.
"""

__version__ = "0.1.0"
