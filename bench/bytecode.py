"""Compiled bytecode for the app before anything is timed, as an installed Briefgen has.

pip compiles an installed package's modules; a development checkout gets them
on first import, unless ``PYTHONDONTWRITEBYTECODE`` is set (as on the
development machine), when every start would compile each changed module again
and the figures would measure the compiler.
"""

from __future__ import annotations

import compileall
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def compile_app() -> None:
    """Write up-to-date ``.pyc`` files for every module under ``app/``."""
    compileall.compile_dir(str(ROOT / "app"), quiet=1)
