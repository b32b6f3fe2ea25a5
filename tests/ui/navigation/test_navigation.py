from __future__ import annotations

from sdus_desktop.core.statuses import ActionStatus
from sdus_desktop.ui.navigation.catalogue import Catalogue
from sdus_desktop.ui.navigation.navigation import (
    ACTION_ID_ROLE,
    KIND_FICHE,
    KIND_ROLE,
    Criteria,
    NavigationFilter,
    NavigationModel,
)
from tests.ui.helpers import TODAY


def _model(db, qtmodeltester=None):  # type: ignore[no-untyped-def]
    catalogue = Catalogue(db)
    model = NavigationModel(catalogue, TODAY)
    proxy = NavigationFilter(model)
    return catalogue, model, proxy


def test_tree_has_both_plans_and_every_fiche(db, qtmodeltester) -> None:  # type: ignore[no-untyped-def]
    catalogue, model, proxy = _model(db)
    qtmodeltester.check(model)
    qtmodeltester.check(proxy)
    assert model.rowCount() == 2
    sdus = model.index(0, 0)
    assert sdus.data().startswith("SDUS — ")
    assert model.rowCount(sdus) == 4  # orientations
    assert model.rowCount(model.index(1, 0)) == 9  # SDSF thématiques
    assert len(proxy.visible_action_ids()) == 74 + 66


def test_fiche_row_shows_number_title_and_status_symbol_with_text(db) -> None:  # type: ignore[no-untyped-def]
    catalogue, model, _ = _model(db)
    action = catalogue.all_actions()[0]
    index = model.fiche_index(action.id)
    assert index.data(KIND_ROLE) == KIND_FICHE
    assert index.data().startswith(f"Fiche {action.number} · ")
    status = index.siblingAtColumn(1).data()
    assert status.startswith("○ Non démarrée")
    late = index.data(Qt_late_role())
    assert ("⚠ en retard" in status) == late


def Qt_late_role() -> int:  # noqa: N802 - small helper to keep the import list short
    from sdus_desktop.ui.navigation.navigation import LATE_ROLE

    return LATE_ROLE


def test_search_is_accent_and_case_insensitive_and_covers_steps(db) -> None:  # type: ignore[no-untyped-def]
    catalogue, _model_, proxy = _model(db)
    proxy.set_criteria(Criteria(text="MOBILITE"))
    found = proxy.visible_action_ids()
    assert found
    assert all("mobilit" in _all_text(catalogue.actions[i]) for i in found)
    step = catalogue.all_actions()[5].steps[0]
    words = step.label.split()[:3]
    proxy.set_criteria(Criteria(text=" ".join(words).upper()))
    assert catalogue.all_actions()[5].id in proxy.visible_action_ids()
    proxy.set_criteria(Criteria(text="zzzz introuvable"))
    assert proxy.visible_action_ids() == []
    assert proxy.rowCount() == 0


def _all_text(action) -> str:  # type: ignore[no-untyped-def]
    from sdus_desktop.ui.navigation.catalogue import search_text

    return search_text(action)


def test_filters_plan_status_late_year_referent(db, services) -> None:  # type: ignore[no-untyped-def]
    catalogue, model, proxy = _model(db)
    sdsf = catalogue.plan("SDSF")
    target = catalogue.plan_actions(sdsf)[2]
    services.set("action", target.id, "status", "Réalisée")
    services.set("action", target.id, "referents", ["Élodie Martin"])
    catalogue.reload({target.id})
    model.refresh_actions({target.id})

    proxy.set_criteria(Criteria(plan="SDSF"))
    assert len(proxy.visible_action_ids()) == 66
    proxy.set_criteria(Criteria(status=ActionStatus.REALISEE.value))
    assert proxy.visible_action_ids() == [target.id]
    proxy.set_criteria(Criteria(referent="elodie MARTIN"))
    assert proxy.visible_action_ids() == [target.id]
    proxy.set_criteria(Criteria(late_only=True))
    late = proxy.visible_action_ids()
    assert late and target.id not in late  # a réalisée fiche is never late
    assert all(model.fiche_index(i).data(Qt_late_role()) for i in late)
    proxy.set_criteria(Criteria(year=2019))
    in_2019 = proxy.visible_action_ids()
    assert in_2019 and len(in_2019) < 140
    proxy.set_criteria(Criteria(plan="SDSF", year=2019))
    assert proxy.visible_action_ids() == []  # the SDSF starts in 2020


def test_pilote_filter_matches_every_fiche_an_organisation_pilots_or_copilots(db) -> None:  # type: ignore[no-untyped-def]
    from sdus_desktop.core.organisations import split_organisations

    catalogue, _model_, proxy = _model(db)
    ars = [a.id for a in catalogue.all_actions()
           if any(org == "ARS" for item in a.pilotage for org in split_organisations(item))]
    assert len(ars) >= 9  # « ARS », « Conseil départemental – ARS », « Observatoire et ARS »…
    proxy.set_criteria(Criteria(pilote="ARS"))
    assert sorted(proxy.visible_action_ids()) == sorted(ars)


def test_visible_ids_follow_tree_order(db) -> None:  # type: ignore[no-untyped-def]
    catalogue, _model_, proxy = _model(db)
    assert proxy.visible_action_ids() == [a.id for a in catalogue.all_actions()]
    assert proxy.index(0, 0).data(ACTION_ID_ROLE) is None


def test_keyboard_from_search_to_fiche(window, qtbot) -> None:  # type: ignore[no-untyped-def]
    """Type in the search field, Entrée opens the first match; ↓ moves into the results."""
    from PySide6.QtCore import Qt

    panel = window.navigation
    panel.search.setText("charte")
    first = panel.visible_action_ids()[0]
    qtbot.keyClick(panel.search, Qt.Key.Key_Return)
    assert window.current_action_id() == first
    assert panel.tree.hasFocus() or not window.isActiveWindow()
    panel.search.setText("mobilite")
    panel.tree.setCurrentIndex(panel.tree.currentIndex().siblingAtRow(-1))
    qtbot.keyClick(panel.search, Qt.Key.Key_Down)
    assert window.current_action_id() == panel.visible_action_ids()[0]


def test_search_texts_are_prepared_after_start_up_and_follow_edits(db, services, qtbot) -> None:  # type: ignore[no-untyped-def]
    catalogue, model, proxy = _model(db)
    assert model._searchables == {}  # start-up builds none of them
    qtbot.waitUntil(lambda: len(model._searchables) == 140, timeout=5000)  # then all, while nobody types
    target = catalogue.all_actions()[3]
    services.set("action", target.id, "bilan", "Partenariat avec la ludothèque de Mende")
    catalogue.reload({target.id})
    model.refresh_actions({target.id})
    proxy.set_criteria(Criteria(text="ludotheque mende"))
    assert proxy.visible_action_ids() == [target.id]  # the edited fiche's text, not the prepared one
