"""« Notes de suivi » tab with real key events: a note dated, typed with accents and added by keyboard, corrected,
withdrawn and put back with Ctrl+Z; another author's note is not changed outside central mode; a refusal keeps
what was typed."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from sdus_desktop.store import readmodel
from sdus_desktop.store.comite_snapshots import freeze
from sdus_desktop.store.services import Services
from tests.ui.helpers import TODAY, first_action_id, unnamed_widgets


def _type_text(widget, text: str) -> None:  # type: ignore[no-untyped-def]
    """Accented text through key events carrying the text (QTest.keyClicks aborts on non-ASCII)."""
    for char in text:
        for kind in (QKeyEvent.Type.KeyPress, QKeyEvent.Type.KeyRelease):
            QApplication.sendEvent(widget, QKeyEvent(kind, 0, Qt.NoModifier, char))


def _notes(db, action_id: int) -> list[readmodel.Note]:  # type: ignore[no-untyped-def]
    return readmodel.notes_for_actions(db.path, [action_id]).get(action_id, [])


def _open_notes(window, qtbot, number: int = 12) -> int:  # type: ignore[no-untyped-def]
    action_id = first_action_id(window, "SDUS", number)
    window.open_action(action_id)
    QTest.keyClick(window, Qt.Key_6, Qt.AltModifier)
    assert QApplication.focusWidget() is window.fiche_view.notes.date
    return action_id


def test_a_note_is_added_by_keyboard_with_accents_and_undone_with_ctrl_z(window, db, qtbot) -> None:  # type: ignore[no-untyped-def]
    comite = freeze(db, "Marie Dupont", date(2021, 6, 1))
    action_id = _open_notes(window, qtbot)
    tab = window.fiche_view.notes
    assert tab.date.text() == TODAY.strftime("%d/%m/%Y")   # a new note is dated today by default
    assert unnamed_widgets(tab) == []
    tab.date.selectAll()
    QTest.keyClicks(tab.date, "02/06/2021")
    QTest.keyClick(tab.date, Qt.Key_Tab)
    assert QApplication.focusWidget() is tab.comite
    QTest.keyClick(tab.comite, Qt.Key_Down)              # the comité frozen on 01/06/2021
    assert tab.comite.currentData() == comite.id
    QTest.keyClick(tab.comite, Qt.Key_Tab)
    assert QApplication.focusWidget() is tab.text
    _type_text(tab.text, "Réunion à Mende : œuvre commune, décision prise")
    QTest.keyClick(tab.text, Qt.Key_Return, Qt.ControlModifier)

    [note] = _notes(db, action_id)
    assert (note.note_date, note.text, note.author, note.comite_snapshot_id) == (
        date(2021, 6, 2), "Réunion à Mende : œuvre commune, décision prise", "Marie Dupont", comite.id)
    assert tab.list.count() == 1 and "comité du 01/06/2021" in tab.list.item(0).text()
    assert tab.text.toPlainText() == "" and QApplication.focusWidget() is tab.date

    tab.list.setFocus()
    QTest.keyClick(tab.list, Qt.Key_Z, Qt.ControlModifier)   # out of any field: the saved note is undone
    assert _notes(db, action_id) == [] and tab.list.count() == 0
    QTest.keyClick(tab, Qt.Key_Y, Qt.ControlModifier)
    assert [n.id for n in _notes(db, action_id)] == [note.id]


def test_a_note_is_corrected_and_withdrawn_by_keyboard(window, db, qtbot) -> None:  # type: ignore[no-untyped-def]
    action_id = first_action_id(window, "SDUS", 12)
    Services(db, "Marie Dupont").add_note(action_id, "01/03/2021", "premier jet")
    _open_notes(window, qtbot)
    tab = window.fiche_view.notes
    tab.list.setFocus()
    QTest.keyClick(tab.list, Qt.Key_F2)                       # « Corriger la note »
    assert tab.text.toPlainText() == "premier jet" and QApplication.focusWidget() is tab.text
    tab.text.selectAll()
    _type_text(tab.text, "version relue, à diffuser")
    QTest.keyClick(tab.text, Qt.Key_Return, Qt.ControlModifier)
    assert [n.text for n in _notes(db, action_id)] == ["version relue, à diffuser"]
    assert tab.add_button.text().replace("&", "") == "Ajouter la note"

    tab.list.setFocus()
    tab.list.setCurrentRow(0)
    QTest.keyClick(tab.list, Qt.Key_Delete)                   # « Retirer la note »
    assert _notes(db, action_id) == []
    entries = readmodel.journal_for_action(db.path, action_id)
    assert [e.entity for e in entries[:3]] == ["note", "note", "note"]


def test_escape_gives_up_a_correction(window, db, qtbot) -> None:  # type: ignore[no-untyped-def]
    action_id = first_action_id(window, "SDUS", 12)
    Services(db, "Marie Dupont").add_note(action_id, "01/03/2021", "intacte")
    _open_notes(window, qtbot)
    tab = window.fiche_view.notes
    tab.start_correction()
    _type_text(tab.text, " ajout abandonné")
    QTest.keyClick(tab.text, Qt.Key_Escape)
    assert tab.editing is None and tab.text.toPlainText() == ""
    assert [n.text for n in _notes(db, action_id)] == ["intacte"]


def test_another_authors_note_is_changed_only_in_central_mode(window, db, qtbot) -> None:  # type: ignore[no-untyped-def]
    action_id = first_action_id(window, "SDUS", 12)
    Services(db, "Jeanne Référente").add_note(action_id, "01/03/2021", "de Jeanne")
    _open_notes(window, qtbot)
    tab = window.fiche_view.notes
    assert not tab.edit_button.isEnabled() and not tab.remove_button.isEnabled()
    assert "Jeanne Référente" in tab.who.text()
    tab.configure(TODAY, central=True)
    assert tab.edit_button.isEnabled() and tab.remove_button.isEnabled() and tab.who.text() == ""


def test_a_refused_note_keeps_what_was_typed(window, db, qtbot, shown) -> None:  # type: ignore[no-untyped-def]
    action_id = _open_notes(window, qtbot)
    tab = window.fiche_view.notes
    tab.date.selectAll()
    QTest.keyClicks(tab.date, "31/02/2021")
    tab.text.setFocus()
    _type_text(tab.text, "Échéance à revoir")
    QTest.keyClick(tab.add_button, Qt.Key_Space)
    qtbot.waitUntil(lambda: bool(shown.shown))
    title, message = shown.shown[-1]
    assert title == "Saisie refusée" and "nouvelle note" in message and "31/02/2021" in message
    assert _notes(db, action_id) == []
    assert tab.text.toPlainText() == "Échéance à revoir" and tab.date.text() == "31/02/2021"


def test_historique_shows_the_note_added_and_withdrawn(window, db, qtbot) -> None:  # type: ignore[no-untyped-def]
    action_id = first_action_id(window, "SDUS", 12)
    services = Services(db, "Marie Dupont")
    note_id = int(services.add_note(action_id, "01/03/2021", "Comité <b>& suite</b>").changes[0].key)
    services.remove_note(note_id)
    window.open_action(action_id)
    QTest.keyClick(window, Qt.Key_5, Qt.AltModifier)
    rows = window.fiche_view.history.model.rows
    assert rows[0][2:6] == ("note de suivi", "note retirée", "01/03/2021 · Marie Dupont : Comité <b>& suite</b>", "—")
    assert rows[1][2:6] == ("note de suivi", "note ajoutée", "—", "01/03/2021 · Marie Dupont : Comité <b>& suite</b>")


def test_a_note_dated_over_a_month_ahead_is_confirmed_first(window, db, qtbot, shown) -> None:  # type: ignore[no-untyped-def]
    """15/06/2035 typed for 2025: asked before saving; Non keeps the form as typed, the date focused."""
    action_id = _open_notes(window, qtbot)
    tab = window.fiche_view.notes
    tab.date.selectAll()
    QTest.keyClicks(tab.date, "15/06/2035")
    QTest.keyClick(tab.date, Qt.Key_Tab)
    QTest.keyClick(tab.comite, Qt.Key_Tab)
    _type_text(tab.text, "Réunion de suivi")
    shown.confirm_answers.append(False)
    QTest.keyClick(tab.text, Qt.Key_Return, Qt.ControlModifier)
    assert shown.shown[-1] == ("Note de suivi", "La note est datée du 15/06/2035, dans plus d'un mois. "
                                                "L'enregistrer à cette date ?")
    assert _notes(db, action_id) == []
    assert tab.text.toPlainText() == "Réunion de suivi" and tab.date.text() == "15/06/2035"
    assert QApplication.focusWidget() is tab.date
    # a date within the month (today + 31 days) is not asked about; Oui saves the far one as typed
    asked = len(shown.shown)
    tab.date.selectAll()
    QTest.keyClicks(tab.date, "16/07/2021")
    QTest.keyClick(tab.add_button, Qt.Key_Space)
    assert len(shown.shown) == asked and [n.note_date for n in _notes(db, action_id)] == [date(2021, 7, 16)]
    tab.date.selectAll()
    QTest.keyClicks(tab.date, "15/06/2035")
    tab.text.setFocus()
    _type_text(tab.text, "Prévue")
    shown.confirm_answers.append(True)
    QTest.keyClick(tab.text, Qt.Key_Return, Qt.ControlModifier)
    assert len(shown.shown) == asked + 1
    assert sorted(n.note_date for n in _notes(db, action_id)) == [date(2021, 7, 16), date(2035, 6, 15)]
