from __future__ import annotations

from datetime import date

import pytest

from sdus_desktop.core.statuses import ActionStatus
from sdus_desktop.ui.dashboard.dashboard_data import build_dashboard, reference_year
from sdus_desktop.ui.navigation.catalogue import Catalogue
from tests.ui.helpers import TODAY, first_action_id


def test_counts_late_stale_and_missing_values(db, services) -> None:  # type: ignore[no-untyped-def]
    catalogue = Catalogue(db)
    sdus = catalogue.plan("SDUS")
    first = catalogue.plan_actions(sdus)[0]
    services.set("action", first.id, "status", "Réalisée")
    indicator = first.indicators[0]
    services.set("value", f"{indicator.id}:2021", "value", "3")
    catalogue.reload({first.id})

    data = build_dashboard(catalogue, TODAY, grace_days=0, stale_days=90)
    total = data.rows["SDUS"][-1]
    assert total.is_total and total.total == 74
    assert total.counts[ActionStatus.REALISEE] == 1
    assert total.percent_done == round(100 / 74)
    assert sum(row.total for row in data.rows["SDUS"][:-1]) == 74
    assert [row.total for row in data.rows["SDSF"][:-1]] and data.rows["SDSF"][-1].total == 66
    # late steps: most late first, none from the réalisée fiche's closed status? steps stay open → still late
    assert data.late and data.late[0].days_late >= data.late[-1].days_late
    assert all(step.planned_end < TODAY for step in data.late)
    # the fiche just updated is not stale; every never-updated open fiche is
    stale_ids = {fiche.action_id for fiche in data.stale}
    assert first.id not in stale_ids
    assert len(stale_ids) == 140 - 1
    # indicator values missing for the reference year (2021)
    assert data.reference_years == {"SDUS": 2021, "SDSF": 2021}
    missing = {(m.action_id, m.indicator_number) for m in data.missing}
    assert (first.id, indicator.number) not in missing
    assert len(missing) == sum(len(a.indicators) for a in catalogue.all_actions()) - 1


def test_reference_year_stays_inside_the_plan(db) -> None:  # type: ignore[no-untyped-def]
    plan = Catalogue(db).plan("SDSF")
    assert reference_year(plan, date(2026, 1, 5)) == 2023
    assert reference_year(plan, date(2018, 1, 5)) == 2020


def test_dashboard_page_lists_open_the_fiche(window) -> None:  # type: ignore[no-untyped-def]
    window.show_dashboard()
    page = window.dashboard
    assert window.pages.currentWidget() is page
    assert not window.navigation.isVisible()
    assert page.bar_titles["SDUS"].text() == "SDUS — 74 fiches, 0 % réalisées"
    assert page.lists.tabText(0) == f"En retard ({len(page.data.late)})"
    assert page.late.rowCount() == len(page.data.late) > 0
    item = page.late.item(0, 1)
    page.late.itemActivated.emit(item)
    assert window.pages.currentWidget() is window.fiche_view
    assert window.current_action_id() == page.data.late[0].action_id
    assert window.navigation.isVisible()


@pytest.mark.slow
def test_dashboard_refreshes_after_an_edit(window) -> None:  # type: ignore[no-untyped-def]
    window.show_dashboard()
    action_id = first_action_id(window, "SDSF", 1)
    window.editor.set("action", action_id, "status", "realisee")
    assert window.dashboard.bar_titles["SDSF"].text() == f"SDSF — 66 fiches, {round(100 / 66)} % réalisées"
    assert "SDSF" in window.dashboard.bars["SDSF"].toolTip() or "Réalisée 1" in window.dashboard.bars["SDSF"].toolTip()
