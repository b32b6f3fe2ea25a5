"""The calendar of étapes (Gantt): per axe, per fiche, each step's planned bar and actual bar, lateness, the span.

Pure functions over loaded plans (ORM or plain read model, or the calendar's own quicker read below);
ui.timeline_view draws it, reports.timeline_pdf prints it on A3 landscape.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from sdus_desktop.core.lateness import is_step_late
from sdus_desktop.core.statuses import LATE_SYMBOL, ActionStatus, StepStatus
from sdus_desktop.store.engine import connect
from sdus_desktop.store.progress import step_period
from sdus_desktop.store.readmodel import ACTIVE, Step, rows_of


def _d(day: date) -> str:
    """dd/mm/yyyy (strftime is slow, and thousands of steps are described at once)."""
    return f"{day.day:02d}/{day.month:02d}/{day.year}"


@dataclass(frozen=True)
class Bar:
    start: date
    end: date


@dataclass(frozen=True)
class TimelineStep:
    action_id: int
    number: int
    label: str
    status: StepStatus
    planned: Bar | None
    actual: Bar | None
    late: bool
    days_late: int

    def describe(self) -> str:
        """The bars in words (screen readers, tooltips, the printed label): colour is never the only signal."""
        parts = [f"{self.status.symbol} {self.status.label}"]
        parts.append(f"prévue du {_d(self.planned.start)} au {_d(self.planned.end)}"
                     if self.planned else "sans date prévue")
        if self.actual:
            parts.append(f"réalisée du {_d(self.actual.start)} au {_d(self.actual.end)}"
                         if self.status is StepStatus.REALISEE else f"commencée le {_d(self.actual.start)}")
        if self.late:
            parts.append(f"{LATE_SYMBOL} en retard de {self.days_late} jour(s)")
        return " ; ".join(parts)


@dataclass
class TimelineFiche:
    action_id: int
    plan: str
    number: int
    title: str
    status: ActionStatus
    steps: list[TimelineStep] = field(default_factory=list)

    @property
    def late_steps(self) -> int:
        return sum(step.late for step in self.steps)

    @property
    def span(self) -> Bar | None:
        bars = [bar for step in self.steps for bar in (step.planned, step.actual) if bar]
        return Bar(min(b.start for b in bars), max(b.end for b in bars)) if bars else None


@dataclass
class TimelineGroup:
    label: str
    fiches: list[TimelineFiche] = field(default_factory=list)


@dataclass
class Timeline:
    groups: list[TimelineGroup]
    start: date        # 1 January of the first year shown
    end: date          # 31 December of the last year shown
    today: date

    @property
    def fiche_count(self) -> int:
        return sum(len(group.fiches) for group in self.groups)

    def fraction(self, day: date) -> float:
        """Where `day` falls between start (0) and end (1)."""
        total = (self.end - self.start).days or 1
        return min(1.0, max(0.0, (day - self.start).days / total))


def _actual(step: Any, status: StepStatus, today: date) -> Bar | None:
    start, end = step.actual_start, step.actual_end
    if start is None and end is None:
        return None
    if start is None:
        return Bar(end, end)
    if end is None:
        return Bar(start, max(start, today)) if status is StepStatus.EN_COURS else Bar(start, start)
    return Bar(start, max(start, end))


def build_timeline(plans: Sequence[Any], today: date, grace_days: int = 0, *, plan_code: str | None = None,
                   action_ids: Collection[int] | None = None) -> Timeline:
    """Groups per axe (in plan order) of fiches with their steps; the range covers every bar and today."""
    groups: list[TimelineGroup] = []
    years = {today.year}
    for plan in plans:
        if plan_code and plan.code != plan_code.upper():
            continue
        years.update((plan.period_start, plan.period_end))
        for orientation in plan.orientations:
            for axe in orientation.axes:
                group = TimelineGroup(f"{plan.code} · {plan.level1_label} {orientation.number} · axe {axe.number} — "
                                      f"{axe.title}")
                for action in axe.actions:
                    if action_ids is not None and action.id not in action_ids:
                        continue
                    fiche = TimelineFiche(action.id, plan.code, action.number, action.title,
                                          ActionStatus(action.status))
                    for step in action.steps:
                        status = StepStatus(step.status)
                        start, end = step_period(step)
                        planned = Bar(start or end, end) if end else (Bar(start, start) if start else None)
                        late = is_step_late(end, status, today, grace_days)
                        actual = _actual(step, status, today)
                        for bar in (planned, actual):
                            if bar:
                                years.update((bar.start.year, bar.end.year))
                        fiche.steps.append(TimelineStep(action.id, step.number, step.label, status, planned,
                                                        actual, late, (today - end).days if late and end else 0))
                    group.fiches.append(fiche)
                if group.fiches:
                    groups.append(group)
    return Timeline(groups, date(min(years), 1, 1), date(max(years), 12, 31), today)


# -- a light read for the calendar: only the columns it draws, the read model's étapes (plain DB-API) -----------
@dataclass(slots=True)
class _Node:
    """A plan, orientation, axe or action with only the attributes build_timeline reads (the read model's own
    classes would decode every text and list of a fiche for nothing)."""

    id: int
    number: int = 0
    title: str = ""
    code: str = ""
    level1_label: str = ""
    period_start: int = 0
    period_end: int = 0
    status: str = ""
    orientations: list[_Node] = field(default_factory=list)
    axes: list[_Node] = field(default_factory=list)
    actions: list[_Node] = field(default_factory=list)
    steps: list[Step] = field(default_factory=list)


def read_timeline_plans(db_path: Any) -> list[_Node]:
    """Plans → orientations → axes → actions → steps (store.readmodel.Step), archived ones left out as in the
    read model, with only what the calendar needs (fast on 1 400 fiches)."""
    from contextlib import closing

    with closing(connect(db_path)) as connection:
        plans = [_Node(r[0], code=r[1], level1_label=r[2], period_start=r[3], period_end=r[4]) for r in
                 connection.execute("SELECT id, code, level1_label, period_start, period_end FROM plan ORDER BY id")]
        by_plan = {plan.id: plan for plan in plans}
        orientations: dict[int, _Node] = {}
        for r in connection.execute(f"SELECT id, plan_id, number, title FROM orientation WHERE {ACTIVE} "
                                    "ORDER BY number, id"):
            orientations[r[0]] = node = _Node(r[0], r[2], r[3])
            by_plan[r[1]].orientations.append(node)
        axes: dict[int, _Node] = {}
        for r in connection.execute(f"SELECT id, orientation_id, number, title FROM axe WHERE {ACTIVE} "
                                    "ORDER BY number, id"):
            if r[1] in orientations:
                axes[r[0]] = node = _Node(r[0], r[2], r[3])
                orientations[r[1]].axes.append(node)
        actions: dict[int, _Node] = {}
        for r in connection.execute(f"SELECT id, axe_id, number, title, status FROM action WHERE {ACTIVE} "
                                    "ORDER BY number, id"):
            if r[1] in axes:
                actions[r[0]] = node = _Node(r[0], r[2], r[3], status=r[4])
                axes[r[1]].actions.append(node)
        for step in rows_of(connection, Step, f"WHERE {ACTIVE} ORDER BY number, id"):
            if step.action_id in actions:
                actions[step.action_id].steps.append(step)
    return plans
