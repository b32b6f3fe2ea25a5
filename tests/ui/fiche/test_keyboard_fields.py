"""Text, lists and numbers edited with real key events (issue 8): undo stays in the field being edited,
a choice in a list is saved when made, out-of-range numbers are refused, coherence helpers are one operation."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from sdus_desktop.store.models import Action, JournalEntry, Step
from sdus_desktop.ui.fiche.steps_model import FIELDS
from tests.support.dbtools import db_fingerprint
from tests.ui.helpers import first_action_id


def _action(db, action_id: int) -> Action:  # type: ignore[no-untyped-def]
    with db.reading() as session:
        action = session.get(Action, action_id)
        assert action is not None
        session.expunge(action)
        return action


def _steps(db, action_id: int) -> list[tuple[int, str, object]]:  # type: ignore[no-untyped-def]
    with db.reading() as session:
        action = session.get(Action, action_id)
        return [(s.number, s.status, s.actual_end) for s in sorted(action.steps, key=lambda s: s.number)]


def _type_text(widget, text: str) -> None:  # type: ignore[no-untyped-def]
    """Accented text through key events carrying the text (QTest.keyClicks aborts on non-ASCII)."""
    for char in text:
        for kind in (QKeyEvent.Type.KeyPress, QKeyEvent.Type.KeyRelease):
            QApplication.sendEvent(widget, QKeyEvent(kind, 0, Qt.NoModifier, char))


def _open_suivi(window, number: int = 12) -> int:  # type: ignore[no-untyped-def]
    action_id = first_action_id(window, "SDUS", number)
    window.open_action(action_id)
    window._show_tab(window.fiche_view.suivi)
    return action_id


def test_ctrl_z_in_the_bilan_undoes_the_typing_only_then_the_saved_change_once_left(window, db, qtbot) -> None:  # type: ignore[no-untyped-def]
    action_id = _open_suivi(window)
    suivi = window.fiche_view.suivi
    suivi.bilan.setFocus()
    _type_text(suivi.bilan, "Réunion tenue")
    QTest.keyClick(suivi.bilan, Qt.Key_Tab)  # leaving the field saves it
    assert _action(db, action_id).bilan == "Réunion tenue"

    suivi.bilan.setFocus()
    suivi.bilan.moveCursor(suivi.bilan.textCursor().MoveOperation.End)
    _type_text(suivi.bilan, " ; comité prévu")
    QTest.keyClick(suivi.bilan, Qt.Key_Z, Qt.ControlModifier)
    assert suivi.bilan.toPlainText() == "Réunion tenue"
    QTest.keyClick(suivi.bilan, Qt.Key_Z, Qt.ControlModifier)  # still in the field: nothing saved is undone
    assert suivi.bilan.toPlainText() == "Réunion tenue"
    QTest.keyClick(suivi.bilan, Qt.Key_Tab)
    assert _action(db, action_id).bilan == "Réunion tenue"

    window.navigation.tree.setFocus()  # the field has been left: Ctrl+Z undoes the last saved operation
    QTest.keyClick(window.navigation.tree, Qt.Key_Z, Qt.ControlModifier)
    assert _action(db, action_id).bilan == ""
    assert suivi.bilan.toPlainText() == ""


def test_ctrl_z_in_the_referents_field_undoes_the_typing_only(window, db) -> None:  # type: ignore[no-untyped-def]
    action_id = _open_suivi(window)
    field = window.fiche_view.suivi.referents
    field.setFocus()
    _type_text(field, "Élodie Martin")
    QTest.keyClick(field, Qt.Key_Return)
    assert [p.name for p in _action_referents(db, action_id)] == ["Élodie Martin"]
    field.setFocus()
    field.end(False)
    _type_text(field, " ; Jean")
    for _ in range(3):
        QTest.keyClick(field, Qt.Key_Z, Qt.ControlModifier)
    assert field.text() == "Élodie Martin"
    QTest.keyClick(field, Qt.Key_Tab)
    assert [p.name for p in _action_referents(db, action_id)] == ["Élodie Martin"]


def _action_referents(db, action_id: int):  # type: ignore[no-untyped-def]
    with db.reading() as session:
        return list(session.get(Action, action_id).referents)


def test_a_statut_chosen_with_the_keyboard_is_saved_at_once_with_header_tree_and_status_bar(window, db) -> None:  # type: ignore[no-untyped-def]
    action_id = _open_suivi(window)
    combo = window.fiche_view.suivi.status
    combo.setFocus()
    QTest.keyClick(combo, Qt.Key_Down)  # non démarrée → en cours, the list closed
    assert _action(db, action_id).status == "en_cours"
    assert "En cours" in window.fiche_view.status.text()
    assert window.navigation_model.fiche_index(action_id).siblingAtColumn(1).data().startswith("◐ En cours")
    assert window.statusBar().currentMessage().startswith("Enregistré")
    assert combo.hasFocus()


def test_a_statut_picked_in_the_open_list_is_saved_at_once(window, db, qtbot) -> None:  # type: ignore[no-untyped-def]
    action_id = _open_suivi(window)
    combo = window.fiche_view.suivi.status
    combo.setFocus()
    combo.showPopup()
    view = combo.view()
    qtbot.waitUntil(view.isVisible)
    view.setCurrentIndex(combo.model().index(combo.findData("reportee"), 0))
    QTest.keyClick(view, Qt.Key_Return)
    qtbot.waitUntil(lambda: _action(db, action_id).status == "reportee")
    assert "Reportée" in window.fiche_view.status.text()


def test_avancement_out_of_range_is_refused_never_cut(window, db, qtbot, shown) -> None:  # type: ignore[no-untyped-def]
    action_id = _open_suivi(window)
    spin = window.fiche_view.suivi.avancement
    spin.setFocus()
    spin.selectAll()
    QTest.keyClicks(spin, "40")
    QTest.keyClick(spin, Qt.Key_Return)
    assert _action(db, action_id).avancement == 40
    before = db_fingerprint(db.path)
    spin.selectAll()
    QTest.keyClicks(spin, "150")
    assert spin.lineEdit().text().startswith("150")
    QTest.keyClick(spin, Qt.Key_Tab)
    qtbot.waitUntil(lambda: bool(shown.shown))
    title, text = shown.shown[-1]
    assert title == "Saisie refusée" and "fiche 12" in text and "150" in text and "entre 0 et 100" in text
    assert db_fingerprint(db.path) == before
    assert _action(db, action_id).avancement == 40
    assert spin.value() == 40 and spin.lineEdit().text() == "40 %"
    spin.setFocus()
    spin.selectAll()
    QTest.keyClicks(spin, "100")
    QTest.keyClick(spin, Qt.Key_Return)
    assert _action(db, action_id).avancement == 100


def test_step_etat_chosen_with_the_keyboard_is_saved_at_once(window, db, qtbot) -> None:  # type: ignore[no-untyped-def]
    action_id = first_action_id(window, "SDUS", 12)
    window.open_action(action_id)
    window._show_tab(window.fiche_view.steps)
    table, model = window.fiche_view.steps.table, window.fiche_view.steps.model
    table.setCurrentIndex(model.index(1, FIELDS.index("status")))
    QTest.keyClick(table, Qt.Key_F2)
    editor = QApplication.focusWidget()
    QTest.keyClick(editor, Qt.Key_Down)  # à faire → en cours, the editor still open
    qtbot.waitUntil(lambda: _steps(db, action_id)[1][1] == "en_cours")
    assert "En cours" in model.index(1, FIELDS.index("status")).data()


def test_a_fin_reelle_marks_the_step_realisee_in_one_undoable_operation(window, db, qtbot) -> None:  # type: ignore[no-untyped-def]
    action_id = first_action_id(window, "SDUS", 12)
    window.open_action(action_id)
    window._show_tab(window.fiche_view.steps)
    table, model = window.fiche_view.steps.table, window.fiche_view.steps.model
    table.setCurrentIndex(model.index(0, FIELDS.index("actual_end")))
    assert "En retard" in model.index(0, FIELDS.index("status")).data()
    QTest.keyClick(table, Qt.Key_F2)
    QTest.keyClicks(QApplication.focusWidget(), "20/12/2019")
    QTest.keyClick(QApplication.focusWidget(), Qt.Key_Return)
    qtbot.waitUntil(lambda: _steps(db, action_id)[0][1] == "realisee")
    assert model.index(0, FIELDS.index("status")).data() == "● Réalisée"
    assert "Étape 1 marquée réalisée" in window.statusBar().currentMessage()
    window.navigation.tree.setFocus()
    QTest.keyClick(window.navigation.tree, Qt.Key_Z, Qt.ControlModifier)
    assert _steps(db, action_id)[0][1:] == ("a_faire", None)


def test_marking_a_fiche_realisee_with_open_steps_asks_first(window, db, qtbot, shown) -> None:  # type: ignore[no-untyped-def]
    action_id = _open_suivi(window)
    combo = window.fiche_view.suivi.status
    before = db_fingerprint(db.path)
    shown.confirm_answers.append(False)
    combo.setFocus()
    QTest.keyClick(combo, Qt.Key_Down)
    QTest.keyClick(combo, Qt.Key_Down)  # en cours, then réalisée: asked
    title, text = shown.shown[-1]
    assert title == "Marquer la fiche réalisée" and "3 étapes non terminées" in text and "avancement de 0 %" in text
    assert combo.currentData() == "en_cours" and _action(db, action_id).status == "en_cours"
    assert len(db_fingerprint(db.path)) == len(before)

    shown.confirm_answers.append(True)
    QTest.keyClick(combo, Qt.Key_Down)
    action = _action(db, action_id)
    assert (action.status, action.avancement) == ("realisee", 100)
    assert {status for _, status, _ in _steps(db, action_id)} == {"realisee"}
    assert "étape" in window.statusBar().currentMessage()
    window.navigation.tree.setFocus()
    QTest.keyClick(window.navigation.tree, Qt.Key_Z, Qt.ControlModifier)  # one operation, one undo
    action = _action(db, action_id)
    assert (action.status, action.avancement) == ("en_cours", 0)
    assert {status for _, status, _ in _steps(db, action_id)} == {"a_faire"}


def test_no_journal_row_for_a_refused_or_unchanged_value(window, db) -> None:  # type: ignore[no-untyped-def]
    action_id = _open_suivi(window)
    with db.reading() as session:
        count = session.query(JournalEntry).count()
    suivi = window.fiche_view.suivi
    suivi.bilan.setFocus()
    QTest.keyClick(suivi.bilan, Qt.Key_Z, Qt.ControlModifier)
    QTest.keyClick(suivi.bilan, Qt.Key_Tab)
    with db.reading() as session:
        assert session.query(JournalEntry).count() == count
        assert session.get(Step, _action_steps(db, action_id)[0]) is not None


def _action_steps(db, action_id: int) -> list[int]:  # type: ignore[no-untyped-def]
    with db.reading() as session:
        return [s.id for s in session.get(Action, action_id).steps]


def test_a_statut_clicked_with_the_mouse_in_the_open_list_is_saved_at_once(window, db, qtbot) -> None:  # type: ignore[no-untyped-def]
    action_id = _open_suivi(window)
    combo = window.fiche_view.suivi.status
    combo.setFocus()
    combo.showPopup()
    view = combo.view()
    qtbot.waitUntil(view.isVisible)
    rect = view.visualRect(combo.model().index(combo.findData("en_cours"), 0))
    QTest.mouseClick(view.viewport(), Qt.LeftButton, Qt.NoModifier, rect.center())
    qtbot.waitUntil(lambda: _action(db, action_id).status == "en_cours")
    assert "En cours" in window.fiche_view.status.text()
    assert window.statusBar().currentMessage().startswith("Enregistré")


def test_avancement_changed_with_the_arrows_is_saved_after_a_pause(window, db, qtbot) -> None:  # type: ignore[no-untyped-def]
    action_id = _open_suivi(window)
    spin = window.fiche_view.suivi.avancement
    spin.setFocus()
    for _ in range(2):
        QTest.keyClick(spin, Qt.Key_Up)
    assert _action(db, action_id).avancement == 0  # not at every step…
    qtbot.waitUntil(lambda: _action(db, action_id).avancement == 10, timeout=3000)  # …but once the person pauses
    assert "avancement 10 %" in window.fiche_view.status.text() and spin.hasFocus()
    with db.reading() as session:
        assert session.query(JournalEntry).filter_by(action_id=action_id, field="avancement").count() == 1
