"""Notes de suivi of a period a validated comité closed, with real key events: refused with its place in référent
mode (adding, withdrawing); in central mode corrected once confirmed, journaled as a correction."""

from __future__ import annotations

from datetime import date, datetime

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication
from sqlalchemy import select

from sdus_desktop.store.comite_snapshots import freeze, validate
from sdus_desktop.store.models import JournalEntry
from tests.support.dbtools import db_fingerprint
from tests.ui.fiche.test_notes_tab import _notes, _open_notes, _type_text
from tests.ui.helpers import first_action_id

CLOSED = "période arrêtée par le comité du 15/01/2020 (validé)"


@pytest.fixture
def closed(window, db):  # type: ignore[no-untyped-def]
    """Fiche 12 with Marie Dupont's note of 05/01/2020; the comité of 15/01/2020 validated."""
    action_id = first_action_id(window, "SDUS", 12)
    done = window.services.add_note(action_id, "05/01/2020", "Note d'avant le comité")
    info = freeze(db, "Paul Martin", date(2020, 1, 15), now=datetime(2020, 1, 15, 9, 0))
    validate(db, "Paul Martin", info.id, now=datetime(2020, 1, 20, 9, 0))
    window.refresh_views(done)
    return action_id


def test_referent_mode_refuses_a_note_of_the_closed_period(window, db, qtbot, shown, closed) -> None:  # type: ignore[no-untyped-def]
    _open_notes(window, qtbot)
    tab = window.fiche_view.notes
    before = db_fingerprint(db.path)
    tab.date.selectAll()
    QTest.keyClicks(tab.date, "10/01/2020")
    QTest.keyClick(tab.date, Qt.Key_Tab)
    QTest.keyClick(tab.comite, Qt.Key_Tab)
    _type_text(tab.text, "Réunion oubliée")
    QTest.keyClick(tab.text, Qt.Key_Return, Qt.ControlModifier)
    qtbot.waitUntil(lambda: bool(shown.shown))
    title, text = shown.shown[-1]
    assert title == "Saisie refusée"
    assert text.startswith(f"fiche 12 · nouvelle note · date de la note :\n{CLOSED}")
    assert "datez la note d'après le 15/01/2020" in text
    assert tab.text.toPlainText() == "Réunion oubliée"   # what was typed stays, to re-date it

    tab.list.setFocus()
    tab.list.setCurrentRow(0)
    QTest.keyClick(tab.list, Qt.Key_Delete)                   # « Retirer la note »: refused too
    qtbot.waitUntil(lambda: len(shown.shown) == 2)
    assert shown.shown[-1][1].startswith(f"fiche 12 · note du 05/01/2020 :\n{CLOSED}")
    assert db_fingerprint(db.path) == before

    tab.date.setFocus()
    tab.date.selectAll()
    QTest.keyClicks(tab.date, "16/01/2020")                   # the day after the comité: open
    tab.text.setFocus()
    QTest.keyClick(tab.text, Qt.Key_Return, Qt.ControlModifier)
    assert [n.text for n in _notes(db, closed)] == ["Réunion oubliée", "Note d'avant le comité"]
    assert len(shown.shown) == 2


def test_central_mode_corrects_a_closed_note_after_confirmation(window, db, qtbot, shown, settings, closed) -> None:  # type: ignore[no-untyped-def]
    settings.set_value("mode", "central")
    _open_notes(window, qtbot)
    tab = window.fiche_view.notes
    tab.list.setFocus()
    tab.list.setCurrentRow(0)
    QTest.keyClick(tab.list, Qt.Key_F2)
    assert QApplication.focusWidget() is tab.text
    tab.text.selectAll()
    _type_text(tab.text, "Note relue après le comité")
    shown.confirm_answers = [False]   # declined: nothing changes
    QTest.keyClick(tab.text, Qt.Key_Return, Qt.ControlModifier)
    assert shown.shown[-1][0] == "Corriger une note arrêtée"
    assert CLOSED in shown.shown[-1][1] and "correction (comité du 15/01/2020 verrouillé)" in shown.shown[-1][1]
    assert [n.text for n in _notes(db, closed)] == ["Note d'avant le comité"]
    shown.confirm_answers = [True]
    QTest.keyClick(tab.text, Qt.Key_Return, Qt.ControlModifier)
    assert [n.text for n in _notes(db, closed)] == ["Note relue après le comité"]
    with db.reading() as session:
        entry = session.scalars(select(JournalEntry).where(JournalEntry.entity == "note")
                                .order_by(JournalEntry.id.desc())).first()
        assert (entry.field, entry.origin) == ("text", "correction (comité du 15/01/2020 verrouillé)")
