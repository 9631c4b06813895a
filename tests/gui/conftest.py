"""GUI test fixtures: a main window, dialogs that answer without blocking, and helpers that act like a user.

Every modal dialog goes through app.gui.dialogs, so replacing those functions
here records what the user would have been asked and answers as the test says.
QSettings and autosaves are isolated by the XDG folders the root conftest sets.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from app.core import bounded
from app.gui import dialogs
from app.gui.app import WORKER_PRELOAD
from app.gui.collector import GuiThreadCollector
from app.gui.main_window import MainWindow


@dataclass
class Dialogs:
    """What the user was shown, and the answers they give."""

    errors: list[tuple[str, str]] = field(default_factory=list)
    questions: list[str] = field(default_factory=list)
    infos: list[str] = field(default_factory=list)
    #: (title, message) of each warning box.
    warnings: list[tuple[str, str]] = field(default_factory=list)
    #: The message of each information box, in the order shown.
    info_messages: list[str] = field(default_factory=list)
    #: Each time a project asked to read files outside its folder: the files it named.
    trust_questions: list[list[str]] = field(default_factory=list)
    trust_answer: bool = True
    #: Each warning that another Briefgen has the brief open, and whether the analyst goes on anyway.
    lock_warnings: list[str] = field(default_factory=list)
    lock_answer: bool = True
    #: Each file or folder handed to the desktop to open, and whether the desktop has an application for it.
    opened: list[Path] = field(default_factory=list)
    open_answer: bool = True
    confirm_answer: bool = True
    save_choice: str = "discard"
    recover_answer: bool = False
    open_names: list[str] = field(default_factory=list)
    open_name: str = ""
    save_name: str = ""
    folder: str = ""
    text_answer: str = ""
    builtin_choice: str = "duplicate"
    #: The marking typed in the marking dialog (None: cancelled), and the choices it offered.
    marking_answer: str | None = None
    marking_choices: list[str] = field(default_factory=list)

    def ask_marking(self, _parent: object, _title: str, label: str, choices: list[str], current: str) -> str | None:
        self.questions.append(f"{label} [{current}]")
        self.marking_choices = list(choices)
        return self.marking_answer

    def ask_text(self, _parent: object, _title: str, label: str, text: str = "") -> str:
        self.questions.append(f"{label} [{text}]")
        return self.text_answer

    def ask_builtin(self, _parent: object, name: str) -> str:
        self.questions.append(f"built-in {name}?")
        return self.builtin_choice

    def confirm(self, _parent: object, _title: str, message: str, _action: str) -> bool:
        self.questions.append(message)
        return self.confirm_answer

    def ask_save(self, _parent: object, name: str) -> str:
        self.questions.append(f"save {name}?")
        return self.save_choice

    def info(self, _parent: object, title: str, message: str) -> None:
        self.infos.append(title)
        self.info_messages.append(message)

    def ask_trust(self, _parent: object, _project: Path, outside: list[str]) -> bool:
        self.trust_questions.append(list(outside))
        return self.trust_answer

    def open_path(self, path: Path) -> bool:
        self.opened.append(path)
        return self.open_answer

    def ask_despite_lock(self, _parent: object, _title: str, message: str, _action: str) -> bool:
        self.lock_warnings.append(message)
        return self.lock_answer


@pytest.fixture(scope="package", autouse=True)
def _workers_from_a_fork_server() -> Iterator[None]:
    """Workers start from a fork server, as in the app: a plain fork of a process with Qt's threads running could
    copy a lock another thread holds, and the worker would wait on it until its time limit stops it."""
    previous = bounded._context
    bounded.use_forkserver(WORKER_PRELOAD)
    bounded.start_workers()
    yield
    bounded._context = previous


@pytest.fixture(autouse=True)
def _collect_on_the_gui_thread(qapp) -> Iterator[None]:
    """As in the app: cyclic garbage (Qt objects among it) is collected on the GUI thread, never a worker's."""
    collector = GuiThreadCollector()
    yield
    collector.stop()


@pytest.fixture(autouse=True)
def answers(monkeypatch: pytest.MonkeyPatch) -> Dialogs:
    log = Dialogs()
    monkeypatch.setattr(dialogs, "show_error", lambda _p, title, message: log.errors.append((title, message)))
    monkeypatch.setattr(dialogs, "show_info", log.info)
    monkeypatch.setattr(dialogs, "show_warning", lambda _p, title, message: log.warnings.append((title, message)))
    monkeypatch.setattr(dialogs, "confirm", log.confirm)
    monkeypatch.setattr(dialogs, "ask_save_changes", log.ask_save)
    monkeypatch.setattr(dialogs, "ask_text", log.ask_text)
    monkeypatch.setattr(dialogs, "ask_builtin_template", log.ask_builtin)
    monkeypatch.setattr(dialogs, "ask_marking", log.ask_marking)
    monkeypatch.setattr(dialogs, "ask_recover", lambda _p, _recovery: log.recover_answer)
    monkeypatch.setattr(dialogs, "ask_read_outside", log.ask_trust)
    monkeypatch.setattr(dialogs, "ask_despite_lock", log.ask_despite_lock)
    monkeypatch.setattr(dialogs, "open_file_names", lambda *_args: list(log.open_names))
    monkeypatch.setattr(dialogs, "open_file_name", lambda *_args: log.open_name)
    monkeypatch.setattr(dialogs, "save_file_name", lambda *_args: log.save_name)
    monkeypatch.setattr(dialogs, "existing_folder", lambda *_args: log.folder)
    monkeypatch.setattr(dialogs, "open_path", log.open_path)
    return log


@pytest.fixture
def window(qtbot) -> Iterator[MainWindow]:
    main = MainWindow()
    qtbot.addWidget(main)
    main.show()
    qtbot.waitExposed(main)
    main.activateWindow()
    yield main
    main.session.undo_stack.setClean()  # nothing to ask about at teardown
    main.close()
