"""Where the bundled resources live, found relative to the package so a checkout and an install agree."""

from pathlib import Path

PACKAGE_DIR = Path(__file__).resolve().parents[1]
PROJECT_DIR = PACKAGE_DIR.parent
ASSETS_DIR = PROJECT_DIR / "assets"
TEMPLATES_DIR = PROJECT_DIR / "templates"
SEEDS_DIR = PROJECT_DIR / "seeds"
#: The sample brief: an analyst's brief over the bundled sources, with every kind of item.
SAMPLE_BRIEF = SEEDS_DIR / "sample.brief"
#: The name desktops know Briefgen by: its desktop entry (briefgen.desktop), its icon, its Wayland app id.
APP_ID = "briefgen"
#: The app's icon, drawn once as SVG; the window shows it and ``briefgen install-desktop`` installs it.
APP_ICON = ASSETS_DIR / "icons" / "briefgen.svg"
#: The sizes it also ships as PNG (tools/make_app_icons.py), for desktops that draw no SVG (48 is the minimum).
APP_ICON_SIZES = (48, 128, 256)


def app_icon_png(size: int) -> Path:
    """The app's icon drawn at ``size`` × ``size`` pixels."""
    return APP_ICON.with_name(f"briefgen-{size}.png")
