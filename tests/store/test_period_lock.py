"""Period lock in the write path: a validated comité locks its past values; central mode corrects them, journaled."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from sdus_desktop.store.changes import Edit
from sdus_desktop.store.comite_snapshots import (
    SnapshotError,
    drift,
    drift_text,
    find,
    freeze,
    list_snapshots,
    validate,
    validation_history,
    withdraw,
)
from sdus_desktop.store.models import Indicator, JournalEntry, Step
from sdus_desktop.store.period_locks import LockedError
from sdus_desktop.store.services import Services
from tests.support.comite_year import fiches

COMITE = date(2026, 3, 12)


@pytest.fixture
def locked(db):  # type: ignore[no-untyped-def]
    """Fiche 12: a 2025 value 40, a 2026-T1 value 3, étape 1 done on 15/03/2025; the comité of 12/03/2026
    frozen and validated."""
    services = Services(db, "Marie Dupont")
    twelve = fiches(db)[12]
    steps = twelve.steps  # type: ignore[attr-defined]
    indicator = int(services.add_indicator(twelve.id, "Nombre de saisines", "nombre", "40").changes[0].key)  # type: ignore[attr-defined]
    services.apply([Edit("value", f"{indicator}:2025", "value", "40"),
                    Edit("value", f"{indicator}:2026-T1", "value", "3"),
                    Edit("step", str(steps[0].id), "actual_start", "02/01/2025"),
                    Edit("step", str(steps[0].id), "actual_end", "15/03/2025"),
                    Edit("step", str(steps[0].id), "status", "Réalisée")])
    info = freeze(db, "Marie Dupont", COMITE, now=datetime(2026, 3, 12, 9, 0))
    validate(db, "Paul Martin", info.id, now=datetime(2026, 3, 20, 10, 0))
    return services, {"action": twelve.id, "indicator": indicator, "step": steps[0].id,  # type: ignore[attr-defined]
                      "step2": steps[1].id, "snapshot": info.id}


def test_a_validated_comite_refuses_changing_its_past_values_with_the_place(locked) -> None:  # type: ignore[no-untyped-def]
    services, ids = locked
    with pytest.raises(LockedError) as refused:
        services.set("value", f"{ids['indicator']}:2025", "value", "45")
    error = refused.value
    assert error.where.startswith("fiche 12 · indicateur ") and error.where.endswith(" · 2025 · valeur")
    assert "valeur arrêtée par le comité du 12/03/2026 (validé)" in error.reason
    assert "équipe centrale" in error.reason
    for field, value in (("actual_end", "16/03/2025"), ("actual_end", None), ("actual_start", "03/01/2025"),
                         ("status", "En cours")):
        with pytest.raises(LockedError, match="fiche 12 · étape 1"):
            services.set("step", ids["step"], field, value)
    with pytest.raises(LockedError):   # erasing is changing
        services.set("value", f"{ids['indicator']}:2025", "value", "")


def test_a_refused_call_changes_nothing_even_its_open_edits(locked, db) -> None:  # type: ignore[no-untyped-def]
    services, ids = locked
    with pytest.raises(LockedError):
        services.apply([Edit("action", str(ids["action"]), "bilan", "Nouveau bilan"),
                        Edit("value", f"{ids['indicator']}:2025", "value", "45")])
    with db.reading() as session:
        assert session.query(JournalEntry).filter(JournalEntry.new == '"Nouveau bilan"').count() == 0


def test_identical_values_open_periods_and_the_current_summary_stay_editable(locked) -> None:  # type: ignore[no-untyped-def]
    services, ids = locked
    indicator = ids["indicator"]
    assert not services.set("value", f"{indicator}:2025", "value", "40,0")   # the same value: no change, no refusal
    assert not services.set("step", ids["step"], "actual_end", "15/03/2025")
    changed = services.apply([
        Edit("value", f"{indicator}:2026-T1", "value", "4"),     # ends 31/03/2026, after the comité
        Edit("value", f"{indicator}:2024", "value", "35"),       # the comité had no 2024 value: a late figure
        Edit("value", f"{indicator}:2025", "comment", "chiffre CAF"),
        Edit("action", str(ids["action"]), "status", "Réalisée"),
        Edit("action", str(ids["action"]), "avancement", "100"),
        Edit("step", str(ids["step"]), "comment", "bilan présenté"),
        Edit("step", str(ids["step2"]), "planned_end", "31/12/2027"),
    ])
    assert len(changed) == 7


def test_central_correction_is_journaled_as_a_correction_and_can_be_undone(locked, db) -> None:  # type: ignore[no-untyped-def]
    services, ids = locked
    key = f"{ids['indicator']}:2025"
    with services.correcting_locks():
        corrected = services.set("value", key, "value", "42")
    assert [c.new for c in corrected.changes] == ["42"]
    with db.reading() as session:
        entry = session.query(JournalEntry).filter(JournalEntry.entity_key == key).order_by(JournalEntry.id.desc()).first()
        assert entry.origin == "correction (comité du 12/03/2026 verrouillé)" and entry.new == '"42"'
    with pytest.raises(LockedError):   # undoing it touches the locked value again: refused outside a correction
        services.revert(corrected)
    with services.correcting_locks():
        undone = services.revert(corrected)
    assert [c.new for c in undone.changes] == ["40"]
    # Open values in the same corrected call are journaled with it (one call, one origin).
    with services.correcting_locks():
        mixed = services.set("value", f"{ids['indicator']}:2026", "value", "9")
    with db.reading() as session:
        entry = session.query(JournalEntry).filter(JournalEntry.entity_key == f"{ids['indicator']}:2026").one()
        assert entry.origin == "saisie" and mixed


def test_withdrawing_the_validation_unlocks_and_keeps_the_trace(locked, db) -> None:  # type: ignore[no-untyped-def]
    services, ids = locked
    info = withdraw(db, "Paul Martin", ids["snapshot"], now=datetime(2026, 3, 21, 8, 0))
    assert info.validated_on is None and info.validation_text == "non validé"
    assert services.set("value", f"{ids['indicator']}:2025", "value", "45")
    again = validate(db, "Paul Martin", ids["snapshot"], date(2026, 3, 22), now=datetime(2026, 3, 22, 9, 0))
    assert again.validated_on == date(2026, 3, 22) and "valeurs verrouillées" in again.text()
    assert validation_history(db, ids["snapshot"]) == [
        "validé le 12/03/2026 (saisi le 20/03/2026 à 10:00 par Paul Martin) · validation retirée le 21/03/2026 à "
        "08:00 par Paul Martin",
        "validé le 22/03/2026 (saisi le 22/03/2026 à 09:00 par Paul Martin)",
    ]
    with pytest.raises(LockedError):   # locked again, on the value the comité saw (45 is now refused too)
        services.set("value", f"{ids['indicator']}:2025", "value", "46")


def test_validation_refusals(locked, db) -> None:  # type: ignore[no-untyped-def]
    _, ids = locked
    with pytest.raises(SnapshotError, match="déjà validé"):
        validate(db, "Paul", ids["snapshot"])
    future = freeze(db, "Marie", date(2099, 1, 1))
    with pytest.raises(SnapshotError, match="n'a pas encore eu lieu"):
        validate(db, "Paul", future.id)
    other = freeze(db, "Marie", date(2026, 6, 1), now=datetime(2026, 6, 1, 8, 0))
    with pytest.raises(SnapshotError, match="entre le jour du comité"):
        validate(db, "Paul", other.id, date(2026, 5, 31))
    with pytest.raises(SnapshotError, match="n'est pas validé"):
        withdraw(db, "Paul", other.id)
    with pytest.raises(SnapshotError, match="introuvable"):
        validate(db, "Paul", 999)
    assert [s.validated_on for s in list_snapshots(db)] == [date(2026, 3, 12), None, None]
    assert find(db, "12/03/2026").validated_by == "Paul Martin"


def test_a_later_validated_comite_locks_a_late_figure_and_is_named(locked, db) -> None:  # type: ignore[no-untyped-def]
    services, ids = locked
    services.set("value", f"{ids['indicator']}:2024", "value", "35")   # late figure, open
    later = freeze(db, "Marie", date(2026, 6, 1), now=datetime(2026, 6, 1, 8, 0))
    validate(db, "Paul", later.id, now=datetime(2026, 6, 2, 8, 0))
    with pytest.raises(LockedError, match="comité du 01/06/2026"):
        services.set("value", f"{ids['indicator']}:2024", "value", "36")
    with pytest.raises(LockedError, match="comité du 01/06/2026"):   # 2026-T1 is over at the second comité
        services.set("value", f"{ids['indicator']}:2026-T1", "value", "5")


def test_drift_before_validating_says_what_changed_since_the_freeze(db) -> None:  # type: ignore[no-untyped-def]
    services = Services(db, "Marie Dupont")
    twelve = fiches(db)[12]
    indicator = int(services.add_indicator(twelve.id, "Nombre de saisines", "nombre").changes[0].key)  # type: ignore[attr-defined]
    services.set("value", f"{indicator}:2025", "value", "40")
    info = freeze(db, "Marie Dupont", COMITE, "SDUS")
    assert drift(db, info.id) == [] and drift_text([]) == ""
    services.set("value", f"{indicator}:2025", "value", "45")
    lines = drift(db, info.id)
    assert lines == [f"SDUS · fiche 12 · indicateur {len(twelve.indicators) + 1} · 2025 · valeur : 40 au comité, "  # type: ignore[attr-defined]
                     "45 maintenant"]
    assert drift_text(lines).startswith("Attention : 1 valeur(s) ont changé depuis que l'état a été figé")
    assert drift_text(lines * 12).endswith("… et 2 autre(s)")


def test_removing_what_holds_locked_facts_is_refused_with_the_place(locked, db) -> None:  # type: ignore[no-untyped-def]
    services, ids = locked
    with pytest.raises(LockedError) as refused:
        services.remove_step(ids["step"])
    assert refused.value.where == "fiche 12 · étape 1"
    assert "comité du 12/03/2026 (validé) a arrêté ses dates réelles ou son état" in refused.value.reason
    assert "équipe centrale" in refused.value.reason
    with pytest.raises(LockedError, match=r"fiche 12 · indicateur \d+ :.*comité du 12/03/2026"):
        services.remove_indicator(ids["indicator"])
    with pytest.raises(LockedError):   # clearing a locked value is removing it
        services.set("value", f"{ids['indicator']}:2025", "value", None)
    with db.reading() as session:
        assert session.get(Step, ids["step"]) is not None and session.get(Indicator, ids["indicator"]) is not None
    # What holds no locked fact is removed as before: étape 2 (never started), a new indicator.
    assert services.remove_step(ids["step2"])
    other = int(services.add_indicator(ids["action"], "Autre", "nombre").changes[0].key)
    services.set("value", f"{other}:2026", "value", "3")   # an open period
    assert services.remove_indicator(other)


def test_central_removal_is_a_correction_and_its_undo_puts_it_back(locked, db) -> None:  # type: ignore[no-untyped-def]
    services, ids = locked
    with services.correcting_locks():
        removed = services.remove_indicator(ids["indicator"])
    with db.reading() as session:
        entry = session.query(JournalEntry).filter(JournalEntry.entity == "indicator",
                                                   JournalEntry.entity_key == str(ids["indicator"])) \
            .order_by(JournalEntry.id.desc()).first()
        assert entry.origin == "correction (comité du 12/03/2026 verrouillé)" and removed.changes[0].new is None
    services.revert(removed)   # putting it back changes no locked fact
    with pytest.raises(LockedError):   # the value the comité saw is locked again
        services.set("value", f"{ids['indicator']}:2025", "value", "41")
    with services.correcting_locks():
        assert services.remove_step(ids["step"])


def test_undoing_the_creation_of_a_locked_element_is_a_removal(locked, db) -> None:  # type: ignore[no-untyped-def]
    services, ids = locked
    created = services.add_indicator(ids["action"], "Tardif", "nombre")
    key = created.changes[0].key
    services.set("value", f"{key}:2025", "value", "8")   # a late figure: open, until a later comité validates it
    later = freeze(db, "Marie", date(2026, 6, 1), now=datetime(2026, 6, 1, 8, 0))
    validate(db, "Paul", later.id, now=datetime(2026, 6, 2, 8, 0))
    with pytest.raises(LockedError, match="comité du 01/06/2026"):
        services.revert(created)


def test_the_views_read_the_same_locks_without_sqlalchemy(locked, db) -> None:  # type: ignore[no-untyped-def]
    from sdus_desktop.store.period_locks import forget, load_locks_for, locks_at

    _, ids = locked
    forget()
    seen = locks_at(db.path)
    assert seen == load_locks_for(db) and ("step", str(ids["step"]), "actual_end") in seen
    assert locks_at(db.path) == seen   # cached per snapshot
    withdraw(db, "Paul Martin", ids["snapshot"], now=datetime(2026, 3, 21, 8, 0))
    assert locks_at(db.path) == {}
