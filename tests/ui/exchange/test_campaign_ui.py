"""« Préparer la collecte », « Suivi de la collecte » and « Historique des imports », driven by the keyboard."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from sdus_desktop.exchange.campaign import prepare
from sdus_desktop.exchange.import_apply import import_workbook
from sdus_desktop.store import campaigns
from sdus_desktop.ui.exchange.campaign_dialog import CampaignDialog, open_campaign_dialog
from sdus_desktop.ui.exchange.collection_view import CollectionView
from sdus_desktop.ui.exchange.import_history_dialog import ImportHistoryDialog
from tests.exchange.helpers import edit_copy, row_of
from tests.ui.helpers import unnamed_widgets


def _central(window, settings) -> None:  # type: ignore[no-untyped-def]
    settings.set_value("mode", "central")
    window.apply_settings()


def _type(text: str) -> None:
    """Type into the focused widget, accented letters included (a QKeyEvent carrying the text)."""
    for char in text:
        target = QApplication.focusWidget()
        for kind in (QEvent.KeyPress, QEvent.KeyRelease):
            QApplication.sendEvent(target, QKeyEvent(kind, 0, Qt.NoModifier, char))


def _alt(widget, key) -> None:  # type: ignore[no-untyped-def]
    """A mnemonic (Alt+letter): buttons answer it with an animated click, a moment later."""
    QTest.keyClick(QApplication.focusWidget() or widget, key, Qt.AltModifier)
    QTest.qWait(250)


def _dialog(qtbot, window, kind):  # type: ignore[no-untyped-def]
    """The dialog the menu opened, active (keys go to it)."""
    found = [d for d in window.findChildren(kind) if d.isVisible()]
    assert len(found) == 1
    dialog = found[0]
    dialog.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is dialog)
    return dialog


def test_assign_then_write_one_workbook_per_referent(window, settings, shown, qtbot, tmp_path: Path):  # type: ignore[no-untyped-def]
    assert open_campaign_dialog(window) is None and "réservée à l'équipe centrale" in shown.shown[-1][1]
    _central(window, settings)
    window.campaign_action.trigger()
    dialog = _dialog(qtbot, window, CampaignDialog)
    assert unnamed_widgets(dialog) == []
    dialog.plan.setCurrentIndex(dialog.plan.findData("SDUS"))
    dialog.name.setFocus()
    _type("Hélène Vidal")
    _alt(dialog, Qt.Key_U)                       # « les fiches numéro : »
    assert dialog.by_numbers.isChecked()
    QTest.keyClick(QApplication.focusWidget(), Qt.Key_Tab)
    assert QApplication.focusWidget() is dialog.numbers
    QTest.keyClicks(dialog.numbers, "1, 2 5")
    _alt(dialog, Qt.Key_D)                       # Désigner
    ids = campaigns.fiches_by_number(window.db, [1, 2, 5], "SDUS")
    assert all("Hélène Vidal" in [p.name for p in window.catalogue.actions[i].referents] for i in ids)
    assert window.catalogue.actions[ids[0]].updated_at is None       # not a « mise à jour »
    assert dialog.referents.rowCount() == 1 and dialog.referents.item(0, 1).text() == "3"
    # the same again: nothing to change; a bad list of numbers is refused with nothing changed
    assert dialog.assign() == 0
    dialog.numbers.clear()
    dialog.numbers.setFocus()
    QTest.keyClicks(dialog.numbers, "1 et 2")
    _alt(dialog, Qt.Key_D)
    assert "n'est pas une liste de numéros" in shown.shown[-1][1]
    # by pilote: « MDA » is the pilote of 4 fiches
    _alt(dialog, Qt.Key_T)
    assert dialog.by_pilote.isChecked()
    dialog.pilote.setCurrentText("MDA")
    dialog.name.setFocus()
    dialog.name.lineEdit().selectAll()
    QTest.keyClicks(dialog.name.lineEdit(), "Paul Roux")
    _alt(dialog, Qt.Key_D)
    assert dialog.referents.rowCount() == 2
    # undo: Ctrl+Z in the window takes Paul Roux off again
    window.undo_action.trigger()
    assert not any(p.name == "Paul Roux" for a in window.catalogue.actions.values() for p in a.referents)
    window.redo_action.trigger()

    # 2. the workbooks
    out = tmp_path / "envoi"
    out.mkdir()
    _alt(dialog, Qt.Key_O)
    assert QApplication.focusWidget() is dialog.folder
    QTest.keyClicks(dialog.folder, str(out))
    _alt(dialog, Qt.Key_C)                       # Écrire un classeur par référent
    assert dialog.prepared is not None and not dialog.isVisible()
    assert sorted(p.name.split(" - ")[1] for p in out.iterdir()) == ["Hélène Vidal", "Paul Roux"]
    assert "2 classeur(s) écrit(s)" in shown.shown[-1][1]
    assert QApplication.activeModalWidget() is None


def _campaign_with_returns(db, services, tmp_path: Path):  # type: ignore[no-untyped-def]
    for name, numbers in (("Anne Arnal", [1]), ("Élise Estève", [2]), ("Fanny Fabre", [3])):
        services.assign_referent(name, campaigns.fiches_by_number(db, numbers, "SDUS"))
    out = tmp_path / "envoi"
    out.mkdir()
    sent = {item.referent: out / item.file_name for item in prepare(db, out, "moi", "SDUS", "Juin").sent}
    anne_id, elise_id = campaigns.fiches_by_number(db, [1, 2], "SDUS")
    row = row_of(sent["Anne Arnal"], "Fiches", f"F{anne_id}")
    import_workbook(db, edit_copy(sent["Anne Arnal"], tmp_path / "anne.xlsx", {"Fiches": {f"F{row}": 30}}), "moi")
    row = row_of(sent["Élise Estève"], "Fiches", f"F{elise_id}")
    import_workbook(db, edit_copy(sent["Élise Estève"], tmp_path / "elise.xlsx", {"Fiches": {f"F{row}": 300}}), "moi")
    return sent


def test_follow_up_resend_and_reminder(window, settings, services, shown, qtbot, tmp_path: Path):  # type: ignore[no-untyped-def]
    _central(window, settings)
    window.collection_action.trigger()
    assert "Aucune collecte" in shown.shown[-1][1]
    _campaign_with_returns(window.db, services, tmp_path)
    window.collection_action.trigger()
    view = _dialog(qtbot, window, CollectionView)
    assert unnamed_widgets(view) == []
    states = [view.table.item(r, 1).text() for r in range(view.table.rowCount())]
    assert states == ["Intégré", "Refusé", "Manquant"]
    assert "Intégré : 1" in view.counts.text() and "Manquant : 1" in view.counts.text()
    view.table.setFocus()
    QTest.keyClick(view.table, Qt.Key_Down)
    assert view.selected_referent() == "Élise Estève" and view.report_button.isEnabled()
    assert "elise.xlsx.erreurs.txt" in view.table.item(1, 5).text()
    QTest.keyClick(view.table, Qt.Key_Down)
    assert view.selected_referent() == "Fanny Fabre" and not view.report_button.isEnabled()
    reminder = view.reminder.toPlainText()
    assert "Fanny Fabre" in reminder and "Élise Estève" in reminder and "Anne Arnal" not in reminder
    _alt(view, Qt.Key_P)
    assert QApplication.clipboard().text() == reminder
    _alt(view, Qt.Key_R)                          # a fresh workbook for Fanny
    assert "Nouveau classeur pour Fanny Fabre" in shown.shown[-1][1]
    assert any("(renvoi 2)" in p.name for p in (tmp_path / "envoi").iterdir())
    assert view.selected_referent() == "Fanny Fabre" and "envoyé 2 fois" in view.table.item(2, 5).text()
    view.reject()


def test_import_history_filters_by_typing(window, services, shown, qtbot, tmp_path: Path):  # type: ignore[no-untyped-def]
    _campaign_with_returns(window.db, services, tmp_path)
    window.import_history_action.trigger()
    dialog = _dialog(qtbot, window, ImportHistoryDialog)
    assert unnamed_widgets(dialog) == []
    assert dialog.table.rowCount() == 2
    files = {dialog.table.item(r, 1).text(): r for r in range(2)}
    anne = files["anne.xlsx"]
    assert [dialog.table.item(anne, c).text() for c in (2, 3, 4, 5, 6, 7)] == ["Anne Arnal", "moi", "Juin", "1", "0", "0"]
    assert dialog.table.item(files["elise.xlsx"], 8).text().startswith("refusé : 1 cellule(s) à corriger")
    assert QApplication.focusWidget() is dialog.filter
    _type("élise")
    assert dialog.table.rowCount() == 1 and dialog.table.item(0, 1).text() == "elise.xlsx"
    assert dialog.count.text() == "1 import(s) sur 2"
    QTest.keyClick(dialog.filter, Qt.Key_Escape)
    assert not dialog.isVisible() and QApplication.activeModalWidget() is None


def test_visible_fiches_after_a_confirmation_and_refusals_with_their_reason(window, settings, shown, qtbot,
                                                                            tmp_path: Path):  # type: ignore[no-untyped-def]
    _central(window, settings)
    window.navigation.search.setFocus()
    QTest.keyClicks(window.navigation.search, "MDPH")
    qtbot.waitUntil(lambda: 0 < len(window.selected_action_ids()) < 10)
    visible = window.selected_action_ids()
    window.campaign_action.trigger()
    dialog = _dialog(qtbot, window, CampaignDialog)
    assert dialog.by_visible.isChecked() and f"({len(visible)})" in dialog.by_visible.text()
    _alt(dialog, Qt.Key_D)                           # no name yet
    assert shown.shown[-1][1] == "Tapez le nom du référent à désigner."
    assert QApplication.focusWidget() in (dialog.name, dialog.name.lineEdit())
    QTest.keyClicks(dialog.name.lineEdit(), "Paul Roux")
    shown.confirm_answers.append(False)             # « Désigner … sur les N fiche(s) affichées ? » — Non
    _alt(dialog, Qt.Key_D)
    assert f"sur les {len(visible)} fiche(s) affichées" in shown.shown[-1][1] and dialog.referents.rowCount() == 0
    shown.confirm_answers.append(True)
    _alt(dialog, Qt.Key_D)
    assert dialog.referents.rowCount() == 1 and dialog.referents.item(0, 1).text() == str(len(visible))
    # the folder: missing, then absent, then one that already holds the workbooks
    _alt(dialog, Qt.Key_C)
    assert "Choisissez le dossier" in shown.shown[-1][1] and QApplication.focusWidget() is dialog.folder
    QTest.keyClicks(dialog.folder, str(tmp_path / "absent"))
    _alt(dialog, Qt.Key_C)
    assert "n'existe pas" in shown.shown[-1][1]
    prepare(window.db, tmp_path, "moi", None)
    dialog.folder.clear()
    QTest.keyClicks(dialog.folder, str(tmp_path))
    _alt(dialog, Qt.Key_C)
    assert shown.shown[-1][1].startswith("Le dossier") and "contient déjà" in shown.shown[-1][1]
    assert dialog.isVisible() and len(campaigns.campaigns(window.db)) == 1
    dialog.reject()


def test_a_name_with_a_comma_or_fiche_999_is_refused_once(window, settings, shown, qtbot):  # type: ignore[no-untyped-def]
    _central(window, settings)
    window.campaign_action.trigger()
    dialog = _dialog(qtbot, window, CampaignDialog)
    dialog.plan.setCurrentIndex(dialog.plan.findData("SDUS"))
    dialog.name.setFocus()
    _type("Dupont, Marie")
    _alt(dialog, Qt.Key_U)
    QTest.keyClicks(dialog.numbers, "14")
    _alt(dialog, Qt.Key_D)
    assert "contient une virgule : écrivez « Marie Dupont »" in shown.shown[-1][1]
    assert dialog.referents.rowCount() == 0
    dialog.name.lineEdit().selectAll()
    QTest.keyClicks(dialog.name.lineEdit(), "Marie Dupont")
    dialog.numbers.clear()
    QTest.keyClicks(dialog.numbers, "999")
    _alt(dialog, Qt.Key_D)
    assert shown.shown[-1][1].lower().count("rien n'a été modifié") == 1 and "999" in shown.shown[-1][1]
    dialog.reject()
