"""Slow operations off the GUI thread (ui.background): the window keeps processing events, « Annuler » (or
Échap) stops the work with nothing written, an error of the worker comes back as the French message."""

from __future__ import annotations

import threading
import time

import pytest
from PySide6.QtCore import QSettings, Qt, QTimer
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QWidget

import sdus_desktop.ui  # noqa: F401
from sdus_desktop.core.progress import Cancelled, check
from sdus_desktop.ui.common import background, messages
from sdus_desktop.ui.common.background import Worker, run_in_background
from sdus_desktop.ui.common.settings import Settings
from sdus_desktop.ui.exchange import exchange_actions
from sdus_desktop.ui.print import print_actions
from sdus_desktop.ui.print.print_dossier_dialog import DossierChoice
from tests.exchange.helpers import edit_copy, export
from tests.support.dbtools import db_fingerprint
from tests.ui.helpers import WAIT_S, hold_worker, on_gui_when, press_annuler


@pytest.fixture
def shown(monkeypatch):  # type: ignore[no-untyped-def]
    seen: list[tuple[str, str]] = []
    for name in ("warn", "error", "information"):
        monkeypatch.setattr(messages, name, lambda parent, title, text: seen.append((title, text)))
    from sdus_desktop.ui.common import files

    monkeypatch.setattr(files, "announce_written", lambda parent, title, what, path: seen.append((title, what)))
    return seen


@pytest.fixture
def window(qtbot, db, tmp_path, shown):  # type: ignore[no-untyped-def]
    from sdus_desktop.ui.main_window import MainWindow

    settings = Settings(QSettings(str(tmp_path / "settings.ini"), QSettings.IniFormat))
    settings.set_value("user_name", "Marie Dupont")
    main = MainWindow(db, settings)
    qtbot.addWidget(main)
    return main


# -- the runner itself ------------------------------------------------------------------------------------
def test_the_window_processes_events_while_the_work_runs(qtbot) -> None:  # type: ignore[no-untyped-def]
    parent = QWidget()
    qtbot.addWidget(parent)
    started, release = threading.Event(), threading.Event()
    seen_while_running: list[bool] = []

    def work(progress):  # type: ignore[no-untyped-def]
        started.set()
        assert release.wait(WAIT_S)
        return threading.current_thread().name

    def on_timer() -> None:   # an event of the GUI thread, while the worker waits
        seen_while_running.append(started.wait(WAIT_S) and not release.is_set())
        release.set()

    QTimer.singleShot(0, on_timer)
    thread_name = run_in_background(parent, "Essai", "Travail en cours…", work)
    assert seen_while_running == [True]
    assert thread_name != threading.main_thread().name
    assert background.current_dialog is None


def test_an_error_of_the_work_is_raised_again_on_the_gui_thread(qtbot) -> None:  # type: ignore[no-untyped-def]
    parent = QWidget()
    qtbot.addWidget(parent)

    def work(progress):  # type: ignore[no-untyped-def]
        raise PermissionError(13, "refusé", "x.pdf")

    with pytest.raises(PermissionError):
        run_in_background(parent, "Essai", "Travail en cours…", work)


@pytest.mark.parametrize("how", ["Annuler", "Échap"])
def test_annuler_or_escape_stops_the_work(qtbot, how: str) -> None:  # type: ignore[no-untyped-def]
    parent = QWidget()
    qtbot.addWidget(parent)
    steps: list[int] = []

    def work(progress):  # type: ignore[no-untyped-def]
        for step in range(2000):
            check(progress, step, 2000)
            steps.append(step)
            time.sleep(0.005)
        return "fini"

    def press() -> None:
        if how == "Échap":
            QTest.keyClick(background.current_dialog, Qt.Key_Escape)
        else:
            press_annuler()

    QTimer.singleShot(400, press)   # once the dialog is shown (after 300 ms)
    with pytest.raises(Cancelled):
        run_in_background(parent, "Essai", "Travail en cours…", work)
    assert 0 < len(steps) < 2000


# -- the comité dossier --------------------------------------------------------------------------------------
def test_dossier_cancelled_while_the_window_stays_live_leaves_no_file(window, db, tmp_path, monkeypatch,
                                                                      shown) -> None:  # type: ignore[no-untyped-def]
    reached, gui_ran = hold_worker(monkeypatch, lambda done, total: done >= 1)
    timer = on_gui_when(reached, gui_ran, cancel=True)
    folder = tmp_path / "sortie"
    folder.mkdir()
    before = db_fingerprint(db.path)
    assert print_actions.generate_dossier(window, DossierChoice("SDUS", None, None, folder / "comite.pdf")) is None
    timer.stop()
    assert reached.is_set() and gui_ran.is_set()
    assert list(folder.iterdir()) == []    # not even the temporary file
    assert window.statusBar().currentMessage() == "Dossier du comité de suivi annulé : aucun fichier n'a été écrit."
    assert shown == []
    assert db_fingerprint(db.path) == before


def test_dossier_error_in_the_worker_shows_the_french_message(window, tmp_path, monkeypatch,
                                                             shown) -> None:  # type: ignore[no-untyped-def]
    from sdus_desktop.reports import dossier

    threads: list[str] = []
    real = dossier.write_dossier

    def recorded(*args, **kwargs):  # type: ignore[no-untyped-def]
        threads.append(threading.current_thread().name)
        return real(*args, **kwargs)

    monkeypatch.setattr(dossier, "write_dossier", recorded)
    blocker = tmp_path / "pas-un-dossier"
    blocker.write_text("x")
    out = blocker / "comite.pdf"
    assert print_actions.generate_dossier(window, DossierChoice(None, [12], None, out)) is None
    assert shown[-1][0] == "Impression"
    assert shown[-1][1].startswith(f"Le dossier n'a pas été produit : impossible d'écrire « {out} »")
    assert print_actions.generate_dossier(window, DossierChoice(None, [], None, tmp_path / "vide.pdf")) is None
    assert shown[-1][1] == "Dossier non produit : aucune fiche dans le dossier : la sélection est vide."
    assert threads and threading.main_thread().name not in threads
    assert not (tmp_path / "vide.pdf").exists()


# -- import: the preview, and the write ------------------------------------------------------------------------
def test_import_preview_cancelled_opens_nothing_and_changes_nothing(window, db, tmp_path, monkeypatch,
                                                                    shown) -> None:  # type: ignore[no-untyped-def]
    workbook = export(db, tmp_path, plan_code="SDUS", fiches=[1]).path
    returned = edit_copy(workbook, tmp_path / "retour.xlsx", {"Fiches": {"H2": "bilan du référent"}})
    monkeypatch.setattr(exchange_actions, "choose_files", lambda _window: [returned, returned])
    opened: list[object] = []
    monkeypatch.setattr("sdus_desktop.ui.exchange.import_dialog.ImportDialog.exec", lambda self: opened.append(self))
    reached, gui_ran = hold_worker(monkeypatch, lambda done, total: done == 1)   # the first file is read
    timer = on_gui_when(reached, gui_ran, cancel=True)
    before = db_fingerprint(db.path)
    assert exchange_actions.choose_and_import(window) is None
    timer.stop()
    assert reached.is_set() and opened == [] and shown == []
    assert window.statusBar().currentMessage() == ("Import annulé : les classeurs n'ont pas été lus, "
                                                   "rien n'a été modifié.")
    assert db_fingerprint(db.path) == before
    assert sorted(p.name for p in tmp_path.glob("retour*")) == ["retour.xlsx"]   # no error report either


def test_import_write_cancelled_before_commit_is_rolled_back(window, db, tmp_path, monkeypatch,
                                                             shown) -> None:  # type: ignore[no-untyped-def]
    from sdus_desktop.ui.exchange.import_dialog import ImportDialog

    workbook = export(db, tmp_path, plan_code="SDUS", fiches=[1]).path
    returned = edit_copy(workbook, tmp_path / "retour.xlsx", {"Fiches": {"H2": "bilan du référent"}})
    dialog = ImportDialog(window, [returned])
    assert len(dialog.previews[0].changes) == 1 and dialog.importable() == [0]
    real_progress = Worker.progress
    # held at the last check of apply_batch: every row written, the transaction not yet committed
    reached, gui_ran = hold_worker(monkeypatch, lambda done, total: done == total == 1)
    timer = on_gui_when(reached, gui_ran, cancel=True)
    before = db_fingerprint(db.path)
    assert dialog.apply() == []
    timer.stop()
    assert reached.is_set()
    assert shown[-1][1] == "Import annulé : rien n'a été modifié dans la base."
    assert db_fingerprint(db.path) == before
    # the same dialog then applies it for real, off the GUI thread too
    monkeypatch.setattr(Worker, "progress", real_progress)
    assert len(dialog.apply()) == 1
    assert db_fingerprint(db.path) != before
    assert "1 modification(s) appliquée(s)" in window.statusBar().currentMessage()
