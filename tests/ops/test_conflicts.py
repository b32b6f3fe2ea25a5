"""Conflict decisions as operations: journaled, the queue and the collection follow-up refresh."""

from __future__ import annotations

import pytest

from sdus_desktop.exchange.conflicts import ConflictError, open_conflicts
from sdus_desktop.exchange.import_apply import import_workbook
from sdus_desktop.ops import conflicts
from sdus_desktop.store.changes import EditError
from sdus_desktop.store.queries import load_action
from sdus_desktop.store.services import Services
from tests.exchange.helpers import edit_copy, export


def _conflicts(db, tmp_path, count: int = 1) -> list[int]:  # type: ignore[no-untyped-def]
    summary = export(db, tmp_path, plan_code="SDUS", fiches=[1])
    central = Services(db, "central")
    central.set("action", 1, "avancement", 10)
    cells = {"F2": 80}
    if count > 1:
        central.set("action", 1, "bilan", "Bilan central")
        cells["H2"] = "Bilan du référent"
    returned = edit_copy(summary.path, tmp_path / "retour.xlsx", {"Fiches": cells})
    assert import_workbook(db, returned, "A").conflicts_queued == count
    return [c.id for c in open_conflicts(db)]


def _fiche(db):  # type: ignore[no-untyped-def]
    with db.reading() as session:
        action = load_action(session, 1)
        return action.avancement, action.bilan


def test_taking_the_workbook_value_writes_it_and_flags_conflicts(db, services: Services, tmp_path):
    [conflict_id] = _conflicts(db, tmp_path)
    done = conflicts.decide(services, [conflict_id], conflicts.TAKE_THEIRS)
    assert [(c.field, c.new) for c in done.changeset.changes] == [("avancement", 80)]
    assert done.conflicts and done.campaign and not done.undoable and _fiche(db)[0] == 80
    assert open_conflicts(db) == []
    with pytest.raises(ConflictError, match="déjà arbitré"):
        conflicts.decide(services, [conflict_id], conflicts.KEEP_MINE)


def test_keeping_the_base_changes_no_field_but_still_empties_the_queue(db, services: Services, tmp_path):
    [conflict_id] = _conflicts(db, tmp_path)
    done = conflicts.decide(services, [conflict_id], conflicts.KEEP_MINE)
    assert not done.changeset and done.conflicts and done and _fiche(db)[0] == 10


def test_typed_value_and_both_texts(db, services: Services, tmp_path):
    number_id, text_id = _conflicts(db, tmp_path, count=2)
    with pytest.raises(EditError, match="avancement"):
        conflicts.decide_typed(services, number_id, "cent vingt")
    typed = conflicts.decide_typed(services, number_id, "45 %")
    assert [(c.field, c.new) for c in typed.changeset.changes] == [("avancement", 45)] and typed.conflicts
    both = conflicts.decide_both(services, text_id)
    assert both.conflicts and "Bilan central" in _fiche(db)[1] and "Bilan du référent" in _fiche(db)[1]
