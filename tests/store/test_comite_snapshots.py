"""Comité snapshots: frozen read-only, compared per fiche as net changes, rebuilt from the journal when none."""

from __future__ import annotations

import sqlite3
import time
from datetime import date, datetime

import pytest

from sdus_desktop.core.comite_compare import (
    DONE,
    NEWLY_LATE,
    SLIPPED,
    compare,
    percent_of_target,
    target_number,
)
from sdus_desktop.store.comite_snapshots import (
    SnapshotError,
    changes_since,
    find,
    freeze,
    last_snapshot,
    list_snapshots,
    load_state,
    pending_conflicts,
)
from sdus_desktop.store.comite_state import current_state, state_at
from tests.support.comite_year import first_half, pending_conflict, second_half

COMITE = date(2026, 3, 12)


def _next_second() -> datetime:
    """The journal keeps whole seconds: wait for the next one so that `when` splits the edits cleanly."""
    time.sleep(1.02 - (time.time() % 1))
    return datetime.now().replace(microsecond=0)


@pytest.fixture
def year(db):  # type: ignore[no-untyped-def]
    ids = first_half(db)
    between = _next_second()
    info = freeze(db, "Marie Dupont", COMITE)
    second_half(db, ids)
    return db, ids, info, between


def test_freeze_then_compare_gives_net_changes_per_fiche(year) -> None:  # type: ignore[no-untyped-def]
    db, ids, info, _ = year
    assert info.fiche_count == 74 + 66 and info.label == "comité du 12/03/2026"
    assert [s.id for s in list_snapshots(db)] == [info.id] and last_snapshot(db, "SDUS") == info
    since = changes_since(db, "SDUS", date.today())
    assert since is not None and since.title == "Depuis le comité du 12/03/2026"
    [fiche] = since.comparison.fiches  # only fiche 12 changed after the comité
    assert fiche.number == 12 and fiche.action_id == ids["twelve"]
    assert fiche.status == ("en_cours", "realisee")  # the intermediate « Reportée » is not a net change
    assert fiche.status_text() == "◐ En cours → ● Réalisée"
    assert fiche.avancement == (30, 100)
    kinds = {(step.number, step.kind) for step in fiche.steps}
    assert kinds == {(2, DONE), (3, SLIPPED)}
    done = next(step for step in fiche.steps if step.kind == DONE)
    assert done.text().endswith("(le 10/01/2026)")
    slipped = next(step for step in fiche.steps if step.kind == SLIPPED)
    assert slipped.detail == "fin prévue 31/12/2020 → 31/12/2027"
    [value] = fiche.values
    assert (value.period, value.before, value.after, value.target) == ("2022", "", "31", "40")
    assert value.percent_of_target == pytest.approx(77.5)
    assert value.text().endswith(". Nombre de saisines DECLIC — 2022 : 31, 78 % de la cible 40")
    assert fiche.bilan == "Diagnostic partagé avec l'ARS ; fiche réflexe diffusée."
    assert since.comparison.summary().startswith("1 fiche(s) sur 74 ont changé ; statut passé à réalisée : 1")


def test_snapshot_is_read_only_and_frozen_once(year) -> None:  # type: ignore[no-untyped-def]
    db, _, info, _ = year
    connection = sqlite3.connect(str(db.path))
    with pytest.raises(sqlite3.IntegrityError, match="ne peut pas être modifié"):
        connection.execute("UPDATE comite_snapshot SET user = 'autre' WHERE id = ?", (info.id,))
    connection.close()
    with pytest.raises(SnapshotError, match="déjà figé"):
        freeze(db, "Marie Dupont", COMITE)
    other = freeze(db, "Marie Dupont", COMITE, "SDSF")  # another scope, same day: allowed
    assert other.plan_code == "SDSF" and other.fiche_count == 66
    assert find(db, "12/03/2026").id == other.id and find(db, str(info.id)) == info
    with pytest.raises(SnapshotError, match="aucun état figé « 01/01/2020 »"):
        find(db, "01/01/2020")
    with pytest.raises(SnapshotError, match="introuvable"):
        load_state(db, 999)


def test_state_rebuilt_from_the_journal_equals_the_snapshot(year) -> None:  # type: ignore[no-untyped-def]
    db, _, info, between = year
    frozen = load_state(db, info.id)
    rebuilt = state_at(db.path, between)
    assert rebuilt["fiches"] == frozen["fiches"]
    assert current_state(db.path, date.today())["fiches"] != frozen["fiches"]
    by_date = changes_since(db, "SDUS", date.today(), since=between)
    by_snapshot = changes_since(db, "SDUS", date.today(), snapshot_id=info.id)
    assert by_date is not None and by_snapshot is not None and by_date.title == f"Depuis le {between:%d/%m/%Y}"
    assert by_date.comparison.fiches == by_snapshot.comparison.fiches


def test_no_snapshot_and_no_date_means_no_section(db) -> None:  # type: ignore[no-untyped-def]
    assert changes_since(db, None, date.today()) is None
    assert pending_conflicts(db) == 0
    pending_conflict(db, 1)
    assert pending_conflicts(db) == 1


def _state(on: str, steps: list[dict], values: dict[str, str] | None = None, target: str = "") -> dict:  # type: ignore[type-arg]
    return {"date": on, "fiches": [{
        "id": 1, "plan": "SDUS", "number": 1, "title": "T", "axe": "1.1", "status": "en_cours", "avancement": 0,
        "bilan": "", "steps": steps,
        "indicators": [{"id": 5, "number": 1, "label": "I", "kind": "nombre", "target": target,
                        "values": values or {}}]}]}


def _step(status: str = "a_faire", end: str | None = None, calendrier: str = "") -> dict:  # type: ignore[type-arg]
    return {"id": 7, "number": 1, "label": "Réunir", "status": status, "calendrier": calendrier,
            "planned_start": None, "planned_end": end, "actual_end": None}


def test_newly_late_is_late_at_the_second_date_only() -> None:
    before = _state("2026-03-12", [_step(end="2026-06-30")])
    after = _state("2026-11-30", [_step(end="2026-06-30")])
    [fiche] = compare(before, after).fiches
    assert [(s.kind, s.detail) for s in fiche.steps] == [(NEWLY_LATE, "fin prévue 30/06/2026")]
    already = _state("2026-03-12", [_step(end="2026-01-31")])
    assert compare(already, _state("2026-11-30", [_step(end="2026-01-31")])).fiches == []  # late both times
    done = _state("2026-11-30", [_step(status="realisee", end="2026-06-30")])
    assert [s.kind for s in compare(before, done).fiches[0].steps] == [DONE]
    by_calendrier = _state("2026-11-30", [_step(calendrier="2027")])  # the calendrier moved the end later
    assert [s.kind for s in compare(before, by_calendrier).fiches[0].steps] == [SLIPPED]
    assert compare(before, before).fiches == []


def test_values_against_targets() -> None:
    before = _state("2026-03-12", [], {"2025": "10"}, target="75 %")
    after = _state("2026-11-30", [], {"2025": "12", "2026": "30"}, target="75 %")
    values = compare(before, after).fiches[0].values
    assert [(v.period, v.before, v.after) for v in values] == [("2025", "10", "12"), ("2026", "", "30")]
    assert values[0].text() == "1. I — 2025 : 12 (avant : 10), 16 % de la cible 75 %"
    assert target_number("40") == 40 and target_number("12,5") == 12.5 and target_number("75 %") == 75
    assert target_number("au moins 40") is None and target_number("") is None
    assert percent_of_target("20", "40") == 50 and percent_of_target("20", "0") is None
    assert percent_of_target(None, "40") is None
    removed = _state("2026-11-30", [], {}, target="")
    assert compare(before, removed).fiches[0].values[0].text() == "1. I — 2025 : valeur effacée (avant : 10)"


def test_a_year_of_edits_rebuilt_at_every_comite(db, services) -> None:  # type: ignore[no-untyped-def]
    """Structure too: steps added, moved and removed, indicators added and removed, values cleared — the state
    rebuilt from the journal at each comité equals what was frozen then."""
    from sdus_desktop.store.queries import load_action
    from tests.support.comite_year import fiches

    by_number = fiches(db)
    one, two = by_number[1].id, by_number[2].id  # type: ignore[attr-defined]
    checkpoints: list[tuple[datetime, int]] = []

    def comite(day: date) -> None:
        when = _next_second()
        checkpoints.append((when, freeze(db, "Marie Dupont", day).id))
        _next_second()

    comite(date(2026, 1, 15))
    added = int(services.add_step(one, "Étape ajoutée en janvier", "2026").changes[0].key)
    services.set("action", one, "status", "En cours")
    indicator = int(services.add_indicator(two, "Nombre de réunions", "nombre", "12").changes[0].key)
    services.set("value", f"{indicator}:2026-T1", "value", "3")
    comite(date(2026, 3, 12))
    services.move_step(added, 1)
    services.set("step", added, "planned_end", "30/09/2026")
    with db.reading() as session:
        first_of_two = load_action(session, two).steps[0].id
    services.remove_step(first_of_two)
    services.set("value", f"{indicator}:2026-T1", "value", None)
    services.set("value", f"{indicator}:2026", "value", "9")
    services.set("indicator", indicator, "target", "15")
    comite(date(2026, 6, 20))
    services.remove_indicator(indicator)
    services.remove_step(added)
    services.set("action", one, "avancement", "60")
    services.set("action", two, "bilan", "Réunions tenues")
    comite(date(2026, 10, 2))
    for when, snapshot_id in checkpoints:
        assert state_at(db.path, when)["fiches"] == load_state(db, snapshot_id)["fiches"], when
