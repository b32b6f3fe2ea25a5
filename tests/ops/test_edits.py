"""Edit operations: one journaled Services call each, returned as undoable OpChanges."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from sdus_desktop.ops import edits
from sdus_desktop.store.changes import Edit, EditError
from sdus_desktop.store.models import JournalEntry, Step
from sdus_desktop.store.queries import load_action
from sdus_desktop.store.services import Services


def _journal_count(db) -> int:  # type: ignore[no-untyped-def]
    with db.reading() as session:
        return int(session.scalar(select(func.count()).select_from(JournalEntry)) or 0)


def _steps(db, action_id: int = 1) -> list[tuple[int, str]]:  # type: ignore[no-untyped-def]
    with db.reading() as session:
        return [(step.number, step.label) for step in load_action(session, action_id).steps]


def test_field_edits_are_journaled_undoable_and_not_structural(db, services: Services) -> None:
    done = edits.apply_edits(services, [Edit("action", "1", "status", "En cours"),
                                        Edit("action", "1", "bilan", "Premier bilan")])
    assert [(c.field, c.new) for c in done.changeset.changes] == [("status", "en_cours"), ("bilan", "Premier bilan")]
    assert done.undoable and not done.structure and done.flags == set() and done.action_ids == {1}
    assert _journal_count(db) == 2
    one = edits.set_field(services, "action", 1, "avancement", "40 %")
    assert [(c.field, c.new) for c in one.changeset.changes] == [("avancement", 40)]
    undone = edits.revert(services, one.changeset)
    assert [(c.field, c.new) for c in undone.changeset.changes] == [("avancement", 0)] and undone.undoable


def test_a_refused_value_raises_and_writes_nothing(db, services: Services) -> None:
    with pytest.raises(EditError, match="avancement"):
        edits.apply_edits(services, [Edit("action", "1", "bilan", "x"), Edit("action", "1", "avancement", "140")])
    assert _journal_count(db) == 0


def test_step_and_indicator_structure_operations_say_structure(db, services: Services) -> None:
    before = _steps(db)
    added = edits.add_step(services, 1, "Nouvelle étape", position=1)
    assert added.structure and added.undoable and _steps(db)[0] == (1, "Nouvelle étape")
    step_id = int(added.changeset.changes[0].key)
    moved = edits.move_step(services, step_id, len(before) + 1)
    assert moved.structure and {c.field for c in moved.changeset.changes} == {"number"}
    assert _steps(db)[-1] == (len(before) + 1, "Nouvelle étape")
    removed = edits.remove_step(services, step_id)
    assert removed.structure and _steps(db) == before
    indicator = edits.add_indicator(services, 1, "Nombre de réunions", "nombre", "12")
    assert indicator.structure
    gone = edits.remove_indicator(services, int(indicator.changeset.changes[0].key))
    assert gone.structure and gone.action_ids == {1}
    with db.reading() as session:
        assert session.get(Step, step_id) is None


def test_assign_referent_names_one_person_on_many_fiches(db, services: Services) -> None:
    done = edits.assign_referent(services, "Anne Arnal", [1, 2, 2])
    assert len(done.changeset) == 2 and done.action_ids == {1, 2} and done.undoable
    assert not edits.assign_referent(services, "anne arnal", [1])   # already named: nothing to change
