"""A pending conflict whose cell a validated comité locked since: the queue shows it (text, not colour); taking the
workbook's value or typing one is refused with the reason for a référent, and is a confirmed correction, journaled
as such, in central mode. Decisions made with real key events."""

from __future__ import annotations

from datetime import date, datetime

import pytest
from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication
from sqlalchemy import select

from sdus_desktop.exchange import workbook_layout as L
from sdus_desktop.exchange.conflicts import open_conflicts
from sdus_desktop.exchange.import_apply import import_workbook
from sdus_desktop.store.changes import Edit
from sdus_desktop.store.comite_snapshots import freeze, validate
from sdus_desktop.store.models import IndicatorValue, JournalEntry
from sdus_desktop.store.queries import load_action
from sdus_desktop.store.services import Services
from sdus_desktop.ui.exchange.conflicts_dialog import ConflictsDialog
from tests.exchange.helpers import edit_copy, export, row_of
from tests.support.dbtools import db_fingerprint

REASON = "valeur arrêtée par le comité du 12/03/2026 (validé)"


@pytest.fixture
def pending(db, tmp_path):  # type: ignore[no-untyped-def]
    """Fiche 1, indicateur 1, 2025: 40 exported; 42 in the base, 45 in the returned workbook → a conflict; then the
    comité of 12/03/2026 frozen (it saw 42) and validated."""
    services = Services(db, "Marie Dupont")
    with db.reading() as session:
        indicator = load_action(session, 1).indicators[0].id
    services.apply([Edit("value", f"{indicator}:2025", "value", "40")])
    workbook = export(db, tmp_path, plan_code="SDUS", fiches=[1]).path
    services.set("value", f"{indicator}:2025", "value", "42")
    row = row_of(workbook, L.SHEET_VALUES, L.row_ref("value", f"{indicator}:2025"))
    returned = edit_copy(workbook, tmp_path / "retour.xlsx", {"Indicateurs": {f"I{row}": "45"}})
    assert import_workbook(db, returned, "Jeanne").conflicts_queued == 1
    info = freeze(db, "Marie Dupont", date(2026, 3, 12), "SDUS", now=datetime(2026, 3, 12, 9, 0))
    validate(db, "Paul Martin", info.id, now=datetime(2026, 3, 13, 9, 0))
    return indicator


def _value(db, indicator: int) -> str | None:  # type: ignore[no-untyped-def]
    with db.reading() as session:
        return session.scalar(select(IndicatorValue.value).where(IndicatorValue.indicator_id == indicator,
                                                                 IndicatorValue.period == "2025"))


def _type(widget, text: str) -> None:  # type: ignore[no-untyped-def]
    for char in text:
        if char.isascii():
            QTest.keyClicks(widget, char)
        else:
            QApplication.sendEvent(widget, QKeyEvent(QEvent.KeyPress, Qt.Key_unknown, Qt.NoModifier, char))


def test_a_locked_conflict_is_shown_and_refused_for_a_referent(window, db, shown, pending) -> None:  # type: ignore[no-untyped-def]
    [view] = open_conflicts(db)
    assert view.locked == "Verrouillé par le comité du 12/03/2026" and "🔒 Verrouillé par le comité" in view.text()
    queue = ConflictsDialog(window)
    queue.show()
    element = queue.table.item(0, 1).text()
    assert element.startswith("🔒 ") and element.endswith("(Verrouillé par le comité du 12/03/2026)")
    assert "prendre la valeur du classeur ou en saisir une autre est refusé" in queue.detail.toPlainText()
    before = db_fingerprint(db.path)
    queue.table.setFocus()
    queue.select_rows([0])
    queue.take_button.setFocus()
    QTest.keyClick(queue.take_button, Qt.Key_Space)
    title, text = shown.shown[-1]
    assert title == "Conflits à arbitrer" and text.startswith("Arbitrage impossible : ")
    assert "fiche 1 · indicateur 1 · 2025 · valeur" in text and REASON in text and "équipe centrale" in text
    queue.value_edit.setFocus()
    _type(queue.value_edit, "46")
    QTest.keyClick(queue.value_edit, Qt.Key_Return)
    assert REASON in shown.shown[-1][1] and len(shown.shown) == 2
    assert db_fingerprint(db.path) == before and queue.table.rowCount() == 1 and _value(db, pending) == "42"
    queue.keep_button.setFocus()   # keeping the base's value changes nothing: decided as usual
    QTest.keyClick(queue.keep_button, Qt.Key_Space)
    assert queue.table.rowCount() == 0 and _value(db, pending) == "42"


def test_central_mode_takes_the_workbook_value_as_a_confirmed_correction(window, db, shown, settings,  # type: ignore[no-untyped-def]
                                                                         pending) -> None:
    settings.set_value("mode", "central")
    window.apply_settings()
    queue = ConflictsDialog(window)
    queue.show()
    assert "en mode central, le changer est une correction" in queue.detail.toPlainText()
    queue.table.setFocus()
    queue.select_rows([0])
    shown.confirm_answers = [False]   # declined: nothing changes, the conflict stays
    queue.take_button.setFocus()
    QTest.keyClick(queue.take_button, Qt.Key_Space)
    assert shown.shown[-1][0] == "Corriger une valeur arrêtée" and REASON in shown.shown[-1][1]
    assert _value(db, pending) == "42" and queue.table.rowCount() == 1
    shown.confirm_answers = [True]   # a typed value, confirmed: written as a correction, the conflict decided
    queue.value_edit.setFocus()
    _type(queue.value_edit, "44")
    QTest.keyClick(queue.value_edit, Qt.Key_Return)
    assert _value(db, pending) == "44" and queue.table.rowCount() == 0
    with db.reading() as session:
        entry = session.scalars(select(JournalEntry).where(JournalEntry.entity_key == f"{pending}:2025")
                                .order_by(JournalEntry.id.desc())).first()
        assert entry.origin == "correction (comité du 12/03/2026 verrouillé)" and entry.new == '"44"'
    assert open_conflicts(db) == []
