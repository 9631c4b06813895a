"""Write docs/brief.schema.json, the JSON Schema of .brief files, from the pydantic models.

Run it again whenever app/core/model.py changes; tests/brief/test_project_schema.py fails until you do:

    .venv/bin/python tools/make_project_schema.py
"""

from __future__ import annotations

import json

from app.brief.project_file import project_schema
from app.core.paths import PROJECT_DIR

SCHEMA_PATH = PROJECT_DIR / "docs" / "brief.schema.json"


def schema_text() -> str:
    return json.dumps(project_schema(), indent=2, ensure_ascii=False) + "\n"


if __name__ == "__main__":
    SCHEMA_PATH.write_text(schema_text(), encoding="utf-8")
    print(SCHEMA_PATH)
