"""Notes de suivi operations: add, correct, withdraw — journaled, undoable, one fiche changed each."""

from __future__ import annotations

from datetime import date

import pytest

from sdus_desktop.ops import edits, notes
from sdus_desktop.store import readmodel
from sdus_desktop.store.changes import EditError
from sdus_desktop.store.services import Services


def _texts(db, action_id: int = 1) -> list[str]:  # type: ignore[no-untyped-def]
    return [note.text for note in readmodel.notes_for_actions(db.path, [action_id]).get(action_id, [])]


def test_add_correct_withdraw_and_undo(db, services: Services) -> None:  # type: ignore[no-untyped-def]
    added = notes.add_note(services, 1, date(2025, 3, 4), "Réunion avec la CAF & l'ARS")
    assert added.undoable and added.action_ids == {1} and _texts(db) == ["Réunion avec la CAF & l'ARS"]
    note_id = int(added.changeset.changes[0].key)
    corrected = notes.edit_note(services, note_id, {"text": "Réunion avec la CAF"})
    assert [(c.field, c.new) for c in corrected.changeset.changes] == [("text", "Réunion avec la CAF")]
    assert _texts(db) == ["Réunion avec la CAF"]
    withdrawn = notes.remove_note(services, note_id)
    assert withdrawn.undoable and _texts(db) == []
    edits.revert(services, withdrawn.changeset)
    assert _texts(db) == ["Réunion avec la CAF"]


def test_only_its_author_corrects_a_note_outside_central_mode(db, services: Services) -> None:  # type: ignore[no-untyped-def]
    note_id = int(notes.add_note(services, 1, date(2025, 3, 4), "Note de Claire").changeset.changes[0].key)
    other = Services(db, "Paul Roux")
    with pytest.raises(EditError):
        notes.edit_note(other, note_id, {"text": "réécrite"})
    with pytest.raises(EditError):
        notes.remove_note(other, note_id)
    assert notes.edit_note(other, note_id, {"text": "corrigée"}, central=True).changeset.changes
    assert _texts(db) == ["corrigée"]
