"""UI fixtures: a MainWindow on the seeded test database, settings in an INI file, recorded messages."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QSettings

import sdus_desktop.ui  # noqa: F401  (applies the PySide6 6.12 / Python 3.11 None workaround first)
from sdus_desktop.ui.common import messages
from sdus_desktop.ui.common.settings import Settings
from tests.ui.helpers import TODAY


class Recorder:
    """Stands in for the message boxes: records them; confirm/ask_text answer from queues."""

    def __init__(self) -> None:
        self.shown: list[tuple[str, str]] = []
        self.confirm_answers: list[bool] = []
        self.text_answers: list[str | None] = []
        self.written: list[object] = []
        self.save_answers: list[object] = []

    def warn(self, parent, title: str, text: str) -> None:  # type: ignore[no-untyped-def]
        self.shown.append((title, text))

    def confirm(self, parent, title: str, text: str) -> bool:  # type: ignore[no-untyped-def]
        self.shown.append((title, text))
        return self.confirm_answers.pop(0) if self.confirm_answers else False

    def ask_text(self, parent, title: str, label: str, default: str = "") -> str | None:  # type: ignore[no-untyped-def]
        return self.text_answers.pop(0) if self.text_answers else None


def _default_notes_period(parent, today):  # type: ignore[no-untyped-def]
    from sdus_desktop.core.notes import last_months_start
    from sdus_desktop.reports.notes_flowables import NotesPeriod

    return NotesPeriod(since=last_months_start(today))


@pytest.fixture
def shown(monkeypatch: pytest.MonkeyPatch) -> Recorder:
    recorder = Recorder()
    monkeypatch.setattr(messages, "warn", recorder.warn)
    monkeypatch.setattr(messages, "error", recorder.warn)
    monkeypatch.setattr(messages, "information", recorder.warn)
    monkeypatch.setattr(messages, "confirm", recorder.confirm)
    monkeypatch.setattr(messages, "ask_text", recorder.ask_text)
    from sdus_desktop.ui.common import files

    monkeypatch.setattr(files, "announce_written", lambda parent, title, what, path: recorder.written.append(path))
    monkeypatch.setattr(files, "choose_save_path", lambda parent, title, suggested, flt, suffix:
                        recorder.save_answers.pop(0) if recorder.save_answers else None)
    from sdus_desktop.ui.print import print_fiche_dialog  # Ctrl+P's notes period: its default, unasked

    monkeypatch.setattr(print_fiche_dialog, "ask_notes_period", _default_notes_period)
    return recorder


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    return Settings(QSettings(str(tmp_path / "settings.ini"), QSettings.IniFormat))


@pytest.fixture
def window(qtbot, db, settings: Settings, shown: Recorder):  # type: ignore[no-untyped-def]
    from sdus_desktop.ui.main_window import MainWindow

    settings.set_value("user_name", "Marie Dupont")
    main = MainWindow(db, settings, today=lambda: TODAY)
    qtbot.addWidget(main)
    main.show()
    return main
