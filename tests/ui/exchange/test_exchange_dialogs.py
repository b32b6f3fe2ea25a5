"""GUI of the exchange: menu entries, export dialog, import preview and apply, conflicts queue, comité dialog."""

from __future__ import annotations

from pathlib import Path

import pytest
from openpyxl import load_workbook
from PySide6.QtCore import QDate, QSettings

import sdus_desktop.ui  # noqa: F401
from sdus_desktop.store.queries import load_action
from sdus_desktop.ui.common import messages
from sdus_desktop.ui.common.settings import Settings
from sdus_desktop.ui.exchange import exchange_actions
from tests.exchange.helpers import edit_copy, export


@pytest.fixture
def shown(monkeypatch):
    seen: list[tuple[str, str]] = []
    for name in ("warn", "error", "information"):
        monkeypatch.setattr(messages, name, lambda parent, title, text: seen.append((title, text)))
    return seen


@pytest.fixture
def window(qtbot, db, tmp_path, shown):
    from sdus_desktop.ui.main_window import MainWindow

    settings = Settings(QSettings(str(tmp_path / "settings.ini"), QSettings.IniFormat))
    settings.set_value("user_name", "Marie Dupont")
    settings.set_value("export_folder", str(tmp_path / "exports"))
    main = MainWindow(db, settings)
    qtbot.addWidget(main)
    return main


def test_menu_entries(window):
    texts = [action.text() for action in window.menus["fichier"].actions()]
    for wanted in ("&Exporter un classeur pour les référents…", "I&mporter des classeurs…",
                   "Conflits à &arbitrer…", "&Classeur du comité de suivi…"):
        assert wanted in texts
    assert window.export_workbook_action.shortcut().toString() == "Ctrl+E"
    assert window.import_workbooks_action.objectName() == "Importer des classeurs Excel remplis par les référents"


def test_export_dialog_writes_the_scoped_workbook(window, tmp_path):
    from sdus_desktop.ui.exchange.export_workbook_dialog import ExportWorkbookDialog

    window.navigation.search.setText("charte")
    visible = window.selected_action_ids()
    dialog = ExportWorkbookDialog(window)
    dialog.plan.setCurrentIndex(dialog.plan.findData("SDUS"))
    dialog.visible_only.setChecked(True)
    dialog.path.setText(str(tmp_path / "exports" / "charte.xlsx"))
    out = dialog.export()
    assert out == tmp_path / "exports" / "charte.xlsx" and out.exists()
    fiches = load_workbook(out)["Fiches"]
    assert fiches.max_row == 1 + len([i for i in visible if i <= 74]) and fiches.max_row > 1
    assert "Classeur écrit" in window.statusBar().currentMessage()


def test_import_dialog_preview_choices_and_apply(window, db, services, tmp_path, monkeypatch, shown):
    workbook = export(db, tmp_path, plan_code="SDUS", fiches=[1]).path
    services.set("action", 1, "bilan", "vu en comité")
    services.set("action", 1, "avancement", 10)
    edited = edit_copy(workbook, tmp_path / "retour.xlsx", {
        "Fiches": {"E2": "En cours", "F2": 60, "H2": "bilan du référent"}, "Étapes": {"J2": "30/06/2021"}})
    junk = tmp_path / "notes.xlsx"
    junk.write_bytes(b"rien")
    monkeypatch.setattr(exchange_actions, "choose_files", lambda w: [edited, junk])
    monkeypatch.setattr("sdus_desktop.ui.exchange.import_dialog.ImportDialog.exec", lambda self: 0)
    dialog = exchange_actions.choose_and_import(window)
    assert [dialog.files.item(i).text() for i in range(2)] == [
        "retour.xlsx — 2 modification(s), 2 conflit(s)",
        "notes.xlsx — refusé : « notes.xlsx » n'est pas un classeur Excel (.xlsx) : le fichier est illisible ou "
        "d'un autre type."]
    assert [dialog.changes.item(i).text() for i in range(dialog.changes.count())] == [
        "fiche 1 · statut : Non démarrée → En cours", "fiche 1 · étape 1 · fin réelle : — → 30/06/2021"]
    assert [dialog.conflicts.item(r, 0).text() for r in range(2)] == ["fiche 1 · avancement",
                                                                      "fiche 1 · bilan / commentaire"]
    assert [dialog.conflicts.item(0, c).text() for c in (1, 2, 3)] == ["0 %", "10 %", "60 %"]
    dialog.choose(0, 0, "theirs")
    assert "dont 1 laissé(s) à arbitrer plus tard" in dialog.summary.text()
    dialog.files.setCurrentRow(1)
    assert dialog.errors.item(0).text().startswith("« notes.xlsx » n'est pas un classeur Excel")
    results = dialog.apply()
    assert [r.applied for r in results] == [3] and results[0].conflicts_queued == 1
    with db.reading() as session:
        action = load_action(session, 1)
        assert (action.status, action.avancement, action.bilan) == ("en_cours", 60, "vu en comité")
    assert window.catalogue.actions[1].status == "en_cours"
    assert "1 conflit(s) à arbitrer" in shown[-1][1] and (tmp_path / "notes.xlsx.erreurs.txt").exists()

    from sdus_desktop.ui.exchange.conflicts_dialog import ConflictsDialog

    queue = ConflictsDialog(window)
    assert queue.table.rowCount() == 1
    assert [queue.table.item(0, c).text() for c in (1, 2, 3, 4)] == [
        "SDUS · fiche 1 · bilan / commentaire", "vu en comité", "bilan du référent", "—"]
    assert queue.detail.toPlainText().startswith(
        "SDUS · fiche 1 · bilan / commentaire\nBase de données : vu en comité\nClasseur : bilan du référent\n"
        "À l'export : —\nOrigine : import retour.xlsx (export ")
    queue.select_rows([0])
    assert queue.resolve_selected("theirs") == 1
    assert queue.table.rowCount() == 0 and queue.empty.isVisibleTo(queue)
    assert window.catalogue.actions[1].bilan == "bilan du référent"


def test_conflicts_dialog_needs_a_selection(window, shown):
    from sdus_desktop.ui.exchange.conflicts_dialog import ConflictsDialog

    dialog = ConflictsDialog(window)
    assert dialog.table.rowCount() == 0 and not dialog.take_button.isEnabled()
    assert dialog.resolve_selected("mine") == 0
    assert shown[-1][1] == "Sélectionnez d'abord un ou plusieurs conflits dans la liste."


def test_comite_dialog_writes_the_workbook(window, tmp_path):
    from sdus_desktop.ui.exchange.export_workbook_dialog import ComiteWorkbookDialog

    dialog = ComiteWorkbookDialog(window)
    dialog.since.set_date(QDate(2024, 1, 15))
    dialog.path.setText(str(tmp_path / "comite.xlsx"))
    out = dialog.write()
    assert out == Path(tmp_path / "comite.xlsx")
    assert load_workbook(out)["Évolutions"]["A1"].value == "Évolutions — depuis le 15/01/2024"



def test_import_dialog_survives_an_unreadable_file_and_a_failed_backup(window, db, tmp_path, monkeypatch, shown):
    import errno

    from sdus_desktop.ui.exchange.import_dialog import ImportDialog
    from tests.support.dbtools import db_fingerprint

    workbook = export(db, tmp_path, plan_code="SDUS", fiches=[1]).path
    edited = edit_copy(workbook, tmp_path / "retour.xlsx", {"Fiches": {"H2": "bilan du référent"}})
    locked = edit_copy(workbook, tmp_path / "verrouille.xlsx", {"Fiches": {"F2": 50}})
    real_open = Path.open

    def refuse(self, *args, **kwargs):
        if self.name == locked.name:
            raise PermissionError(errno.EACCES, "Permission denied", str(self))
        return real_open(self, *args, **kwargs)

    monkeypatch.setattr(Path, "open", refuse)
    dialog = ImportDialog(window, [locked, edited])
    assert dialog.files.item(0).text().startswith(f"verrouille.xlsx — refusé : impossible de lire « {locked} »")
    assert dialog.importable() == [1]

    def no_room(reason):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(window.db, "backup", no_room)
    before = db_fingerprint(db.path)
    assert dialog.apply() == []
    assert shown[-1][1].startswith("Import annulé : sauvegarde de la base avant l'import impossible (")
    assert "le disque est plein" in shown[-1][1] and "No space" not in shown[-1][1]
    assert db_fingerprint(db.path) == before


def test_export_dialog_explains_an_unwritable_folder_in_french(window, tmp_path, shown):
    from sdus_desktop.ui.exchange.export_workbook_dialog import ComiteWorkbookDialog, ExportWorkbookDialog

    blocker = tmp_path / "pas-un-dossier"
    blocker.write_text("x")
    for dialog_class, method in ((ExportWorkbookDialog, "export"), (ComiteWorkbookDialog, "write")):
        dialog = dialog_class(window)
        dialog.path.setText(str(blocker / "sortie.xlsx"))
        assert getattr(dialog, method)() is None
        assert shown[-1][1] == (f"Le classeur n'a pas été écrit : impossible d'écrire « {blocker / 'sortie.xlsx'} » : "
                                "un fichier porte déjà ce nom à la place d'un dossier : choisissez un autre chemin.")


def test_export_file_name_follows_the_scope_and_overwriting_is_asked(window, services, tmp_path, monkeypatch):
    from sdus_desktop.ui.exchange.export_workbook_dialog import ExportWorkbookDialog

    first, second = window.selected_action_ids()[:2]
    services.set("action", first, "referents", ["Jean Martin"])
    services.set("action", second, "referents", ["Sophie Leroy"])
    asked: list[str] = []
    answer = {"value": False}
    monkeypatch.setattr(messages, "confirm", lambda parent, title, text: asked.append(text) or answer["value"])
    dialog = ExportWorkbookDialog(window)
    dialog.referent.setCurrentText("Jean Martin")
    jean = Path(dialog.path.text())
    assert "Jean-Martin" in jean.name
    assert dialog.export() == jean and asked == []
    again = ExportWorkbookDialog(window)
    again.referent.setCurrentText("Sophie Leroy")
    assert "Sophie-Leroy" in Path(again.path.text()).name     # a second référent never shares the first file
    again.path.setText(str(jean))
    again.path.setModified(True)                               # the user typed the first file's name
    again.referent.setCurrentText("Jean Martin")
    assert Path(again.path.text()) == jean                     # a typed name is kept
    before = jean.stat().st_mtime_ns
    assert again.export() is None and len(asked) == 1 and "existe déjà" in asked[0]
    assert jean.stat().st_mtime_ns == before                   # declined: the file is untouched
    answer["value"] = True
    assert again.export() == jean


def _type(widget, text: str) -> None:
    """Type as a keyboard does: ASCII through QTest.keyClicks, accented characters as key events carrying them."""
    from PySide6.QtCore import QEvent, Qt
    from PySide6.QtGui import QKeyEvent
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QApplication

    for char in text:
        if char.isascii():
            QTest.keyClicks(widget, char)
        else:
            for kind in (QEvent.KeyPress, QEvent.KeyRelease):
                QApplication.sendEvent(widget, QKeyEvent(kind, 0, Qt.NoModifier, char))


def test_conflicts_decided_with_a_typed_value_both_texts_and_the_fiche_opened(window, db, db_path, tmp_path,
                                                                              shown, monkeypatch):
    from PySide6.QtCore import Qt
    from PySide6.QtTest import QTest

    from sdus_desktop.exchange.import_apply import import_workbook
    from sdus_desktop.store.services import Services
    from sdus_desktop.ui.exchange.conflicts_dialog import ConflictsDialog
    from tests.support.dbtools import db_fingerprint

    workbook = export(db, tmp_path, plan_code="SDUS", fiches=[1]).path
    Services(db, "central").set("action", 1, "avancement", 10)
    Services(db, "central").set("action", 1, "bilan", "Bilan central.")
    returned = edit_copy(workbook, tmp_path / "retour.xlsx", {"Fiches": {"F2": 80, "H2": "Bilan de Claire."}})
    assert import_workbook(db, returned, "A").conflicts_queued == 2
    queue = ConflictsDialog(window)
    queue.show()
    assert [queue.table.item(r, 1).text() for r in range(2)] == ["SDUS · fiche 1 · avancement",
                                                                 "SDUS · fiche 1 · bilan / commentaire"]
    queue.table.setCurrentCell(0, 1)
    assert not queue.both_button.isEnabled() and queue.open_button.isEnabled()
    # a refused value: the place and the reason, nothing changed, the typed text kept to be corrected
    before = db_fingerprint(db_path)
    queue.value_edit.setFocus()
    _type(queue.value_edit, "quarante-cinq")
    QTest.keyClick(queue.value_edit, Qt.Key_Return)
    assert shown[-1][1].startswith("Arbitrage impossible : ") and "fiche 1" in shown[-1][1]
    assert db_fingerprint(db_path) == before and queue.table.rowCount() == 2
    queue.value_edit.selectAll()
    _type(queue.value_edit, "45 %")
    QTest.keyClick(queue.value_edit, Qt.Key_Return)
    assert queue.table.rowCount() == 1 and queue.value_edit.text() == ""
    assert window.catalogue.actions[1].avancement == 45
    # the bilan: keep both texts; an accented third value would be typed the same way
    assert queue.both_button.isEnabled()
    _type(queue.value_text, "é")
    assert queue.value_text.toPlainText() == "é"
    queue.value_text.clear()
    QTest.mouseClick(queue.both_button, Qt.LeftButton)
    with db.reading() as session:
        bilan = load_action(session, 1).bilan
    assert bilan.startswith("Bilan central.\n\n— repris du classeur de ") and bilan.endswith("\nBilan de Claire.")
    assert queue.table.rowCount() == 0 and not queue.open_button.isEnabled()


def test_a_multi_line_bilan_is_typed_as_a_third_value(window, db, tmp_path, shown, qtbot):
    """A long text (bilan) gets a multi-line editor: Entrée starts a line, Ctrl+Entrée decides; a number keeps
    the single line where Entrée decides."""
    from PySide6.QtCore import Qt
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QApplication

    from sdus_desktop.exchange.import_apply import import_workbook
    from sdus_desktop.store.services import Services
    from sdus_desktop.ui.exchange.conflicts_dialog import ConflictsDialog

    workbook = export(db, tmp_path, plan_code="SDUS", fiches=[1]).path
    Services(db, "central").set("action", 1, "avancement", 10)
    Services(db, "central").set("action", 1, "bilan", "Bilan central.")
    returned = edit_copy(workbook, tmp_path / "retour.xlsx", {"Fiches": {"F2": 80, "H2": "Bilan de Claire."}})
    assert import_workbook(db, returned, "A").conflicts_queued == 2
    queue = ConflictsDialog(window)
    qtbot.addWidget(queue)
    with qtbot.waitActive(queue):
        queue.show()
        queue.activateWindow()
    queue.table.setCurrentCell(0, 1)                   # avancement: one line
    assert queue.value_input() is queue.value_edit and queue.value_text.isHidden()
    queue.table.setCurrentCell(1, 1)                   # bilan: several lines
    assert queue.value_input() is queue.value_text and queue.value_edit.isHidden()
    assert queue.value_label.buddy() is queue.value_text
    queue.value_text.setFocus()
    assert QApplication.focusWidget() is queue.value_text
    _type(queue.value_text, "Première ligne du bilan.")
    QTest.keyClick(queue.value_text, Qt.Key_Return)
    _type(queue.value_text, "Seconde ligne.")
    assert queue.table.rowCount() == 2                 # Entrée went to the line, nothing decided yet
    QTest.keyClick(queue.value_text, Qt.Key_Tab)       # Tab leaves the text, no tabulation typed
    assert QApplication.focusWidget() is queue.typed_button
    queue.value_text.setFocus()
    QTest.keyClick(queue.value_text, Qt.Key_Return, Qt.ControlModifier)
    assert queue.table.rowCount() == 1, shown
    with db.reading() as session:
        assert load_action(session, 1).bilan == "Première ligne du bilan.\nSeconde ligne."
    assert queue.value_text.toPlainText() == "" and queue.value_input() is queue.value_edit


def test_conflicts_dialog_opens_the_fiche_of_the_row(window, db, tmp_path, monkeypatch):
    from sdus_desktop.exchange.import_apply import import_workbook
    from sdus_desktop.store.services import Services
    from sdus_desktop.ui.exchange.conflicts_dialog import ConflictsDialog

    workbook = export(db, tmp_path, plan_code="SDUS", fiches=[2]).path
    Services(db, "central").set("action", 2, "avancement", 10)
    import_workbook(db, edit_copy(workbook, tmp_path / "retour.xlsx", {"Fiches": {"F2": 80}}), "A")
    opened: list[int] = []
    monkeypatch.setattr(window, "open_action", lambda action_id, *a, **k: opened.append(action_id))
    queue = ConflictsDialog(window)
    queue.table.setCurrentCell(0, 1)
    queue.open_button.click()
    assert opened == [2] and queue.result() == queue.DialogCode.Accepted


def test_import_errors_wrap_to_the_dialog_width(window, db, tmp_path, qtbot):
    """A refusal names file, sheet, cell and element: on a narrow dialog it wraps, nothing hidden past the edge."""
    from sdus_desktop.ui.exchange.import_dialog import ImportDialog

    workbook = export(db, tmp_path, plan_code="SDUS", fiches=[1]).path
    bad = edit_copy(workbook, tmp_path / "retour.xlsx", {"Étapes": {"J2": "31/02/2021"}})
    dialog = ImportDialog(window, [bad])
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.resize(420, 500)
    dialog.tabs.setCurrentWidget(dialog.errors)
    qtbot.waitExposed(dialog)
    item = dialog.errors.item(0)
    assert "J2" in item.text() and "31/02/2021" in item.text()
    rect = dialog.errors.visualItemRect(item)
    line = dialog.errors.fontMetrics().height()
    assert dialog.errors.fontMetrics().horizontalAdvance(item.text()) > dialog.errors.viewport().width()
    assert rect.height() >= 2 * line                                  # wrapped on several lines
    assert rect.right() <= dialog.errors.viewport().width()          # and nothing past the right edge
