"""Indicator values per year against their targets: « % de la cible » and the series the charts draw.

A year's value is its annual value, else its latest quarter. A year's target is the number the central team set
for that year (indicator_target, typed in the fiche), else the plan's wording of the target when it is a plain
number ("40", "75 %", "12,5" — core.comite_compare.target_number); anything else ("au moins 40 partenaires")
gives no percentage rather than a guess. Only numeric indicators (nombre, pourcentage) have targets per year and
a series.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from sdus_desktop.core import numbers
from sdus_desktop.core.comite_compare import target_number
from sdus_desktop.core.indicators import IndicatorKind, format_value, numeric_value, parse_value

NUMERIC_KINDS = ("nombre", "pourcentage")
FIRST_YEAR, LAST_YEAR = 2000, 2100


# -- what people type ----------------------------------------------------------------------------
def parse_year(raw: object) -> int:
    """A target's year (2000–2100). Raises ValueError (French)."""
    text = str(raw).strip() if raw is not None else ""
    if isinstance(raw, float) and raw.is_integer():
        text = str(int(raw))
    if not text.isdigit() or not FIRST_YEAR <= int(text) <= LAST_YEAR:
        raise ValueError(f"année invalide « {text} » (attendu : une année comme 2024)")
    return int(text)


def parse_target(kind: str, raw: object) -> float | None:
    """The number a typed target stands for, in the indicator's unit; None when the cell is emptied.

    Refused (ValueError, French): an indicator that is not a number or a percentage, a text that is not a
    number, a negative target, a percentage above 100 % (a rate cannot reach 120 %)."""
    if kind not in NUMERIC_KINDS:
        label = IndicatorKind(kind).label if kind in IndicatorKind._value2member_map_ else kind
        raise ValueError(f"une cible par année ne se donne qu'à un indicateur de type nombre ou pourcentage "
                         f"(celui-ci est de type {label})")
    canonical = parse_value(kind, raw)
    if canonical is None:
        return None
    exact = numbers.parse_number(canonical)
    shown = format_value(kind, canonical)
    if exact < 0:
        raise ValueError(f"« {shown} » : une cible ne peut pas être négative")
    if kind == IndicatorKind.POURCENTAGE and exact > 100:
        raise ValueError(f"« {shown} » : une cible en pourcentage ne peut pas dépasser 100 %")
    if not numbers.fits_float(exact):  # a target is kept as a REAL: refuse what it would round
        raise ValueError(f"« {shown} » : cible trop précise (15 chiffres significatifs au plus) : "
                         "saisissez un nombre comme 1 234,5")
    return float(exact)


def format_target(kind: str, value: float | Decimal | None) -> str:
    """A stored target (or a total) as people read it ("12,5", "45 %"); "" when there is none. Never raises:
    a value an older version stored (inf, nan) is shown as it is."""
    if value is None:
        return ""
    exact = numbers.as_decimal(value)
    if exact is None:
        return str(value)
    return format_value(kind if kind in NUMERIC_KINDS else "nombre", numbers.canonical(exact))


# -- series ---------------------------------------------------------------------------------------
@dataclass(frozen=True)
class IndicatorSeries:
    plan: str
    fiche: int
    number: int
    label: str
    kind: str
    target_text: str                           # the plan's wording
    target: float | None                       # that wording as a plain number, if it is one
    points: tuple[tuple[int, float], ...]      # (year, value), years ascending
    yearly: tuple[tuple[int, float], ...] = ()  # (year, target set for that year), years ascending
    exact: tuple[tuple[int, str], ...] = ()    # (year, the value as stored): shown exactly, never through a float

    def target_for(self, year: int) -> float | None:
        """The year's target: the one set for that year, else the wording's number (None without either)."""
        for one, value in self.yearly:
            if one == year:
                return value
        return self.target

    @property
    def years(self) -> list[int]:
        return sorted({year for year, _ in self.points} | {year for year, _ in self.yearly})

    @property
    def target_points(self) -> list[tuple[int, float]]:
        """(year, target) for every charted year that has one."""
        found = [(year, self.target_for(year)) for year in self.years]
        return [(year, value) for year, value in found if value is not None]

    @property
    def value_of(self) -> dict[int, float]:
        return dict(self.points)

    @property
    def last(self) -> tuple[int, float] | None:
        return self.points[-1] if self.points else None

    @property
    def last_target(self) -> float | None:
        return self.target_for(self.points[-1][0]) if self.points else None

    @property
    def percent_of_target(self) -> float | None:
        """The latest year's value as a share of that year's target (None without a target or a value)."""
        if not self.points:
            return None
        return percent(self.points[-1][1], self.last_target)

    def percent_of_target_in(self, year: int) -> float | None:
        """That year's value as a share of that year's target."""
        return percent(self.value_of.get(year), self.target_for(year))

    @property
    def has_target(self) -> bool:
        return self.target is not None or bool(self.yearly)

    @property
    def charted(self) -> bool:
        return bool(self.points) and self.has_target

    def value_label(self, year: int) -> str:
        """"12345678901234567890", "12,5 %": that year's value exactly as stored; "" without one."""
        stored = dict(self.exact).get(year)
        if stored is not None:
            return format_value(self.kind, stored)
        value = self.value_of.get(year)
        return format_target(self.kind, value) if value is not None else ""

    def target_label(self, year: int) -> str:
        """"45 %" for that year's target, "" without one."""
        return format_target(self.kind, self.target_for(year))

    def text(self) -> str:
        """The chart as words (the text alternative of the fiche's chart, and its PDF caption)."""
        parts = []
        for year in self.years:
            value, goal = self.value_of.get(year), self.target_for(year)
            shown = self.value_label(year) if value is not None else "non renseigné"
            share = percent(value, goal)
            tail = (f", cible {format_target(self.kind, goal)}" if goal is not None else ", pas de cible") + \
                (f", {share:.0f} % de la cible" if share is not None else "")
            parts.append(f"{year} : {shown}{tail}")
        return " ; ".join(parts) + "." if parts else "Aucune valeur ni cible chiffrée."


def percent(value: float | None, target: float | None) -> float | None:
    """value as a share of target, in %; None when either is missing, not finite, or the target is zero."""
    if value is None or not target or not math.isfinite(value) or not math.isfinite(target):
        return None
    return 100 * float(value) / float(target)


def target_cell_text(indicator: Any, period: str) -> str:
    """The « Cible » cell of a référent workbook row (indicator, period): the target set for the period's year,
    with the plan's wording beside it when there is one; else the wording alone."""
    year = int(period[:4])
    own = dict(yearly_targets(indicator)).get(year) if indicator.kind in NUMERIC_KINDS else None
    wording = " ".join((indicator.target or "").split())
    if own is None:
        return wording
    text = f"{format_target(indicator.kind, own)} (cible {year})"
    return f"{text} ; libellé : {wording}" if wording else text


def values_by_year(values: Iterable[Any]) -> dict[int, str | None]:
    """{year: canonical value}: the annual value, else the latest quarter of that year."""
    chosen: dict[int, tuple[str, str | None]] = {}
    for value in values:
        year = int(value.period[:4])
        current = chosen.get(year)
        if value.period == str(year) or current is None or (current[0] != str(year) and value.period > current[0]):
            chosen[year] = (value.period, value.value)
    return {year: value for year, (_, value) in chosen.items()}


def yearly_targets(indicator: Any) -> tuple[tuple[int, float], ...]:
    """(year, target) of the targets set per year (rows without a number — a note alone — are left out)."""
    rows = getattr(indicator, "targets", None) or ()
    return tuple(sorted((row.year, float(row.value)) for row in rows
                        if row.value is not None and math.isfinite(float(row.value))))


def series(plan_code: str, fiche_number: int, indicator: Any) -> IndicatorSeries | None:
    """The yearly series of a numeric indicator (None for oui/non and texte indicators)."""
    if indicator.kind not in NUMERIC_KINDS:
        return None
    points, exact = [], []
    for year, canonical in sorted(values_by_year(indicator.values).items()):
        number = numeric_value(canonical)
        if number is not None and canonical is not None:
            points.append((year, number))
            exact.append((year, canonical))
    return IndicatorSeries(plan_code, fiche_number, indicator.number, indicator.label, indicator.kind,
                           indicator.target, target_number(indicator.target), tuple(points),
                           yearly_targets(indicator), tuple(exact))


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
