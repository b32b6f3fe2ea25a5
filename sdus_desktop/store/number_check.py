"""Numbers an older version let through (« Infinity », « NaN », an infinite target): listed with their place, so
that the central team corrects them (`sdus check`). They are shown as stored everywhere and never block a PDF."""

from __future__ import annotations

import math

from sdus_desktop.core import numbers
from sdus_desktop.core.indicator_targets import NUMERIC_KINDS
from sdus_desktop.store.database import Database
from sdus_desktop.store.queries import iter_actions, load_plans


def invalid_numbers(db: Database) -> list[str]:
    """« SDUS · fiche 12 · indicateur 2 · 2021 : valeur « Infinity » … » for every stored value of a nombre or
    pourcentage indicator that is not a finite number, and every target that is not one."""
    found = []
    with db.reading() as session:
        for plan in load_plans(session):
            for action in iter_actions([plan]):
                for indicator in action.indicators:
                    if indicator.kind not in NUMERIC_KINDS:
                        continue
                    where = f"{plan.code} · fiche {action.number} · indicateur {indicator.number}"
                    for value in sorted(indicator.values, key=lambda one: one.period):
                        if value.value not in (None, "") and numbers.as_decimal(value.value) is None:
                            found.append(f"{where} · {value.period} : valeur « {value.value} » qui n'est pas un "
                                         "nombre — corrigez-la dans la fiche (onglet Indicateurs)")
                    for target in sorted(indicator.targets, key=lambda one: one.year):
                        if target.value is not None and not math.isfinite(float(target.value)):
                            found.append(f"{where} · cible {target.year} : « {target.value} » qui n'est pas un "
                                         "nombre — corrigez-la en mode central (onglet Indicateurs, « Cibles par année »)")
    return found
