"""« Cibles par année » in the Indicateurs tab, by keyboard: typed in central mode, read-only for référents,
refused with the place, undone with Ctrl+Z; the chart and its text follow."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication
from sqlalchemy import select

from sdus_desktop.ops import edits
from sdus_desktop.store.models import IndicatorTarget
from tests.support.dbtools import db_fingerprint
from tests.ui.helpers import first_action_id, unnamed_widgets


def _targets(db) -> dict[tuple[int, int], float | None]:  # type: ignore[no-untyped-def]
    with db.reading() as session:
        return {(t.indicator_id, t.year): t.value for t in session.scalars(select(IndicatorTarget))}


def _open(window, settings, central: bool):  # type: ignore[no-untyped-def]
    if central:
        settings.set_value("mode", "central")
        window.apply_settings()
    window.open_action(first_action_id(window))  # SDUS 1: 1. nombre, 2. oui/non
    view = window.fiche_view
    view.tabs.setCurrentWidget(view.indicators)
    return view.indicators


def _type(table, text: str) -> None:  # type: ignore[no-untyped-def]
    """Typing into the current cell: the first key opens the editor and is kept, the rest go to the editor."""
    QTest.keyClicks(table, text[0])
    editor = QApplication.focusWidget()
    if editor is not table:
        QTest.keyClicks(editor, text[1:])
        QTest.keyClick(editor, Qt.Key_Return)
    QTest.qWait(20)  # the delegate commits Entrée through a queued call, as in the real event loop


def _type_in(tab, row: int, year: int, text: str) -> None:  # type: ignore[no-untyped-def]
    table = tab.targets_table
    table.setFocus()
    table.setCurrentIndex(tab.targets.index(row, 2 + tab.targets.years.index(year)))
    _type(table, text)


def test_a_target_typed_by_keyboard_is_saved_charted_and_undone(window, db, settings, qtbot) -> None:  # type: ignore[no-untyped-def]
    tab = _open(window, settings, central=True)
    indicator = tab.targets.indicators[0]
    assert indicator.kind == "nombre" and tab.targets.headerData(2, Qt.Horizontal) == "Cible 2019"
    _type_in(tab, 0, 2021, "12")
    assert _targets(db) == {(indicator.id, 2021): 12.0}
    cell = tab.targets.index(0, 2 + tab.targets.years.index(2021))
    assert cell.data() == "12" and cell.data(Qt.AccessibleTextRole) == "Cible 2021 : 12"
    tab.table.setFocus()
    tab.table.setCurrentIndex(tab.model.index(0, 4 + tab.model.periods.index("2021")))
    _type(tab.table, "9 ")
    assert "75 % de la cible en 2021" in tab.chart.title.text()
    assert tab.chart.text_alternative.text() == "2021 : 9, cible 12, 75 % de la cible."
    assert "2021 : 9, cible 12" in tab.chart.canvas.accessibleDescription()
    assert tab.chart.canvas.accessibleName().startswith("Graphique : Indicateur 1")
    window.fiche_view.setFocus()
    qtbot.keyClick(window.navigation.tree, Qt.Key_Z, Qt.ControlModifier)  # the value
    qtbot.keyClick(window.navigation.tree, Qt.Key_Z, Qt.ControlModifier)  # the target
    assert _targets(db) == {}
    assert tab.targets.index(0, 2 + tab.targets.years.index(2021)).data() == ""
    qtbot.keyClick(window.navigation.tree, Qt.Key_Z, Qt.ControlModifier | Qt.ShiftModifier)
    assert _targets(db) == {(indicator.id, 2021): 12.0}


def test_refusals_say_where_and_keep_the_base(window, db, settings, shown, qtbot) -> None:  # type: ignore[no-untyped-def]
    tab = _open(window, settings, central=True)
    before = db_fingerprint(db.path)
    _type_in(tab, 0, 2022, "-5")
    qtbot.waitUntil(lambda: bool(shown.shown))  # the refusal is said once the editor has closed
    title, text = shown.shown[-1][:2]
    assert title == "Saisie refusée" and "fiche 1 · indicateur 1 · cible 2022" in text and "négative" in text
    assert db_fingerprint(db.path) == before
    assert not (tab.targets.flags(tab.targets.index(1, 3)) & Qt.ItemIsEditable)  # oui/non: no yearly target
    assert tab.targets.index(1, 3).data() == "—"
    assert "type Oui/Non" in tab.targets.index(1, 3).data(Qt.ToolTipRole)
    tab.targets_table.setCurrentIndex(tab.targets.index(1, 3))
    assert "Pas de graphique" in tab.chart.canvas.accessibleDescription()


def test_a_target_typed_1e400_or_too_precise_is_refused_with_its_place(window, db, settings, shown, qtbot) -> None:  # type: ignore[no-untyped-def]
    tab = _open(window, settings, central=True)
    before = db_fingerprint(db.path)
    for typed, reason in (("1e400", "nombre trop grand ou invalide"), ("12345678901234567890", "cible trop précise")):
        count = len(shown.shown)
        _type_in(tab, 0, 2022, typed)
        qtbot.waitUntil(lambda count=count: len(shown.shown) == count + 1)
        text = shown.shown[-1][1]
        assert "fiche 1 · indicateur 1 · cible 2022" in text and reason in text and typed in text, text
        assert db_fingerprint(db.path) == before


def test_a_percentage_target_above_100_is_refused(window, db, settings, shown, qtbot) -> None:  # type: ignore[no-untyped-def]
    tab = _open(window, settings, central=True)
    action = tab.action
    window.editor.run(lambda services: edits.add_indicator(services, action.id, "Taux de réponse", "pourcentage",
                                                         "80 %"))
    row = next(i for i, indicator in enumerate(tab.targets.indicators) if indicator.kind == "pourcentage")
    assert tab.targets.index(row, 2).data() == "(80 %)"  # from the wording, in brackets and italics
    assert tab.targets.index(row, 2).data(Qt.FontRole).italic()
    _type_in(tab, row, 2023, "120")
    qtbot.waitUntil(lambda: bool(shown.shown))
    assert "ne peut pas dépasser 100 %" in shown.shown[-1][1] and "cible 2023" in shown.shown[-1][1]
    assert _targets(db) == {}
    _type_in(tab, row, 2023, "95")
    assert list(_targets(db).values()) == [95.0]
    assert tab.targets.index(row, 2 + tab.targets.years.index(2023)).data() == "95 %"


def test_targets_are_read_only_for_referents(window, db, settings) -> None:  # type: ignore[no-untyped-def]
    tab = _open(window, settings, central=False)
    before = db_fingerprint(db.path)
    table = tab.targets_table
    table.setFocus()
    table.setCurrentIndex(tab.targets.index(0, 3))
    _type(table, "12")
    assert QApplication.focusWidget() is table  # no editor opened
    assert db_fingerprint(db.path) == before
    assert "lecture seule" in tab.targets_help.text()
    assert unnamed_widgets(tab) == []
    assert tab.targets_label.buddy() is table


def test_the_historique_says_which_target_changed(window, db, settings) -> None:  # type: ignore[no-untyped-def]
    tab = _open(window, settings, central=True)
    _type_in(tab, 0, 2022, "12,5")
    view = window.fiche_view
    view.tabs.setCurrentWidget(view.history)
    row = view.history.model.rows[0]
    assert row[2:6] == ("indicateur 1 · cible 2022", "cible de l'année", "—", "12,5")


def test_alt_b_and_tab_reach_the_targets_and_the_chart(window, settings, qtbot) -> None:  # type: ignore[no-untyped-def]
    tab = _open(window, settings, central=True)
    tab.table.setFocus()
    qtbot.keyClick(tab.table, Qt.Key_B, Qt.AltModifier)
    assert QApplication.focusWidget() is tab.targets_table
    seen = []
    for _ in range(6):
        QTest.keyClick(QApplication.focusWidget(), Qt.Key_Tab)
        seen.append(QApplication.focusWidget())
        if seen[-1] is tab.chart.canvas:
            break
    assert tab.chart.canvas in seen  # the chart takes the focus: screen readers read its description
