"""The period-lock rule: what a validated comité of date D locks in the state it saw."""

from __future__ import annotations

from datetime import date

from hypothesis import given
from hypothesis import strategies as st

from sdus_desktop.core.period_lock import Lock, correction_origin, locked_cells, merge_locks, period_end

D = date(2026, 3, 12)


def _state(steps: list[dict[str, object]] | None = None, values: dict[str, object] | None = None) -> dict:
    return {"fiches": [{"id": 1, "steps": steps or [],
                        "indicators": [{"id": 7, "number": 1, "values": values or {}}]}]}


def test_period_end_of_years_and_quarters() -> None:
    assert period_end("2025") == date(2025, 12, 31)
    assert period_end("2025-T1") == date(2025, 3, 31)
    assert period_end("2024-T2") == date(2024, 6, 30)
    assert period_end("2026-T4") == date(2026, 12, 31)


def test_values_of_periods_over_at_the_comite_are_locked_running_or_empty_ones_are_not() -> None:
    locks = locked_cells(_state(values={"2025": "40", "2026-T1": "3", "2025-T4": "12", "2026": "8",
                                        "2024": None, "2023": ""}), D, 5)
    assert set(locks) == {("value", "7:2025", "value"), ("value", "7:2025-T4", "value")}
    assert locks[("value", "7:2025", "value")] == Lock(D, 5, "40")
    # 2026-T1 ends on 31/03/2026, after the comité of 12/03: a provisional figure, still open.
    assert ("value", "7:2026-T1", "value") not in locks
    assert not any(cell[2] == "comment" for cell in locks)   # comments stay open


def test_a_quarter_ending_on_the_comite_day_is_locked() -> None:
    locks = locked_cells(_state(values={"2026-T1": "3"}), date(2026, 3, 31), 1)
    assert ("value", "7:2026-T1", "value") in locks
    assert not locked_cells(_state(values={"2026-T1": "3"}), date(2026, 3, 30), 1)


def test_step_dates_up_to_the_comite_and_finished_states_are_locked() -> None:
    steps = [
        {"id": 10, "status": "realisee", "actual_start": "2025-01-10", "actual_end": "2026-03-12"},
        {"id": 11, "status": "en_cours", "actual_start": "2026-02-01", "actual_end": None},
        {"id": 12, "status": "realisee", "actual_start": None, "actual_end": "2026-04-01"},   # after D
        {"id": 13, "status": "abandonnee", "actual_end": None},
        {"id": 14, "status": "a_faire", "planned_end": "2025-01-01"},
    ]
    locks = locked_cells(_state(steps=steps), D, 2)
    assert set(locks) == {
        ("step", "10", "actual_start"), ("step", "10", "actual_end"), ("step", "10", "status"),
        ("step", "11", "actual_start"),
        ("step", "13", "status"),
    }
    assert locks[("step", "10", "actual_end")].seen == "2026-03-12"
    assert locks[("step", "13", "status")].seen == "abandonnee"


def test_an_older_snapshot_without_actual_start_locks_what_it_holds() -> None:
    locks = locked_cells(_state(steps=[{"id": 3, "status": "realisee", "actual_end": "2021-03-15"}]), D, 1)
    assert set(locks) == {("step", "3", "actual_end"), ("step", "3", "status")}


def test_the_latest_validated_comite_is_named() -> None:
    old = {("value", "7:2024", "value"): Lock(date(2025, 3, 1), 1, "40")}
    new = {("value", "7:2024", "value"): Lock(date(2026, 3, 1), 2, "42"),
           ("value", "7:2025", "value"): Lock(date(2026, 3, 1), 2, "50")}
    merged = merge_locks([new, old])
    assert merged[("value", "7:2024", "value")].snapshot_id == 2
    assert merge_locks([old, new]) == merged
    assert merged[("value", "7:2024", "value")].reason() == "valeur arrêtée par le comité du 01/03/2026 (validé)"
    assert correction_origin(date(2026, 3, 1)) == "correction (comité du 01/03/2026 verrouillé)"


@given(st.dates(min_value=date(2000, 1, 1), max_value=date(2100, 12, 31)),
       st.integers(min_value=2000, max_value=2100), st.sampled_from(["", "-T1", "-T2", "-T3", "-T4"]))
def test_a_value_is_locked_exactly_when_its_period_is_over(comite: date, year: int, quarter: str) -> None:
    period = f"{year}{quarter}"
    locked = ("value", f"7:{period}", "value") in locked_cells(_state(values={period: "1"}), comite, 1)
    assert locked == (period_end(period) <= comite)
    assert period_end(period).year == year


def test_drift_names_the_locked_cells_changed_since_the_comite_saw_them() -> None:
    from sdus_desktop.core.period_lock import drifted

    seen = {"fiches": [{"id": 1, "plan": "SDUS", "number": 12, "steps": [
        {"id": 10, "number": 1, "status": "realisee", "actual_end": "2025-03-15"},
        {"id": 11, "number": 2, "status": "en_cours", "actual_end": None}],
        "indicators": [{"id": 7, "number": 1, "kind": "nombre", "values": {"2025": "40", "2024": "12.5"}}]}]}
    assert drifted(seen, D, seen) == []
    now = {"fiches": [{"id": 1, "plan": "SDUS", "number": 12, "steps": [
        {"id": 10, "number": 1, "status": "en_cours", "actual_end": "2025-03-16"},
        {"id": 11, "number": 2, "status": "realisee", "actual_end": "2026-01-02"}],   # not locked: not seen
        "indicators": [{"id": 7, "number": 1, "kind": "nombre", "values": {"2025": "45"}}]}]}
    assert drifted(seen, D, now) == [
        "SDUS · fiche 12 · indicateur 1 · 2024 · valeur : 12,5 au comité, vide maintenant",
        "SDUS · fiche 12 · indicateur 1 · 2025 · valeur : 40 au comité, 45 maintenant",
        "SDUS · fiche 12 · étape 1 · fin réelle : 15/03/2025 au comité, 16/03/2025 maintenant",
        "SDUS · fiche 12 · étape 1 · état : Réalisée au comité, En cours maintenant",
    ]


def test_removing_an_element_is_locked_when_it_holds_a_locked_fact_naming_the_latest_comite() -> None:
    from sdus_desktop.core.period_lock import removal_lock

    early, late = date(2025, 3, 12), date(2025, 9, 1)
    locks = merge_locks([
        locked_cells({"fiches": [{"steps": [{"id": 7, "actual_start": "2024-05-02"}],
                                  "indicators": [{"id": 3, "values": {"2024": "4"}}]}]}, early, 1),
        locked_cells({"fiches": [{"steps": [{"id": 7, "actual_start": "2024-05-02", "actual_end": "2025-06-30",
                                             "status": "realisee"}],
                                  "indicators": [{"id": 3, "values": {"2025-T2": "5"}},
                                                 {"id": 31, "values": {"2026": "1"}}]}]}, late, 2),
    ])
    step = removal_lock(locks, "step", "7")
    assert step is not None and (step.comite_date, step.kind) == (late, "step")
    assert step.reason().startswith("étape dont le comité du 01/09/2025 (validé) a arrêté ses dates réelles")
    assert "équipe centrale" in step.what_to_do() and "confirmez la suppression" in step.what_to_do(central=True)
    indicator = removal_lock(locks, "indicator", "3")
    assert indicator is not None and indicator.reason().startswith("indicateur dont le comité du 01/09/2025")
    assert removal_lock(locks, "indicator", "31") is None   # 2026 was still running: nothing locked
    assert removal_lock(locks, "step", "70") is None and removal_lock({}, "indicator", "3") is None
    assert removal_lock(locks, "action", "1") is None
    assert step.cell_tooltip() == "Verrouillé par le comité du 01/09/2025"
    assert step.cell_note() == "verrouillé par le comité du 01/09/2025"
