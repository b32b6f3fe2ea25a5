"""Numbers typed into the Indicateurs table with real key events: kept exactly as typed, or refused with their
place and nothing changed (1e400 is not silently stored as « Infinity »)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication
from sqlalchemy import select

from sdus_desktop.store.models import IndicatorValue
from tests.support.dbtools import db_fingerprint
from tests.ui.helpers import first_action_id


def _type_into(table, index, text: str) -> None:  # type: ignore[no-untyped-def]
    table.setFocus()
    table.setCurrentIndex(index)
    QTest.keyClick(table, Qt.Key.Key_F2)
    editor = QApplication.focusWidget()
    assert editor is not None and editor is not table
    QTest.keyClick(editor, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    QTest.keyClicks(editor, text)
    QTest.keyClick(editor, Qt.Key.Key_Return)


def _stored(db, indicator_id: int, period: str) -> str | None:  # type: ignore[no-untyped-def]
    with db.reading() as session:
        return session.scalar(select(IndicatorValue.value).where(IndicatorValue.indicator_id == indicator_id,
                                                                 IndicatorValue.period == period))


def test_typed_1e400_is_refused_with_its_place_and_nothing_changes(window, db, shown, qtbot) -> None:  # type: ignore[no-untyped-def]
    window.open_action(first_action_id(window))
    window._show_tab(window.fiche_view.indicators)
    tab = window.fiche_view.indicators
    model = tab.model
    indicator = model.indicators[0]
    assert indicator.kind == "nombre"
    column = 4 + model.periods.index("2021")
    before = db_fingerprint(db.path)
    for typed in ("1e400", "nan", "-inf"):
        count = len(shown.shown)
        _type_into(tab.table, model.index(0, column), typed)
        qtbot.waitUntil(lambda count=count: len(shown.shown) == count + 1)
        message = shown.shown[-1][1]
        assert "nombre trop grand ou invalide" in message and "2021" in message and typed in message, message
        assert db_fingerprint(db.path) == before
        assert model.index(0, column).data() in ("", None)


def test_a_long_integer_is_stored_and_shown_exactly(window, db, qtbot) -> None:  # type: ignore[no-untyped-def]
    window.open_action(first_action_id(window))
    window._show_tab(window.fiche_view.indicators)
    tab = window.fiche_view.indicators
    model = tab.model
    column = 4 + model.periods.index("2021")
    _type_into(tab.table, model.index(0, column), "12345678901234567890")
    qtbot.waitUntil(lambda: model.index(0, column).data() == "12345678901234567890")
    assert _stored(db, model.indicators[0].id, "2021") == "12345678901234567890"
    _type_into(tab.table, model.index(0, column), "1e3")
    qtbot.waitUntil(lambda: model.index(0, column).data() == "1000")
    assert _stored(db, model.indicators[0].id, "2021") == "1000"
