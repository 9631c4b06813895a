"""Finding templates: the built-in ones and the analyst's, each a folder with a brief.md.j2 and its settings.

A template folder is untrusted and may be broken in any way; discovery reports
a broken one and goes on, so one bad copy never stops the others. Finding and
listing templates reads only their template.toml: Jinja2 and the models load
when a template is rendered or its style is read, so ``briefgen templates`` is
quick.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple

from platformdirs import user_data_dir

from app.assemble.layout import Layout, read_layout
from app.assemble.toml_files import read_toml, template_settings
from app.core.errors import StyleError, TemplateError
from app.core.paths import TEMPLATES_DIR

if TYPE_CHECKING:
    from app.core.style import Style

TEMPLATE_FILE = "brief.md.j2"
#: Largest Jinja file a template may have, in bytes (the built-in templates are about one kilobyte).
MAX_TEMPLATE_BYTES = 256 * 1024


def user_templates_dir() -> Path:
    return Path(user_data_dir("briefgen", appauthor=False)) / "templates"


class TemplateInfo(NamedTuple):
    """A template found on disk.  A named tuple, as the format rows are: listing templates should not wait for
    ``dataclasses`` to import."""

    name: str
    folder: Path
    description: str
    builtin: bool
    #: template.toml's settings.
    settings: dict

    @property
    def source_path(self) -> Path:
        return self.folder / TEMPLATE_FILE

    @property
    def style_path(self) -> Path:
        return self.folder / "style.toml"

    @property
    def layout(self) -> Layout:
        """Where the template prints each role (template.toml's ``[roles]``; checked when the template was read)."""
        return read_layout(self.settings, str(self.folder / "template.toml"))

    def marking_scheme(self) -> str:
        """The marking scheme the template's style names (``[markings] scheme``), read without the style models:
        the window asks for it while it opens. The default scheme where the style names none or cannot be read
        (the Checks tab and the preview report what is wrong with it)."""
        from app.core.marking_schemes import DEFAULT_SCHEME

        if not os.path.lexists(self.style_path):
            return DEFAULT_SCHEME
        try:
            markings = read_toml(self.style_path, StyleError).get("markings")
        except StyleError:
            return DEFAULT_SCHEME
        scheme = markings.get("scheme") if isinstance(markings, dict) else None
        return scheme if isinstance(scheme, str) and scheme.strip() else DEFAULT_SCHEME

    def style(self) -> Style:
        """The template's style (defaults without a style.toml); StyleError naming the file for any fault in it."""
        from app.core.style import Style, style_from_dict  # the models load when a style is read, not to list

        if not os.path.lexists(self.style_path):
            return Style(folder=self.folder)
        return style_from_dict(read_toml(self.style_path, StyleError), self.style_path)


def _read_info(folder: Path, builtin: bool) -> TemplateInfo:
    """The template in ``folder``; TemplateError naming what is wrong with it."""
    if not folder.is_dir():
        raise TemplateError(f"not a template folder (a template is a folder with a {TEMPLATE_FILE})", str(folder))
    if not (folder / TEMPLATE_FILE).is_file():
        raise TemplateError(f"the folder has no {TEMPLATE_FILE} file", str(folder))
    toml_path = folder / "template.toml"
    settings = template_settings(toml_path) if os.path.lexists(toml_path) else {}
    return TemplateInfo(
        name=folder.name,
        folder=folder,
        description=settings.get("description", ""),
        builtin=builtin,
        settings=settings,
    )


def _scan(user_dir: Path | None) -> tuple[dict[str, TemplateInfo], dict[str, TemplateError]]:
    """Templates by name (user templates shadowing built-ins), and the broken ones by folder name."""
    found: dict[str, TemplateInfo] = {}
    problems: dict[str, TemplateError] = {}
    for root, builtin in ((TEMPLATES_DIR, True), (user_dir or user_templates_dir(), False)):
        if not os.path.lexists(root):
            continue
        try:
            folders = sorted(root.iterdir())
        except OSError as exc:
            problems[str(root)] = TemplateError(f"cannot list the templates: {exc.strerror or exc}", str(root))
            continue
        for folder in folders:
            if folder.name.startswith(("_", ".")):
                continue
            try:
                found[folder.name] = _read_info(folder, builtin)
            except TemplateError as exc:
                problems[folder.name] = exc
    return found, problems


def discover_templates(
    user_dir: Path | None = None, problems: list[TemplateError] | None = None
) -> dict[str, TemplateInfo]:
    """Built-in templates, shadowed by user templates of the same name.

    A broken template folder is left out (and added to ``problems``), so one
    bad copy cannot stop every other template from working.
    """
    found, broken = _scan(user_dir)
    if problems is not None:
        problems.extend(broken.values())
    return found


def find_template(name_or_path: str, user_dir: Path | None = None) -> TemplateInfo:
    """A template by name, or by folder path for one that is not installed; what is wrong with it if it is broken."""
    candidate = Path(name_or_path)
    if candidate.is_dir() and os.path.lexists(candidate / TEMPLATE_FILE):
        return _read_info(candidate, builtin=False)
    templates, broken = _scan(user_dir)
    if name_or_path in templates:
        return templates[name_or_path]
    if name_or_path in broken:
        raise broken[name_or_path]
    if candidate.is_dir():
        return _read_info(candidate, builtin=False)  # raises: it is a folder, but not a template
    raise TemplateError(f"unknown template {name_or_path!r}; available: {', '.join(sorted(templates)) or 'none'}")
