"""The tree's Référent column and filter (issue 12): names or « — », a filter by person (Tous, Sans référent,
each référent) combined with the others, by keyboard, and a column that can be hidden on a small screen."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

from sdus_desktop.core.statuses import ActionStatus
from sdus_desktop.ui.navigation.catalogue import Catalogue
from sdus_desktop.ui.navigation.navigation import (
    COLUMNS,
    NO_REFERENT,
    REFERENT_COLUMN,
    Criteria,
    NavigationFilter,
    NavigationModel,
)
from tests.ui.helpers import TODAY, first_action_id


def _person_ids(services) -> dict[str, int]:  # type: ignore[no-untyped-def]
    import sqlite3

    with sqlite3.connect(services.db.path) as connection:
        return dict(connection.execute("SELECT name, id FROM person"))


def test_the_column_shows_the_referents_or_a_dash(db, services, qtmodeltester) -> None:  # type: ignore[no-untyped-def]
    catalogue = Catalogue(db)
    target, other = catalogue.all_actions()[3].id, catalogue.all_actions()[4].id
    services.set("action", target, "referents", ["Élodie Martin", "Jean Roux"])
    model = NavigationModel(Catalogue(db), TODAY)
    qtmodeltester.check(model)
    assert model.headerData(REFERENT_COLUMN, Qt.Orientation.Horizontal) == "Référent" == COLUMNS[2]
    cell = model.fiche_index(target).siblingAtColumn(REFERENT_COLUMN)
    assert cell.data() == "Élodie Martin, Jean Roux"
    assert "Élodie Martin, Jean Roux" in cell.data(Qt.ItemDataRole.ToolTipRole)
    empty = model.fiche_index(other).siblingAtColumn(REFERENT_COLUMN)
    assert empty.data() == "—"
    assert empty.data(Qt.ItemDataRole.AccessibleTextRole) == "Aucun référent"  # a screen reader says it
    assert [name for _, name in model.referents()] == ["Élodie Martin", "Jean Roux"]


def test_the_filter_matches_the_person_not_a_similar_name(db, services) -> None:  # type: ignore[no-untyped-def]
    catalogue = Catalogue(db)
    actions = catalogue.all_actions()
    roux, roux_martin, both = actions[0].id, actions[1].id, actions[2].id
    services.set("action", roux, "referents", ["Jean Roux"])
    services.set("action", roux_martin, "referents", ["Jean Roux-Martin"])
    services.set("action", both, "referents", ["Jean Roux-Martin", "Jean Roux"])
    services.set("action", both, "status", "Réalisée")
    people = _person_ids(services)
    model = NavigationModel(Catalogue(db), TODAY)
    proxy = NavigationFilter(model)

    proxy.set_criteria(Criteria(referent_id=people["Jean Roux"]))
    assert proxy.visible_action_ids() == [roux, both]  # « Jean Roux » is a word of « Jean Roux-Martin »
    proxy.set_criteria(Criteria(referent_id=people["Jean Roux-Martin"]))
    assert proxy.visible_action_ids() == [roux_martin, both]
    proxy.set_criteria(Criteria(referent_id=people["Jean Roux"], status=ActionStatus.REALISEE.value))
    assert proxy.visible_action_ids() == [both]  # combined with the other filters
    proxy.set_criteria(Criteria(referent_id=NO_REFERENT))
    without = proxy.visible_action_ids()
    assert len(without) == 140 - 3 and not {roux, roux_martin, both} & set(without)
    proxy.set_criteria(Criteria(referent_id=NO_REFERENT, plan="SDSF"))
    assert len(proxy.visible_action_ids()) == 66


def test_the_filter_by_keyboard_follows_new_assignments(window, services) -> None:  # type: ignore[no-untyped-def]
    panel = window.navigation
    combo = panel.referent
    assert combo.accessibleName() == "Filtrer par référent"
    assert [combo.itemText(i) for i in range(combo.count())] == ["Tous les référents", "Sans référent"]
    targets = [first_action_id(window, "SDUS", 1), first_action_id(window, "SDSF", 2)]
    window.notify_changed(services.assign_referent("Zoé Lefèvre", targets))
    assert [combo.itemText(i) for i in range(combo.count())] == ["Tous les référents", "Sans référent", "Zoé Lefèvre"]

    combo.setFocus()
    QTest.keyClick(combo, Qt.Key.Key_Down)  # « Sans référent »
    assert combo.currentData() == NO_REFERENT
    assert len(panel.visible_action_ids()) == 138
    QTest.keyClick(combo, Qt.Key.Key_Down)  # the person
    assert panel.visible_action_ids() == targets
    assert "2 fiches affichées" in panel.count.text()
    panel.plan.setCurrentIndex(panel.plan.findData("SDSF"))
    assert panel.visible_action_ids() == targets[1:]

    # Her fiches handed to someone else: she is no longer a choice, the filter falls back to everyone.
    for target in targets:
        window.notify_changed(services.set("action", target, "referents", ["Paul Nègre"]))
    assert combo.findText("Zoé Lefèvre") < 0 and combo.currentIndex() == 0
    assert len(panel.visible_action_ids()) == 66  # still on the SDSF plan


def test_no_fiche_for_a_referent_says_why(window, services) -> None:  # type: ignore[no-untyped-def]
    panel = window.navigation
    window.notify_changed(services.assign_referent("Zoé Lefèvre", [first_action_id(window, "SDUS", 1)]))
    panel.referent.setCurrentIndex(panel.referent.findText("Zoé Lefèvre"))
    panel.plan.setCurrentIndex(panel.plan.findData("SDSF"))
    assert panel.visible_action_ids() == [] and panel.empty_box.isVisible()
    assert "le référent « Zoé Lefèvre »" in panel.empty_reason.text()
    QTest.keyClick(panel.reset_button, Qt.Key.Key_Space)
    assert panel.referent.currentIndex() == 0 and len(panel.visible_action_ids()) == 140


def test_the_column_shows_on_a_wide_tree_and_is_chosen_from_the_menu(window, qtbot) -> None:  # type: ignore[no-untyped-def]
    from sdus_desktop.ui.navigation.navigation_panel import REFERENT_COLUMN_MIN_TREE_WIDTH, NavigationPanel

    assert window.navigation.referent_column_action in window.menus["affichage"].actions()
    panel = NavigationPanel(window.navigation_model, window.catalogue)
    qtbot.addWidget(panel)
    action = panel.referent_column_action
    panel.resize(REFERENT_COLUMN_MIN_TREE_WIDTH + 120, 500)
    panel.show()
    qtbot.waitUntil(lambda: panel.tree.viewport().width() >= REFERENT_COLUMN_MIN_TREE_WIDTH)
    assert not panel.tree.isColumnHidden(REFERENT_COLUMN) and action.isChecked()
    header = panel.tree.header()
    assert 0 < header.sectionSize(REFERENT_COLUMN) <= panel.tree.viewport().width() * 0.22 + 1
    panel.resize(340, 500)  # a small screen: the titles first
    qtbot.waitUntil(lambda: panel.tree.isColumnHidden(REFERENT_COLUMN))
    assert not action.isChecked()
    action.trigger()  # asked for: shown, however narrow
    assert not panel.tree.isColumnHidden(REFERENT_COLUMN) and action.isChecked()
    panel.resize(330, 500)
    qtbot.wait(20)
    assert not panel.tree.isColumnHidden(REFERENT_COLUMN)
    action.trigger()
    panel.resize(REFERENT_COLUMN_MIN_TREE_WIDTH + 140, 500)
    qtbot.wait(20)
    assert panel.tree.isColumnHidden(REFERENT_COLUMN) and not action.isChecked()  # hidden by choice, however wide


def test_the_title_tooltip_names_the_referents(window, services) -> None:  # type: ignore[no-untyped-def]
    target = first_action_id(window, "SDUS", 4)
    window.notify_changed(services.assign_referent("Zoé Lefèvre", [target]))
    model = window.navigation_model
    assert "Référent : Zoé Lefèvre" in model.fiche_index(target).data(Qt.ItemDataRole.ToolTipRole)
    other = model.fiche_index(first_action_id(window, "SDUS", 5))
    assert "Référent : aucun" in other.data(Qt.ItemDataRole.ToolTipRole)
