"""Plan operations: every applied plan change says `plan` (everything is read again), refusals say nothing."""

from __future__ import annotations

from sdus_desktop.exchange.plan_lifecycle import definition_of
from sdus_desktop.exchange.plan_release import Release
from sdus_desktop.ops import plans
from sdus_desktop.store import readmodel
from sdus_desktop.store.changes import EditError
from sdus_desktop.store.services import Services


def _numbers(db, code: str = "SDSF") -> list[int]:  # type: ignore[no-untyped-def]
    plan = next(p for p in readmodel.load_plans(db.path) if p.code == code)
    return sorted(a.number for o in plan.orientations for x in o.axes for a in x.actions)


def test_adding_then_withdrawing_a_fiche(db, services: Services) -> None:
    number = max(_numbers(db)) + 1
    added = plans.add_fiche(services, "SDSF", number, "Une fiche ajoutée", 1, 1)
    assert added.plan and added.value.changed and added.backup is not None and number in _numbers(db)
    withdrawn = plans.withdraw_fiche(services, "SDSF", number)
    assert withdrawn.plan and number not in _numbers(db)
    again = plans.withdraw_fiche(services, "SDSF", number)   # nothing left to change
    assert not again.plan and not again


def test_an_unknown_plan_is_refused_in_french(services: Services) -> None:
    import pytest

    with pytest.raises(EditError, match="plan « XYZ » introuvable"):
        plans.add_fiche(services, "XYZ", 1, "Titre", 1, 1)
    refused = plans.set_plan_state(services, "XYZ", "clos")
    assert refused.value.errors and not refused.plan


def test_closing_reopening_and_the_following_plan(db, services: Services) -> None:
    closed = plans.set_plan_state(services, "SDSF", "clos")
    assert closed.plan and closed.value.applied
    assert not plans.set_plan_state(services, "SDSF", "clos").plan   # already closed
    assert plans.set_plan_state(services, "SDSF", "en_cours").plan
    following = plans.prepare_following_plan(services, "SDSF", "SDSF2", 2024, 2027)
    assert following.plan and following.backup is not None
    assert "SDSF2" in {p.code for p in readmodel.load_plans(db.path)}
    refused = plans.prepare_following_plan(services, "SDSF", "SDSF2", 2024, 2027)
    assert not refused.plan and refused.value.errors


def test_a_definition_applied_as_it_is_changes_nothing(db, services: Services) -> None:
    definition = definition_of(db, "SDUS")
    assert definition is not None
    done = plans.apply_plan_definition(services, definition, "plan test")
    assert not done.plan and not done.value.changed and done.backup is None


def test_declining_a_release_is_remembered_and_changes_no_view(db, services: Services, tmp_path) -> None:
    release = Release("SDSF", "1", "2", tmp_path / "sdsf.json")
    assert not plans.decline_catalogue_release(services, release)


def test_a_release_identical_to_the_base_only_records_its_version(db, services: Services) -> None:
    from pathlib import Path

    seed = Path(__file__).resolve().parents[2] / "db" / "seed" / "sdsf.json"
    done = plans.apply_catalogue_release(services, Release("SDSF", "", "9.9", seed))
    assert not done.value.errors and not done.plan and done.backup is None


def test_archiving_most_fiches_needs_the_explicit_allowance(db, services: Services) -> None:
    definition = definition_of(db, "SDSF")
    assert definition is not None
    definition.fiches = definition.fiches[:10]  # 56 of 66 fiches would be archived
    refused = plans.apply_plan_definition(services, definition, "test")
    assert not refused.plan and refused.value.refused_mass_archive and len(_numbers(db)) == 66
    assert refused.value.errors[0].startswith("ATTENTION : cet avenant archive 56 fiches sur 66, plus de la moitié")
    done = plans.apply_plan_definition(services, definition, "test", allow_mass_archive=True)
    assert done.plan and len(_numbers(db)) == 10


def test_withdrawing_the_only_fiche_of_a_new_plan_is_not_a_mass_archive(db, services: Services) -> None:
    assert plans.prepare_following_plan(services, "SDSF", "SDSF2", 2024, 2027).plan
    assert plans.add_fiche(services, "SDSF2", 1, "La seule fiche", 1, 1).plan
    withdrawn = plans.withdraw_fiche(services, "SDSF2", 1)  # the undo of « Ajouter une fiche »
    assert withdrawn.plan and _numbers(db, "SDSF2") == []
