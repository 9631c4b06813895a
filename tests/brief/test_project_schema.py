"""docs/brief.schema.json is the .brief contract scripts write to: generated from the models, and it accepts what
Briefgen writes and reads, and refuses what it refuses."""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path

import jsonschema
import pytest

from app.brief.project_file import save_project
from app.brief.select import project_from_sources
from app.core.model import AnalystItem, FigureItem, QuoteItem, SectionItem
from app.core.paths import PROJECT_DIR


def _tool():
    spec = importlib.util.spec_from_file_location(
        "make_project_schema", PROJECT_DIR / "tools" / "make_project_schema.py"
    )
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _schema() -> dict:
    return json.loads((PROJECT_DIR / "docs" / "brief.schema.json").read_text(encoding="utf-8"))


def test_the_committed_schema_is_what_the_models_generate():
    tool = _tool()
    assert tool.SCHEMA_PATH.read_text(encoding="utf-8") == tool.schema_text(), "run tools/make_project_schema.py"


def test_what_briefgen_saves_is_valid(tmp_path: Path, sample_source):
    project = project_from_sources([sample_source])
    project.items += [
        SectionItem(source=sample_source.path, section_id="judicial-warnings", paragraphs=(1, 2)),
        AnalystItem(heading="Assessment", text="We assess that **recruitment** will grow.", cites=[sample_source.path]),
        QuoteItem(source=sample_source.path, section_id="lead", text="Fewer than 5,000", speaker="Hussein Allawi"),
        FigureItem(image=str(tmp_path / "map.png"), caption="Map", credit="Agency"),
    ]
    save_project(project, tmp_path / "p.brief")
    jsonschema.validate(json.loads((tmp_path / "p.brief").read_text(encoding="utf-8")), _schema())


def test_the_documented_examples_are_valid():
    """The item shapes docs/PROJECT_FORMAT.md shows, with kind left out where it may be."""
    document = {
        "format": "briefgen-project",
        "version": 2,
        "sources": ["a.txt"],
        "items": [
            {"source": "a.txt", "section_id": "legal-measures-and-accountability", "paragraphs": [2, 3]},
            {"kind": "analyst", "heading": "Assessment", "text": "We assess that …", "role": "assessment",
             "cites": ["a.txt"]},
            {"kind": "figure", "image": "map.png", "caption": "…", "credit": "…", "role": "discussion"},
            {"kind": "figure", "source": "a.txt", "figure_id": "figure-2"},
            {"kind": "quote", "source": "a.txt", "section_id": "lead", "text": "Fewer than 5,000 …",
             "speaker": "Hussein Allawi"},
        ],
    }  # fmt: skip
    jsonschema.validate(document, _schema())


@pytest.mark.parametrize(
    "item",
    [
        {"kind": "analyst", "role": "conclusion"},
        {"kind": "figure", "caption": "no image"},
        {"kind": "figure", "figure_id": "figure-1"},
        {"kind": "figure", "image": "map.png", "source": "a.txt", "figure_id": "figure-1"},
        {"source": "a.txt", "section_id": "s", "paragraphs": [0, 1]},
    ],
)
def test_what_briefgen_refuses_the_schema_refuses(item: dict):
    document = {"format": "briefgen-project", "version": 2, "items": [item]}
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(document, _schema())
