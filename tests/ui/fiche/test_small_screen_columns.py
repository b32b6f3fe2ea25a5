"""At 1024×600 (the oldest laptops, window maximised, tree panel at its default width) the columns référents fill
are in view without scrolling: the État of the Étapes and this year's values in the Indicateurs."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QTableView

from sdus_desktop.ui.fiche.steps_model import FIELDS
from tests.ui.helpers import TODAY, first_action_id


def _in_view(table: QTableView, column: int) -> bool:
    left = table.columnViewportPosition(column)
    return not table.isColumnHidden(column) and left >= 0 \
        and left + table.columnWidth(column) <= table.viewport().width()


def _show(window, qtbot, size: tuple[int, int], tab: str) -> None:  # type: ignore[no-untyped-def]
    window.resize(*size)
    window.open_action(first_action_id(window, "SDUS", 2))
    QTest.keyClick(window, {"etapes": Qt.Key_3, "indicateurs": Qt.Key_4}[tab], Qt.AltModifier)
    qtbot.waitUntil(lambda: window.width() == size[0])
    QApplication.processEvents()


def test_the_etat_of_the_etapes_is_in_view_at_1024x600(window, qtbot) -> None:  # type: ignore[no-untyped-def]
    _show(window, qtbot, (1024, 600), "etapes")
    tab = window.fiche_view.steps
    table = tab.table
    assert QApplication.focusWidget() is table
    status, comment = FIELDS.index("status"), FIELDS.index("comment")
    assert _in_view(table, status)
    assert table.columnViewportPosition(comment) < table.viewport().width() - 30   # the start of the commentaire
    # the calendrier prévu (read-only for référents) is shown with the libellé rather than lost
    calendrier = FIELDS.index("calendrier")
    step = tab.model.steps[0]
    assert table.isColumnHidden(calendrier)
    assert tab.model.index(0, FIELDS.index("label")).data() == f"({step.calendrier}) {step.label}"
    # on a wider screen every column has its place again
    _show(window, qtbot, (1366, 768), "etapes")
    assert not table.isColumnHidden(calendrier) and tab.model.index(0, FIELDS.index("label")).data() == step.label
    assert all(_in_view(table, column) for column in range(len(FIELDS)))


def test_the_current_year_of_the_indicateurs_is_in_view_at_1024x600(window, qtbot) -> None:  # type: ignore[no-untyped-def]
    _show(window, qtbot, (1024, 600), "indicateurs")
    tab = window.fiche_view.indicators
    [column] = [c for c in range(tab.model.columnCount()) if tab.model.headerData(c, Qt.Horizontal) == str(TODAY.year)]
    assert _in_view(tab.table, column)
    assert _in_view(tab.table, 1)   # and the indicator it belongs to
    assert tab.current_year_column() == column


def test_central_mode_keeps_the_calendrier_column_to_edit_it(window, qtbot, settings) -> None:  # type: ignore[no-untyped-def]
    window.fiche_view.configure(TODAY, 0, True)
    _show(window, qtbot, (1024, 600), "etapes")
    assert window.fiche_view.steps.model.central
    assert not window.fiche_view.steps.table.isColumnHidden(FIELDS.index("calendrier"))


def test_a_narrower_table_scrolls_to_the_current_year(window, qtbot) -> None:  # type: ignore[no-untyped-def]
    _show(window, qtbot, (1024, 600), "indicateurs")
    tab = window.fiche_view.indicators
    window.splitter.setSizes([620, 404])      # the tree widened by hand: the years no longer all fit
    QApplication.processEvents()
    column = tab.current_year_column()
    assert column is not None and tab.table.horizontalScrollBar().maximum() > 0
    assert _in_view(tab.table, column)
