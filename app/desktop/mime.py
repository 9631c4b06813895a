"""The .brief file type for shared-mime-info: how file managers know a brief, and so whom to ask to open it.

A brief is JSON underneath (application/json is its parent type, so a text editor is offered too), named by its
extension; the desktop entry's MimeType names this type.
"""

from __future__ import annotations

from app.core.formats import PROJECT_EXTENSION
from app.core.paths import APP_ID

MIME_TYPE = "application/x-briefgen"
#: The package's file name in mime/packages/.
MIME_PACKAGE = f"{APP_ID}.xml"

MIME_PACKAGE_XML = f"""<?xml version="1.0" encoding="UTF-8"?>
<mime-info xmlns="http://www.freedesktop.org/standards/shared-mime-info">
  <mime-type type="{MIME_TYPE}">
    <comment>Briefgen brief</comment>
    <sub-class-of type="application/json"/>
    <generic-icon name="x-office-document"/>
    <glob pattern="*{PROJECT_EXTENSION}"/>
  </mime-type>
</mime-info>
"""
