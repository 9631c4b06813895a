"""LibreOffice as a reader without the bundled fonts installed: a DOCX converted to PDF in a font jail.

Only DejaVu is visible to it (a fontconfig file of its own), and it runs with a profile of its own, so what it
prints is what a reader's machine without Noto shows. Tests that use it skip where LibreOffice is not installed.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest

needs_libreoffice = pytest.mark.skipif(
    shutil.which("soffice") is None or shutil.which("pdfinfo") is None, reason="needs LibreOffice and poppler"
)


def convert_without_noto(docx: Path, work: Path) -> Path:
    """``docx`` converted to PDF by LibreOffice seeing only DejaVu; the PDF's path."""
    fonts = work / "fonts.conf"
    fonts.write_text(
        '<?xml version="1.0"?><fontconfig><dir>/usr/share/fonts/truetype/dejavu</dir>'
        f"<cachedir>{work / 'fc-cache'}</cachedir></fontconfig>"
    )
    env = {"FONTCONFIG_FILE": str(fonts), "HOME": str(work), "PATH": "/usr/bin:/bin"}
    profile = f"-env:UserInstallation=file://{work / 'lo-profile'}"
    out = work / "lo"
    subprocess.run(
        ["soffice", "--headless", profile, "--convert-to", "pdf", "--outdir", str(out), str(docx)],
        env=env, check=True, timeout=180, capture_output=True,
    )  # fmt: skip
    return out / f"{docx.stem}.pdf"


def page_count(pdf: Path) -> int:
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout
    found = re.search(r"Pages:\s+(\d+)", info)
    assert found, info
    return int(found.group(1))


def page_texts(pdf: Path) -> list[str]:
    """Each page's text as poppler reads it, in layout order."""
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    return text.split("\f")[: page_count(pdf)]
