"""Print how long each language's spelling word list takes to load, and the longest pause it causes the window.

Run: QT_QPA_PLATFORM=offscreen .venv/bin/python bench/bench_spelling.py
A list loads on a worker thread the first time a field needs it (app/gui/spell_check.py); the window's thread
runs a 2 ms timer meanwhile, and the longest gap between its ticks is how long the window could not answer.
Then the time to find suggestions for a few words, which the context menu does when it opens.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication

from app.gui.spell_check import Speller
from app.gui.workers import JobRunner
from app.text.spelling import Checker

LANGUAGES = ["en", "fr", "de", "es", "ru", "ar"]
MISSPELT = {
    "en": "governmnet", "fr": "gouvernment", "de": "Regirung", "es": "gobiernno", "ru": "вчира", "ar": "الحكومت"
}  # fmt: skip
#: A long word with nothing one edit away: pyspellchecker's own search takes seconds for it.
HOPELESS = "qzxvbnmklpwrtsdfg"


def load(app: QApplication, runner: JobRunner, language: str) -> tuple[float, float, Checker]:
    speller = Speller(runner)
    speller.set_language(language)
    gaps: list[float] = []
    last = [time.perf_counter()]

    def tick() -> None:
        now = time.perf_counter()
        gaps.append(now - last[0])
        last[0] = now

    timer = QTimer()
    timer.setInterval(2)
    timer.timeout.connect(tick)
    timer.start()
    loaded: list[float] = []
    speller.changed.connect(lambda: loaded.append(time.perf_counter()))
    start = time.perf_counter()
    speller.checker_for("")
    while not loaded:
        app.processEvents()
    timer.stop()
    checker = speller.checker_for("")
    assert checker is not None
    return loaded[0] - start, max(gaps, default=0.0), checker


def main() -> None:
    app = QApplication([])
    runner = JobRunner()
    for language in LANGUAGES:
        seconds, pause, checker = load(app, runner, language)
        timings = []
        for word in (MISSPELT[language], HOPELESS):
            start = time.perf_counter()
            checker.suggestions(word)
            timings.append(time.perf_counter() - start)
        print(
            f"{language}: loaded in {seconds:.2f} s, longest pause of the window {pause * 1000:.0f} ms; "
            f"suggestions {timings[0] * 1000:.0f} ms ({MISSPELT[language]}), {timings[1] * 1000:.0f} ms (hopeless)"
        )


if __name__ == "__main__":
    main()
