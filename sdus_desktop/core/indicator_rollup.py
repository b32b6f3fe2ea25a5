"""Indicators added up per axe and per orientation, only where their units agree.

Two indicators agree when they count the same thing: both of type nombre and the same wording once folded
(case, accents, spaces, final punctuation: « Nombre de personnes accompagnées » = « nombre de personnes
accompagnées. »). Their values and targets per year are summed; a percentage never is (a rate does not add up),
and indicators that do not agree are never mixed (sum_series refuses them). A roll-up needs at least two
indicators; an orientation's roll-up that has exactly the members of one of its axes' is not repeated.

A year's total says how many indicators it sums; « % de la cible » is given only when every indicator of the
roll-up has both a value and a target that year (a partial sum against a whole target would mislead).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from sdus_desktop.core import labels
from sdus_desktop.core.indicator_targets import IndicatorSeries, format_target, percent, series
from sdus_desktop.core.text import fold

SUMMABLE_KIND = "nombre"
AXE, ORIENTATION = "axe", "orientation"


def unit_key(kind: str, label: str) -> tuple[str, str]:
    """What two indicators must share to be added up: their kind and their folded wording."""
    return kind, re.sub(r"[\s.;:!?…]+$", "", fold(label))


@dataclass(frozen=True)
class YearTotal:
    year: int
    value: float | None     # sum of the values given that year (None when none was)
    reported: int           # how many indicators have a value that year
    target: float | None    # sum of that year's targets
    targeted: int           # how many indicators have a target that year
    members: int

    @property
    def percent_of_target(self) -> float | None:
        if self.reported != self.members or self.targeted != self.members:
            return None
        return percent(self.value, self.target)


@dataclass(frozen=True)
class Rollup:
    level: str                           # AXE or ORIENTATION
    scope: str                           # « Orientation 1 · Axe 3 », « Orientation 1 »
    plan: str
    kind: str
    label: str                           # the wording of the first member
    members: tuple[tuple[int, int], ...]  # (fiche, indicator number)
    years: tuple[YearTotal, ...]

    def members_text(self) -> str:
        return ", ".join(f"fiche {fiche} (ind. {number})" for fiche, number in self.members)

    def year_text(self, total: YearTotal) -> str:
        """« 36 (2/2 fiches) ; cible 40 (2/2) ; 90 % de la cible »."""
        value = format_target(self.kind, total.value) if total.value is not None else "—"
        parts = [f"{value} ({total.reported}/{total.members})"]
        if total.target is not None:
            parts.append(f"cible {format_target(self.kind, total.target)} ({total.targeted}/{total.members})")
        if total.percent_of_target is not None:
            parts.append(f"{total.percent_of_target:.0f} % de la cible")
        return " ; ".join(parts)


def sum_series(found: Sequence[IndicatorSeries]) -> tuple[YearTotal, ...]:
    """Values and targets per year added up. ValueError (French) when units differ or the kind does not add up."""
    if not found:
        return ()
    first = found[0]
    for other in found[1:]:
        if unit_key(other.kind, other.label) != unit_key(first.kind, first.label):
            raise ValueError(f"unités différentes : « {first.label} » ({first.kind}) et « {other.label} » "
                             f"({other.kind}) ne s'additionnent pas")
    if first.kind != SUMMABLE_KIND:
        raise ValueError(f"« {first.label} » est un {first.kind} : seuls des nombres s'additionnent")
    years = sorted({year for one in found for year in one.years})
    totals = []
    for year in years:
        values = [one.value_of[year] for one in found if year in one.value_of]
        goals = [goal for goal in (one.target_for(year) for one in found) if goal is not None]
        totals.append(YearTotal(year, _exact_sum(values), len(values), _exact_sum(goals), len(goals), len(found)))
    return tuple(totals)


def _exact_sum(numbers: Sequence[float]) -> float | None:
    """The sum of values as typed (each float read through its shortest repr, added as decimals: 0,1 + 0,2 is
    0,3, not 0,30000000000000004); None when there is none."""
    if not numbers:
        return None
    return float(sum((Decimal(repr(float(number))) for number in numbers), Decimal(0)))


def rollups(plans: Iterable[Any], action_ids: Iterable[int] | None = None) -> list[Rollup]:
    """Every roll-up of ≥ 2 agreeing nombre indicators, per axe then per orientation, in plan order."""
    wanted = set(action_ids) if action_ids is not None else None
    found: list[Rollup] = []
    for plan in plans:
        for orientation in plan.orientations:
            by_orientation: dict[tuple[str, str], list[IndicatorSeries]] = {}
            axe_members: set[tuple[tuple[int, int], ...]] = set()
            for axe in orientation.axes:
                by_axe: dict[tuple[str, str], list[IndicatorSeries]] = {}
                for action in axe.actions:
                    if wanted is not None and action.id not in wanted:
                        continue
                    for indicator in action.indicators:
                        one = series(plan.code, action.number, indicator)
                        if one is None or one.kind != SUMMABLE_KIND or not (one.points or one.has_target):
                            continue
                        key = unit_key(one.kind, one.label)
                        by_axe.setdefault(key, []).append(one)
                        by_orientation.setdefault(key, []).append(one)
                scope = labels.axe_reference(plan.level1_label, orientation.number, orientation.title, axe.number)
                for group in by_axe.values():
                    if len(group) >= 2:
                        rollup = _rollup(AXE, scope, plan.code, group)
                        axe_members.add(rollup.members)
                        found.append(rollup)
            scope = labels.group_name(plan.level1_label, orientation.number)
            for group in by_orientation.values():
                if len(group) >= 2:
                    rollup = _rollup(ORIENTATION, scope, plan.code, group)
                    if rollup.members not in axe_members:
                        found.append(rollup)
    return found


def _rollup(level: str, scope: str, plan: str, group: list[IndicatorSeries]) -> Rollup:
    return Rollup(level, scope, plan, group[0].kind, " ".join(group[0].label.split()),
                  tuple((one.fiche, one.number) for one in group), sum_series(group))
