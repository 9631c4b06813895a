"""Re-make the README's page images from the bundled sample brief (seeds/sample.brief).

Builds the sample in every built-in template and renders pages with poppler's
``pdftoppm`` (installed by .ci/run), so the pictures show exactly what
``briefgen build seeds/sample.brief`` writes:
``.venv/bin/python tools/make_readme_images.py``.
The window screenshots (docs/gui-*.png) are taken from the running app.
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
from pathlib import Path

from app.cli.main import main as briefgen

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "seeds" / "sample.brief"
DOCS = ROOT / "docs"
#: (template, first page, last page, dots per inch, image name without extension)
IMAGES = [
    ("policy-brief", 1, 1, 80, "sample-brief-page1"),
    ("policy-brief", 2, 2, 80, "sample-brief-page2"),
    ("policy-brief", 1, 1, 50, "template-policy-brief"),
    ("situation-report", 1, 1, 50, "template-situation-report"),
    ("decision-memo", 1, 1, 50, "template-decision-memo"),
]


def main() -> int:
    with tempfile.TemporaryDirectory() as folder:
        out = Path(folder)
        for template in dict.fromkeys(t for t, *_ in IMAGES):
            code = briefgen(
                ["build", str(SAMPLE), "--template", template, "--format", "pdf", "-o", folder, "--name", template]
            )
            if code:
                return code
        for template, first, last, dpi, name in IMAGES:
            target = DOCS / name
            subprocess.run(
                ["pdftoppm", "-png", "-r", str(dpi), "-f", str(first), "-l", str(last), "-singlefile",
                 str(out / f"{template}.pdf"), str(target)],
                check=True,
            )  # fmt: skip
            print(target.with_suffix(".png"))
    return 0


if __name__ == "__main__":
    sys.exit(main())
