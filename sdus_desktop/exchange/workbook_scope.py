"""Which fiches a référent workbook covers (plan, référent, fiche numbers) and the rows it holds."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

from sdus_desktop.core.fields import fields_of
from sdus_desktop.core.indicator_targets import target_cell_text
from sdus_desktop.core.indicators import IndicatorKind, parse_period
from sdus_desktop.core.text import fold
from sdus_desktop.exchange.normalize import canonical_db, clean_text
from sdus_desktop.exchange.workbook_layout import row_ref
from sdus_desktop.store.changes import value_key
from sdus_desktop.store.progress import step_period
from sdus_desktop.store.readmodel import Action, Indicator, Plan, Step

# Export and import both read the database through the read model (store.readmodel): these are its row classes.
__all__ = ["Action", "Indicator", "Plan", "Scope", "ScopeError", "Step", "action_base", "indicator_periods",
           "select_actions", "step_base", "value_bases", "value_ref"]


class ScopeError(ValueError):
    """Nothing to export for the requested scope (French message)."""


@dataclass
class Scope:
    plans: list[str]
    referent: str | None = None
    fiches: list[int] | None = None
    action_ids: list[int] = field(default_factory=list)

    def to_json(self) -> dict[str, Any]:
        return {"plans": self.plans, "referent": self.referent, "fiches": self.fiches, "actions": self.action_ids}

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Scope:
        return cls(
            plans=[str(code) for code in data["plans"]],
            referent=data.get("referent"),
            fiches=[int(n) for n in data["fiches"]] if data.get("fiches") is not None else None,
            action_ids=[int(i) for i in data["actions"]],
        )

    def describe(self) -> str:
        parts = [" et ".join(self.plans)]
        if self.referent:
            parts.append(f"référent « {self.referent} »")
        if self.fiches:
            parts.append("fiches " + ", ".join(str(n) for n in self.fiches))
        return " · ".join(parts) + f" ({len(self.action_ids)} fiche(s))"


def select_actions(
    plans: Sequence[Plan], referent: str | None = None, fiches: list[int] | None = None,
    action_ids: list[int] | None = None,
) -> tuple[Scope, list[tuple[Plan, Action]]]:
    """The fiches of the scope, in plan order; raises ScopeError when none match.

    `fiches` are numbers (in every plan of `plans`); `action_ids` are ids (the GUI's visible fiches)."""
    wanted_ids = set(action_ids) if action_ids is not None else None
    chosen: list[tuple[Plan, Action]] = []
    person = _person(plans, referent) if referent else None
    for plan in plans:
        for orientation in plan.orientations:
            for axe in orientation.axes:
                for action in axe.actions:
                    if person is not None and person not in {p.name for p in action.referents}:
                        continue
                    if fiches and action.number not in fiches:
                        continue
                    if wanted_ids is not None and action.id not in wanted_ids:
                        continue
                    chosen.append((plan, action))
    if not chosen:
        if referent:
            raise ScopeError(f"aucune fiche pour le référent « {person} » dans ce périmètre")
        raise ScopeError("aucune fiche ne correspond à la sélection (vérifiez --plan et --fiche)")
    scope = Scope(
        plans=[plan.code for plan in plans if any(p is plan for p, _ in chosen)],
        referent=person, fiches=sorted(fiches) if fiches else None,
        action_ids=[action.id for _, action in chosen],
    )
    return scope, chosen


def _person(plans: Sequence[Plan], referent: str) -> str:
    """The one person `referent` names: their recorded name when typed exactly, else the person whose name it
    is with accents and case aside (« claire MARTIN »). Two people whose names differ only so are never
    merged: the typed name must then be exact. ScopeError when nobody, or more than one person, matches."""
    names = {person.name for plan in plans for orientation in plan.orientations for axe in orientation.axes
             for action in axe.actions for person in action.referents}
    typed = referent.strip()
    if typed in names:
        return typed
    matches = sorted((name for name in names if fold(name) == fold(typed)), key=lambda name: (fold(name), name))
    if len(matches) == 1:
        return matches[0]
    if matches:
        raise ScopeError(f"« {typed} » peut désigner {len(matches)} référents différents "
                         f"({', '.join(matches)}) : choisissez le nom exact")
    known = ", ".join(sorted(names, key=fold)) or "aucun référent n'est encore désigné"
    raise ScopeError(f"aucune fiche pour le référent « {typed} » (référents connus : {known})")


# Base values not read straight from the row's attribute of the same name.
_READERS: dict[tuple[str, str], Callable[[Any], Any]] = {
    ("action", "referents"): lambda action: [person.name for person in action.referents],
    ("step", "planned_start"): lambda step: step_period(step)[0],  # the override, else from the calendrier
    ("step", "planned_end"): lambda step: step_period(step)[1],
}


def _base(entity: str, row: Any) -> dict[str, Any]:
    """Canonical values of the row's workbook fields (core.fields), as exported and merged on import."""
    base = {}
    for spec in fields_of(entity, where="workbook"):
        reader = _READERS.get((entity, spec.name))
        base[spec.name] = canonical_db(entity, spec.name, reader(row) if reader else getattr(row, spec.name))
    return base


def action_base(action: Action) -> dict[str, Any]:
    return _base("action", action)


def step_base(step: Step) -> dict[str, Any]:
    return _base("step", step)


def action_references(action: Action) -> dict[str, str]:
    """The reference cells (not imported) of a fiche's row as an export writes them: header → text."""
    return {"Intitulé": clean_text(action.title)}


def step_references(step: Step) -> dict[str, str]:
    return {"Libellé": clean_text(step.label), "Calendrier": clean_text(step.calendrier)}


def value_references(indicator: Indicator, period: str) -> dict[str, str]:
    return {"Indicateur": clean_text(indicator.label), "Type": IndicatorKind(indicator.kind).label,
            "Cible": clean_text(target_cell_text(indicator, period))}


def indicator_periods(plan: Plan, indicator: Indicator) -> list[str]:
    """Every year of the plan, plus any other period that already has a value (sorted)."""
    periods = {str(year) for year in range(plan.period_start, plan.period_end + 1)}
    periods.update(value.period for value in indicator.values)
    return sorted(periods, key=lambda p: (p[:4], p))


_EMPTY_VALUE: dict[str, Any] = {"value": None, "comment": ""}


def value_bases(plan: Plan, indicator: Indicator) -> list[tuple[str, dict[str, Any]]]:
    stored = {value.period: value for value in indicator.values}
    rows = []
    for period in indicator_periods(plan, indicator):
        value = stored.get(period)
        rows.append((period, _base("value", value) if value else dict(_EMPTY_VALUE)))
    return rows


def value_ref(indicator_id: int, period: str) -> str:
    return row_ref("value", value_key(indicator_id, parse_period(period)))
