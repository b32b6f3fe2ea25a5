"""A value a validated comité locked, edited in the fiche with real key events: refused with its place in référent
mode; in central mode corrected once confirmed, journaled as a correction, and Ctrl+Z asks again."""

from __future__ import annotations

from datetime import date, datetime

import pytest
from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication
from sqlalchemy import select

from sdus_desktop.ops import edits
from sdus_desktop.store.changes import Edit
from sdus_desktop.store.comite_snapshots import freeze, validate
from sdus_desktop.store.models import IndicatorValue, JournalEntry, Step
from sdus_desktop.store.queries import load_action
from sdus_desktop.ui.fiche.steps_model import FIELDS
from tests.support.dbtools import db_fingerprint
from tests.ui.helpers import first_action_id

REASON = "valeur arrêtée par le comité du 15/01/2020 (validé)"


@pytest.fixture
def locked(window, db):  # type: ignore[no-untyped-def]
    """Fiche 1: étape 1 done on 20/12/2019, indicateur 1 worth 12 in 2019; the comité of 15/01/2020 validated."""
    action_id = first_action_id(window)
    with db.reading() as session:
        action = load_action(session, action_id)
        step_id, indicator_id = action.steps[0].id, action.indicators[0].id
    done = window.services.apply([Edit("step", str(step_id), "actual_end", "20/12/2019"),
                           Edit("step", str(step_id), "status", "Réalisée"),
                           Edit("value", f"{indicator_id}:2019", "value", "12")])
    info = freeze(db, "Marie Dupont", date(2020, 1, 15), now=datetime(2020, 1, 15, 9, 0))
    validate(db, "Paul Martin", info.id, now=datetime(2020, 1, 20, 9, 0))
    window.refresh_views(done)
    window.open_action(action_id)
    return action_id, step_id, indicator_id


def _edit_cell(table, index, text: str) -> None:  # type: ignore[no-untyped-def]
    table.setFocus()
    table.setCurrentIndex(index)
    QTest.keyClick(table, Qt.Key_F2)
    editor = QApplication.focusWidget()
    QTest.keyClick(editor, Qt.Key_A, Qt.ControlModifier)
    QTest.keyClicks(editor, text)
    QTest.keyClick(editor, Qt.Key_Return)


def _comment(db, indicator_id: int) -> str | None:  # type: ignore[no-untyped-def]
    with db.reading() as session:
        return session.scalar(select(IndicatorValue.comment).where(IndicatorValue.indicator_id == indicator_id,
                                                                   IndicatorValue.period == "2019"))


def _value(db, indicator_id: int) -> str | None:  # type: ignore[no-untyped-def]
    with db.reading() as session:
        return session.scalar(select(IndicatorValue.value).where(IndicatorValue.indicator_id == indicator_id,
                                                                 IndicatorValue.period == "2019"))


def test_referent_mode_shows_locked_cells_and_opens_no_editor_on_them(window, db, qtbot, shown, locked) -> None:  # type: ignore[no-untyped-def]
    _, step_id, indicator_id = locked
    before = db_fingerprint(db.path)
    window._show_tab(window.fiche_view.steps)
    table, model = window.fiche_view.steps.table, window.fiche_view.steps.model
    end = model.index(0, FIELDS.index("actual_end"))
    # Seen before editing, in text (not colour alone): symbol, tooltip, accessible text; not editable.
    assert end.data() == "🔒 20/12/2019"
    assert end.data(Qt.ToolTipRole).startswith("Verrouillé par le comité du 15/01/2020.\nSi la valeur est fausse")
    assert end.data(Qt.AccessibleTextRole) == "20/12/2019, verrouillé par le comité du 15/01/2020"
    assert model.index(0, FIELDS.index("status")).data().startswith("🔒 ")
    assert not model.flags(end) & Qt.ItemIsEditable
    assert model.index(0, FIELDS.index("comment")).flags() & Qt.ItemIsEditable   # comments stay open
    assert not model.index(1, FIELDS.index("actual_end")).data().startswith("🔒")   # étape 2: nothing locked
    table.setFocus()
    table.setCurrentIndex(end)
    QTest.keyClick(table, Qt.Key_F2)
    assert QApplication.focusWidget() is table   # no editor opened
    QTest.keyClicks(table, "21/12/2019")
    QTest.keyClick(table, Qt.Key_Delete)   # Suppr does not clear it either
    QTest.keyClick(table, Qt.Key_Return)
    assert end.data() == "🔒 20/12/2019" and not shown.shown

    window._show_tab(window.fiche_view.indicators)
    tab = window.fiche_view.indicators
    column = 4 + tab.model.periods.index("2019")
    cell = tab.model.index(0, column)
    assert cell.data() == "🔒 12" and cell.data(Qt.AccessibleTextRole) == "2019 : 12, verrouillé par le comité du 15/01/2020"
    assert cell.data(Qt.ToolTipRole).startswith("Verrouillé par le comité du 15/01/2020.")
    assert not tab.model.flags(cell) & Qt.ItemIsEditable
    tab.table.setFocus()
    tab.table.setCurrentIndex(cell)
    QTest.keyClick(tab.table, Qt.Key_F2)
    assert QApplication.focusWidget() is tab.table
    QTest.keyClicks(tab.table, "13")
    QTest.keyClick(tab.table, Qt.Key_Return)
    assert cell.data() == "🔒 12" and not shown.shown
    assert db_fingerprint(db.path) == before
    # Its commentaire stays open, typed in the comment field with real keys (accented text carried by the event).
    tab.comment.setFocus()
    QTest.keyClicks(tab.comment, "chiffre CAF ")
    QApplication.sendEvent(tab.comment, QKeyEvent(QEvent.KeyPress, Qt.Key_unknown, Qt.NoModifier, "é"))
    QTest.keyClick(tab.comment, Qt.Key_Return)
    qtbot.waitUntil(lambda: _comment(db, indicator_id) == "chiffre CAF é")
    # A value still open (2020, not over at the comité) is saved as usual.
    _edit_cell(tab.table, tab.model.index(0, 4 + tab.model.periods.index("2020")), "7")
    qtbot.waitUntil(lambda: tab.model.index(0, 4 + tab.model.periods.index("2020")).data() == "7")
    assert not shown.shown


def test_central_mode_corrects_after_confirmation_journaled_as_a_correction(window, db, qtbot, shown, settings,  # type: ignore[no-untyped-def]
                                                                            locked) -> None:
    action_id, step_id, indicator_id = locked
    settings.set_value("mode", "central")
    window.apply_settings()
    window._show_tab(window.fiche_view.indicators)
    tab = window.fiche_view.indicators
    column = 4 + tab.model.periods.index("2019")
    shown.confirm_answers = [False]   # declined: nothing changes
    _edit_cell(tab.table, tab.model.index(0, column), "13")
    qtbot.waitUntil(lambda: bool(shown.shown))
    assert shown.shown[-1][0] == "Corriger une valeur arrêtée"
    assert REASON in shown.shown[-1][1] and "correction (comité du 15/01/2020 verrouillé)" in shown.shown[-1][1]
    assert _value(db, indicator_id) == "12" and tab.model.index(0, column).data() == "🔒 12"
    assert tab.model.flags(tab.model.index(0, column)) & Qt.ItemIsEditable   # central mode: editable, corrected

    shown.confirm_answers = [True]
    _edit_cell(tab.table, tab.model.index(0, column), "13")
    qtbot.waitUntil(lambda: _value(db, indicator_id) == "13")
    assert tab.model.index(0, column).data() == "🔒 13"
    with db.reading() as session:
        entry = session.scalars(select(JournalEntry).where(JournalEntry.entity_key == f"{indicator_id}:2019")
                                .order_by(JournalEntry.id.desc())).first()
        assert (entry.origin, entry.new, entry.user) == ("correction (comité du 15/01/2020 verrouillé)", '"13"',
                                                         "Marie Dupont")
    window._show_tab(window.fiche_view.history)
    history = window.fiche_view.history.model
    rows = [" ".join(str(history.index(r, c).data()) for c in range(history.columnCount()))
            for r in range(history.rowCount())]
    assert any("correction (comité du 15/01/2020 verrouillé)" in row for row in rows)

    shown.confirm_answers = [True]   # Ctrl+Z of a correction is a correction too: asked, then undone
    window.navigation.tree.setFocus()
    QTest.keyClick(window.navigation.tree, Qt.Key_Z, Qt.ControlModifier)
    assert _value(db, indicator_id) == "12"
    with db.reading() as session:
        assert session.get(Step, step_id).status == "realisee"


def _steps(db, action_id: int) -> list[int]:  # type: ignore[no-untyped-def]
    with db.reading() as session:
        return [step.id for step in load_action(session, action_id).steps]


def test_removing_a_locked_step_or_indicator_asks_in_central_mode_and_is_a_correction(  # type: ignore[no-untyped-def]
        window, db, qtbot, shown, settings, locked) -> None:
    action_id, step_id, indicator_id = locked
    assert window.editor.run(lambda services: edits.remove_step(services, step_id)) is None   # référent: refused
    title, text = shown.shown[-1]
    assert title == "Saisie refusée" and text.startswith("fiche 1 · étape 1 :\nétape dont le comité du 15/01/2020")
    assert step_id in _steps(db, action_id)

    settings.set_value("mode", "central")
    window.apply_settings()
    window._show_tab(window.fiche_view.steps)
    tab = window.fiche_view.steps
    tab.table.setFocus()
    tab.table.setCurrentIndex(tab.model.index(0, 1))
    shown.confirm_answers = [True, False]   # « Supprimer l'étape ? » yes, then the correction: declined
    tab.remove_button.setFocus()
    QTest.keyClick(tab.remove_button, Qt.Key_Space)
    assert [t for t, _ in shown.shown[-2:]] == ["Supprimer l'étape", "Supprimer une étape arrêtée"]
    assert "correction (comité du 15/01/2020 verrouillé)" in shown.shown[-1][1]
    assert step_id in _steps(db, action_id)
    shown.confirm_answers = [True, True]
    QTest.keyClick(tab.remove_button, Qt.Key_Space)
    assert step_id not in _steps(db, action_id)
    with db.reading() as session:
        entry = session.scalars(select(JournalEntry).where(JournalEntry.entity == "step",
                                                           JournalEntry.entity_key == str(step_id))
                                .order_by(JournalEntry.id.desc())).first()
        assert entry.origin == "correction (comité du 15/01/2020 verrouillé)" and entry.new is None

    window._show_tab(window.fiche_view.indicators)
    itab = window.fiche_view.indicators
    itab.table.setFocus()
    itab.table.setCurrentIndex(itab.model.index(0, 1))
    shown.confirm_answers = [True, True]
    itab.remove_button.setFocus()
    QTest.keyClick(itab.remove_button, Qt.Key_Space)
    assert shown.shown[-1][0] == "Supprimer un indicateur arrêté"
    with db.reading() as session:
        assert indicator_id not in [i.id for i in load_action(session, action_id).indicators]
