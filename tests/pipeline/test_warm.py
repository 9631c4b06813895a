"""The fork server's warm-up: workers start with the installed templates' fonts registered."""

from __future__ import annotations

import subprocess
import sys

PROGRAM = """
from reportlab.pdfbase import pdfmetrics
before = set(pdfmetrics.getRegisteredFontNames())
import app.pipeline.warm
after = set(pdfmetrics.getRegisteredFontNames())
from app.assemble.catalog import discover_templates
from app.render.pdf.fonts import register_fonts
for info in discover_templates().values():
    register_fonts(info.style())
print(len(after - before), len(set(pdfmetrics.getRegisteredFontNames()) - after))
"""


def test_importing_warm_registers_every_installed_templates_fonts() -> None:
    """Run in a fresh interpreter: fonts registered by other tests would hide a warm-up that does nothing."""
    result = subprocess.run([sys.executable, "-c", PROGRAM], capture_output=True, text=True, check=True, timeout=120)
    registered_by_warm_up, registered_later = map(int, result.stdout.split())
    assert registered_by_warm_up >= 8  # body, heading and mono families, four faces each at most
    assert registered_later == 0
