"""Structure of a fiche (central mode): étapes and indicators added, moved, removed, inside the unit of work of a
Services call, which journals what these return. Removing an étape or indicator that holds facts a validated
comité locked is refused by the caller's `guard` before anything changes (core.period_lock.removal_lock)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from sqlalchemy.orm import Session

from sdus_desktop.core.fields import STRUCTURE_FIELD
from sdus_desktop.store import snapshots
from sdus_desktop.store.changes import EditError, FieldChange
from sdus_desktop.store.coercion import coerce
from sdus_desktop.store.models import Action, Indicator, Step

Loader = Callable[[Session, str, str], Any]
Guard = Callable[[str, str, str], None]   # (entity, key, where): raises when the removal is locked


def add_step(session: Session, load: Loader, action_id: int, label: str, calendrier: str,
             position: int | None) -> FieldChange:
    action: Action = load(session, "action", str(action_id))
    try:
        label_text = coerce("step", "label", label)
    except ValueError as error:
        raise EditError(f"fiche {action.number} · nouvelle étape", str(error)) from None
    count = len(action.steps)
    number = count + 1 if position is None else max(1, min(position, count + 1))
    for other in action.steps:
        if other.number >= number:
            other.number += 1
    step = Step(action_id=action.id, number=number, label=label_text, calendrier=calendrier.strip())
    session.add(step)
    session.flush()
    return FieldChange("step", str(step.id), STRUCTURE_FIELD, None, snapshots.of_step(step), action.id)


def move_step(session: Session, load: Loader, step_id: int, new_number: int) -> list[FieldChange]:
    step: Step = load(session, "step", str(step_id))
    ordered = [s for s in step.action.steps if s.id != step.id]
    position = max(1, min(new_number, len(ordered) + 1))
    ordered.insert(position - 1, step)
    changes = []
    for index, other in enumerate(ordered, start=1):
        if other.number != index:
            changes.append(FieldChange("step", str(other.id), "number", other.number, index, other.action_id))
            other.number = index
    return changes


def add_indicator(session: Session, load: Loader, action_id: int, label: str, kind: str,
                  target: str) -> FieldChange:
    action: Action = load(session, "action", str(action_id))
    try:
        values = {
            "label": coerce("indicator", "label", label),
            "kind": coerce("indicator", "kind", kind),
            "target": coerce("indicator", "target", target),
        }
    except ValueError as error:
        raise EditError(f"fiche {action.number} · nouvel indicateur", str(error)) from None
    indicator = Indicator(action_id=action.id, number=len(action.indicators) + 1, **values)
    session.add(indicator)
    session.flush()
    return FieldChange("indicator", str(indicator.id), STRUCTURE_FIELD, None, snapshots.of_indicator(indicator),
                       action.id)


def remove(session: Session, load: Loader, entity: str, row_id: int, guard: Guard) -> FieldChange:
    """Remove an étape or an indicator (with its values and targets); the others close up behind it."""
    row: Step | Indicator = load(session, entity, str(row_id))
    noun = "étape" if entity == "step" else "indicateur"
    guard(entity, str(row_id), f"fiche {row.action.number} · {noun} {row.number}")
    action_id = row.action_id
    snapshot = snapshots.of_step(row) if isinstance(row, Step) else snapshots.of_indicator(row)
    snapshots.delete(session, entity, row_id)
    return FieldChange(entity, str(row_id), STRUCTURE_FIELD, snapshot, None, action_id)
