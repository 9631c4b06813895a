"""Re-make the README's page images from the bundled sample brief (seeds/sample.brief).

Builds the sample in every built-in template, and once marked as a classified brief (docs/MARKINGS.md's picture),
and renders pages with poppler's
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

from app.brief.project_file import load_project, save_project
from app.cli.main import main as briefgen
from app.core.model import SourceRecord

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
    ("report", 1, 1, 50, "template-report"),
    ("report", 2, 2, 80, "report-contents-page"),
    ("report", 3, 3, 80, "report-footnotes-page"),
    ("marked", 1, 1, 80, "markings-page1"),
]


def marked_sample(folder: Path) -> Path:
    """The sample as a classified brief: the analyst chose CONFIDENTIAL, the source is U, one excerpt C and one
    section S//NF (so the banner is SECRET//NOFORN)."""
    project = load_project(SAMPLE)
    project.meta.classification = "C"
    project.meta.classified_by = "A. Analyst, Analysis Unit"
    project.meta.derived_from = "Multiple Sources"
    project.meta.declassify_on = "20510105"
    project.source_records = {path: SourceRecord(classification="U") for path in project.sources}
    project.items[1] = project.items[1].model_copy(update={"classification": "C"})
    project.items[3] = project.items[3].model_copy(update={"classification": "S//NF"})
    path = folder / "marked.brief"
    save_project(project, path)
    return path


def main() -> int:
    with tempfile.TemporaryDirectory() as folder:
        out = Path(folder)
        for template in dict.fromkeys(t for t, *_ in IMAGES if t != "marked"):
            code = briefgen(
                ["build", str(SAMPLE), "--template", template, "--format", "pdf", "-o", folder, "--name", template]
            )
            if code:
                return code
        if briefgen(["build", str(marked_sample(out)), "--format", "pdf", "-o", folder, "--name", "marked"]):
            return 1
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
