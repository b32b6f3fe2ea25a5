"""Late étapes as the comité reads them: grouped by axe, one line per fiche, with totals.

Listing every late step made the comité outputs 20 pages long; what matters is where the delays are (which
axes, which fiches, how many steps, since when). Works on the ORM models and the plain read model alike.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from sdus_desktop.core import labels
from sdus_desktop.store.progress import LateStep, action_late_steps


@dataclass(frozen=True)
class LateFiche:
    plan_code: str
    action_id: int
    action_number: int
    action_title: str
    steps: tuple[LateStep, ...]

    @property
    def oldest(self) -> LateStep:
        return max(self.steps, key=lambda late: (late.days_late, -late.step_number))

    @property
    def step_numbers(self) -> str:
        return ", ".join(str(late.step_number) for late in self.steps)


@dataclass
class LateAxe:
    plan_code: str
    level1_label: str
    orientation_number: int
    axe_number: int
    axe_title: str
    orientation_title: str = ""
    fiches: list[LateFiche] = field(default_factory=list)

    @property
    def label(self) -> str:
        axe = labels.axe_reference(self.level1_label, self.orientation_number, self.orientation_title,
                                   self.axe_number)
        return f"{self.plan_code} · {axe}"

    @property
    def step_count(self) -> int:
        return sum(len(fiche.steps) for fiche in self.fiches)


LISTED_PER_AXE = 3  # the most overdue fiches listed per axe, besides those late since the last comité


def listed_fiches(group: LateAxe, today: date, since: date | None,
                  limit: int = LISTED_PER_AXE) -> tuple[list[LateFiche], int]:
    """What the comité reads of an axe: its fiches with a step late since `since` (the comparison date), plus its
    `limit` most overdue fiches, in the group's order; and how many fiches of the axe are not listed."""
    recent = (today - since).days if since is not None else -1
    listed = [fiche for rank, fiche in enumerate(group.fiches)
              if rank < limit or min(late.days_late for late in fiche.steps) <= recent]
    return listed, len(group.fiches) - len(listed)


def late_by_axe(plans: Sequence[Any], today: date, grace_days: int = 0,
                action_ids: Collection[int] | None = None) -> list[LateAxe]:
    """Axes that have late steps, in plan order; in each, fiches with late steps, the longest delay first."""
    groups: list[LateAxe] = []
    for plan in plans:
        for orientation in plan.orientations:
            for axe in orientation.axes:
                group = LateAxe(plan.code, plan.level1_label, orientation.number, axe.number, axe.title,
                                orientation.title)
                for action in axe.actions:
                    if action_ids is not None and action.id not in action_ids:
                        continue
                    steps = action_late_steps(plan.code, action, today, grace_days)
                    if steps:
                        group.fiches.append(LateFiche(plan.code, action.id, action.number, action.title,
                                                      tuple(steps)))
                if group.fiches:
                    group.fiches.sort(key=lambda fiche: (-fiche.oldest.days_late, fiche.action_number))
                    groups.append(group)
    return groups
