"""Briefgen: turn analysts' source documents into formatted policy briefs.

The package is split into a Qt-free core (ingest, model, templating, markup,
render, export, cli) and ``app.gui``, which only calls the core.
"""

__version__ = "0.1.0"
