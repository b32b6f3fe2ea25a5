"""Services.assign_referent: one transaction, one journal row per fiche changed, undoable, not a « mise à jour »."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from sdus_desktop.store import campaigns
from sdus_desktop.store.changes import EditError
from sdus_desktop.store.models import Action, JournalEntry


def _state(db, ids):  # type: ignore[no-untyped-def]
    with db.reading() as session:
        return {i: ([p.name for p in session.get(Action, i).referents], session.get(Action, i).updated_at) for i in ids}


def test_bulk_assignment_is_journaled_undoable_and_not_an_update(db, services):
    ids = campaigns.fiches_by_number(db, [1, 2, 3], "SDUS")
    services.set("action", ids[0], "referents", "Marie Dupont")
    stamped = _state(db, ids)[ids[0]][1]
    changes = services.assign_referent("  marie DUPONT ", ids, "CLI")   # the known person keeps her spelling
    assert [c.action_id for c in changes.changes] == ids[1:]
    state = _state(db, ids)
    assert all(names == ["Marie Dupont"] for names, _ in state.values())
    assert state[ids[0]][1] == stamped and state[ids[1]][1] is None and state[ids[2]][1] is None
    with db.reading() as session:
        rows = session.scalars(select(JournalEntry).where(JournalEntry.origin == "CLI")).all()
    assert [(r.action_id, r.field, r.old, r.new) for r in rows] == [
        (i, "referents", "[]", '["Marie Dupont"]') for i in ids[1:]]
    services.revert(changes)
    assert [names for names, _ in _state(db, ids).values()] == [["Marie Dupont"], [], []]


def test_a_second_referent_is_added_beside_the_first(db, services):
    action_id = campaigns.fiches_by_number(db, [4], "SDUS")[0]
    services.assign_referent("Paul Roux", [action_id])
    services.assign_referent("Anne Arnal", [action_id])
    assert _state(db, [action_id])[action_id][0] == ["Anne Arnal", "Paul Roux"]


@pytest.mark.parametrize("name", ["", "   ", "Marie ; Paul"])
def test_one_name_or_nothing_changes(db, services, name):
    ids = campaigns.fiches_by_number(db, [1], "SDUS")
    with pytest.raises(EditError, match="référent"):
        services.assign_referent(name, ids)
    assert _state(db, ids)[ids[0]][0] == []


def test_an_unknown_fiche_refuses_the_whole_call(db, services):
    ids = campaigns.fiches_by_number(db, [1], "SDUS")
    with pytest.raises(EditError):
        services.assign_referent("Paul Roux", [*ids, 999_999])
    assert _state(db, ids)[ids[0]][0] == []
    with pytest.raises(EditError, match="aucune fiche n° 500 dans le plan SDUS"):
        campaigns.fiches_by_number(db, [500], "SDUS")


def test_typing_a_known_name_in_another_case_reuses_the_person(db, services):
    from sdus_desktop.store.models import Person

    first, second = campaigns.fiches_by_number(db, [5, 6], "SDUS")
    services.set("action", first, "referents", "Élodie Martin")
    changes = services.set("action", second, "referents", ["elodie martin", "ÉLODIE MARTIN", "Paul Roux"])
    assert [c.new for c in changes.changes] == [["Élodie Martin", "Paul Roux"]]
    assert sorted(_state(db, [second])[second][0]) == ["Paul Roux", "Élodie Martin"]
    with db.reading() as session:
        assert sorted(p.name for p in session.scalars(select(Person))) == ["Paul Roux", "Élodie Martin"]
    assert services.set("action", first, "referents", "ELODIE martin").changes == []   # same person: no change


def test_a_name_matching_two_people_is_refused_with_both_names(db, services):
    from sdus_desktop.store.models import Person

    action_id = campaigns.fiches_by_number(db, [7], "SDUS")[0]
    with db.transaction() as session:
        session.add_all([Person(name="Élodie Martin", service=""), Person(name="Elodie Martin", service="")])
    with pytest.raises(EditError, match="« Élodie Martin » et « Elodie Martin »"):
        services.set("action", action_id, "referents", "elodie martin")
    assert _state(db, [action_id])[action_id][0] == []
    services.set("action", action_id, "referents", "Elodie Martin")   # the exact spelling picks one
    assert _state(db, [action_id])[action_id][0] == ["Elodie Martin"]


@pytest.mark.parametrize("name", ["Dupont, Marie", "Marie\nPaul"])
def test_a_name_with_a_separator_is_refused_everywhere_a_name_is_entered(db, services, name):
    ids = campaigns.fiches_by_number(db, [1], "SDUS")
    with pytest.raises(EditError, match="référent"):
        services.assign_referent(name, ids)
    with pytest.raises(EditError, match="fiche 1 .*contient"):
        services.set("action", ids[0], "referents", [name.replace("\n", " ; ")] if "\n" in name else [name])
    assert _state(db, ids)[ids[0]][0] == []
    with pytest.raises(EditError, match="écrivez « Marie Dupont »"):
        services.check_person_name("Dupont, Marie")


def test_a_name_recorded_before_the_rule_still_works(db, services):
    from sdus_desktop.store.models import Person

    ids = campaigns.fiches_by_number(db, [1, 2], "SDUS")
    with db.transaction() as session:
        session.add(Person(name="Dupont, Marie", service=""))
    services.assign_referent("Dupont, Marie", ids[:1])
    services.set("action", ids[0], "referents", ["Dupont, Marie", "Paul Roux"])
    assert _state(db, ids)[ids[0]][0] == ["Dupont, Marie", "Paul Roux"]
    assert services.check_person_name(" dupont, marie ") == "dupont, marie"
