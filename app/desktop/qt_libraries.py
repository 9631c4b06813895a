"""Which system libraries Qt's window needs and this machine lacks, and the packages that have them.

PySide6's wheel brings Qt but not the system libraries Qt's windowing plugins link to (X11's xcb helpers, EGL,
xkbcommon …). On a bare machine the window then dies deep in Qt ("Could not load the Qt platform plugin "xcb"")
and names none of them. ``scripts/run.sh`` runs this module before it opens the window
(``python -m app.desktop.qt_libraries``): it asks the dynamic loader (``ldd``) which libraries the platform plugin
Qt will load, and the Qt libraries the window uses, cannot find, and prints the one command that installs them.
When it cannot tell (no ldd, no PySide6, a platform it has no plugin for) it keeps quiet: Qt will speak for itself.
"""

from __future__ import annotations

import importlib.util
import os
import shutil
import subprocess
import sys
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

#: A library's file name (soname) → the package that has it on Debian and Ubuntu, and on Fedora.
PACKAGES: dict[str, tuple[str, str]] = {
    "libEGL.so.1": ("libegl1", "libglvnd-egl"),
    "libGL.so.1": ("libgl1", "libglvnd-glx"),
    "libGLX.so.0": ("libglx0", "libglvnd-glx"),
    "libGLdispatch.so.0": ("libglvnd0", "libglvnd"),
    "libOpenGL.so.0": ("libopengl0", "libglvnd-opengl"),
    "libX11.so.6": ("libx11-6", "libX11"),
    "libX11-xcb.so.1": ("libx11-xcb1", "libX11-xcb"),
    "libXau.so.6": ("libxau6", "libXau"),
    "libXdmcp.so.6": ("libxdmcp6", "libXdmcp"),
    "libxcb.so.1": ("libxcb1", "libxcb"),
    "libxcb-cursor.so.0": ("libxcb-cursor0", "xcb-util-cursor"),
    "libxcb-icccm.so.4": ("libxcb-icccm4", "xcb-util-wm"),
    "libxcb-image.so.0": ("libxcb-image0", "xcb-util-image"),
    "libxcb-keysyms.so.1": ("libxcb-keysyms1", "xcb-util-keysyms"),
    "libxcb-randr.so.0": ("libxcb-randr0", "libxcb"),
    "libxcb-render.so.0": ("libxcb-render0", "libxcb"),
    "libxcb-render-util.so.0": ("libxcb-render-util0", "xcb-util-renderutil"),
    "libxcb-shape.so.0": ("libxcb-shape0", "libxcb"),
    "libxcb-shm.so.0": ("libxcb-shm0", "libxcb"),
    "libxcb-sync.so.1": ("libxcb-sync1", "libxcb"),
    "libxcb-util.so.1": ("libxcb-util1", "xcb-util"),
    "libxcb-xfixes.so.0": ("libxcb-xfixes0", "libxcb"),
    "libxcb-xinerama.so.0": ("libxcb-xinerama0", "libxcb"),
    "libxcb-xinput.so.0": ("libxcb-xinput0", "libxcb"),
    "libxcb-xkb.so.1": ("libxcb-xkb1", "libxcb"),
    "libxkbcommon.so.0": ("libxkbcommon0", "libxkbcommon"),
    "libxkbcommon-x11.so.0": ("libxkbcommon-x11-0", "libxkbcommon-x11"),
    "libwayland-client.so.0": ("libwayland-client0", "libwayland-client"),
    "libwayland-cursor.so.0": ("libwayland-cursor0", "libwayland-cursor"),
    "libwayland-egl.so.1": ("libwayland-egl1", "libwayland-egl"),
    "libfontconfig.so.1": ("libfontconfig1", "fontconfig"),
    "libfreetype.so.6": ("libfreetype6", "freetype"),
    "libpng16.so.16": ("libpng16-16", "libpng"),
    "libdbus-1.so.3": ("libdbus-1-3", "dbus-libs"),
    "libglib-2.0.so.0": ("libglib2.0-0", "glib2"),
    "libgthread-2.0.so.0": ("libglib2.0-0", "glib2"),
    "libz.so.1": ("zlib1g", "zlib"),
    "libzstd.so.1": ("libzstd1", "libzstd"),
    "libbrotlidec.so.1": ("libbrotli1", "libbrotli"),
    "libbrotlicommon.so.1": ("libbrotli1", "libbrotli"),
    "libexpat.so.1": ("libexpat1", "expat"),
    "libffi.so.8": ("libffi8", "libffi"),
    "libpcre2-8.so.0": ("libpcre2-8-0", "pcre2"),
}

#: The platforms' names as people know them.
PLATFORM_NAMES = {"xcb": "X11", "wayland": "Wayland"}
#: The Qt libraries the window uses beyond what the platform plugin loads (widgets, and SVG for its icons).
WINDOW_LIBRARIES = ("libQt6Widgets.so.6", "libQt6Svg.so.6")
#: How long ldd may take; it takes a few hundredths of a second.
LDD_SECONDS = 30


@dataclass(frozen=True)
class Shortfall:
    """The libraries the window lacks: its platform plugin's name (``xcb``) and each missing library's soname."""

    platform: str
    libraries: list[str]


def platforms(environ: Mapping[str, str]) -> list[str]:
    """The platform plugins Qt will try, in its order: those QT_QPA_PLATFORM names, else Wayland then X11 in a
    Wayland session (Qt falls back to X11 through XWayland), else X11."""
    chosen = environ.get("QT_QPA_PLATFORM", "")
    if chosen:
        return [name.partition(":")[0] for name in chosen.split(";") if name]
    return ["wayland", "xcb"] if environ.get("WAYLAND_DISPLAY") else ["xcb"]


def qt_folder() -> Path | None:
    """PySide6's Qt folder, found without importing it (importing loads Qt); None when PySide6 is not installed."""
    spec = importlib.util.find_spec("PySide6")
    if spec is None or not spec.submodule_search_locations:
        return None
    return Path(next(iter(spec.submodule_search_locations))) / "Qt"


def not_found(ldd_output: str) -> list[str]:
    """The libraries ldd's report says the loader cannot find ("\\tlibxcb-icccm.so.4 => not found"), in order."""
    missing: list[str] = []
    for line in ldd_output.splitlines():
        name, arrow, where = line.strip().partition(" => ")
        if arrow and where.strip() == "not found" and name not in missing:
            missing.append(name)
    return missing


def missing_for(files: Sequence[Path]) -> list[str] | None:
    """The libraries ``files`` (and what they load) need and the loader cannot find; None when ldd cannot tell."""
    ldd = shutil.which("ldd")
    if ldd is None:
        return None
    try:
        done = subprocess.run([ldd, *map(str, files)], capture_output=True, text=True, timeout=LDD_SECONDS)
    except (OSError, subprocess.TimeoutExpired):
        return None
    return not_found(done.stdout)


def shortfall(qt: Path, environ: Mapping[str, str]) -> Shortfall | None:
    """What the first platform Qt will try lacks; None when any platform Qt tries has all it needs (the window
    starts on that one), or when nothing can be told."""
    first: Shortfall | None = None
    for platform in platforms(environ):
        plugin = qt / "plugins" / "platforms" / f"libq{platform}.so"
        if not plugin.is_file():
            return None  # a platform of the user's own: Qt will say what it lacks
        missing = missing_for([plugin, *(qt / "lib" / name for name in WINDOW_LIBRARIES)])
        if not missing:
            return None
        first = first or Shortfall(platform, missing)
    return first


def advice(found: Shortfall) -> str:
    """The message for the analyst: what is missing, and the command that installs it."""
    known = [name for name in found.libraries if name in PACKAGES]
    unknown = [name for name in found.libraries if name not in PACKAGES]
    platform = PLATFORM_NAMES.get(found.platform, found.platform)
    lines = [
        f"Briefgen's window cannot start: Qt's {platform} platform plugin ({found.platform}) needs system libraries "
        "this machine lacks:",
        "  " + ", ".join(found.libraries),
    ]
    if known:
        debian = sorted({PACKAGES[name][0] for name in known})
        fedora = sorted({PACKAGES[name][1] for name in known})
        lines += [
            "Install them (Debian, Ubuntu) with:",
            f"  sudo apt-get install {' '.join(debian)}",
            f"(Fedora: sudo dnf install {' '.join(fedora)})",
        ]
    for name in unknown:
        lines.append(f"No package is known here for {name}: `apt-file search {name}` finds the one that has it.")
    lines.append("The commands that open no window (briefgen build, inspect, check …) work without them.")
    return "\n".join(lines)


def main() -> int:
    """Exit 0 when the window can start (or when nothing can be told), else 1 after saying what to install.

    Without a display the window cannot open whatever is installed: ``briefgen`` itself says so, in one line.
    """
    environ = os.environ
    if not environ.get("QT_QPA_PLATFORM") and not (environ.get("DISPLAY") or environ.get("WAYLAND_DISPLAY")):
        return 0
    qt = qt_folder()
    found = shortfall(qt, environ) if qt is not None and sys.platform.startswith("linux") else None
    if found is None:
        return 0
    print(advice(found), file=sys.stderr)
    return 1


if __name__ == "__main__":
    sys.exit(main())
