"""Indicator values per year against the target: « % de la cible » and the series the comité charts draw.

A year's value is its annual value, else its latest quarter. The target counts only when it is a plain number
("40", "75 %", "12,5" — core.comite_compare.target_number); anything else ("au moins 40 partenaires") gives
no percentage rather than a guess. Only numeric indicators (nombre, pourcentage) have a series.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from sdus_desktop.core.comite_compare import target_number
from sdus_desktop.core.indicators import numeric_value

NUMERIC_KINDS = ("nombre", "pourcentage")


@dataclass(frozen=True)
class IndicatorSeries:
    plan: str
    fiche: int
    number: int
    label: str
    kind: str
    target_text: str
    target: float | None
    points: tuple[tuple[int, float], ...]   # (year, value), years ascending

    @property
    def last(self) -> tuple[int, float] | None:
        return self.points[-1] if self.points else None

    @property
    def percent_of_target(self) -> float | None:
        """The latest year's value as a share of the target (None without a numeric target or value)."""
        if not self.target or not self.points:
            return None
        return 100 * self.points[-1][1] / self.target

    @property
    def charted(self) -> bool:
        return bool(self.points) and self.target is not None


def values_by_year(values: Iterable[Any]) -> dict[int, str | None]:
    """{year: canonical value}: the annual value, else the latest quarter of that year."""
    chosen: dict[int, tuple[str, str | None]] = {}
    for value in values:
        year = int(value.period[:4])
        current = chosen.get(year)
        if value.period == str(year) or current is None or (current[0] != str(year) and value.period > current[0]):
            chosen[year] = (value.period, value.value)
    return {year: value for year, (_, value) in chosen.items()}


def series(plan_code: str, fiche_number: int, indicator: Any) -> IndicatorSeries | None:
    """The yearly series of a numeric indicator (None for oui/non and texte indicators)."""
    if indicator.kind not in NUMERIC_KINDS:
        return None
    points = []
    for year, canonical in sorted(values_by_year(indicator.values).items()):
        number = numeric_value(canonical)
        if number is not None:
            points.append((year, number))
    return IndicatorSeries(plan_code, fiche_number, indicator.number, indicator.label, indicator.kind,
                           indicator.target, target_number(indicator.target), tuple(points))


def charted_series(plans: Iterable[Any], action_ids: Iterable[int] | None = None) -> list[IndicatorSeries]:
    """Every numeric indicator with a numeric target and at least one value, in plan and fiche order."""
    wanted = set(action_ids) if action_ids is not None else None
    found = []
    for plan in plans:
        for orientation in plan.orientations:
            for axe in orientation.axes:
                for action in axe.actions:
                    if wanted is not None and action.id not in wanted:
                        continue
                    for indicator in action.indicators:
                        one = series(plan.code, action.number, indicator)
                        if one is not None and one.charted:
                            found.append(one)
    return found
