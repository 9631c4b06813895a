"""Cyclic garbage is collected on the GUI thread, and a full collection does not look again at what it kept."""

from __future__ import annotations

import gc

import pytest

from app.gui.collector import GuiThreadCollector


class Cycle:
    """An object in a reference cycle with itself: only the cycle collector frees it."""

    alive = 0

    def __init__(self) -> None:
        self.me = self
        Cycle.alive += 1

    def __del__(self) -> None:
        Cycle.alive -= 1


def full_collection_due() -> None:
    """Pass the oldest generation's threshold, as a long session does."""
    for _ in range(gc.get_threshold()[2] + 1):
        gc.collect(1)


def test_a_full_collection_frees_cycles_and_freezes_what_it_keeps(qtbot):
    collector = GuiThreadCollector()
    try:
        Cycle()
        kept = [object() for _ in range(1000)]
        full_collection_due()
        collector.collect_due()
        assert Cycle.alive == 0
        assert gc.get_freeze_count() >= len(kept)
    finally:
        collector.stop()
    assert gc.get_freeze_count() == 0


def test_cycles_among_frozen_objects_are_swept_in_time(qtbot, monkeypatch: pytest.MonkeyPatch):
    collector = GuiThreadCollector()
    try:
        survivor = Cycle()
        full_collection_due()
        collector.collect_due()  # the cycle is alive: frozen with the rest
        del survivor
        full_collection_due()
        collector.collect_due()
        assert Cycle.alive == 1  # frozen, so not looked at until the sweep
        monkeypatch.setattr(collector, "_next_sweep", 0.0)
        full_collection_due()
        collector.collect_due()
        assert Cycle.alive == 0
    finally:
        collector.stop()
