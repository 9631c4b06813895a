"""What the window remembers between runs, in one INI file under the user config folder.

An explicit file path (rather than QSettings' organisation/application lookup)
keeps the location the same on every platform and lets tests isolate it by
pointing XDG_CONFIG_HOME at a temporary folder.
"""

from __future__ import annotations

from pathlib import Path

from platformdirs import user_config_dir
from PySide6.QtCore import QByteArray, QSettings

from app.core.formats import default_output_names, output_names

MAX_RECENT = 8


def settings_path() -> Path:
    return Path(user_config_dir("briefgen", appauthor=False)) / "briefgen.ini"


class Settings:
    """Typed access to the remembered values; unknown or damaged values fall back to defaults."""

    def __init__(self, path: Path | None = None) -> None:
        self._store = QSettings(str(path or settings_path()), QSettings.Format.IniFormat)

    def _strings(self, key: str) -> list[str]:
        value = self._store.value(key)
        if value is None:
            return []
        if isinstance(value, str):  # QSettings hands back a one-element list as a plain string
            return [value] if value else []
        return [str(v) for v in value]

    def byte_array(self, key: str) -> QByteArray | None:
        value = self._store.value(key)
        return value if isinstance(value, QByteArray) else None

    def set_byte_array(self, key: str, value: QByteArray) -> None:
        self._store.setValue(key, value)

    def folder(self, kind: str) -> str:
        """The last folder used for ``kind`` ('sources', 'projects', 'export'), or the home folder."""
        value = self._store.value(f"folders/{kind}")
        return value if isinstance(value, str) and Path(value).is_dir() else str(Path.home())

    def set_folder(self, kind: str, folder: str | Path) -> None:
        self._store.setValue(f"folders/{kind}", str(folder))

    def recent_projects(self) -> list[str]:
        return self._strings("recent/projects")

    def add_recent_project(self, path: str | Path) -> None:
        path = str(path)
        recent = [path, *(p for p in self.recent_projects() if p != path)][:MAX_RECENT]
        self._store.setValue("recent/projects", recent)

    def clear_recent_projects(self) -> None:
        self._store.remove("recent/projects")

    def export_formats(self) -> list[str]:
        return [f for f in self._strings("export/formats") if f in output_names()] or default_output_names()

    def set_export_formats(self, formats: list[str]) -> None:
        self._store.setValue("export/formats", formats)

    def preview_zoom(self) -> str:
        """The preview's zoom as last left (app.gui.page_view reads it); empty when never set."""
        value = self._store.value("preview/zoom")
        return value if isinstance(value, str) else ""

    def set_preview_zoom(self, zoom: str) -> None:
        self._store.setValue("preview/zoom", zoom)

    @property
    def first_run(self) -> bool:
        return self._store.value("app/started") is None

    def mark_started(self) -> None:
        self._store.setValue("app/started", "yes")

    def sync(self) -> None:
        self._store.sync()
