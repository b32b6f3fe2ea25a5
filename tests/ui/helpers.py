"""Shared values for the UI tests."""

from __future__ import annotations

import threading
from datetime import date

TODAY = date(2021, 6, 15)


def first_action_id(window, plan: str = "SDUS", number: int = 1) -> int:  # type: ignore[no-untyped-def]
    plan_node = window.catalogue.plan(plan)
    return next(a.id for a in window.catalogue.plan_actions(plan_node) if a.number == number)


def unnamed_widgets(root) -> list[str]:  # type: ignore[no-untyped-def]
    """Interactive widgets under `root` with neither an accessible name nor a button text (RGAA)."""
    from PySide6.QtWidgets import (
        QAbstractButton,
        QAbstractItemView,
        QAbstractSpinBox,
        QComboBox,
        QFrame,
        QHeaderView,
        QLineEdit,
        QTextEdit,
    )

    missing = []
    for kind in (QLineEdit, QComboBox, QAbstractSpinBox, QTextEdit, QAbstractItemView, QAbstractButton):
        for widget in root.findChildren(kind):
            if isinstance(widget, QHeaderView) or type(widget).__name__ in ("QToolButton", "QTabBar"):
                continue  # parts of a table, scroll area or tab bar, named by their owner
            if isinstance(widget.parent(), QAbstractItemView) and not isinstance(widget, QAbstractItemView):
                continue  # a table's corner button
            if isinstance(widget.parent(), QFrame) and isinstance(widget.parent().parent(), QComboBox):
                continue  # a combo box's drop-down list
            if type(widget) is QLineEdit and isinstance(widget.parent(), (QComboBox, QAbstractSpinBox)):
                continue  # the line edit inside a combo, spin or date box
            if not (widget.accessibleName() or (isinstance(widget, QAbstractButton) and widget.text())):
                missing.append(f"{type(widget).__name__} in {type(widget.parent()).__name__}")
    return missing


# -- slow operations run off the GUI thread (ui.common.background) -----------------------------------------
WAIT_S = 20


def press_annuler() -> None:
    """What the person does: click « Annuler » in the progress dialog of the running operation."""
    from PySide6.QtCore import Qt
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QPushButton

    from sdus_desktop.ui.common import background

    dialog = background.current_dialog
    assert dialog is not None
    button = next(b for b in dialog.findChildren(QPushButton) if b.text() == "Annuler")
    QTest.mouseClick(button, Qt.MouseButton.LeftButton)


def hold_worker(monkeypatch, when) -> tuple[threading.Event, threading.Event]:  # type: ignore[no-untyped-def]
    """The worker stops at the first progress(done, total) where when(done, total) holds, until the GUI thread
    has processed an event (a timer) — which then presses « Annuler » if asked."""
    from sdus_desktop.ui.common.background import Worker

    reached, gui_ran = threading.Event(), threading.Event()
    original = Worker.progress

    def progress(self, done, total):  # type: ignore[no-untyped-def]
        if not reached.is_set() and when(done, total):
            assert threading.current_thread() is not threading.main_thread()
            reached.set()
            assert gui_ran.wait(WAIT_S), "the GUI thread processed no event while the work ran"
            self.cancel_requested.wait(0.5)   # the click, when the test makes one, has arrived by then
        return original(self, done, total)

    monkeypatch.setattr(Worker, "progress", progress)
    return reached, gui_ran


def on_gui_when(reached: threading.Event, gui_ran: threading.Event, *, cancel: bool):  # type: ignore[no-untyped-def]
    """A timer of the GUI thread: once the worker is held, it (presses « Annuler » and) lets the worker go on."""
    from PySide6.QtCore import QTimer

    timer = QTimer()

    def tick() -> None:
        if reached.is_set() and not gui_ran.is_set():
            if cancel:
                press_annuler()
            gui_ran.set()
            timer.stop()

    timer.timeout.connect(tick)
    timer.start(5)
    return timer


def record_progress(monkeypatch) -> list[tuple[int, int, str]]:  # type: ignore[no-untyped-def]
    """Every progress(done, total) the work reports through the progress dialog, with the thread it ran in."""
    from sdus_desktop.ui.common.background import Worker

    calls: list[tuple[int, int, str]] = []
    original = Worker.progress

    def progress(self, done, total):  # type: ignore[no-untyped-def]
        calls.append((done, total, threading.current_thread().name))
        return original(self, done, total)

    monkeypatch.setattr(Worker, "progress", progress)
    return calls
