"""Dates typed with real key events, the way a référent types them (issue 8: every case seen)."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from PySide6.QtCore import QDate, Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from sdus_desktop.store.models import Step
from sdus_desktop.ui.common.date_edit import DateLineEdit
from sdus_desktop.ui.fiche.steps_model import FIELDS
from tests.support.dbtools import db_fingerprint
from tests.ui.helpers import first_action_id


def _step(db, step_id: int) -> Step:  # type: ignore[no-untyped-def]
    with db.reading() as session:
        step = session.get(Step, step_id)
        assert step is not None
        return step


def _cell(window, field: str, row: int = 0):  # type: ignore[no-untyped-def]
    window.open_action(first_action_id(window, "SDUS", 12))
    tab = window.fiche_view.steps
    window.fiche_view.tabs.setCurrentWidget(tab)
    index = tab.model.index(row, FIELDS.index(field))
    tab.table.setCurrentIndex(index)
    tab.table.setFocus()
    return tab, index


def _type_date(qtbot, window, field: str, keys: str, how: str = "F2", row: int = 0) -> int:  # type: ignore[no-untyped-def]
    tab, index = _cell(window, field, row)
    step_id = tab.model.steps[row].id
    if how == "F2":
        QTest.keyClick(tab.table, Qt.Key_F2)
        editor = QApplication.focusWidget()
        assert isinstance(editor, DateLineEdit)
        QTest.keyClicks(editor, keys)
    else:  # typing straight into the cell: the first key opens the editor and is kept
        QTest.keyClicks(tab.table, keys[0])
        editor = QApplication.focusWidget()
        assert isinstance(editor, DateLineEdit)
        QTest.keyClicks(editor, keys[1:])
    assert editor.text() == keys
    QTest.keyClick(editor, Qt.Key_Return)
    qtbot.wait(20)  # the delegate commits Entrée through a queued call, as in the real event loop
    return step_id


@pytest.mark.parametrize("typed", ["15/03/2021", "15/3/2021", "15/03/21", "15032021"])
@pytest.mark.parametrize("how", ["F2", "direct"])
def test_a_date_typed_into_an_empty_cell_is_saved(window, db, qtbot, shown, typed: str, how: str) -> None:  # type: ignore[no-untyped-def]
    step_id = _type_date(qtbot, window, "actual_end", typed, how)
    assert _step(db, step_id).actual_end == date(2021, 3, 15)
    assert not [m for m in shown.shown if m[0] == "Saisie refusée"]
    tab = window.fiche_view.steps
    assert tab.model.index(0, FIELDS.index("actual_end")).data() == "15/03/2021"


@pytest.mark.parametrize("how", ["F2", "direct"])
def test_a_date_typed_over_a_filled_cell_replaces_it_exactly(window, db, qtbot, shown, how: str) -> None:  # type: ignore[no-untyped-def]
    step_id = _type_date(qtbot, window, "actual_start", "15/03/2021", how)
    _type_date(qtbot, window, "actual_start", "20/04/2021", how)
    assert _step(db, step_id).actual_start == date(2021, 4, 20)


@pytest.mark.parametrize("typed", ["31/02/2021", "31022021", "15/13/2021", "fin mars", "01/01/1999", "15/03/99"])
def test_an_impossible_date_is_refused_with_its_place_and_nothing_changes(window, db, qtbot, shown,  # type: ignore[no-untyped-def]
                                                                        typed: str) -> None:
    step_id = _type_date(qtbot, window, "actual_start", "15/03/2021")
    before = db_fingerprint(db.path)
    _type_date(qtbot, window, "actual_start", typed)
    qtbot.waitUntil(lambda: any(title == "Saisie refusée" for title, _ in shown.shown))
    text = next(text for title, text in shown.shown if title == "Saisie refusée")
    assert "fiche 12" in text and "étape 1" in text and "début réel" in text, text
    assert typed in text or "hors limites" in text
    assert db_fingerprint(db.path) == before
    assert _step(db, step_id).actual_start == date(2021, 3, 15)
    qtbot.waitUntil(lambda: window.fiche_view.steps.model.index(0, FIELDS.index("actual_start")).data()
                    == "15/03/2021")


def test_the_editor_says_the_date_it_will_save_while_typing(window, qtbot) -> None:  # type: ignore[no-untyped-def]
    tab, _ = _cell(window, "actual_end")
    QTest.keyClick(tab.table, Qt.Key_F2)
    editor = QApplication.focusWidget()
    assert editor.accessibleName() == "Fin réelle" and editor.placeholderText() == "jj/mm/aaaa"
    QTest.keyClicks(editor, "15/3/21")
    assert editor.preview_text() == "sera enregistré : lundi 15 mars 2021"
    QTest.keyClick(editor, Qt.Key_Backspace)
    QTest.keyClicks(editor, "3")
    assert "n'existe pas" not in editor.preview_text()
    editor.selectAll()
    QTest.keyClicks(editor, "31/02/2021")
    assert "ce jour n'existe pas" in editor.preview_text() and editor.preview_text().startswith("⚠")
    QTest.keyClick(editor, Qt.Key_Escape)


def test_a_pasted_date_is_saved(window, db, qtbot, shown) -> None:  # type: ignore[no-untyped-def]
    tab, _ = _cell(window, "actual_end")
    step_id = tab.model.steps[0].id
    QGuiApplication.clipboard().setText("15/03/2021")
    QTest.keyClick(tab.table, Qt.Key_F2)
    editor = QApplication.focusWidget()
    QTest.keyClick(editor, Qt.Key_V, Qt.ControlModifier)
    QTest.keyClick(editor, Qt.Key_Return)
    qtbot.wait(20)
    assert _step(db, step_id).actual_end == date(2021, 3, 15)


def test_a_date_pasted_onto_a_selected_cell_is_saved_or_refused(window, db, qtbot, shown) -> None:  # type: ignore[no-untyped-def]
    tab, _ = _cell(window, "actual_start")
    step_id = tab.model.steps[0].id
    QGuiApplication.clipboard().setText("15/3/21\n")
    QTest.keyClick(tab.table, Qt.Key_V, Qt.ControlModifier)
    assert _step(db, step_id).actual_start == date(2021, 3, 15)
    QGuiApplication.clipboard().setText("31/02/2021")
    QTest.keyClick(tab.table, Qt.Key_V, Qt.ControlModifier)
    qtbot.waitUntil(lambda: any(title == "Saisie refusée" for title, _ in shown.shown))
    assert _step(db, step_id).actual_start == date(2021, 3, 15)


@pytest.mark.parametrize("key", ["F4", "Alt+Down"])
def test_the_calendar_opens_by_keyboard_on_the_planned_date_and_saves_the_choice(window, db, qtbot, key) -> None:  # type: ignore[no-untyped-def]
    tab, _ = _cell(window, "actual_end")
    step_id = tab.model.steps[0].id
    QTest.keyClick(tab.table, Qt.Key_F2)
    editor = QApplication.focusWidget()
    if key == "F4":
        QTest.keyClick(editor, Qt.Key_F4)
    else:
        QTest.keyClick(editor, Qt.Key_Down, Qt.AltModifier)
    calendar = editor.calendar()
    assert calendar is not None and calendar.isVisible()
    assert calendar.selectedDate() == QDate(2019, 12, 31)  # the planned end (calendrier « 2019 »)
    calendar.setFocus()
    QTest.keyClick(calendar.focusWidget() or calendar, Qt.Key_Left)
    QTest.keyClick(calendar.focusWidget() or calendar, Qt.Key_Return)
    qtbot.wait(20)
    assert _step(db, step_id).actual_end == date(2019, 12, 30)


def test_the_calendar_opens_on_the_typed_date_or_today(window, qtbot) -> None:  # type: ignore[no-untyped-def]
    tab, _ = _cell(window, "actual_end")
    QTest.keyClick(tab.table, Qt.Key_F2)
    editor = QApplication.focusWidget()
    QTest.keyClicks(editor, "02/05/2022")
    QTest.keyClick(editor, Qt.Key_F4)
    assert editor.calendar().selectedDate() == QDate(2022, 5, 2)
    QTest.keyClick(editor.calendar(), Qt.Key_Escape)
    assert not editor.calendar().isVisible()
    assert editor.text() == "02/05/2022"
    lone = DateLineEdit("Date seule")
    qtbot.addWidget(lone)
    assert lone.calendar_start() == date.today()


def test_delete_clears_a_date_cell_and_in_the_editor(window, db, qtbot) -> None:  # type: ignore[no-untyped-def]
    step_id = _type_date(qtbot, window, "actual_start", "15/03/2021")
    tab = window.fiche_view.steps
    tab.table.setFocus()
    QTest.keyClick(tab.table, Qt.Key_Delete)
    assert _step(db, step_id).actual_start is None
    _type_date(qtbot, window, "actual_start", "15/03/2021")
    QTest.keyClick(tab.table, Qt.Key_F2)
    editor = QApplication.focusWidget()
    QTest.keyClick(editor, Qt.Key_Delete)  # the editor opens with its text selected
    assert editor.text() == ""
    QTest.keyClick(editor, Qt.Key_Return)
    qtbot.wait(20)
    assert _step(db, step_id).actual_start is None


def test_a_planned_date_typed_over_the_derived_one(window, db, qtbot) -> None:  # type: ignore[no-untyped-def]
    step_id = _type_date(qtbot, window, "planned_end", "30/6/2020")
    assert _step(db, step_id).planned_end == date(2020, 6, 30)


def test_alt_down_opens_the_calendar_in_central_mode_where_it_also_moves_steps(window, db, qtbot) -> None:  # type: ignore[no-untyped-def]
    window.settings.set_value("mode", "central")
    window.apply_settings()
    tab, _ = _cell(window, "actual_end")
    assert tab.down_button.isVisible()
    labels = [step.label for step in tab.model.steps]
    QTest.keyClick(tab.table, Qt.Key_F2)
    editor = QApplication.focusWidget()
    QTest.keyClick(editor, Qt.Key_Down, Qt.AltModifier)
    assert editor.calendar() is not None and editor.calendar().isVisible()
    assert [step.label for step in tab.model.steps] == labels  # the étape did not move


@settings(max_examples=20, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(day=st.dates(min_value=date(2000, 1, 1), max_value=date(2049, 12, 31)),
       pattern=st.sampled_from(["%d/%m/%Y", "{d}/{m}/%Y", "%d/%m/%y", "%d%m%Y", "{d}.{m}.%y"]),
       how=st.sampled_from(["F2", "direct"]))
def test_any_date_typed_in_any_accepted_form_is_saved_exactly(window, db, qtbot, shown, day: date, pattern: str,
                                                               how: str) -> None:
    typed = day.strftime(pattern.replace("{d}", str(day.day)).replace("{m}", str(day.month)))
    step_id = _type_date(qtbot, window, "actual_start", typed, how)
    assert _step(db, step_id).actual_start == day, typed


def test_the_dialog_date_fields_use_the_same_editor_and_rules(window, qtbot, shown) -> None:  # type: ignore[no-untyped-def]
    from sdus_desktop.ui.exchange.export_workbook_dialog import ComiteWorkbookDialog
    from sdus_desktop.ui.print.print_dossier_dialog import DossierDialog

    dossier = DossierDialog(window)
    qtbot.addWidget(dossier)
    dossier.show()
    dossier.since_choice.choose("date")
    assert isinstance(dossier.since_choice.date_edit, DateLineEdit)
    dossier.since_choice.date_edit.setFocus()
    dossier.since_choice.date_edit.selectAll()
    QTest.keyClicks(dossier.since_choice.date_edit, "1/3/21")
    assert dossier.since_choice.date_edit.preview_text() == "sera enregistré : lundi 1er mars 2021"
    assert dossier.choice().since == date(2021, 3, 1)
    dossier.since_choice.date_edit.selectAll()
    QTest.keyClicks(dossier.since_choice.date_edit, "31/02/2021")
    dossier.accept()
    assert dossier.result() != dossier.DialogCode.Accepted
    assert "ce jour n'existe pas" in shown.shown[-1][1] and "Évolutions depuis le" in shown.shown[-1][1]
    comite = ComiteWorkbookDialog(window)
    qtbot.addWidget(comite)
    assert isinstance(comite.since_choice.date_edit, DateLineEdit)
