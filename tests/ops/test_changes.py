"""OpChanges: what a view needs to know about an operation."""

from __future__ import annotations

from pathlib import Path

from sdus_desktop.core.fields import STRUCTURE_FIELD
from sdus_desktop.ops.changes import OpChanges, OpChangesWith
from sdus_desktop.store.changes import ChangeSet, FieldChange


def _change(field: str = "status", action_id: int = 1, entity: str = "action") -> FieldChange:
    return FieldChange(entity, str(action_id), field, "a", "b", action_id)


def test_an_empty_operation_is_falsy_and_a_flag_alone_is_not() -> None:
    assert not OpChanges()
    assert OpChanges(conflicts=True)
    assert OpChanges(conflicts=True).flags == {"conflicts"}
    assert OpChanges(changeset=ChangeSet([_change()]))
    assert not OpChanges(undoable=True)   # undoable is not a change


def test_of_marks_structure_for_created_removed_or_renumbered_steps() -> None:
    assert not OpChanges.of(ChangeSet([_change()])).structure
    assert OpChanges.of(ChangeSet([_change()])).undoable
    assert OpChanges.of(ChangeSet([_change(STRUCTURE_FIELD, entity="step")])).structure
    assert OpChanges.of(ChangeSet([_change("number", entity="step")])).structure
    assert not OpChanges.of(ChangeSet([_change()]), undoable=False).undoable


def test_merged_joins_changes_flags_and_import_ids_in_order() -> None:
    first = OpChanges(changeset=ChangeSet([_change(action_id=1)]), imports=True, import_ids=(4,), undoable=True,
                      backup=Path("copie.sqlite"))
    second = OpChanges(changeset=ChangeSet([_change(action_id=2)]), conflicts=True, import_ids=(5,), undoable=True)
    both = first.merged(second)
    assert [c.action_id for c in both.changeset.changes] == [1, 2]
    assert both.action_ids == {1, 2}
    assert both.flags == {"imports", "conflicts"}
    assert both.import_ids == (4, 5) and both.undoable and both.backup == Path("copie.sqlite")
    assert not first.merged(OpChanges(undoable=False)).undoable
    assert len(first.changeset) == 1   # operands untouched


def test_reload_all_only_for_plan_changes_and_value_is_carried() -> None:
    assert OpChanges(plan=True).reload_all and not OpChanges(structure=True).reload_all
    done = OpChangesWith(value=3, snapshots=True)
    assert done.value == 3 and done.merged(OpChanges(campaign=True)).value == 3
