"""The read side: plans with everything loaded, late steps, status counts, journal listings."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from sdus_desktop.core.lateness import effective_period, is_action_late, is_step_late
from sdus_desktop.core.statuses import ActionStatus
from sdus_desktop.store.models import Action, Axe, Indicator, JournalEntry, Orientation, Plan, Step

_PLAN_TREE = (
    selectinload(Plan.orientations)
    .selectinload(Orientation.axes)
    .selectinload(Axe.actions)
    .options(
        selectinload(Action.steps),
        selectinload(Action.indicators).selectinload(Indicator.values),
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
            selectinload(Action.axe).selectinload(Axe.orientation).selectinload(Orientation.plan),
        )
    )
    return session.scalar(query)


def iter_actions(plans: list[Plan]) -> list[Action]:
    return [action for plan in plans for o in plan.orientations for axe in o.axes for action in axe.actions]


def step_period(step: Step) -> tuple[date | None, date | None]:
    return effective_period(step.calendrier, step.planned_start, step.planned_end)


def step_is_late(step: Step, today: date, grace_days: int = 0) -> bool:
    return is_step_late(step_period(step)[1], step.status, today, grace_days)


def action_is_late(action: Action, today: date, grace_days: int = 0) -> bool:
    return is_action_late(action.status, [step_is_late(s, today, grace_days) for s in action.steps])


@dataclass(frozen=True)
class LateStep:
    plan_code: str
    action_id: int
    action_number: int
    action_title: str
    step_id: int
    step_number: int
    step_label: str
    planned_end: date
    days_late: int


def late_steps(plans: list[Plan], today: date, grace_days: int = 0) -> list[LateStep]:
    found: list[LateStep] = []
    for plan in plans:
        for o in plan.orientations:
            for axe in o.axes:
                for action in axe.actions:
                    for step in action.steps:
                        end = step_period(step)[1]
                        if end is not None and is_step_late(end, step.status, today, grace_days):
                            found.append(LateStep(
                                plan.code, action.id, action.number, action.title, step.id, step.number,
                                step.label, end, (today - end).days,
                            ))
    return sorted(found, key=lambda late: (-late.days_late, late.plan_code, late.action_number, late.step_number))


def status_counts(actions: list[Action]) -> Counter[ActionStatus]:
    counts: Counter[ActionStatus] = Counter({status: 0 for status in ActionStatus})
    counts.update(ActionStatus(action.status) for action in actions)
    return counts


def journal_for_action(session: Session, action_id: int, limit: int = 1000) -> list[JournalEntry]:
    query = (
        select(JournalEntry)
        .where(JournalEntry.action_id == action_id)
        .order_by(JournalEntry.at.desc(), JournalEntry.id.desc())
        .limit(limit)
    )
    return list(session.scalars(query))


def journal_since(session: Session, since: datetime) -> list[JournalEntry]:
    query = select(JournalEntry).where(JournalEntry.at >= since).order_by(JournalEntry.at, JournalEntry.id)
    return list(session.scalars(query))
