"""Notes de suivi of a fiche: add, correct, withdraw (undoable; a note of a period a validated comité closed is
refused, or corrected in central mode after a confirmation — core.period_lock.note_lock)."""

from __future__ import annotations

from datetime import date
from typing import Any

from sdus_desktop.ops.changes import OpChanges
from sdus_desktop.store.services import ORIGIN_SAISIE, Services


def add_note(services: Services, action_id: int, note_date: date | str, text: str, comite_snapshot_id: int | None = None,
             origin: str = ORIGIN_SAISIE) -> OpChanges:
    """A new note signed by the person recording it (`note_date` as typed is parsed, refused with its place)."""
    return OpChanges.of(services.add_note(action_id, note_date, text, comite_snapshot_id, origin))


def edit_note(services: Services, note_id: int, values: dict[str, Any], *, central: bool = False,
              origin: str = ORIGIN_SAISIE) -> OpChanges:
    """Correct a note's date, text or comité: its author, or anyone in central mode."""
    return OpChanges.of(services.edit_note(note_id, values, central=central, origin=origin))


def remove_note(services: Services, note_id: int, *, central: bool = False, origin: str = ORIGIN_SAISIE) -> OpChanges:
    """Withdraw a note (kept, marked removed; the undo puts it back)."""
    return OpChanges.of(services.remove_note(note_id, central=central, origin=origin))
