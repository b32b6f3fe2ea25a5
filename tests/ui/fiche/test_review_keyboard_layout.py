"""Regressions found by driving the GUI: focus after cell edits, Ctrl+Z in fields, deliberate saves of the
statut and avancement, undo feedback, Alt+1…5 focus, the fiche count, menus, column widths."""

from __future__ import annotations

import re

import pytest
from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtGui import QWheelEvent
from PySide6.QtWidgets import QApplication, QLineEdit
from sqlalchemy import func, select

from sdus_desktop.store.models import Action, JournalEntry, Step
from sdus_desktop.ui.fiche.steps_model import FIELDS
from tests.ui.helpers import first_action_id


def _open(window, qtbot, number: int = 1) -> int:  # type: ignore[no-untyped-def]
    action_id = first_action_id(window, "SDUS", number)
    window.open_action(action_id)
    window.activateWindow()
    qtbot.waitExposed(window)
    return action_id


def _journal_count(db, action_id: int) -> int:  # type: ignore[no-untyped-def]
    with db.reading() as session:
        return session.scalar(select(func.count()).select_from(JournalEntry)
                              .where(JournalEntry.action_id == action_id)) or 0


def _action(db, action_id: int) -> Action:  # type: ignore[no-untyped-def]
    with db.reading() as session:
        action = session.get(Action, action_id)
        assert action is not None
        return action


# 1 -------------------------------------------------------------------------------------------------
@pytest.mark.slow
def test_step_cell_edits_keep_the_focus_and_the_current_cell(window, db, qtbot, shown) -> None:  # type: ignore[no-untyped-def]
    action_id = _open(window, qtbot)
    window._show_tab(window.fiche_view.steps)
    table, model = window.fiche_view.steps.table, window.fiche_view.steps.model
    resets: list[int] = []
    model.modelAboutToBeReset.connect(lambda: resets.append(1))
    step_id = model.steps[0].id
    for field in ("comment", "actual_start", "status"):
        table.setCurrentIndex(model.index(0, FIELDS.index(field)))
        table.setFocus()
        qtbot.keyClick(table, Qt.Key_F2)
        editor = QApplication.focusWidget()
        assert editor is not table
        if field == "comment":
            editor.setText("vu en réunion")  # type: ignore[union-attr]
        elif field == "actual_start":
            qtbot.keyClicks(editor, "1/3/2021")
        else:
            editor.setCurrentIndex(editor.findData("en_cours"))  # type: ignore[union-attr]
        shown_before = table.model().index(0, FIELDS.index(field)).data()
        qtbot.keyClick(editor, Qt.Key_Return)
        qtbot.waitUntil(lambda: model.index(0, FIELDS.index(field)).data() != shown_before, timeout=2000)  # noqa: B023
        assert QApplication.focusWidget() is table, field
        assert (table.currentIndex().row(), table.currentIndex().column()) == (0, FIELDS.index(field))
    with db.reading() as session:
        step = session.get(Step, step_id)
        assert (step.comment, str(step.actual_start), step.status) == ("vu en réunion", "2021-03-01", "en_cours")
    assert resets == []  # updated in place
    assert window.fiche_view.action_id == action_id


def test_indicator_cell_edit_keeps_the_focus_even_when_refused(window, qtbot, shown) -> None:  # type: ignore[no-untyped-def]
    _open(window, qtbot)
    window._show_tab(window.fiche_view.indicators)
    table, model = window.fiche_view.indicators.table, window.fiche_view.indicators.model
    column = model.periods.index("2020") + 4
    table.setCurrentIndex(model.index(0, column))
    for typed, expected in (("abc", ""), ("12", "12")):
        table.setFocus()
        qtbot.keyClick(table, Qt.Key_F2)
        editor = QApplication.focusWidget()
        assert isinstance(editor, QLineEdit)
        editor.setText(typed)
        qtbot.keyClick(editor, Qt.Key_Return)
        qtbot.waitUntil(lambda: QApplication.focusWidget() is table, timeout=2000)
        qtbot.wait(10)
        assert model.index(0, column).data() == expected
        assert QApplication.focusWidget() is table
        assert table.currentIndex().column() == column
    assert [title for title, _ in shown.shown] == ["Saisie refusée"]


# 2 -------------------------------------------------------------------------------------------------
def test_ctrl_z_in_a_field_without_unsaved_text_undoes_the_last_change(window, db, qtbot) -> None:  # type: ignore[no-untyped-def]
    action_id = _open(window, qtbot)
    suivi = window.fiche_view.suivi
    window._show_tab(suivi)
    for widget in (suivi.referents, suivi.bilan, suivi.avancement):
        suivi.status.setCurrentIndex(suivi.status.findData("en_cours"))
        suivi.status.commit()
        assert _action(db, action_id).status == "en_cours"
        widget.setFocus()
        qtbot.keyClick(widget, Qt.Key_Z, Qt.ControlModifier)
        assert _action(db, action_id).status == "non_demarree", type(widget).__name__
        qtbot.keyClick(widget, Qt.Key_Y, Qt.ControlModifier)
        assert _action(db, action_id).status == "en_cours", type(widget).__name__
        window.undo_action.trigger()


def test_ctrl_z_with_unsaved_typing_stays_in_the_field(window, db, qtbot) -> None:  # type: ignore[no-untyped-def]
    action_id = _open(window, qtbot)
    suivi = window.fiche_view.suivi
    window._show_tab(suivi)
    suivi.status.setCurrentIndex(suivi.status.findData("en_cours"))
    suivi.status.commit()
    suivi.referents.setFocus()
    qtbot.keyClicks(suivi.referents, "Jean")
    qtbot.keyClick(suivi.referents, Qt.Key_Z, Qt.ControlModifier)
    assert suivi.referents.text() != "Jean"  # the field's own undo
    assert _action(db, action_id).status == "en_cours"  # the saved change is kept


# 3 and 9 ---------------------------------------------------------------------------------------------
def test_columns_fit_at_1366_and_scroll_instead_of_collapsing_at_1024(window, qtbot) -> None:  # type: ignore[no-untyped-def]
    """Everything fits at 1366; at 1024 no column is crushed below its minimum (the table scrolls instead);
    which columns stay in view there: tests/ui/fiche/test_small_screen_columns.py."""
    from sdus_desktop.ui.fiche.tab_indicators import LABEL_MINIMUM
    from sdus_desktop.ui.fiche.tab_steps import STRETCH_MINIMUMS

    _open(window, qtbot)
    fiche = window.fiche_view
    for size, fits in (((1366, 768), True), ((1024, 600), False)):
        window.resize(*size)
        for tab in (fiche.steps, fiche.indicators):
            fiche.tabs.setCurrentWidget(tab)
            qtbot.wait(10)
            table = tab.table
            widths = [table.columnWidth(c) for c in range(table.model().columnCount())]
            if fits:
                assert table.horizontalScrollBar().maximum() == 0, (size, type(tab).__name__, widths)
            if tab is fiche.indicators:
                assert widths[1] >= LABEL_MINIMUM, widths
            else:
                assert widths[FIELDS.index("label")] >= STRETCH_MINIMUMS["label"], widths
                assert widths[FIELDS.index("comment")] >= STRETCH_MINIMUMS["comment"], widths
                assert table.isColumnHidden(FIELDS.index("calendrier")) is not fits   # folded into the libellé


# 4 -------------------------------------------------------------------------------------------------
def test_arrows_on_the_statut_save_each_choice_and_a_passing_wheel_nothing(window, db, qtbot) -> None:  # type: ignore[no-untyped-def]
    action_id = _open(window, qtbot)
    suivi = window.fiche_view.suivi
    window._show_tab(suivi)
    combo = suivi.status
    qtbot.keyClick(combo, Qt.Key_Down)  # issue 8: a choice in a list is saved when made
    assert _action(db, action_id).status == combo.currentData() == "en_cours"
    assert window.undo_stack.count() == 1
    qtbot.keyClick(combo, Qt.Key_Return)  # nothing more to save
    assert _journal_count(db, action_id) == 1

    suivi.referents.setFocus()
    before = combo.currentIndex()
    wheel = QWheelEvent(QPointF(5, 5), QPointF(combo.mapToGlobal(QPoint(5, 5))), QPoint(0, 0), QPoint(0, -120),
                        Qt.NoButton, Qt.NoModifier, Qt.NoScrollPhase, False)
    QApplication.sendEvent(combo, wheel)
    assert combo.currentIndex() == before  # a wheel passing over the form does not turn it


def test_avancement_steps_make_one_journal_row_on_leaving(window, db, qtbot) -> None:  # type: ignore[no-untyped-def]
    action_id = _open(window, qtbot)
    suivi = window.fiche_view.suivi
    window._show_tab(suivi)
    suivi.avancement.setFocus()
    for _ in range(3):
        qtbot.keyClick(suivi.avancement, Qt.Key_Up)
    assert _action(db, action_id).avancement == 0
    suivi.referents.setFocus()
    assert _action(db, action_id).avancement == 15
    assert _journal_count(db, action_id) == 1


# 5 -------------------------------------------------------------------------------------------------
def test_undo_and_redo_show_the_fiche_they_change(window, qtbot) -> None:  # type: ignore[no-untyped-def]
    first = _open(window, qtbot, 1)
    combo = window.fiche_view.suivi.status
    combo.setCurrentIndex(combo.findData("en_cours"))
    combo.commit()
    number = window.catalogue.actions[first].number
    second = first_action_id(window, "SDUS", 2)
    window.open_action(second)
    window.undo_action.trigger()
    assert window.fiche_view.action_id == first
    assert window.statusBar().currentMessage() == f"Annulé : statut (fiche {number})."
    window.open_action(second)
    window.redo_action.trigger()
    assert window.fiche_view.action_id == first
    assert window.statusBar().currentMessage() == f"Rétabli : statut (fiche {number})."


# 6 -------------------------------------------------------------------------------------------------
def test_alt_digits_put_the_keyboard_in_the_tab(window, qtbot) -> None:  # type: ignore[no-untyped-def]
    _open(window, qtbot)
    fiche = window.fiche_view
    expected = [fiche.document.fields["title"], fiche.suivi.status, fiche.steps.table, fiche.indicators.table,
                fiche.history.table]
    for digit, widget in enumerate(expected, start=1):
        qtbot.keyClick(window, getattr(Qt, f"Key_{digit}"), Qt.AltModifier)
        assert QApplication.focusWidget() is widget, digit


# 7 -------------------------------------------------------------------------------------------------
def test_count_follows_an_edit_that_hides_a_fiche(window, qtbot) -> None:  # type: ignore[no-untyped-def]
    action_id = _open(window, qtbot)
    navigation = window.navigation
    navigation.status.setCurrentIndex(navigation.status.findData("non_demarree"))
    shown = len(navigation.visible_action_ids())
    assert navigation.count.text() == f"{shown} fiches affichées"
    window.open_action(action_id)
    combo = window.fiche_view.suivi.status
    combo.setCurrentIndex(combo.findData("en_cours"))
    combo.commit()
    qtbot.waitUntil(lambda: navigation.count.text() == f"{shown - 1} fiches affichées", timeout=1000)


def test_mes_fiches_is_unchecked_when_the_referent_is_cleared(window) -> None:  # type: ignore[no-untyped-def]
    navigation = window.navigation
    everything = len(navigation.visible_action_ids())
    navigation.set_referent_name("Personne Inconnue", "")
    navigation.mine.setChecked(True)
    assert len(navigation.visible_action_ids()) < everything
    navigation.set_referent_name("", "")
    assert not navigation.mine.isChecked() and not navigation.mine.isEnabled()
    assert len(navigation.visible_action_ids()) == everything


# 8 -------------------------------------------------------------------------------------------------
def _mnemonic(text: str) -> str | None:
    found = re.search(r"&([^&])", text.replace("&&", ""))
    return found.group(1).casefold() if found else None


def test_quit_is_last_and_mnemonics_are_unique_in_every_menu(window) -> None:  # type: ignore[no-untyped-def]
    fichier = window.menus["fichier"].actions()
    assert fichier[-1] is window.quit_action and fichier[-2].isSeparator()
    titles = [_mnemonic(menu.title()) for menu in window.menus.values()]
    assert len(titles) == len(set(titles)), titles
    for key, menu in window.menus.items():
        letters = [_mnemonic(a.text()) for a in menu.actions() if not a.isSeparator() and _mnemonic(a.text())]
        assert len(letters) == len(set(letters)), (key, [a.text() for a in menu.actions()])
