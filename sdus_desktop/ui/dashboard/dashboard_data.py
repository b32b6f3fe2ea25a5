"""Figures of the Tableau de bord, computed from the in-memory catalogue (no Qt drawing here)."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from sdus_desktop.core.statuses import ActionStatus
from sdus_desktop.store import progress
from sdus_desktop.ui.navigation.catalogue import Catalogue, PlanNode


@dataclass(frozen=True)
class StatusRow:
    label: str
    counts: Counter[ActionStatus]
    is_total: bool = False

    @property
    def total(self) -> int:
        return sum(self.counts.values())

    @property
    def percent_done(self) -> int:
        return round(100 * self.counts[ActionStatus.REALISEE] / self.total) if self.total else 0


@dataclass(frozen=True)
class StaleFiche:
    plan_code: str
    action_id: int
    number: int
    title: str
    updated_at: datetime | None


@dataclass(frozen=True)
class MissingValue:
    plan_code: str
    action_id: int
    action_number: int
    indicator_number: int
    indicator_label: str
    period: str


@dataclass(frozen=True)
class Dashboard:
    rows: dict[str, list[StatusRow]]
    late: list[progress.LateStep]
    stale: list[StaleFiche]
    missing: list[MissingValue]
    reference_years: dict[str, int]


def reference_year(plan: PlanNode, today: date) -> int:
    """The year whose indicator values are expected: this year, or the plan's last year once it is over."""
    return max(plan.period_start, min(today.year, plan.period_end))


def build_dashboard(catalogue: Catalogue, today: date, grace_days: int, stale_days: int,
                    plan_code: str | None = None) -> Dashboard:
    rows: dict[str, list[StatusRow]] = {}
    late: list[progress.LateStep] = []
    stale: list[StaleFiche] = []
    missing: list[MissingValue] = []
    years: dict[str, int] = {}
    limit = datetime.combine(today - timedelta(days=stale_days), datetime.min.time())
    for plan in catalogue.open_plans:
        if plan_code and plan.code != plan_code:
            continue
        plan_rows = [StatusRow(f"{plan.level1_label} {o.number} · {o.title}",
                               progress.status_counts(catalogue.orientation_actions(o))) for o in plan.orientations]
        actions = catalogue.plan_actions(plan)
        plan_rows.append(StatusRow(f"Ensemble du {plan.code}", progress.status_counts(actions), is_total=True))
        rows[plan.code] = plan_rows
        year = reference_year(plan, today)
        years[plan.code] = year
        for action in actions:
            late.extend(progress.action_late_steps(plan.code, action, today, grace_days))
            if not ActionStatus(action.status).closed and (action.updated_at is None or action.updated_at < limit):
                stale.append(StaleFiche(plan.code, action.id, action.number, action.title, action.updated_at))
            if ActionStatus(action.status) is ActionStatus.ABANDONNEE:
                continue
            for indicator in action.indicators:
                if not any(v.period.startswith(str(year)) and v.value is not None for v in indicator.values):
                    missing.append(MissingValue(plan.code, action.id, action.number, indicator.number,
                                                indicator.label, str(year)))
    stale.sort(key=lambda fiche: (fiche.updated_at or datetime.min, fiche.plan_code, fiche.number))
    return Dashboard(rows, progress.sort_late_steps(late), stale, missing, years)

