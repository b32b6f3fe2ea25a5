"""The `conflict` table: cells changed both in a returned workbook and in the database (exchange/conflicts)."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from sdus_desktop.store.changes import split_value_key
from sdus_desktop.store.models import Action, Conflict, Indicator, IndicatorValue, Step
from sdus_desktop.store.progress import step_period


def open_conflicts(session: Session) -> list[Conflict]:
    """The conflicts not decided yet, oldest first."""
    return list(session.scalars(select(Conflict).where(Conflict.resolved_at.is_(None)).order_by(Conflict.id)))


def conflicts_by_id(session: Session, ids: Iterable[int]) -> dict[int, Conflict]:
    """The conflicts among `ids` that exist, by id."""
    wanted = [int(i) for i in ids]
    return {row.id: row for row in session.scalars(select(Conflict).where(Conflict.id.in_(wanted)))}


def detached_conflict(session: Session, conflict_id: int) -> Conflict | None:
    """One conflict, usable after the session closes (read-only copy), or None."""
    row = session.get(Conflict, int(conflict_id))
    if row is not None:
        session.expunge(row)
    return row


def mark_decided(session: Session, ids: Iterable[int], resolution: str, user: str, at: datetime, *,
                 only_open: bool = False) -> bool:
    """Record the decision on the conflicts `ids`. only_open: when one is missing or already decided, mark
    nothing and return False."""
    wanted = [int(i) for i in ids]
    rows = conflicts_by_id(session, wanted)
    if only_open and (len(rows) != len(set(wanted)) or any(r.resolved_at is not None for r in rows.values())):
        return False
    for row in rows.values():
        row.resolved_at, row.resolution, row.resolved_by = at, resolution, user
    return True


def queue_conflict(session: Session, *, created_at: datetime, origin: str, entity: str, key: str,
                   action_id: int | None, field: str, base: str | None, mine: str | None, theirs: str | None,
                   resolution: str | None = None, resolved_by: str | None = None) -> None:
    """Add a conflict (values already encoded); with a resolution it is recorded as decided at `created_at`."""
    session.add(Conflict(created_at=created_at, origin=origin, entity=entity, entity_key=key, action_id=action_id,
                         field=field, base=base, mine=mine, theirs=theirs,
                         resolved_at=created_at if resolution is not None else None, resolution=resolution,
                         resolved_by=resolved_by))


def is_queued(session: Session, entity: str, key: str, field: str, theirs: str | None) -> bool:
    """True when an open conflict already holds this workbook value (encoded) for this cell."""
    return session.scalar(select(Conflict.id).where(
        Conflict.entity == entity, Conflict.entity_key == key, Conflict.field == field,
        Conflict.theirs == theirs, Conflict.resolved_at.is_(None)).limit(1)) is not None


def withdraw_open(session: Session, created_at: datetime, origin: str, resolution: str, user: str,
                  at: datetime) -> int:
    """Close, with `resolution`, the open conflicts an import (its time and origin) had queued; how many."""
    rows = session.scalars(select(Conflict).where(
        Conflict.created_at == created_at, Conflict.resolved_at.is_(None), Conflict.origin.like(origin)))
    count = 0
    for row in rows:
        row.resolved_at, row.resolution, row.resolved_by = at, resolution, user
        count += 1
    return count


def locate(session: Session, entity: str, key: str, field: str) -> tuple[str, str | None, Any]:
    """Where an element is (« SDUS · fiche 12 · étape 2 »), its indicator kind (values), and its stored value
    now (planned dates as derived from the calendrier); an element deleted since is named with its id."""
    if entity == "action":
        action = session.get(Action, int(key))
        if action is None:
            return f"fiche (id {key}, supprimée)", None, None
        value = [p.name for p in action.referents] if field == "referents" else getattr(action, field)
        return f"{action.axe.orientation.plan.code} · fiche {action.number}", None, value
    if entity == "step":
        step = session.get(Step, int(key))
        if step is None:
            return f"étape (id {key}, supprimée)", None, None
        start, end = step_period(step)
        value = {"planned_start": start, "planned_end": end}.get(field, getattr(step, field))
        plan = step.action.axe.orientation.plan.code
        return f"{plan} · fiche {step.action.number} · étape {step.number}", None, value
    if entity == "note":   # a note an undone import added, corrected since (store.note_ops)
        from sdus_desktop.store import note_ops
        from sdus_desktop.store.models import Note

        note = session.get(Note, int(key))
        if note is None:
            return f"note (id {key}, supprimée)", None, None
        where = f"{note.action.axe.orientation.plan.code} · fiche {note.action.number} · note du " \
                f"{note.note_date:%d/%m/%Y}"
        return where, None, note_ops.current(session, key, field)
    indicator_id, period = split_value_key(key)
    indicator = session.get(Indicator, indicator_id)
    if indicator is None:
        return f"indicateur (id {indicator_id}, supprimé) · {period}", None, None
    stored = session.scalar(select(IndicatorValue).where(IndicatorValue.indicator_id == indicator_id,
                                                         IndicatorValue.period == period))
    value = getattr(stored, field) if stored is not None else (None if field == "value" else "")
    plan = indicator.action.axe.orientation.plan.code
    where = f"{plan} · fiche {indicator.action.number} · indicateur {indicator.number} · {period}"
    return where, indicator.kind, value
