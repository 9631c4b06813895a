"""Drive the real window (offscreen) and report how responsive it stays and how much memory it holds.

Run: .venv/bin/python bench/bench_window.py [--pages-long 150]

The script starts itself again as the window process and watches it from
outside: every 50 ms it adds up the resident memory of the window and of every
process under it (the fork server and its workers), so the peaks count all of
Briefgen, not just the window.  Inside, a 10 ms heartbeat timer records the
longest gap in the event loop while the window

1. starts and paints, opens a 10-page brief and shows its first preview;
2. takes an edit (a letter typed into the title) and redraws the visible pages;
3. opens a long brief (about 150 pages), takes an edit, scrolls to its last page, zooms in and back;
4. exports both formats.

A gap is how late the heartbeat fired: anything the window did on its own
thread for longer than that, the analyst would have felt as a freeze.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from bytecode import compile_app  # noqa: E402  (found through the lines above)

HEARTBEAT_MS = 10
SAMPLE_SECONDS = 0.05
#: Longest a step may take before the run is given up as stuck.
STEP_SECONDS = 60


# --- the watcher: memory of the window and every process under it -----------------------------------------------
def _children() -> dict[int, list[int]]:
    tree: dict[int, list[int]] = {}
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                fields = Path(f"/proc/{entry}/stat").read_text().rsplit(")", 1)[1].split()
            except (OSError, IndexError):
                continue
            tree.setdefault(int(fields[1]), []).append(int(entry))
    return tree


def _resident(pid: int) -> int:
    """Resident bytes of one process."""
    try:
        return int(Path(f"/proc/{pid}/statm").read_text().split()[1]) * os.sysconf("SC_PAGE_SIZE")
    except (OSError, IndexError, ValueError):
        return 0


def _proportional(pid: int) -> int:
    """Resident bytes of one process with the pages it shares (a forked worker's libraries) split among the
    sharers, so that adding processes up counts each page once."""
    try:
        for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines():
            if line.startswith("Pss:"):
                return int(line.split()[1]) * 1024
    except (OSError, IndexError, ValueError):
        pass
    return 0


def watch(command: list[str]) -> dict:
    """Run the window process, sampling memory until it ends; its report with the peaks added."""
    process = subprocess.Popen(command, stdout=subprocess.PIPE, text=True)
    peak_window = peak_total = 0
    while process.poll() is None:
        tree, family, queue = _children(), [], [process.pid]
        while queue:
            pid = queue.pop()
            family.append(pid)
            queue.extend(tree.get(pid, []))
        window = _resident(process.pid)
        peak_window = max(peak_window, window)
        peak_total = max(peak_total, sum(_proportional(pid) for pid in family))
        time.sleep(SAMPLE_SECONDS)
    output = process.stdout.read() if process.stdout else ""
    report = json.loads(output.strip().splitlines()[-1])
    report["peak_window_mb"] = peak_window / 1024**2
    report["peak_all_mb"] = peak_total / 1024**2
    return report


# --- the window process -------------------------------------------------------------------------------------------
def _make_briefs(folder: Path, long_sources: int) -> tuple[Path, Path]:
    from bench_build import synthetic_sources

    from app.brief.project_file import save_project
    from app.brief.select import project_from_sources

    for name in ("short", "long"):
        (folder / name).mkdir()
    short = project_from_sources(synthetic_sources(folder / "short", 4, 5), title="Short brief")
    long = project_from_sources(synthetic_sources(folder / "long", long_sources, 5), title="Long brief")
    save_project(short, folder / "short.briefgen")
    save_project(long, folder / "long.briefgen")
    return folder / "short.briefgen", folder / "long.briefgen"


def run_window(started: float, short: Path, long: Path) -> None:
    """The window's side: every step in turn, from the event loop, then one line of JSON on stdout."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import QElapsedTimer, QEvent, QObject, Qt, QTimer
    from PySide6.QtTest import QTest

    from app.core.bounded import start_workers, use_forkserver
    from app.gui.app import WORKER_PRELOAD, create_application

    use_forkserver(WORKER_PRELOAD)
    start_workers()
    application = create_application()
    from app.gui.export_dialog import ExportChoice
    from app.gui.main_window import MainWindow
    from app.gui.preview_panel import DEBOUNCE_MS

    folder = short.parent
    report: dict[str, float] = {}
    gaps: dict[str, float] = {}
    phase = ["start"]
    clock = QElapsedTimer()
    clock.start()
    last = [clock.elapsed()]

    def beat() -> None:
        now = clock.elapsed()
        gaps[phase[0]] = max(gaps.get(phase[0], 0.0), now - last[0] - HEARTBEAT_MS)
        last[0] = now

    heart = QTimer()
    heart.setTimerType(Qt.TimerType.PreciseTimer)
    heart.timeout.connect(beat)
    heart.start(HEARTBEAT_MS)

    window = MainWindow()
    window.resize(1400, 900)
    pages = window.preview_panel.pages

    class FirstPaint(QObject):
        def eventFilter(self, watched: QObject, event: QEvent) -> bool:
            if event.type() == QEvent.Type.Paint and "painted_s" not in report:
                report["painted_s"] = time.time() - started
            return False

    painted = FirstPaint()
    window.installEventFilter(painted)
    window.show()
    window.start(short)

    steps: list = []
    started_at: dict[str, float] = {}

    def next_step() -> None:
        if steps:
            print(f"step {len(steps)} left; {report}", file=sys.stderr, flush=True)
            steps.pop(0)()
        else:
            heart.stop()
            window.session.undo_stack.setClean()
            window.close()
            application.quit()

    def when(signal, name: str, then_after_ms: int = 200, until=lambda: True):
        """Record the seconds from now to ``signal`` (once ``until()`` holds) as ``name``, then go on."""
        begun = time.perf_counter()

        def done(*_args: object) -> None:
            if not until():
                return
            signal.disconnect(done)
            report[name] = time.perf_counter() - started_at.get(name, begun)
            QTimer.singleShot(then_after_ms, next_step)

        signal.connect(done)

    def first_preview() -> None:
        report["first_preview_s"] = time.time() - started
        report["short_pages"] = pages.page_count()
        QTimer.singleShot(500, next_step)

    def redrawn(name: str) -> None:
        """Record the seconds from now until a newer preview is on screen, its pages in view drawn."""
        started_at[name] = time.perf_counter()

        def shown(_count: int) -> None:
            window.preview_panel.rendered.disconnect(shown)
            when(pages.pagesDrawn, name)
            report[f"{name} built"] = time.perf_counter() - started_at[name]

        window.preview_panel.rendered.connect(shown)

    def type_into_title(name: str) -> None:
        phase[0] = name
        title = window.details_form.lines["title"]
        redrawn(f"{name}_s")
        QTest.keyClicks(title, "x")

    def open_long() -> None:
        phase[0] = "open long brief"
        window.session.undo_stack.setClean()  # no question about saving the short one
        redrawn("open_long_s")
        window.open_project(long)

    def scroll_to_end() -> None:
        phase[0] = "scroll and zoom"
        report["long_pages"] = pages.page_count()
        when(pages.pagesDrawn, "scroll_s")
        pages.go_to_page(pages.page_count())

    def zoom() -> None:
        when(pages.pagesDrawn, "zoom_s")
        pages.zoom_in_action.trigger()
        pages.zoom_in_action.trigger()

    def unzoom() -> None:
        when(pages.pagesDrawn, "unzoom_s")
        pages.fit_width_action.trigger()

    def export() -> None:
        phase[0] = "export"
        when(window.exported, "export_s", 300)
        window.export_to(ExportChoice(folder / "out", "long", ["docx", "pdf"]))

    first = [True]

    def on_drawn() -> None:
        if first[0]:
            first[0] = False
            first_preview()

    pages.pagesDrawn.connect(on_drawn)
    steps += [
        lambda: type_into_title("edit 10 pages"),
        open_long,
        lambda: type_into_title("edit long brief"),
        scroll_to_end,
        zoom,
        unzoom,
        export,
    ]
    watchdog = QTimer()
    watchdog.timeout.connect(lambda: (print(f"stuck in {phase[0]}: {report}", file=sys.stderr), application.exit(1)))
    watchdog.start(STEP_SECONDS * 1000 * 10)
    application.exec()
    report["debounce_s"] = DEBOUNCE_MS / 1000
    print(json.dumps({**report, "gaps_ms": gaps}))


def main() -> None:
    compile_app()
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--long-sources", type=int, default=70, help="sources of 5 sections in the long brief")
    parser.add_argument("--window", nargs=3, help=argparse.SUPPRESS)  # started, short brief, long brief
    args = parser.parse_args()
    if args.window:
        started, short, long = args.window
        run_window(float(started), Path(short), Path(long))
        return
    with tempfile.TemporaryDirectory(prefix="briefgen-bench-") as name:
        folder = Path(name)
        short, long = _make_briefs(folder, args.long_sources)
        # a first run of its own: not the user's settings, templates or autosaves
        os.environ["XDG_CONFIG_HOME"] = str(folder / "config")
        os.environ["XDG_DATA_HOME"] = str(folder / "data")
        os.environ["XDG_STATE_HOME"] = str(folder / "state")
        report = watch([sys.executable, __file__, "--window", repr(time.time()), str(short), str(long)])
    print(json.dumps(report, indent=1))


if __name__ == "__main__":
    main()
