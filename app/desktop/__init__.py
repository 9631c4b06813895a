"""Briefgen as a desktop app on Linux: its menu entry, icon and file type installed for the user, and the check
that the system has the libraries Qt's window needs.

Nothing here imports Qt: it runs before any window, from the ``briefgen`` command and ``scripts/run.sh``.
"""
