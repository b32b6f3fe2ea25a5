"""Progress derived from loaded plans: step periods, lateness, late steps, status counts.

Pure functions over the loaded objects; they work on the ORM models (store.models) and on the plain
read model (store.readmodel) alike, so this module imports no SQLAlchemy. store.queries re-exports them.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import Protocol, TypeVar

from sdus_desktop.core.lateness import effective_period, is_action_late, is_step_late
from sdus_desktop.core.statuses import ActionStatus


class StepLike(Protocol):
    @property
    def id(self) -> int: ...
    @property
    def number(self) -> int: ...
    @property
    def label(self) -> str: ...
    @property
    def calendrier(self) -> str: ...
    @property
    def planned_start(self) -> date | None: ...
    @property
    def planned_end(self) -> date | None: ...
    @property
    def status(self) -> str: ...


class ActionLike(Protocol):
    @property
    def id(self) -> int: ...
    @property
    def number(self) -> int: ...
    @property
    def title(self) -> str: ...
    @property
    def status(self) -> str: ...
    @property
    def steps(self) -> Sequence[StepLike]: ...


A = TypeVar("A", covariant=True)


class AxeLike(Protocol[A]):
    @property
    def actions(self) -> Sequence[A]: ...


class OrientationLike(Protocol[A]):
    @property
    def axes(self) -> Sequence[AxeLike[A]]: ...


class PlanLike(Protocol[A]):
    @property
    def code(self) -> str: ...
    @property
    def orientations(self) -> Sequence[OrientationLike[A]]: ...


def iter_actions(plans: Sequence[PlanLike[A]]) -> list[A]:
    return [action for plan in plans for o in plan.orientations for axe in o.axes for action in axe.actions]


def step_period(step: StepLike) -> tuple[date | None, date | None]:
    return effective_period(step.calendrier, step.planned_start, step.planned_end)


def step_is_late(step: StepLike, today: date, grace_days: int = 0) -> bool:
    return is_step_late(step_period(step)[1], step.status, today, grace_days)


def action_is_late(action: ActionLike, today: date, grace_days: int = 0) -> bool:
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


def action_late_steps(plan_code: str, action: ActionLike, today: date, grace_days: int = 0) -> list[LateStep]:
    """The late steps of one fiche, in step order."""
    found: list[LateStep] = []
    for step in action.steps:
        end = step_period(step)[1]
        if end is not None and is_step_late(end, step.status, today, grace_days):
            found.append(LateStep(plan_code, action.id, action.number, action.title, step.id, step.number,
                                  step.label, end, (today - end).days))
    return found


def sort_late_steps(found: list[LateStep]) -> list[LateStep]:
    """Most late first, then plan, fiche and step number."""
    return sorted(found, key=lambda late: (-late.days_late, late.plan_code, late.action_number, late.step_number))


def late_steps(plans: Sequence[PlanLike[ActionLike]], today: date, grace_days: int = 0) -> list[LateStep]:
    found: list[LateStep] = []
    for plan in plans:
        for o in plan.orientations:
            for axe in o.axes:
                for action in axe.actions:
                    found.extend(action_late_steps(plan.code, action, today, grace_days))
    return sort_late_steps(found)


def status_counts(actions: Sequence[ActionLike]) -> Counter[ActionStatus]:
    counts: Counter[ActionStatus] = Counter({status: 0 for status in ActionStatus})
    counts.update(ActionStatus(action.status) for action in actions)
    return counts
