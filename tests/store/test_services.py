"""The write path: validation, one transaction, journal rows, undo/redo, structure edits."""

from datetime import date

import pytest
from sqlalchemy import func, select

from sdus_desktop.store.changes import Edit, decode
from sdus_desktop.store.models import Action, IndicatorValue, JournalEntry, Step
from sdus_desktop.store.services import EditError, Services
from tests.support.dbtools import db_fingerprint


def first_action(db, number: int = 1, plan: str = "SDUS") -> Action:  # type: ignore[no-untyped-def]
    from sdus_desktop.store.models import Plan
    from sdus_desktop.store.queries import load_action

    with db.reading() as session:
        action_id = session.scalar(
            select(Action.id).join(Plan, Plan.id == Action.plan_id).where(Plan.code == plan, Action.number == number)
        )
        return load_action(session, action_id)


def journal(db) -> list[JournalEntry]:  # type: ignore[no-untyped-def]
    with db.reading() as session:
        return list(session.scalars(select(JournalEntry).order_by(JournalEntry.id)))


def test_status_edit_is_journaled_with_who_and_origin(db, services: Services) -> None:  # type: ignore[no-untyped-def]
    action = first_action(db)
    changes = services.set("action", action.id, "status", "En cours")
    assert [(c.field, c.old, c.new) for c in changes.changes] == [("status", "non_demarree", "en_cours")]
    entries = journal(db)
    assert len(entries) == 1
    entry = entries[0]
    assert (entry.entity, entry.entity_key, entry.field, entry.user, entry.origin) == (
        "action", str(action.id), "status", "Marie Dupont", "saisie")
    assert (decode(entry.old), decode(entry.new), entry.action_id) == ("non_demarree", "en_cours", action.id)
    refreshed = first_action(db)
    assert refreshed.updated_by == "Marie Dupont" and refreshed.updated_at is not None


def test_same_value_changes_nothing(db, services: Services) -> None:  # type: ignore[no-untyped-def]
    action = first_action(db)
    assert not services.set("action", action.id, "status", "Non démarrée")
    assert journal(db) == []


def test_invalid_edit_refuses_whole_call_and_says_where(db, db_path, services: Services) -> None:  # type: ignore[no-untyped-def]
    action = first_action(db, 2)
    step = action.steps[1]
    before = db_fingerprint(db_path)
    with pytest.raises(EditError) as caught:
        services.apply([
            Edit("action", str(action.id), "status", "Réalisée"),
            Edit("step", str(step.id), "actual_end", "31/02/2020"),
        ])
    assert caught.value.where == "fiche 2 · étape 2 · fin réelle"
    assert "ce jour n'existe pas" in caught.value.reason
    assert db_fingerprint(db_path) == before


def test_end_before_start_refused(db, services: Services) -> None:  # type: ignore[no-untyped-def]
    step = first_action(db).steps[0]
    services.set("step", step.id, "actual_start", "10/05/2020")
    with pytest.raises(EditError, match="antérieure à la date de début 10/05/2020"):
        services.set("step", step.id, "actual_end", "01/05/2020")
    with pytest.raises(EditError, match="dates prévues"):
        services.set("step", step.id, "planned_end", "01/01/2018")


def test_indicator_value_created_updated_and_removed(db, services: Services) -> None:  # type: ignore[no-untyped-def]
    action = first_action(db)
    indicator = action.indicators[0]
    key = f"{indicator.id}:2021"
    services.set("value", key, "value", "12")
    services.set("value", key, "comment", "premier semestre seulement")
    with db.reading() as session:
        row = session.scalar(select(IndicatorValue).where(IndicatorValue.indicator_id == indicator.id))
        assert (row.period, row.value, row.comment) == ("2021", "12", "premier semestre seulement")
    services.apply([Edit("value", key, "value", ""), Edit("value", key, "comment", "")])
    with db.reading() as session:
        assert session.scalar(select(func.count()).select_from(IndicatorValue)) == 0


def test_value_validated_by_kind(db, services: Services) -> None:  # type: ignore[no-untyped-def]
    action = first_action(db)
    numeric = next(i for i in action.indicators if i.kind == "nombre")
    with pytest.raises(EditError, match=r"fiche 1 · indicateur \d+ · 2021 : « beaucoup » n'est pas un nombre"):
        services.set("value", f"{numeric.id}:2021", "value", "beaucoup")
    with pytest.raises(EditError, match="période invalide"):
        services.set("value", f"{numeric.id}:21", "value", "3")


@pytest.mark.parametrize("typed", ["1e400", "nan", "-inf", "Infinity"])
def test_non_finite_numbers_are_refused_with_their_place(db, services: Services, typed: str) -> None:  # type: ignore[no-untyped-def]
    numeric = next(i for i in first_action(db).indicators if i.kind == "nombre")
    before = db_fingerprint(db.path)
    with pytest.raises(EditError, match=rf"fiche 1 · indicateur \d+ · 2021 : « {typed} » : nombre trop grand ou "
                                        "invalide : saisissez un nombre comme 1 234,5"):
        services.set("value", f"{numeric.id}:2021", "value", typed)
    with pytest.raises(EditError, match="nombre trop grand ou invalide"):
        services.set_target(numeric.id, 2024, typed)
    assert db_fingerprint(db.path) == before


def test_long_numbers_are_stored_exactly(db, services: Services) -> None:  # type: ignore[no-untyped-def]
    numeric = next(i for i in first_action(db).indicators if i.kind == "nombre")
    services.set("value", f"{numeric.id}:2021", "value", "12345678901234567890")
    services.set("value", f"{numeric.id}:2022", "value", "1e3")
    with db.reading() as session:
        rows = session.execute(select(IndicatorValue.period, IndicatorValue.value)
                               .where(IndicatorValue.indicator_id == numeric.id)).all()
    stored = {period: value for period, value in rows}
    assert stored["2021"] == "12345678901234567890" and stored["2022"] == "1000"


def test_undo_and_redo_restore_exactly_and_are_journaled(db, services: Services) -> None:  # type: ignore[no-untyped-def]
    action = first_action(db)
    step = action.steps[0]
    done = services.apply([
        Edit("action", str(action.id), "status", "en_cours"),
        Edit("step", str(step.id), "actual_end", "15/3/21"),
        Edit("action", str(action.id), "referents", ["Jeanne Martin", "Paul Roux"]),
    ])
    undone = services.revert(done)
    after_undo = first_action(db)
    assert (after_undo.status, after_undo.steps[0].actual_end, after_undo.referents) == ("non_demarree", None, [])
    services.revert(undone)
    redone = first_action(db)
    assert redone.status == "en_cours"
    assert redone.steps[0].actual_end == date(2021, 3, 15)
    assert [p.name for p in redone.referents] == ["Jeanne Martin", "Paul Roux"]
    origins = [entry.origin for entry in journal(db)]
    assert origins == ["saisie"] * 3 + ["saisie (annulation)"] * 6


def test_structure_edits_and_their_undo(db, services: Services) -> None:  # type: ignore[no-untyped-def]
    action = first_action(db)
    labels = [s.label for s in action.steps]
    added = services.add_step(action.id, "Bilan intermédiaire", "Fin 2020", position=2)
    assert [s.label for s in first_action(db).steps] == [labels[0], "Bilan intermédiaire", *labels[1:]]
    moved = services.move_step(first_action(db).steps[0].id, 3)
    assert [s.number for s in first_action(db).steps] == list(range(1, len(labels) + 2))
    assert first_action(db).steps[2].label == labels[0]
    services.revert(moved)
    services.revert(added)
    assert [s.label for s in first_action(db).steps] == labels
    victim = first_action(db).steps[1]
    services.set("step", victim.id, "comment", "à garder")
    removed = services.remove_step(victim.id)
    assert len(first_action(db).steps) == len(labels) - 1
    services.revert(removed)
    restored = first_action(db).steps[1]
    assert (restored.id, restored.label, restored.comment) == (victim.id, victim.label, "à garder")


def test_indicator_removal_undo_restores_values(db, services: Services) -> None:  # type: ignore[no-untyped-def]
    action = first_action(db)
    indicator = action.indicators[0]
    services.set("value", f"{indicator.id}:2020", "value", "4")
    removed = services.remove_indicator(indicator.id)
    assert all(i.id != indicator.id for i in first_action(db).indicators)
    services.revert(removed)
    back = first_action(db).indicators[0]
    assert (back.id, back.label, [(v.period, v.value) for v in back.values]) == (
        indicator.id, indicator.label, [("2020", "4")])
    added = services.add_indicator(action.id, "Taux de satisfaction", "pourcentage", "80")
    assert first_action(db).indicators[-1].label == "Taux de satisfaction"
    services.revert(added)
    assert len(first_action(db).indicators) == len(action.indicators)


def test_deleted_row_gives_clear_message(db, services: Services) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(EditError, match="étape n° 999999 introuvable"):
        services.set("step", 999999, "comment", "x")


def test_step_rows_stay_consistent(db) -> None:  # type: ignore[no-untyped-def]
    with db.reading() as session:
        assert session.scalar(select(func.count()).select_from(Step)) > 200


def test_moving_both_dates_forward_in_one_call_is_accepted(db, services: Services) -> None:  # type: ignore[no-untyped-def]
    """The order is checked once all edits are made: the new start may pass the old end."""
    step = first_action(db).steps[2]  # calendrier 2021-2022
    services.apply([
        Edit("step", str(step.id), "planned_start", "01/02/2023"),
        Edit("step", str(step.id), "planned_end", "30/06/2023"),
    ])
    moved = first_action(db).steps[2]
    assert (moved.planned_start, moved.planned_end) == (date(2023, 2, 1), date(2023, 6, 30))
    with pytest.raises(EditError, match="dates prévues"):
        services.apply([Edit("step", str(step.id), "planned_start", "01/01/2024")])


def test_undo_refuses_to_overwrite_a_later_change(db, services: Services) -> None:  # type: ignore[no-untyped-def]
    action = first_action(db)
    mine = services.set("action", action.id, "avancement", "20")
    Services(db, "Équipe centrale").set("action", action.id, "avancement", "40", origin="import x.xlsx (export e)")
    with pytest.raises(EditError, match="modifiée depuis") as caught:
        services.revert(mine)
    assert caught.value.where == "fiche 1 · avancement"
    assert first_action(db).avancement == 40
    value_change = services.set("value", f"{action.indicators[0].id}:2021", "value", "5")
    Services(db, "Autre").set("value", f"{action.indicators[0].id}:2021", "value", "")
    with pytest.raises(EditError, match="2021 · valeur"):
        services.revert(value_change)


@pytest.mark.parametrize(("typed", "reason"), [("x" * 1001, "intitulé trop long (1001 caractères ; 1000 au plus)"),
                                               ("   ", "ce champ ne peut pas être vide")])
def test_a_fiche_title_follows_the_plan_definition_bounds(db, db_path, services: Services, typed, reason) -> None:  # type: ignore[no-untyped-def]
    """Central mode and plan definition workbooks accept the same titles (core.limits.MAX_TITLE)."""
    action = first_action(db, 3)
    before = db_fingerprint(db_path)
    with pytest.raises(EditError) as caught:
        services.set("action", action.id, "title", typed)
    assert caught.value.reason.startswith(reason) and db_fingerprint(db_path) == before
    assert services.set("action", action.id, "title", "y" * 1000).changes
