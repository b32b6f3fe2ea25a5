"""Slow operations off the GUI thread (import preview and apply, consolidation, the comité dossier and workbook,
référent workbooks, « Préparer la collecte »).

`run_in_background(parent, title, label, work)` runs `work(progress)` — a plain callable of the lower layers
taking `progress(done, total) -> bool` (core.progress) — in a QThread, under a window-modal QProgressDialog
with « Annuler ». The GUI thread keeps processing events (repaints, timers) in a local event loop meanwhile.
The result comes back on the GUI thread; an error of the work is raised again there, so callers keep their
French messages; a cancel makes progress() return False, the work raises core.progress.Cancelled having written
nothing (atomic files, one transaction), and so does run_in_background.

The work must not touch Qt widgets, and opens its own database connections in the worker thread: the engine
uses NullPool and the read model a new `store.engine.connect` per call, so no connection crosses threads.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Generic, TypeVar

from PySide6.QtCore import QEventLoop, Qt, QThread, Signal
from PySide6.QtWidgets import QProgressDialog, QWidget

from sdus_desktop.core.progress import Cancelled, Progress

T = TypeVar("T")
SHOW_AFTER_MS = 300   # quick work never flashes a dialog


class Worker(QThread, Generic[T]):
    """Runs work(progress) once in its own thread; result or error kept for the GUI thread."""

    progressed = Signal(int, int)

    def __init__(self, work: Callable[[Progress], T]) -> None:
        super().__init__()
        self.work = work
        self.cancel_requested = threading.Event()
        self.result: T | None = None
        self.error: BaseException | None = None

    def run(self) -> None:
        try:
            self.result = self.work(self.progress)
        except BaseException as error:  # handed to the GUI thread, raised again there
            self.error = error

    def progress(self, done: int, total: int) -> bool:
        self.progressed.emit(done, total)
        return not self.cancel_requested.is_set()

    def cancel(self) -> None:
        self.cancel_requested.set()


# The dialog of the operation running now (tests and scripted runs press its « Annuler »), else None.
current_dialog: QProgressDialog | None = None


def run_in_background(parent: QWidget, title: str, label: str, work: Callable[[Progress], T]) -> T:
    """work(progress) in a worker thread under a progress dialog; its result, its error, or Cancelled."""
    global current_dialog
    worker: Worker[T] = Worker(work)
    dialog = QProgressDialog(label, "Annuler", 0, 0, parent)
    dialog.setWindowTitle(title)
    dialog.setAccessibleName(f"Progression : {title}")
    dialog.setWindowModality(Qt.WindowModality.WindowModal)
    dialog.setAutoClose(False)
    dialog.setAutoReset(False)
    dialog.setMinimumDuration(SHOW_AFTER_MS)
    dialog.setMinimumWidth(min(dialog.fontMetrics().horizontalAdvance(label) + 80, 700))  # room for the label

    def show_progress(done: int, total: int) -> None:
        if dialog.wasCanceled():   # cancel() called without the canceled signal
            cancel()
        if not worker.cancel_requested.is_set():
            dialog.setMaximum(max(total, 1))
            dialog.setValue(min(done, max(total, 1)))

    def cancel() -> None:
        # QProgressDialog hides itself on cancel: shown again, without its button, until the work has stopped,
        # so that the window stays blocked while the worker rolls back.
        if worker.cancel_requested.is_set():
            return
        worker.cancel()
        dialog.setLabelText("Annulation en cours : rien n'est enregistré…")
        dialog.setCancelButton(None)
        dialog.show()

    loop = QEventLoop()
    worker.progressed.connect(show_progress, Qt.ConnectionType.QueuedConnection)
    worker.finished.connect(loop.quit, Qt.ConnectionType.QueuedConnection)
    dialog.canceled.connect(cancel)
    current_dialog = dialog
    try:
        worker.start()
        loop.exec()
        worker.wait()
    finally:
        current_dialog = None
        dialog.canceled.disconnect(cancel)
        dialog.close()
        dialog.deleteLater()
    if worker.error is not None:
        if worker.cancel_requested.is_set() and isinstance(worker.error, Cancelled):
            raise Cancelled() from None
        raise worker.error
    return worker.result  # type: ignore[return-value]
