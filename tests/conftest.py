"""Shared fixtures: the bundled sample and projects built from it."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from app.core.model import Source
from app.core.paths import SEEDS_DIR
from app.ingest import ingest

SAMPLE = SEEDS_DIR / "peregraf-iraq-russian-recruitment.txt"
SAMPLE_HEADINGS = [
    "Legal Measures and Accountability",
    "Nearly 5,000 Iraqis Reportedly Recruited",
    "Judicial Warnings",
    "Recruitment Tactics and Economic Drivers",
]


@pytest.fixture
def sample_path() -> Path:
    return SAMPLE


@pytest.fixture
def sample_source() -> Source:
    return ingest(SAMPLE)


@pytest.fixture(autouse=True)
def _isolated_user_dirs(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> None:
    """User templates, settings and autosaves go to a temporary home, never the developer's."""
    home = tmp_path_factory.mktemp("home")
    monkeypatch.setenv("XDG_DATA_HOME", str(home / "data"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(home / "config"))
    monkeypatch.setenv("XDG_CACHE_HOME", str(home / "cache"))
