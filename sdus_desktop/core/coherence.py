"""Coherence rules applied with an edit, in the same operation (and said to the person).

- A fin réelle entered on an étape that is neither réalisée nor abandonnée marks it réalisée.
- A fiche marked réalisée while some étapes are unfinished or its avancement is below 100 % is asked about
  first; if the person agrees, those étapes are marked réalisées and the avancement set to 100 %.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from typing import Protocol

from sdus_desktop.core.statuses import StepStatus


class StepLike(Protocol):
    id: int
    number: int
    status: str


def finishes_step(status: str, actual_end: date | None) -> bool:
    """True when entering this fin réelle must also mark the étape réalisée."""
    return actual_end is not None and not StepStatus(status).closed


@dataclass(frozen=True)
class Unfinished:
    """What stands in the way of a fiche marked réalisée."""

    step_numbers: tuple[int, ...]
    step_ids: tuple[int, ...]
    avancement: int

    def __bool__(self) -> bool:
        return bool(self.step_ids) or self.avancement < 100

    def describe(self) -> str:
        parts = []
        if self.step_numbers:
            count = len(self.step_numbers)
            numbers = ", ".join(str(n) for n in self.step_numbers)
            parts.append(f"{count} étape{'s' if count > 1 else ''} non terminée{'s' if count > 1 else ''} "
                         f"(n° {numbers})")
        if self.avancement < 100:
            parts.append(f"un avancement de {self.avancement} %")
        return " et ".join(parts)


def unfinished_for_done(steps: Iterable[StepLike], avancement: int) -> Unfinished:
    """The étapes neither réalisées nor abandonnées, and the avancement, of a fiche about to be réalisée."""
    open_steps = sorted((step for step in steps if not StepStatus(step.status).closed), key=lambda s: s.number)
    return Unfinished(tuple(s.number for s in open_steps), tuple(s.id for s in open_steps), avancement)
