"""The workbooks are written off the GUI thread under a progress dialog with « Annuler »: the comité de suivi
workbook, « Préparer la collecte » (one workbook per référent, all or nothing), a référent workbook and the one
sent again from « Suivi de la collecte ». The work reports its progress from the worker thread while the window
processes events; « Annuler » leaves no file, no campaign row, and says so in the status bar."""

from __future__ import annotations

import threading
from pathlib import Path

from sdus_desktop.exchange.campaign import prepare
from sdus_desktop.exchange.comite_workbook import STEPS
from sdus_desktop.ops.changes import OpChanges
from sdus_desktop.ops.edits import assign_referent
from sdus_desktop.store import campaigns
from sdus_desktop.ui.exchange.campaign_dialog import CampaignDialog
from sdus_desktop.ui.exchange.collection_view import CollectionView
from sdus_desktop.ui.exchange.export_workbook_dialog import ComiteWorkbookDialog, ExportWorkbookDialog
from tests.support.dbtools import db_fingerprint
from tests.ui.helpers import hold_worker, on_gui_when, record_progress

NAMES = ["Anne Arnal", "Bruno Bès", "Chloé Crozes"]


def _folder(tmp_path: Path, name: str = "sortie") -> Path:
    folder = tmp_path / name
    folder.mkdir()
    return folder


def _off_the_gui_thread(calls: list[tuple[int, int, str]]) -> None:
    """Progress was reported, with a total, from the worker thread only."""
    assert calls and all(total > 0 for _, total, _ in calls)
    assert {thread for _, _, thread in calls} == {calls[0][2]} != {threading.main_thread().name}


def _assign(window) -> None:  # type: ignore[no-untyped-def]
    for index, name in enumerate(NAMES):
        ids = campaigns.fiches_by_number(window.db, [2 * index + 1, 2 * index + 2], "SDUS")
        assert window.editor.perform(lambda services, name=name, ids=ids: assign_referent(services, name, ids))


def _published(window) -> list[OpChanges]:  # type: ignore[no-untyped-def]
    seen: list[OpChanges] = []
    window.changed.connect(seen.append)
    return seen


# -- the comité de suivi workbook ------------------------------------------------------------------------------
def test_comite_workbook_is_written_in_the_background(window, tmp_path, monkeypatch):  # type: ignore[no-untyped-def]
    reached, gui_ran = hold_worker(monkeypatch, lambda done, total: done >= 1)
    calls = record_progress(monkeypatch)
    timer = on_gui_when(reached, gui_ran, cancel=False)
    dialog = ComiteWorkbookDialog(window)
    out = _folder(tmp_path) / "comite.xlsx"
    dialog.path.setText(str(out))
    assert dialog.write() == out and out.exists()
    timer.stop()
    assert reached.is_set() and gui_ran.is_set()   # the window processed events while the work ran
    _off_the_gui_thread(calls)
    assert [(done, total) for done, total, _ in calls] == [(done, STEPS) for done in range(STEPS)]
    assert window.statusBar().currentMessage() == f"Classeur du comité de suivi écrit : {out}"


def test_comite_workbook_annuler_leaves_no_file(window, db, tmp_path, monkeypatch, shown):  # type: ignore[no-untyped-def]
    reached, gui_ran = hold_worker(monkeypatch, lambda done, total: done == STEPS - 1)   # every sheet built
    timer = on_gui_when(reached, gui_ran, cancel=True)
    dialog = ComiteWorkbookDialog(window)
    folder = _folder(tmp_path)
    dialog.path.setText(str(folder / "comite.xlsx"))
    before = db_fingerprint(db.path)
    assert dialog.write() is None
    timer.stop()
    assert reached.is_set()
    assert list(folder.iterdir()) == []    # not even the temporary file
    assert window.statusBar().currentMessage() == "Classeur du comité de suivi annulé : aucun fichier n'a été écrit."
    assert shown.shown == [] and shown.written == [] and dialog.written is None
    assert db_fingerprint(db.path) == before


# -- « Préparer la collecte » -----------------------------------------------------------------------------------
def _campaign_dialog(window, settings, folder: Path) -> CampaignDialog:  # type: ignore[no-untyped-def]
    settings.set_value("mode", "central")
    window.apply_settings()
    _assign(window)
    dialog = CampaignDialog(window)
    dialog.plan.setCurrentIndex(dialog.plan.findData("SDUS"))
    dialog.folder.setText(str(folder))
    return dialog


def test_campaign_is_prepared_in_the_background_and_the_views_follow(window, settings, tmp_path, monkeypatch,
                                                                     shown):  # type: ignore[no-untyped-def]
    folder = _folder(tmp_path)
    dialog = _campaign_dialog(window, settings, folder)
    published = _published(window)
    reached, gui_ran = hold_worker(monkeypatch, lambda done, total: done >= 1000)   # the second workbook
    calls = record_progress(monkeypatch)
    timer = on_gui_when(reached, gui_ran, cancel=False)
    dialog.prepare()
    timer.stop()
    assert reached.is_set() and gui_ran.is_set()
    _off_the_gui_thread(calls)
    assert calls[-1][:2] == (len(NAMES), len(NAMES))   # every workbook written, then recorded
    assert len(dialog.prepared.files) == len(NAMES) == len(list(folder.iterdir()))
    assert len(campaigns.campaigns(window.db)) == 1
    assert [changes.campaign for changes in published] == [True]   # the OpChanges published on the GUI thread
    assert f"{len(NAMES)} classeur(s) écrit(s)" in shown.shown[-1][1]
    assert window.statusBar().currentMessage() == f"Collecte préparée : {len(NAMES)} classeur(s)."


def test_campaign_annuler_leaves_no_workbook_and_no_campaign(window, settings, db, tmp_path, monkeypatch,
                                                             shown):  # type: ignore[no-untyped-def]
    folder = _folder(tmp_path)
    dialog = _campaign_dialog(window, settings, folder)
    published = _published(window)
    written_then: list[int] = []

    def second_workbook(done: int, total: int) -> bool:   # the first one is in the folder by then
        if done >= 1000:
            written_then.append(len(list(folder.iterdir())))
        return done >= 1000

    reached, gui_ran = hold_worker(monkeypatch, second_workbook)
    timer = on_gui_when(reached, gui_ran, cancel=True)
    before = db_fingerprint(db.path)
    dialog.prepare()
    timer.stop()
    assert reached.is_set() and written_then[0] == 1
    assert list(folder.iterdir()) == []
    assert campaigns.campaigns(db) == [] and db_fingerprint(db.path) == before
    assert window.statusBar().currentMessage() == ("Préparation de la collecte annulée : aucun fichier n'a été "
                                                   "écrit, aucune collecte n'a été enregistrée.")
    assert shown.shown == [] and published == [] and dialog.prepared is None


# -- a référent workbook, and one sent again ---------------------------------------------------------------------
def test_referent_workbook_is_exported_in_the_background(window, tmp_path, monkeypatch):  # type: ignore[no-untyped-def]
    reached, gui_ran = hold_worker(monkeypatch, lambda done, total: done >= 1)
    calls = record_progress(monkeypatch)
    timer = on_gui_when(reached, gui_ran, cancel=False)
    dialog = ExportWorkbookDialog(window)
    dialog.plan.setCurrentIndex(dialog.plan.findData("SDUS"))
    out = _folder(tmp_path) / "classeur.xlsx"
    dialog.path.setText(str(out))
    assert dialog.export() == out and out.exists()
    timer.stop()
    assert reached.is_set() and gui_ran.is_set()
    _off_the_gui_thread(calls)
    fiches = calls[-1][1] - 1   # one report per fiche, + 1 for the save
    assert fiches > 10 and [done for done, _, _ in calls] == list(range(fiches + 1))
    assert window.statusBar().currentMessage().startswith(f"Classeur écrit : {out}")


def test_referent_workbook_annuler_leaves_no_file(window, db, tmp_path, monkeypatch, shown):  # type: ignore[no-untyped-def]
    reached, gui_ran = hold_worker(monkeypatch, lambda done, total: done == total - 1)   # every sheet written
    timer = on_gui_when(reached, gui_ran, cancel=True)
    dialog = ExportWorkbookDialog(window)
    folder = _folder(tmp_path)
    dialog.path.setText(str(folder / "classeur.xlsx"))
    assert dialog.export() is None
    timer.stop()
    assert reached.is_set()
    assert list(folder.iterdir()) == []
    assert window.statusBar().currentMessage() == "Export du classeur annulé : aucun fichier n'a été écrit."
    assert shown.shown == [] and shown.written == [] and dialog.written is None


def _collection_view(window, services, tmp_path: Path) -> tuple[CollectionView, Path]:  # type: ignore[no-untyped-def]
    for index, name in enumerate(NAMES):
        services.assign_referent(name, campaigns.fiches_by_number(window.db, [2 * index + 1], "SDUS"))
    folder = _folder(tmp_path, "envoi")
    prepare(window.db, folder, "moi", "SDUS", "Juin")
    view = CollectionView(window)
    view.table.selectRow(0)
    assert view.selected_referent() == "Anne Arnal"
    return view, folder


def test_resend_is_written_in_the_background(window, services, tmp_path, monkeypatch, shown):  # type: ignore[no-untyped-def]
    view, folder = _collection_view(window, services, tmp_path)
    reached, gui_ran = hold_worker(monkeypatch, lambda done, total: done >= 1)
    calls = record_progress(monkeypatch)
    timer = on_gui_when(reached, gui_ran, cancel=False)
    path = view.resend_selected()
    timer.stop()
    assert path is not None and "(renvoi 2)" in path and Path(path).parent == folder
    assert reached.is_set() and gui_ran.is_set()
    _off_the_gui_thread(calls)
    assert "envoyé 2 fois" in view.table.item(0, 5).text()   # the view followed the published OpChanges
    assert "Nouveau classeur pour Anne Arnal" in shown.shown[-1][1]
    view.reject()


def test_resend_annuler_leaves_no_file_and_no_new_send(window, services, db, tmp_path, monkeypatch,
                                                       shown):  # type: ignore[no-untyped-def]
    view, folder = _collection_view(window, services, tmp_path)
    files = sorted(p.name for p in folder.iterdir())
    # held once the workbook is written, before the send is recorded: it is removed again
    reached, gui_ran = hold_worker(monkeypatch, lambda done, total: done == total == 1)
    timer = on_gui_when(reached, gui_ran, cancel=True)
    before = db_fingerprint(db.path)
    assert view.resend_selected() is None
    timer.stop()
    assert reached.is_set()
    assert sorted(p.name for p in folder.iterdir()) == files
    assert db_fingerprint(db.path) == before
    assert window.statusBar().currentMessage() == "Renvoi du classeur annulé : aucun fichier n'a été écrit."
    assert shown.shown == [] and "envoyé 2 fois" not in view.table.item(0, 5).text()
    view.reject()
