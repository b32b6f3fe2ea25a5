"""Issue 9 in the GUI: « Sauvegardes », damaged base at start, second instance read-only, undo of an import."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from sdus_desktop.store.backup import backup_database, list_backups, quick_check
from sdus_desktop.store.database import Database
from sdus_desktop.store.lock import acquire
from sdus_desktop.store.queries import load_action
from sdus_desktop.ui.common import startup_checks
from sdus_desktop.ui.common.backups_dialog import BackupsDialog, check_database
from tests.store.test_backups import _checkpoint, damage
from tests.support.dbtools import db_fingerprint
from tests.ui.helpers import first_action_id, unnamed_widgets


def _bilan(db, action_id: int) -> str:  # type: ignore[no-untyped-def]
    with db.reading() as session:
        return load_action(session, action_id).bilan


def test_backups_dialog_lists_and_restores_after_confirmation(window, db, qtbot, shown) -> None:  # type: ignore[no-untyped-def]
    action_id = first_action_id(window)
    window.services.set("action", action_id, "bilan", "hier")
    backup_database(db.path, "fermeture")
    window.editor.set("action", action_id, "bilan", "aujourd'hui")
    dialog = BackupsDialog(window)
    qtbot.addWidget(dialog)
    dialog.show()
    assert unnamed_widgets(dialog) == []
    assert dialog.table.rowCount() == 1
    assert [dialog.table.item(0, c).text() for c in (1, 3)] == ["à la fermeture", "vérifiée"]
    shown.confirm_answers = [False]
    assert not dialog.restore_selected() and _bilan(db, action_id) == "aujourd'hui"
    shown.confirm_answers = [True]
    qtbot.keyClick(dialog.table, Qt.Key_Home)
    assert dialog.restore_selected()
    assert _bilan(db, action_id) == "hier"
    assert "avant une restauration" in [info.reason_text for info in list_backups(db.path)]
    assert window.undo_stack.count() == 0
    window.open_action(action_id)
    assert window.fiche_view.suivi.bilan.toPlainText() == "hier"
    assert check_database(window) is None and "est intacte" in shown.shown[-1][1]


def test_a_damaged_base_at_start_offers_the_latest_verified_backup(db_path: Path, shown) -> None:  # type: ignore[no-untyped-def]
    backup_database(db_path, "fermeture")
    _checkpoint(db_path)
    damage(db_path)
    damaged = db_path.read_bytes()
    shown.confirm_answers = [False]
    assert not startup_checks.check_integrity(db_path)
    assert "est endommagée" in shown.shown[-1][1] and db_path.read_bytes() == damaged
    shown.confirm_answers = [True]
    assert startup_checks.check_integrity(db_path)
    assert quick_check(db_path) is None
    assert any(p.name.startswith("sdus_endommagee_") and p.read_bytes() == damaged for p in db_path.parent.iterdir())


def test_a_read_only_session_says_so_in_the_window(window, db) -> None:  # type: ignore[no-untyped-def]
    db.read_only = "ouverte en écriture par Paul sur le poste « PC-2 »"
    startup_checks.mark_read_only(window)
    assert window.windowTitle().endswith("— lecture seule")
    assert "Paul" in window.statusBar().currentMessage()


def test_a_second_instance_is_told_who_holds_the_base_and_may_read(db_path: Path, shown) -> None:  # type: ignore[no-untyped-def]
    first = acquire(db_path)
    try:
        db = Database.open(db_path)
        before = db_fingerprint(db_path)
        shown.confirm_answers = [True]
        go_on, lock = startup_checks.take_writer_lock(db)
        assert go_on and lock is None and "déjà ouverte en écriture par" in shown.shown[-1][1]
        from sdus_desktop.store.changes import EditError
        from sdus_desktop.store.services import Services

        try:
            Services(db, "Paul").set("action", 1, "bilan", "refusé")
            raise AssertionError("écriture acceptée en lecture seule")
        except EditError as error:
            assert "lecture seule" in str(error)
        assert db_fingerprint(db_path) == before
        startup_checks.at_exit(db, lock)   # read-only: no backup, no lock to release
        assert not list_backups(db_path)
        db.close()
    finally:
        first.release()


def test_ctrl_z_after_an_import_undoes_the_import(window, db, tmp_path, qtbot, monkeypatch, shown) -> None:  # type: ignore[no-untyped-def]
    from sdus_desktop.ui.exchange.import_dialog import ImportDialog
    from tests.exchange.helpers import edit_copy, export

    action_id = first_action_id(window)
    window.editor.set("action", action_id, "avancement", 10)   # an older manual edit
    summary = export(db, tmp_path, plan_code="SDUS", fiches=[1])
    returned = edit_copy(summary.path, tmp_path / "retour.xlsx", {"Fiches": {"H2": "du référent"}})
    dialog = ImportDialog(window, [returned])
    qtbot.addWidget(dialog)
    dialog.apply()
    assert _bilan(db, action_id) == "du référent"
    # A loaded machine shows the import's progress dialog (after SHOW_AFTER_MS): once it closes, the person is
    # back in the main window; offscreen Qt does not hand activation back by itself, so do it as a click would.
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    window.navigation.tree.setFocus()
    qtbot.keyClick(window.navigation.tree, Qt.Key_Z, Qt.ControlModifier)
    assert _bilan(db, action_id) == ""
    with db.reading() as session:
        assert load_action(session, action_id).avancement == 10   # the manual edit is not skipped to


def test_an_import_is_undone_from_the_menu(window, db, tmp_path, monkeypatch, shown) -> None:  # type: ignore[no-untyped-def]
    from sdus_desktop.exchange.import_apply import import_workbook
    from sdus_desktop.ui.exchange import undo_import
    from tests.exchange.helpers import edit_copy, export

    action_id = first_action_id(window)
    summary = export(db, tmp_path, plan_code="SDUS", fiches=[1])
    import_workbook(db, edit_copy(summary.path, tmp_path / "r.xlsx", {"Fiches": {"H2": "importé"}}), "central")
    offered: list[list[str]] = []
    monkeypatch.setattr(undo_import, "choose_import", lambda _w, labels: offered.append(labels) or 0)
    shown.confirm_answers = [True]
    window.undo_import_action.trigger()
    assert "« r.xlsx »" in offered[0][0]
    assert _bilan(db, action_id) == "" and "annulé : 1 valeur(s) remise(s)" in shown.shown[-1][1]


def test_a_base_on_a_network_drive_is_told_once_with_the_reason(db, settings, monkeypatch, shown) -> None:  # type: ignore[no-untyped-def]
    from sdus_desktop.store import engine

    startup_checks.network_notice(db, settings)
    assert shown.shown == []   # a local disk: nothing to say
    monkeypatch.setattr(engine, "is_network_path", lambda _path: True)
    startup_checks.network_notice(db, settings)
    startup_checks.network_notice(db, settings)
    assert len(shown.shown) == 1 and "lecteur réseau" in shown.shown[0][1] and "WAL" in shown.shown[0][1]
    assert engine.journal_mode_for(db.path) == "DELETE"


def test_the_import_dialog_previews_a_batch_as_the_cli_does(window, db, tmp_path, qtbot) -> None:  # type: ignore[no-untyped-def]
    from sdus_desktop.exchange.consolidate import import_many
    from sdus_desktop.ui.exchange.import_dialog import ImportDialog
    from tests.exchange.helpers import edit_copy, export

    summary = export(db, tmp_path, plan_code="SDUS", fiches=[1])
    a = edit_copy(summary.path, tmp_path / "a.xlsx", {"Fiches": {"E2": "En cours"}})
    b = edit_copy(summary.path, tmp_path / "b.xlsx", {"Fiches": {"E2": "Reportée"}})
    for files in ([a, b], [b, a]):
        dialog = ImportDialog(window, files)
        qtbot.addWidget(dialog)
        cli = import_many(db, files, "central", dry_run=True)
        shown_in_gui = [(p.file_name, len(p.changes), len(p.conflicts)) for p in dialog.previews]
        assert shown_in_gui == [(r.preview.file_name, len(r.preview.changes), len(r.preview.conflicts))
                                for r in cli.results]
        assert all(conflicts == 1 and changes == 0 for _, changes, conflicts in shown_in_gui)


def test_a_session_takes_the_lock_and_leaves_a_verified_backup_at_close(db_path: Path, qapp, monkeypatch,
                                                                        shown) -> None:  # type: ignore[no-untyped-def]
    from sdus_desktop.store.lock import lock_path
    from sdus_desktop.ui import application
    from sdus_desktop.ui.common import settings as settings_module

    seen: dict[str, object] = {}

    def exec_() -> int:
        seen["locked"] = lock_path(db_path).exists()
        return 0

    monkeypatch.setattr(settings_module.Settings, "is_set", lambda self, name: True)
    monkeypatch.setattr(qapp, "exec", exec_)
    monkeypatch.setattr(application, "create_application", lambda argv: qapp)
    assert application.main(["sdus-desktop", "--db", str(db_path)]) == 0
    assert seen["locked"] is True and not lock_path(db_path).exists()
    assert [info.reason for info in list_backups(db_path)] == ["fermeture"]

    other = acquire(db_path)   # another instance holds it: the user declines read-only → no window, nothing written
    try:
        shown.confirm_answers = [False]
        seen.clear()
        assert application.main(["sdus-desktop", "--db", str(db_path)]) == 0
        assert "locked" not in seen and "déjà ouverte en écriture" in shown.shown[-1][1]
        assert len(list_backups(db_path)) == 1
    finally:
        other.release()
