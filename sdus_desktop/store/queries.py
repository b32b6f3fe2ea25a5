"""The ORM read side: plans with everything loaded, journal listings (progress functions re-exported)."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from sdus_desktop.store.models import Action, Axe, Indicator, JournalEntry, Note, Orientation, Plan
from sdus_desktop.store.progress import (  # noqa: F401  (re-exported: the read side's historical home)
    LateStep,
    action_is_late,
    iter_actions,
    late_steps,
    status_counts,
    step_is_late,
    step_period,
)

_PLAN_TREE = (
    selectinload(Plan.orientations)
    .selectinload(Orientation.axes)
    .selectinload(Axe.actions)
    .options(
        selectinload(Action.steps),
        selectinload(Action.indicators).selectinload(Indicator.values),
        selectinload(Action.indicators).selectinload(Indicator.targets),
        selectinload(Action.referents),
    )
)


def load_plans(session: Session, plan_code: str | None = None) -> list[Plan]:
    """All plans (or one) with orientations, axes, actions, steps, indicators, values, référents loaded."""
    query = select(Plan).options(_PLAN_TREE).order_by(Plan.id)
    if plan_code:
        query = query.where(Plan.code == plan_code.upper())
    return list(session.scalars(query))


def plan_codes(session: Session) -> list[str]:
    return list(session.scalars(select(Plan.code).order_by(Plan.id)))


def load_action(session: Session, action_id: int) -> Action | None:
    query = (
        select(Action)
        .where(Action.id == action_id)
        .options(
            selectinload(Action.steps), selectinload(Action.referents),
            selectinload(Action.indicators).selectinload(Indicator.values),
            selectinload(Action.indicators).selectinload(Indicator.targets),
            selectinload(Action.axe).selectinload(Axe.orientation).selectinload(Orientation.plan),
        )
    )
    return session.scalar(query)


def journal_for_action(session: Session, action_id: int, limit: int = 1000) -> list[JournalEntry]:
    query = (
        select(JournalEntry)
        .where(JournalEntry.action_id == action_id)
        .order_by(JournalEntry.at.desc(), JournalEntry.id.desc())
        .limit(limit)
    )
    return list(session.scalars(query))


def notes_by_action(session: Session) -> dict[int, list[Note]]:
    """The notes de suivi of every fiche (withdrawn ones left out), newest first."""
    found: dict[int, list[Note]] = {}
    rows = session.scalars(select(Note).where(Note.removed.is_(False)).order_by(Note.note_date.desc(), Note.id.desc()))
    for note in rows:
        found.setdefault(note.action_id, []).append(note)
    return found
