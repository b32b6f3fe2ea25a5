"""Edits of a fiche: fields, étapes and indicators, référents named in bulk, and undo/redo of an edit.

Each is one Services call (one transaction, journaled) returned as an undoable OpChanges."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from sdus_desktop.ops.changes import OpChanges
from sdus_desktop.store.changes import ChangeSet, Edit
from sdus_desktop.store.services import ORIGIN_SAISIE, ORIGIN_UNDO, Services


def apply_edits(services: Services, edits: Iterable[Edit], origin: str = ORIGIN_SAISIE) -> OpChanges:
    """Set fields (with the coherence rules riding along); any refused value refuses the whole call."""
    return OpChanges.of(services.apply(edits, origin))


def set_field(services: Services, entity: str, key: int | str, field: str, value: Any,
              origin: str = ORIGIN_SAISIE) -> OpChanges:
    return OpChanges.of(services.set(entity, key, field, value, origin))


def add_step(services: Services, action_id: int, label: str, calendrier: str = "", position: int | None = None,
             origin: str = ORIGIN_SAISIE) -> OpChanges:
    return OpChanges.of(services.add_step(action_id, label, calendrier, position, origin))


def remove_step(services: Services, step_id: int, origin: str = ORIGIN_SAISIE) -> OpChanges:
    return OpChanges.of(services.remove_step(step_id, origin))


def move_step(services: Services, step_id: int, new_number: int, origin: str = ORIGIN_SAISIE) -> OpChanges:
    return OpChanges.of(services.move_step(step_id, new_number, origin))


def add_indicator(services: Services, action_id: int, label: str, kind: str = "nombre", target: str = "",
                  origin: str = ORIGIN_SAISIE) -> OpChanges:
    return OpChanges.of(services.add_indicator(action_id, label, kind, target, origin))


def remove_indicator(services: Services, indicator_id: int, origin: str = ORIGIN_SAISIE) -> OpChanges:
    return OpChanges.of(services.remove_indicator(indicator_id, origin))


def assign_referent(services: Services, name: str, action_ids: Iterable[int],
                    origin: str = ORIGIN_SAISIE) -> OpChanges:
    """Name one référent on many fiches (those that already have them are left as they are)."""
    return OpChanges.of(services.assign_referent(name, action_ids, origin))


def revert(services: Services, changeset: ChangeSet, origin: str = ORIGIN_UNDO) -> OpChanges:
    """Undo a ChangeSet (refused when a field changed since); reverting the result redoes it."""
    return OpChanges.of(services.revert(changeset, origin))
