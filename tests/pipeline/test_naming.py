"""Output file names from a pattern: readable, safe on every file system, never the same for two templates."""

from __future__ import annotations

from pathlib import Path

import pytest

from app.assemble.catalog import find_template
from app.brief.select import project_from_sources
from app.core.errors import ExportError
from app.core.model import BriefMeta, BriefProject
from app.core.paths import SAMPLE_BRIEF
from app.core.presets import PLACEHOLDERS
from app.pipeline.export import MAX_NAME_BYTES, output_name
from app.pipeline.naming import DEFAULT_NAME_PATTERN, expand_name, export_project, file_stem


def project(**meta: object) -> BriefProject:
    return BriefProject(meta=BriefMeta.model_validate(meta))


POLICY = find_template("policy-brief")


def test_the_default_name_is_the_title_and_the_template():
    assert DEFAULT_NAME_PATTERN == "{title}-{template}"
    assert file_stem(None, project(title="Iraq: a *test* brief!"), POLICY) == "iraq-a-test-brief-policy-brief"
    assert file_stem("", project(title="***"), find_template("decision-memo")) == "decision-memo"


def test_a_name_without_placeholders_is_used_as_typed():
    assert file_stem("My Brief v2", project(title="Ignored"), POLICY) == "My Brief v2"


def test_every_placeholder_is_filled(monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1767225600")  # 2026-01-01
    classified = project(title="Recruitment", classification="SECRET//NOFORN", date="2026-03-04")
    assert set(PLACEHOLDERS) == {"date", "title", "marking", "template"}
    assert file_stem("{date}-{title}-{marking}-{template}", classified, POLICY) == (
        "2026-03-04-recruitment-secret-noforn-policy-brief"
    )
    assert file_stem("{date}_{title}", project(title="Undated"), POLICY) == "2026-01-01_undated"  # the build's day


def test_the_marking_is_the_banner_in_the_scheme_used(tmp_path: Path):
    uk = export_project(project(title="T", classification="OFFICIAL-SENSITIVE"), marking_scheme="uk")
    assert file_stem("{title}-{marking}", uk, POLICY) == "t-official-sensitive"
    assert file_stem("{marking}", project(title="T"), POLICY) == "unclassified"


def test_an_empty_value_takes_its_separator_with_it():
    assert expand_name("{date}-{title}-{marking}", {"date": "2026-03-04", "title": "A B", "marking": ""}) == (
        "2026-03-04-a-b"
    )
    assert expand_name("{marking}--{title}", {"title": "x", "marking": ""}) == "x"
    assert expand_name("{title}", {"title": ""}) == "brief"


@pytest.mark.parametrize(
    ("pattern", "values", "name"),
    [
        ("../{title}/x", {"title": "../../etc"}, "-etc-x"),
        ("{title}", {"title": "CON"}, "con-brief"),
        ("report: {title}?", {"title": "A"}, "report- a"),
        ("{title}", {"title": "العراق يتحرك"}, "العراق-يتحرك"),
    ],
)
def test_names_are_safe_on_every_file_system(pattern: str, values: dict, name: str):
    stem = expand_name(pattern, values)
    assert "/" not in stem and "\\" not in stem and not stem.startswith(".")
    assert stem == name.strip("-")


def test_long_values_are_bounded_and_the_template_survives():
    stem = file_stem(None, project(title="Recruitment " * 40 + "العراق " * 60), find_template("situation-report"))
    assert len(stem.encode("utf-8")) <= MAX_NAME_BYTES
    assert stem.endswith("-situation-report")


def test_an_unknown_placeholder_is_a_clear_error():
    with pytest.raises(ExportError, match=r"unknown placeholder \{author\} in the file-name pattern"):
        file_stem("{title}-{author}", project(), POLICY)


def test_the_overrides_leave_the_project_as_it_was():
    original = project(title="T", marking_scheme="us")
    changed = export_project(original, template="decision-memo", marking_scheme="nato")
    assert (changed.template, changed.meta.marking_scheme) == ("decision-memo", "nato")
    assert (original.template, original.meta.marking_scheme) == ("policy-brief", "us")
    assert export_project(original) is original


def test_output_name_is_never_a_reserved_device_name():
    assert output_name("Nul") == "nul-brief"
    assert output_name("Sample brief") == "sample-brief"


def test_sample_brief_name(sample_source):
    assert SAMPLE_BRIEF.is_file()
    built = project_from_sources([sample_source], title="Iraq moves")
    assert file_stem(None, built, find_template("situation-report")) == "iraq-moves-situation-report"
