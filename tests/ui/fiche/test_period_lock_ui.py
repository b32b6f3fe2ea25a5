"""A value a validated comité locked, edited in the fiche with real key events: refused with its place in référent
mode; in central mode corrected once confirmed, journaled as a correction, and Ctrl+Z asks again."""

from __future__ import annotations

from datetime import date, datetime

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication
from sqlalchemy import select

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


def _value(db, indicator_id: int) -> str | None:  # type: ignore[no-untyped-def]
    with db.reading() as session:
        return session.scalar(select(IndicatorValue.value).where(IndicatorValue.indicator_id == indicator_id,
                                                                 IndicatorValue.period == "2019"))


def test_referent_mode_refuses_a_locked_value_with_its_place(window, db, qtbot, shown, locked) -> None:  # type: ignore[no-untyped-def]
    _, step_id, indicator_id = locked
    before = db_fingerprint(db.path)
    window._show_tab(window.fiche_view.steps)
    table, model = window.fiche_view.steps.table, window.fiche_view.steps.model
    _edit_cell(table, model.index(0, FIELDS.index("actual_end")), "21/12/2019")
    qtbot.waitUntil(lambda: bool(shown.shown))
    title, text = shown.shown[-1]
    assert title == "Saisie refusée"
    assert text.startswith("fiche 1 · étape 1 · fin réelle :\n" + REASON)
    assert "demandez à l'équipe centrale" in text
    assert model.index(0, FIELDS.index("actual_end")).data() == "20/12/2019"   # the stored value is back

    window._show_tab(window.fiche_view.indicators)
    tab = window.fiche_view.indicators
    column = 4 + tab.model.periods.index("2019")
    _edit_cell(tab.table, tab.model.index(0, column), "13")
    qtbot.waitUntil(lambda: len(shown.shown) == 2)
    assert shown.shown[-1][1].startswith("fiche 1 · indicateur 1 · 2019 · valeur :\n" + REASON)
    assert tab.model.index(0, column).data() == "12"
    assert db_fingerprint(db.path) == before
    # A value still open (2020, not over at the comité) is saved as usual.
    _edit_cell(tab.table, tab.model.index(0, 4 + tab.model.periods.index("2020")), "7")
    qtbot.waitUntil(lambda: tab.model.index(0, 4 + tab.model.periods.index("2020")).data() == "7")
    assert len(shown.shown) == 2


def test_central_mode_corrects_after_confirmation_journaled_as_a_correction(window, db, qtbot, shown, settings,  # type: ignore[no-untyped-def]
                                                                            locked) -> None:
    action_id, step_id, indicator_id = locked
    settings.set_value("mode", "central")
    window._show_tab(window.fiche_view.indicators)
    tab = window.fiche_view.indicators
    column = 4 + tab.model.periods.index("2019")
    shown.confirm_answers = [False]   # declined: nothing changes
    _edit_cell(tab.table, tab.model.index(0, column), "13")
    qtbot.waitUntil(lambda: bool(shown.shown))
    assert shown.shown[-1][0] == "Corriger une valeur arrêtée"
    assert REASON in shown.shown[-1][1] and "correction (comité du 15/01/2020 verrouillé)" in shown.shown[-1][1]
    assert _value(db, indicator_id) == "12" and tab.model.index(0, column).data() == "12"

    shown.confirm_answers = [True]
    _edit_cell(tab.table, tab.model.index(0, column), "13")
    qtbot.waitUntil(lambda: _value(db, indicator_id) == "13")
    assert tab.model.index(0, column).data() == "13"
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
