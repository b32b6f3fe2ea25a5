"""Which fiches to print: a plan, fiche numbers (per plan) or action ids, in the Schéma's order."""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass

from sdus_desktop.reports.fiche_flowables import FicheContext
from sdus_desktop.store.models import Plan


class FicheSelectionError(ValueError):
    """A requested fiche does not exist (French message saying which and what to do)."""


@dataclass(frozen=True)
class Selection:
    plans: list[Plan]
    fiches: list[FicheContext]

    @property
    def plan_codes(self) -> list[str]:
        return [plan.code for plan in self.plans if any(f.plan is plan for f in self.fiches)]


def select_fiches(
    plans: list[Plan], numbers: Collection[int] | None = None, action_ids: Collection[int] | None = None,
) -> Selection:
    """All fiches of `plans`, or only those numbered `numbers` (in every given plan) / with `action_ids`.

    A number that exists in no given plan raises FicheSelectionError.
    """
    everything = [
        FicheContext(plan, orientation, axe, action)
        for plan in plans for orientation in plan.orientations for axe in orientation.axes for action in axe.actions
    ]
    chosen = everything
    if numbers:
        wanted = set(numbers)
        chosen = [f for f in chosen if f.action.number in wanted]
        missing = sorted(wanted - {f.action.number for f in chosen})
        if missing:
            scope = " ou ".join(plan.code for plan in plans) or "la base"
            listed = ", ".join(str(n) for n in missing)
            highest = max((f.action.number for f in everything), default=0)
            raise FicheSelectionError(
                f"fiche(s) {listed} introuvable(s) dans {scope} (numéros de 1 à {highest}) : vérifiez --fiche"
            )
    if action_ids is not None:
        wanted_ids = set(action_ids)
        chosen = [f for f in chosen if f.action.id in wanted_ids]
    return Selection(plans, chosen)


def ambiguous_numbers(plans: list[Plan], numbers: Collection[int]) -> list[int]:
    """Fiche numbers that exist in more than one of `plans`."""
    seen: dict[int, int] = {}
    for plan in plans:
        present = {a.number for o in plan.orientations for axe in o.axes for a in axe.actions}
        for number in set(numbers) & present:
            seen[number] = seen.get(number, 0) + 1
    return sorted(n for n, count in seen.items() if count > 1)
