"""Finding one's fiches (issue 8): Mes fiches by name or organisation, pilote filter per organisation,
search everywhere with ranking, empty results explained, tree and fiche always in step."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from tests.ui.helpers import first_action_id


def _numbers(window, ids):  # type: ignore[no-untyped-def]
    return [(window.catalogue.plan_of[i].code, window.catalogue.actions[i].number) for i in ids]


def test_mes_fiches_matches_an_organisation_among_pilotes_and_copilotes(window, qtbot) -> None:  # type: ignore[no-untyped-def]
    window.settings.set_value("referent_name", "ARS")
    window.apply_settings()
    panel = window.navigation
    panel.mine.setFocus()
    QTest.keyClick(panel.mine, Qt.Key_Space)
    assert panel.mine.isChecked()
    found = _numbers(window, panel.visible_action_ids())
    assert len(found) == 9 and ("SDUS", 12) in found
    assert panel.tree.isVisible() and not panel.empty_box.isVisible()


def test_mes_fiches_matches_the_user_as_referent(window, services) -> None:  # type: ignore[no-untyped-def]
    target = first_action_id(window, "SDSF", 3)
    services.set("action", target, "referents", ["Marie Dupont"])
    window.notify_changed(services.set("action", target, "bilan", "x"))
    window.navigation.mine.setChecked(True)
    assert window.navigation.visible_action_ids() == [target]


def test_the_pilote_filter_lists_each_organisation_once(window) -> None:  # type: ignore[no-untyped-def]
    combo = window.navigation.pilote
    names = [combo.itemText(i) for i in range(1, combo.count())]
    assert names.count("ARS") == 1 and "Conseil départemental - ARS" not in names
    assert "DDCSPP" in names and "Conseil départemental – DDCSPP" not in names
    combo.setCurrentIndex(combo.findData("ARS"))
    assert len(window.navigation.visible_action_ids()) == 9


def test_an_empty_result_says_why_and_offers_to_reset(window, qtbot) -> None:  # type: ignore[no-untyped-def]
    panel = window.navigation
    window.settings.set_value("referent_name", "Personne Inconnue")
    window.settings.set_value("user_name", "Personne Inconnue")
    window.apply_settings()
    panel.mine.setChecked(True)
    assert panel.visible_action_ids() == []
    assert panel.empty_box.isVisible() and not panel.tree.isVisible()
    assert "Mes fiches" in panel.empty_reason.text() and "Personne Inconnue" in panel.empty_reason.text()
    panel.reset_button.setFocus()
    QTest.keyClick(panel.reset_button, Qt.Key_Space)
    assert not panel.mine.isChecked() and len(panel.visible_action_ids()) == 140
    assert panel.tree.isVisible() and not panel.empty_box.isVisible()


def test_search_covers_the_problematique(window) -> None:  # type: ignore[no-untyped-def]
    panel = window.navigation
    panel.search.setFocus()
    QTest.keyClicks(panel.search, "Mobilite")
    assert ("SDUS", 7) in _numbers(window, panel.visible_action_ids())


def test_number_queries_put_that_fiche_first_and_ignore_dates(window) -> None:  # type: ignore[no-untyped-def]
    panel = window.navigation
    for typed, expected in (("12", ("SDUS", 12)), ("fiche 12", ("SDUS", 12)), ("SDSF 3", ("SDSF", 3)),
                            ("action 3", ("SDSF", 3)), ("3", ("SDUS", 3))):
        panel.search.setFocus()
        panel.search.selectAll()
        QTest.keyClicks(panel.search, typed)
        found = _numbers(window, panel.visible_action_ids())
        assert found[0] == expected, (typed, found[:3])
        assert len(found) <= 2, (typed, found)
        QTest.keyClick(panel.search, Qt.Key_Return)
        assert _numbers(window, [window.current_action_id()]) == [expected]
        assert window.fiche_view.title.text().startswith(("Fiche action n° ", "Action n° "))
        assert f"n° {expected[1]} " in window.fiche_view.title.text()


def test_title_matches_rank_before_other_text(window) -> None:  # type: ignore[no-untyped-def]
    panel = window.navigation
    panel.search.setText("numerique")
    found = panel.visible_action_ids()
    def in_title(i: int) -> bool:
        return "numerique" in window.catalogue.actions[i].title.lower().replace("é", "e")

    assert in_title(found[0])
    for axe_ids in {id(window.catalogue.axe_of[i]): [j for j in found if window.catalogue.axe_of[j]
                                                    is window.catalogue.axe_of[i]] for i in found}.values():
        flags = [in_title(i) for i in axe_ids]
        assert flags == sorted(flags, reverse=True)  # within an axe, title matches first


def test_tree_selection_follows_the_fiche_shown_through_searches(window, qtbot) -> None:  # type: ignore[no-untyped-def]
    panel = window.navigation
    twelve = first_action_id(window, "SDUS", 12)
    window.open_action(twelve)
    assert panel.current_action_id() == twelve
    panel.search.setText("SDSF 3")  # fiche 12 hidden: nothing highlighted rather than another fiche
    assert panel.current_action_id() is None and window.current_action_id() == twelve
    panel.search.clear()
    assert panel.current_action_id() == twelve
    QTest.keyClick(panel.tree, Qt.Key_Down)
    assert window.current_action_id() == panel.current_action_id() != twelve


def test_expansion_survives_a_search(window) -> None:  # type: ignore[no-untyped-def]
    panel = window.navigation
    panel.tree.collapseAll()
    sdus = panel.proxy.index(0, 0)
    panel.tree.expand(sdus)
    orientation = panel.proxy.index(1, 0, sdus)
    panel.tree.expand(orientation)
    panel.search.setText("mobilite")
    panel.search.clear()
    sdus = panel.proxy.index(0, 0)
    assert panel.tree.isExpanded(sdus) and panel.tree.isExpanded(panel.proxy.index(1, 0, sdus))
    assert not panel.tree.isExpanded(panel.proxy.index(0, 0, sdus))
    assert not panel.tree.isExpanded(panel.proxy.index(1, 0))


def test_a_late_step_opens_its_fiche_on_the_etapes_tab(window, qtbot) -> None:  # type: ignore[no-untyped-def]
    window.open_action(first_action_id(window, "SDUS", 12))
    window._show_tab(window.fiche_view.history)
    window.show_dashboard()
    late = window.dashboard.late
    late.setCurrentCell(0, 1)
    late.setFocus()
    action_id = late.item(0, 1).data(Qt.UserRole + 1) if late.item(0, 1) else None
    QTest.keyClick(late, Qt.Key_Return)
    qtbot.waitUntil(lambda: window.pages.currentWidget() is window.fiche_view)
    assert window.fiche_view.tabs.currentWidget() is window.fiche_view.steps
    shown = window.current_action_id()
    assert window.navigation.current_action_id() == shown
    assert f"n° {window.catalogue.actions[shown].number} " in window.fiche_view.title.text()
    assert action_id is None or action_id == shown
    assert QApplication.focusWidget() is window.fiche_view.steps.table
    step_number = int(late.item(0, 2).text().split(" · ")[0])
    assert window.fiche_view.steps.table.currentIndex().row() == step_number - 1  # the late étape selected
