"""« Plans… » in central mode: import with a preview, closing a plan, adding a fiche with undo, and the
catalogue release offered at start-up. Keys are sent to the focused widgets as a person would."""

from __future__ import annotations

import sqlite3
from contextlib import closing
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QDialog

from sdus_desktop.exchange.plan_workbook import write_definition
from sdus_desktop.ui.exchange import plans_dialog
from tests.exchange.plan_helpers import fill_template, follow_up_snapshot
from tests.ui.helpers import unnamed_widgets


def _central(window, settings) -> None:  # type: ignore[no-untyped-def]
    settings.set_value("mode", "central")
    window.apply_settings()


def _accept_with_enter(qtbot, dialog: QDialog) -> None:  # type: ignore[no-untyped-def]
    qtbot.waitUntil(dialog.isVisible)
    dialog.activateWindow()
    dialog.setFocus()
    QTest.keyClick(dialog, Qt.Key_Return)
    qtbot.waitUntil(lambda: not dialog.isVisible())


def test_plans_are_for_the_central_team(window, shown) -> None:  # type: ignore[no-untyped-def]
    assert plans_dialog.open_plans_dialog(window) is None
    assert shown.shown and "réservée à l'équipe centrale" in shown.shown[-1][1]


def test_import_close_search_and_add_fiche_with_undo(window, settings, shown, qtbot, tmp_path: Path,
                                                     db_path: Path) -> None:  # type: ignore[no-untyped-def]
    _central(window, settings)
    dialog = plans_dialog.open_plans_dialog(window)
    assert dialog is not None and unnamed_widgets(dialog) == []
    assert dialog.table.rowCount() == 2 and dialog.table.item(0, 0).text() == "SDUS"
    filled = fill_template(write_definition(None, tmp_path / "modele.xlsx"), tmp_path / "pdi.xlsx")
    preview = dialog.import_definition(filled)
    assert preview is not None and unnamed_widgets(preview) == []
    assert "Nouveau plan PDI" in preview.text.toPlainText()
    _accept_with_enter(qtbot, preview)
    assert window.catalogue.plan("PDI") is not None
    assert dialog.table.rowCount() == 3
    pdi_ids = {a.id for a in window.catalogue.plan_actions(window.catalogue.plan("PDI"))}
    assert pdi_ids <= set(window.navigation.visible_action_ids())
    window.show_dashboard()
    assert "PDI" in window.dashboard.bars
    window.show_fiche()
    window.open_action(min(pdi_ids))
    assert window.fiche_view.breadcrumb.text().startswith("PDI › Orientation 1 · Accompagner vers l'emploi › Axe 1")
    # close it: out of the tree and the dashboard, still found by a search
    dialog.table.selectRow(2)
    shown.confirm_answers.append(True)
    dialog.buttons["state"].click()
    assert window.catalogue.plan("PDI").closed
    assert not pdi_ids & set(window.navigation.visible_action_ids())
    window.show_dashboard()
    assert "PDI" not in window.dashboard.bars
    window.show_fiche()
    window.navigation.search.setFocus()
    QTest.keyClicks(window.navigation.search, "favoriser l'insertion")
    assert pdi_ids <= set(window.navigation.visible_action_ids())
    window.navigation.search.clear()
    window.show_closed_action.trigger()
    assert pdi_ids <= set(window.navigation.visible_action_ids())
    # reopen, then add a fiche (typed), undo and redo
    dialog.buttons["state"].click()
    assert not window.catalogue.plan("PDI").closed
    add = dialog.add_fiche()
    assert add is not None and unnamed_widgets(add) == []
    assert add.number.value() == 11
    add.title_edit.setFocus()
    QTest.keyClicks(add.title_edit, "Former les referents")
    _accept_with_enter(qtbot, add)
    titles = {a.number: a.title for a in window.catalogue.plan_actions(window.catalogue.plan("PDI"))}
    assert titles[11] == "Former les referents"
    window.undo_stack.undo()
    assert 11 not in {a.number for a in window.catalogue.plan_actions(window.catalogue.plan("PDI"))}
    window.undo_stack.redo()
    assert 11 in {a.number for a in window.catalogue.plan_actions(window.catalogue.plan("PDI"))}
    with closing(sqlite3.connect(db_path)) as connection:
        origins = {row[0] for row in connection.execute("SELECT DISTINCT origin FROM journal")}
    assert {"plan pdi.xlsx", "plan état clos", "saisie (ajout de fiche)", "saisie (annulation)"} <= origins
    dialog.table.selectRow(2)
    following = dialog.prepare_next()
    assert following is not None and unnamed_widgets(following) == []
    assert following.code.text() == "PDI2" and (following.start.value(), following.end.value()) == (2028, 2031)
    following.create()  # structure only: orientations and axes, no fiche
    successor = window.catalogue.plan("PDI2")
    assert successor is not None and successor.previous_code == "PDI" and not window.catalogue.plan_actions(successor)
    assert [len(o.axes) for o in successor.orientations] == [2, 2, 2]
    window.show_dashboard()  # an empty plan shows with zero counts
    assert "PDI2" in window.dashboard.bars
    window.show_fiche()
    dialog.reject()


def test_refused_definition_lists_its_errors(window, settings, qtbot, tmp_path: Path, db_path: Path) -> None:  # type: ignore[no-untyped-def]
    from tests.exchange.plan_helpers import edit, sha

    _central(window, settings)
    dialog = plans_dialog.open_plans_dialog(window)
    filled = fill_template(write_definition(None, tmp_path / "modele.xlsx"), tmp_path / "pdi.xlsx")
    broken = edit(filled, tmp_path / "casse.xlsx", {"Fiches": {"B3": 1}})
    before = sha(db_path)
    refused = dialog.import_definition(broken)
    assert refused is not None and "Fiches!B3 : numéro en double" in refused.text.toPlainText()
    refused.reject()
    assert sha(db_path) == before
    dialog.reject()


def test_catalogue_release_is_previewed_and_applied(window, db_path: Path, services, qtbot) -> None:  # type: ignore[no-untyped-def]
    """An older database (catalogue 2026.11.1: axes 1..16, « Conseil départemental – DDCSPP »)."""
    action_id = next(a.id for a in window.catalogue.plan_actions(window.catalogue.plan("SDUS")) if a.number == 40)
    services.set("action", action_id, "status", "en_cours")
    with closing(sqlite3.connect(db_path)) as connection, connection:
        connection.execute("UPDATE meta SET value = '2026.11.1' WHERE key LIKE 'catalogue_version:%'")
        connection.execute("UPDATE axe SET number = number + 4 WHERE orientation_id = (SELECT id FROM orientation "
                           "WHERE number = 2 AND plan_id = (SELECT id FROM plan WHERE code = 'SDUS'))")
        connection.execute("UPDATE action SET pilotage = '[\"Conseil départemental – DDCSPP\"]' WHERE id = ?",
                           (action_id,))
    before = follow_up_snapshot(db_path)
    dialog = plans_dialog.offer_catalogue_releases(window)
    assert dialog is not None and unnamed_widgets(dialog) == []
    text = dialog.text.toPlainText()
    assert "Catalogue SDUS : version 2026.11.1 → 2026.11.2" in text
    assert "Orientation 2 · Axe 5 renuméroté 1" in text
    assert "Fiche 40 : pilotage modifié(e) : « Conseil départemental – DDCSPP » → « Conseil départemental ; DDCSPP »" \
        in text
    _accept_with_enter(qtbot, dialog)
    after = follow_up_snapshot(db_path)
    for name in ("action", "step", "value", "referent"):
        assert after[name] == before[name], name
    assert after["journal"][: len(before["journal"])] == before["journal"]
    with closing(sqlite3.connect(db_path)) as connection:
        assert connection.execute("SELECT value FROM meta WHERE key = 'catalogue_version:SDUS'").fetchone() == \
            ("2026.11.2",)
        assert connection.execute("SELECT value FROM meta WHERE key = 'catalogue_version:SDSF'").fetchone() == \
            ("2026.11.2",)
    assert window.catalogue.actions[action_id].pilotage == ["Conseil départemental", "DDCSPP"]
    assert plans_dialog.offer_catalogue_releases(window) is None  # nothing left to propose
    QApplication.processEvents()


def test_avenant_archiving_every_fiche_needs_an_explicit_confirmation(window, settings, qtbot, tmp_path: Path,
                                                                      db_path: Path) -> None:  # type: ignore[no-untyped-def]
    from sdus_desktop.exchange.plan_lifecycle import definition_of
    from tests.exchange.plan_helpers import sha, without_fiches

    _central(window, settings)
    dialog = plans_dialog.open_plans_dialog(window)
    exported = write_definition(definition_of(window.db, "SDUS"), tmp_path / "sdus.xlsx")
    emptied = without_fiches(exported, tmp_path / "sdus-vide.xlsx")
    before = sha(db_path)
    preview = dialog.import_definition(emptied)
    assert preview is not None and unnamed_widgets(preview) == []
    lines = preview.text.toPlainText().splitlines()
    assert lines[0].startswith("ATTENTION : cet avenant archive 74 fiches sur 74, toutes les fiches du plan.")
    assert lines[1] == "Fiches : 0 fiche ajoutée, 0 fiche modifiée, 74 fiches archivées sur 74"
    assert preview.confirm is not None and preview.apply_button is not None
    assert not preview.apply_button.isEnabled() and not preview.apply_button.isDefault()
    _accept_with_enter(qtbot, preview)  # Entrée closes the preview without applying
    assert preview.result() == QDialog.DialogCode.Rejected and sha(db_path) == before
    assert len(window.catalogue.plan_actions(window.catalogue.plan("SDUS"))) == 74
    preview = dialog.import_definition(emptied)
    qtbot.waitUntil(preview.isVisible)
    preview.confirm.setFocus()
    QTest.keyClick(preview.confirm, Qt.Key_Space)  # « J'ai compris : … »
    assert preview.confirm.isChecked() and preview.apply_button.isEnabled()
    assert not preview.apply_button.isDefault()
    QTest.keyClick(preview.confirm, Qt.Key_Return)  # still not applied by Entrée
    qtbot.waitUntil(lambda: not preview.isVisible())
    assert sha(db_path) == before
    preview = dialog.import_definition(emptied)
    qtbot.waitUntil(preview.isVisible)
    QTest.keyClick(preview.confirm, Qt.Key_Space)
    preview.apply_button.setFocus()
    QTest.keyClick(preview.apply_button, Qt.Key_Space)  # the apply button itself, once confirmed
    qtbot.waitUntil(lambda: not preview.isVisible())
    assert window.catalogue.plan_actions(window.catalogue.plan("SDUS")) == []
    dialog.reject()
