"""Editing through the real widgets writes the database and the journal; undo/redo restore."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import QApplication
from sqlalchemy import select

from sdus_desktop.store.models import Action, Indicator, JournalEntry, Step
from tests.support.dbtools import db_fingerprint
from tests.ui.helpers import first_action_id


def _journal(db, action_id: int) -> list[JournalEntry]:  # type: ignore[no-untyped-def]
    with db.reading() as session:
        return list(session.scalars(select(JournalEntry).where(JournalEntry.action_id == action_id)
                                    .order_by(JournalEntry.id)))


def _action(db, action_id: int) -> Action:  # type: ignore[no-untyped-def]
    with db.reading() as session:
        action = session.get(Action, action_id)
        assert action is not None
        return action


def test_status_from_suivi_tab_is_saved_journaled_and_undone(window, db) -> None:  # type: ignore[no-untyped-def]
    action_id = first_action_id(window)
    window.open_action(action_id)
    combo = window.fiche_view.suivi.status
    combo.setCurrentIndex(combo.findData("en_cours"))
    combo.commit()  # what choosing in the list, Entrée or leaving the field does

    assert _action(db, action_id).status == "en_cours"
    assert _action(db, action_id).updated_by == "Marie Dupont"
    entries = _journal(db, action_id)
    assert [(e.field, e.old, e.new, e.user, e.origin) for e in entries] == [
        ("status", '"non_demarree"', '"en_cours"', "Marie Dupont", "saisie")]
    tree_status = window.navigation_model.fiche_index(action_id).siblingAtColumn(1).data()
    assert tree_status.startswith("◐ En cours")
    assert window.undo_action.isEnabled()
    assert window.undo_action.text().replace("&", "") == "Annuler statut"

    window.undo_action.trigger()
    assert _action(db, action_id).status == "non_demarree"
    assert combo.currentData() == "non_demarree"
    assert _journal(db, action_id)[-1].origin == "saisie (annulation)"
    assert window.navigation_model.fiche_index(action_id).siblingAtColumn(1).data().startswith("○ Non démarrée")

    window.redo_action.trigger()
    assert _action(db, action_id).status == "en_cours"
    assert len(_journal(db, action_id)) == 3


def test_keyboard_shortcuts_undo_and_redo(window, db, qtbot) -> None:  # type: ignore[no-untyped-def]
    action_id = first_action_id(window)
    window.open_action(action_id)
    window.fiche_view.suivi.avancement.setValue(40)
    window.fiche_view.suivi.avancement.commit()
    assert _action(db, action_id).avancement == 40
    window.navigation.tree.setFocus()
    qtbot.keyClick(window.navigation.tree, Qt.Key_Z, Qt.ControlModifier)
    assert _action(db, action_id).avancement == 0
    qtbot.keyClick(window.navigation.tree, Qt.Key_Z, Qt.ControlModifier | Qt.ShiftModifier)
    assert _action(db, action_id).avancement == 40


def test_bilan_is_saved_when_leaving_the_field_and_referents_split(window, db) -> None:  # type: ignore[no-untyped-def]
    action_id = first_action_id(window, "SDSF", 3)
    window.open_action(action_id)
    suivi = window.fiche_view.suivi
    suivi.bilan.setPlainText("Réunion de lancement tenue ; comité à prévoir.")
    suivi.referents.setText("Élodie Martin ; Jean Roux")
    window.fiche_view.commit_pending()  # what focus-out / changing fiche / closing does
    action = _action(db, action_id)
    assert action.bilan == "Réunion de lancement tenue ; comité à prévoir."
    with db.reading() as session:
        names = [p.name for p in session.get(Action, action_id).referents]
    assert names == ["Jean Roux", "Élodie Martin"] or names == ["Élodie Martin", "Jean Roux"]
    assert {e.field for e in _journal(db, action_id)} == {"bilan", "referents"}


def test_referents_field_never_splits_a_name_at_a_comma(window, db, shown) -> None:  # type: ignore[no-untyped-def]
    from sdus_desktop.store.models import Person

    action_id = first_action_id(window, "SDUS", 14)
    window.open_action(action_id)
    suivi = window.fiche_view.suivi
    suivi.referents.setText("Dupont, Marie ; Paul Roux")
    window.fiche_view.commit_pending()
    assert "écrivez « Marie Dupont »" in shown.shown[-1][1]
    with db.reading() as session:
        assert session.get(Action, action_id).referents == []
        assert not session.scalars(select(Person).where(Person.name.in_(["Dupont", "Marie", "Paul Roux"]))).all()
    # a name recorded before the rule stays one person when another is appended
    with db.transaction() as session:
        session.get(Action, action_id).referents = [Person(name="Dupont, Marie", service="")]
    window.open_action(action_id)
    suivi.referents.setText("Dupont, Marie ; Paul Roux")
    window.fiche_view.commit_pending()
    with db.reading() as session:
        assert sorted(p.name for p in session.get(Action, action_id).referents) == ["Dupont, Marie", "Paul Roux"]


def test_step_dates_through_the_model_and_refusals(window, db, shown) -> None:  # type: ignore[no-untyped-def]
    action_id = first_action_id(window)
    window.open_action(action_id)
    model = window.fiche_view.steps.model
    step_id = model.steps[0].id
    start = model.index(0, model_fields().index("actual_start"))
    end = model.index(0, model_fields().index("actual_end"))
    assert model.setData(start, QDate(2021, 3, 15))
    with db.reading() as session:
        assert session.get(Step, step_id).actual_start == date(2021, 3, 15)
    assert model.index(0, start.column()).data() == "15/03/2021"

    before = db_fingerprint(db.path)
    assert not model.setData(end, "01/02/2021")  # end before start
    assert db_fingerprint(db.path) == before
    title, text = shown.shown[-1]
    assert title == "Saisie refusée"
    assert "étape 1" in text and "fin réelle" in text and "antérieure" in text
    assert not model.setData(end, "12/05/2150")
    assert "entre 2000 et 2100" in shown.shown[-1][1]
    assert db_fingerprint(db.path) == before

    assert model.setData(end, "30/4/21")
    with db.reading() as session:
        assert session.get(Step, step_id).actual_end == date(2021, 4, 30)


def test_status_delegate_and_late_marking(window, db, qtbot) -> None:  # type: ignore[no-untyped-def]
    action_id = first_action_id(window)
    window.open_action(action_id)
    tab = window.fiche_view.steps
    model = tab.model
    status_column = model_fields().index("status")
    late_rows = [row for row in range(model.rowCount()) if model.index(row, 0).data(late_role())]
    assert late_rows, "the 2019 steps are late on 15/06/2021"
    row = late_rows[0]
    index = model.index(row, status_column)
    assert index.data().startswith("⚠ En retard · ○ À faire")
    assert index.data(Qt.BackgroundRole) is not None

    tab.table.setCurrentIndex(index)
    tab.table.edit(index)
    editor = QApplication.focusWidget()
    assert editor.accessibleName() == "État"
    editor.setCurrentIndex(editor.findData("realisee"))
    tab.table.commitData(editor)
    tab.table.closeEditor(editor, tab.table.itemDelegate().EndEditHint.NoHint)
    assert model.index(row, status_column).data() == "● Réalisée"
    assert model.index(row, status_column).data(Qt.BackgroundRole) is None
    with db.reading() as session:
        assert session.get(Step, model.steps[row].id).status == "realisee"


def test_planned_dates_are_derived_and_overridable(window, db) -> None:  # type: ignore[no-untyped-def]
    action_id = first_action_id(window)
    window.open_action(action_id)
    model = window.fiche_view.steps.model
    column = model_fields().index("planned_end")
    step = model.steps[0]
    assert step.calendrier == "2019"
    assert model.index(0, column).data() == "31/12/2019"
    assert model.index(0, column).data(Qt.FontRole).italic()
    assert not model.setData(model.index(0, column), QDate(2019, 12, 31))  # same as derived: nothing stored
    assert model.setData(model.index(0, column), QDate(2020, 6, 30))
    assert model.index(0, column).data() == "30/06/2020"
    assert model.index(0, column).data(Qt.FontRole) is None
    assert model.setData(model.index(0, column), None)  # cleared: back to the calendrier
    assert model.index(0, column).data() == "31/12/2019"


def test_steps_models_pass_the_model_tester(window, qtmodeltester) -> None:  # type: ignore[no-untyped-def]
    window.open_action(first_action_id(window))
    qtmodeltester.check(window.fiche_view.steps.model)
    qtmodeltester.check(window.fiche_view.indicators.model)
    window.fiche_view.tabs.setCurrentWidget(window.fiche_view.history)
    qtmodeltester.check(window.fiche_view.history.model)


def test_indicator_values_validated_by_kind_with_comment_and_new_period(window, db, shown) -> None:  # type: ignore[no-untyped-def]
    action_id = first_action_id(window)
    window.open_action(action_id)
    tab = window.fiche_view.indicators
    model = tab.model
    assert model.periods == ["2019", "2020", "2021", "2022", "2023"]
    indicator = model.indicators[0]
    assert indicator.kind == "nombre"
    column = 4 + model.periods.index("2021")
    cell = model.index(0, column)
    assert model.setData(cell, "12,5")
    assert model.index(0, column).data() == "12,5"
    before = db_fingerprint(db.path)
    assert not model.setData(model.index(0, column), "beaucoup")
    assert "n'est pas un nombre" in shown.shown[-1][1] and "2021" in shown.shown[-1][1]
    assert db_fingerprint(db.path) == before

    tab.table.setCurrentIndex(model.index(0, column))
    tab.comment.setText("chiffre provisoire")
    tab.comment.commit()
    assert model.index(0, column).data() == "12,5 ✎"
    with db.reading() as session:
        values = {(v.period, v.value, v.comment) for v in session.get(Indicator, indicator.id).values}
    assert values == {("2021", "12.5", "chiffre provisoire")}

    assert tab.add_period("2024-t2") == "2024-T2"
    assert model.periods[-1] == "2024-T2"
    assert tab.add_period("vingt") is None
    assert shown.shown[-1][0] == "Période refusée"


def test_history_tab_lists_changes_newest_first(window) -> None:  # type: ignore[no-untyped-def]
    action_id = first_action_id(window)
    window.open_action(action_id)
    window.fiche_view.suivi.avancement.setValue(25)
    window.fiche_view.suivi.avancement.commit()
    window.fiche_view.suivi.avancement.setValue(50)
    window.fiche_view.suivi.avancement.commit()
    window.fiche_view.tabs.setCurrentWidget(window.fiche_view.history)
    model = window.fiche_view.history.model
    assert model.rowCount() == 2
    row = [model.index(0, c).data() for c in range(model.columnCount())]
    assert row[1:] == ["Marie Dupont", "fiche", "avancement", "25 %", "50 %", "saisie"]
    assert model.index(1, 5).data() == "25 %"


def test_document_is_read_only_for_referents_and_editable_in_central_mode(window, db, settings) -> None:  # type: ignore[no-untyped-def]
    action_id = first_action_id(window)
    window.open_action(action_id)
    title = window.fiche_view.document.fields["title"]
    assert title.isReadOnly()
    assert not window.fiche_view.steps.add_button.isVisibleTo(window)
    settings.set_value("mode", "central")
    window.apply_settings()
    assert not title.isReadOnly()
    title.setPlainText("Structurer le maillage territorial (titre revu)")
    window.fiche_view.commit_pending()
    assert _action(db, action_id).title == "Structurer le maillage territorial (titre revu)"
    assert "titre revu" in window.navigation_model.fiche_index(action_id).data()


def test_central_mode_adds_moves_and_removes_steps_with_undo(window, db, settings, shown) -> None:  # type: ignore[no-untyped-def]
    settings.set_value("mode", "central")
    window.apply_settings()
    action_id = first_action_id(window)
    window.open_action(action_id)
    tab = window.fiche_view.steps
    count = tab.model.rowCount()
    shown.text_answers.append("Bilan intermédiaire avec les partenaires")
    tab.add_button.click()
    assert tab.model.rowCount() == count + 1
    assert tab.model.steps[-1].label == "Bilan intermédiaire avec les partenaires"
    tab.table.setCurrentIndex(tab.model.index(count, 1))
    tab.up_button.click()
    assert tab.model.steps[count - 1].label == "Bilan intermédiaire avec les partenaires"
    shown.confirm_answers.append(True)
    tab.table.setCurrentIndex(tab.model.index(count - 1, 1))
    tab.remove_button.click()
    assert tab.model.rowCount() == count
    window.undo_action.trigger()  # the removal
    assert tab.model.rowCount() == count + 1
    window.undo_action.trigger()  # the move
    window.undo_action.trigger()  # the creation
    with db.reading() as session:
        assert len(session.get(Action, action_id).steps) == count


def test_selected_ids_and_contract_attributes(window) -> None:  # type: ignore[no-untyped-def]
    assert set(window.menus) == {"fichier", "edition", "affichage", "outils", "aide"}
    assert window.current_action_id() is None
    window.navigation.search.setText("mobilité")
    ids = window.selected_action_ids()
    assert ids and len(ids) < 140
    window.open_action(ids[0])
    assert window.current_action_id() == ids[0]
    assert window.current_plan_code() in ("SDUS", "SDSF")
    assert window.navigation.count.text() == f"{len(ids)} fiches affichées"


def test_notify_changed_refreshes_views_for_external_writes(window, db) -> None:  # type: ignore[no-untyped-def]
    action_id = first_action_id(window)
    window.open_action(action_id)
    changeset = window.services.set("action", action_id, "status", "reportee", origin="import test.xlsx")
    window.notify_changed(changeset, undoable=True)
    assert window.fiche_view.suivi.status.currentData() == "reportee"
    window.undo_action.trigger()
    assert _action(db, action_id).status == "non_demarree"


def model_fields() -> list[str]:
    from sdus_desktop.ui.fiche.steps_model import FIELDS

    return FIELDS


def late_role() -> int:
    from sdus_desktop.ui.fiche.steps_model import LATE_ROLE

    return LATE_ROLE


def test_user_text_is_never_rendered_as_markup(window, services, db) -> None:  # type: ignore[no-untyped-def]
    """A title or a user name containing tags shows the tags literally (labels, tooltips, messages)."""
    from PySide6.QtCore import Qt

    from sdus_desktop.ui.common import messages
    from sdus_desktop.ui.common.widgets import plain_tooltip

    first = window.navigation.visible_action_ids()[0]
    services.set("action", first, "title", "Accueil <b>prioritaire</b> & familles")
    window.catalogue.reload([first])
    window.navigation.select_action(first)
    title = window.fiche_view.title
    assert title.textFormat() == Qt.TextFormat.PlainText
    assert "<b>prioritaire</b>" in title.text()
    assert plain_tooltip("R <b>x</b>") == "<p style='white-space:pre-wrap'>R &lt;b&gt;x&lt;/b&gt;</p>"
    assert plain_tooltip("sans balise") == "sans balise"
    box = messages._box(None, messages.QMessageBox.Icon.Warning, "t", "<i>x</i>")
    assert box.textFormat() == Qt.TextFormat.PlainText
