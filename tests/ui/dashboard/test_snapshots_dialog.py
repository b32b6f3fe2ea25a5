"""« Comités de suivi figés » by keyboard: freeze a comité, refused twice, compare with now, Entrée opens the
fiche; the comité outputs default to the last frozen comité and remember a chosen date."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from openpyxl import load_workbook
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from sdus_desktop.store.comite_snapshots import list_snapshots
from tests.ui.helpers import first_action_id


def _type_date(widget, text: str) -> None:  # type: ignore[no-untyped-def]
    widget.setFocus()
    widget.selectAll()  # as a person replaces the date shown
    QTest.keyClicks(widget, text)


def test_freeze_compare_and_open_a_fiche(qtbot, window, shown) -> None:  # type: ignore[no-untyped-def]
    from sdus_desktop.ui.dashboard.snapshots_dialog import SnapshotsDialog

    dialog = SnapshotsDialog(window)
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.summary.text() == "Aucun comité figé pour l'instant." and not dialog.compare_button.isEnabled()
    _type_date(dialog.comite_date, "12032021")
    assert dialog.comite_date.date_value() == date(2021, 3, 12)
    dialog.freeze_button.setFocus()
    QTest.keyClick(dialog.freeze_button, Qt.Key.Key_Space)
    [info] = list_snapshots(window.db)
    assert info.comite_date == date(2021, 3, 12) and info.user == "Marie Dupont" and info.fiche_count == 140
    assert dialog.table.rowCount() == 1 and dialog.table.item(0, 0).text() == "12/03/2021"
    QTest.keyClick(dialog.freeze_button, Qt.Key.Key_Space)  # the same comité again: refused, said why
    assert "déjà figé" in shown.shown[-1][1] and len(list_snapshots(window.db)) == 1

    action_id = first_action_id(window, "SDUS", 3)
    window.services.set("action", action_id, "status", "Réalisée")
    assert dialog.end.currentText() == "maintenant"
    dialog.compare_button.setFocus()
    QTest.keyClick(dialog.compare_button, Qt.Key.Key_Space)
    assert dialog.summary.text().startswith("Du comité du 12/03/2021 à maintenant : 1 fiche(s) sur 140 ont changé")
    top = dialog.changes.topLevelItem(0)
    assert top.text(0).startswith("SDUS 3 — ") and top.child(0).text(0) == "○ Non démarrée → ● Réalisée"
    dialog.changes.setFocus()
    dialog.changes.setCurrentItem(top.child(0))  # Entrée on a line of the fiche opens the fiche
    QTest.keyClick(dialog.changes, Qt.Key.Key_Return)
    assert window.fiche_view.action_id == action_id and dialog.result() == dialog.DialogCode.Accepted


def test_comite_outputs_default_to_the_last_frozen_comite(qtbot, window, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    from sdus_desktop.store.comite_snapshots import freeze
    from sdus_desktop.ui.exchange.export_workbook_dialog import ComiteWorkbookDialog
    from sdus_desktop.ui.print.print_dossier_dialog import DossierDialog

    info = freeze(window.db, "Marie Dupont", date(2021, 3, 12))
    dialog = ComiteWorkbookDialog(window)
    qtbot.addWidget(dialog)
    assert dialog.since_choice.combo.currentText().startswith("le comité du 12/03/2021")
    assert not dialog.since_choice.date_edit.isEnabled()
    dialog.path.setText(str(tmp_path / "comite.xlsx"))
    out = dialog.write()
    assert load_workbook(out)["Évolutions"]["A1"].value == "Évolutions — depuis le comité du 12/03/2021"

    dossier = DossierDialog(window)
    qtbot.addWidget(dossier)
    assert dossier.choice().snapshot_id == info.id and dossier.choice().since is None
    dossier.since_choice.choose("date")
    _type_date(dossier.since_choice.date_edit, "01022021")
    assert dossier.choice().since == date(2021, 2, 1) and dossier.choice().snapshot_id is None
    dossier.since_choice.remember()
    again = ComiteWorkbookDialog(window)  # the date is remembered for the next output
    qtbot.addWidget(again)
    assert again.since_choice.date_edit.date_value() == date(2021, 2, 1)
    dossier.since_choice.choose("none")
    assert dossier.choice().since is None and dossier.choice().snapshot_id is None


def test_an_impossible_comite_date_is_refused_and_nothing_frozen(qtbot, window, shown) -> None:  # type: ignore[no-untyped-def]
    from sdus_desktop.ui.dashboard.snapshots_dialog import SnapshotsDialog

    dialog = SnapshotsDialog(window)
    qtbot.addWidget(dialog)
    dialog.show()
    _type_date(dialog.comite_date, "31/02/2021")
    assert dialog.freeze() is None
    assert "ce jour n'existe pas" in shown.shown[-1][1] and list_snapshots(window.db) == []


def test_validate_and_withdraw_a_comite_by_keyboard_in_central_mode(qtbot, window, shown, settings) -> None:  # type: ignore[no-untyped-def]
    from sdus_desktop.store.comite_snapshots import freeze
    from sdus_desktop.ui.dashboard.snapshots_dialog import SnapshotsDialog

    freeze(window.db, "Marie Dupont", date(2021, 3, 12))
    freeze(window.db, "Marie Dupont", date(2021, 1, 10), "SDSF")
    referent = SnapshotsDialog(window)   # référent mode: said where it is done, buttons off
    qtbot.addWidget(referent)
    assert not referent.validate_button.isEnabled() and not referent.withdraw_button.isEnabled()
    assert "La validation se fait en mode « Équipe centrale »" in referent.validation_note.text()

    settings.set_value("mode", "central")
    dialog = SnapshotsDialog(window)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    dialog.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is dialog)
    assert [dialog.table.item(r, 5).text() for r in range(2)] == ["non validé", "non validé"]
    dialog.table.setFocus()
    QTest.keyClick(dialog.table, Qt.Key.Key_Down)   # the older comité (SDSF, 10/01/2021)
    QTest.keyClick(dialog.table, Qt.Key.Key_Up)     # back to the comité of 12/03/2021
    assert dialog.table.item(dialog.table.currentRow(), 0).text() == "12/03/2021"
    assert dialog.validated_on.text() == "12/03/2021"   # the comité's date, proposed
    QTest.keyClick(dialog.table, Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is dialog.validated_on
    dialog.validated_on.selectAll()
    QTest.keyClicks(dialog.validated_on, "15032021")
    QTest.keyClick(dialog.validated_on, Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is dialog.validate_button
    shown.confirm_answers = [True]
    QTest.keyClick(dialog.validate_button, Qt.Key.Key_Space)
    assert "Les valeurs d'indicateurs des périodes terminées au 12/03/2021" in shown.shown[-1][1]
    [sdsf, both] = list_snapshots(window.db)
    assert both.validated_on == date(2021, 3, 15) and both.validated_by == "Marie Dupont" and sdsf.validated_on is None
    assert dialog.table.item(0, 5).text() == "validé le 15/03/2021 · verrouillé"
    assert not dialog.validate_button.isEnabled() and dialog.withdraw_button.isEnabled()
    assert "Comité du 12/03/2021 validé le 15/03/2021" in window.statusBar().currentMessage()

    dialog.withdraw_button.setFocus()
    shown.confirm_answers = [False]   # declined: still validated
    QTest.keyClick(dialog.withdraw_button, Qt.Key.Key_Space)
    assert list_snapshots(window.db)[1].validated_on == date(2021, 3, 15)
    shown.confirm_answers = [True]
    QTest.keyClick(dialog.withdraw_button, Qt.Key.Key_Space)
    assert list_snapshots(window.db)[1].validated_on is None and dialog.table.item(0, 5).text() == "non validé"
    assert dialog.validate_button.isEnabled()


def test_a_validation_date_before_the_comite_is_refused_and_said(qtbot, window, shown, settings) -> None:  # type: ignore[no-untyped-def]
    from sdus_desktop.store.comite_snapshots import freeze
    from sdus_desktop.ui.dashboard.snapshots_dialog import SnapshotsDialog

    freeze(window.db, "Marie Dupont", date(2021, 3, 12))
    settings.set_value("mode", "central")
    dialog = SnapshotsDialog(window)
    qtbot.addWidget(dialog)
    _type_date(dialog.validated_on, "01032021")
    shown.confirm_answers = [True]
    dialog.validate_button.setFocus()
    QTest.keyClick(dialog.validate_button, Qt.Key.Key_Space)
    assert "Comité non validé : date de validation 01/03/2021 : attendue entre le jour du comité" in shown.shown[-1][1]
    assert list_snapshots(window.db)[0].validated_on is None
    _type_date(dialog.validated_on, "31022021")
    QTest.keyClick(dialog.validate_button, Qt.Key.Key_Space)
    assert shown.shown[-1][1].startswith("Comité non validé : date de la validation : ")
