"""Where the bundled resources live, found relative to the package so a checkout and an install agree."""

from pathlib import Path

PACKAGE_DIR = Path(__file__).resolve().parents[1]
PROJECT_DIR = PACKAGE_DIR.parent
ASSETS_DIR = PROJECT_DIR / "assets"
TEMPLATES_DIR = PROJECT_DIR / "templates"
SEEDS_DIR = PROJECT_DIR / "seeds"
#: The sample brief: an analyst's brief over the bundled sources, with every kind of item.
SAMPLE_BRIEF = SEEDS_DIR / "sample.brief"
