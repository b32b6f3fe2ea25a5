"""A year of suivi on the SDUS, for the comité tests and tools/render_comite.py.

Two halves of edits (`first_half`, `second_half`) so that a comité can be frozen between them; a pending
conflict is left in the queue.
"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from sdus_desktop.store.changes import Edit
from sdus_desktop.store.database import Database
from sdus_desktop.store.models import Conflict
from sdus_desktop.store.queries import iter_actions, load_plans
from sdus_desktop.store.services import Services

USER = "Marie Dupont"


def fiches(db: Database, plan: str = "SDUS") -> dict[int, object]:
    with db.reading() as session:
        return {a.number: a for a in iter_actions(load_plans(session, plan))}


def first_half(db: Database) -> dict[str, int]:
    """Statuses spread over the five, steps done, an indicator with a target and a 2021 value."""
    services = Services(db, USER)
    by_number = fiches(db)
    edits: list[Edit] = []
    for number, action in by_number.items():
        status = ("En cours" if number % 3 == 0 else "Réalisée" if number % 11 == 0
                  else "Reportée" if number % 17 == 0 else "Abandonnée" if number == 73 else None)
        if status:
            edits.append(Edit("action", str(action.id), "status", status))  # type: ignore[attr-defined]
        if number % 3 == 0:
            edits.append(Edit("action", str(action.id), "avancement", "30"))  # type: ignore[attr-defined]
    services.apply(edits)
    twelve = by_number[12]
    steps = twelve.steps  # type: ignore[attr-defined]
    services.apply([Edit("step", str(steps[0].id), "status", "Réalisée"),
                    Edit("step", str(steps[0].id), "actual_end", "15/03/2021")])
    services.set("step", steps[1].id, "planned_end", "30/06/2030")
    indicator = int(services.add_indicator(twelve.id, "Nombre de saisines DECLIC", "nombre", "40")  # type: ignore[attr-defined]
                    .changes[0].key)
    services.set("value", f"{indicator}:2021", "value", "12")
    services.set("action", twelve.id, "bilan", "Diagnostic partagé avec l'ARS.")  # type: ignore[attr-defined]
    return {"twelve": twelve.id, "indicator": indicator, "step1": steps[0].id, "step2": steps[1].id,  # type: ignore[attr-defined]
            "step3": steps[2].id}


def second_half(db: Database, ids: dict[str, int]) -> None:
    """Fiche 12 réalisée (via an intermediate value), step 2 done, step 3 slipped to 2027, a 2022 value, the bilan
    rewritten (a typo typed then fixed: only the final text counts)."""
    services = Services(db, USER)
    twelve = ids["twelve"]
    services.set("action", twelve, "status", "Reportée")  # an intermediate value: not in the net changes
    services.set("action", twelve, "status", "Réalisée")
    services.set("action", twelve, "avancement", "100")
    services.apply([Edit("step", str(ids["step2"]), "status", "Réalisée"),
                    Edit("step", str(ids["step2"]), "actual_end", "10/01/2026")])
    services.set("step", ids["step3"], "planned_end", "31/12/2027")
    services.set("value", f"{ids['indicator']}:2022", "value", "31")
    services.set("action", twelve, "bilan", "Diagnostic partagé avec l'ARSS.")
    services.set("action", twelve, "bilan", "Diagnostic partagé avec l'ARS ; fiche réflexe diffusée.")


def pending_conflict(db: Database, action_id: int) -> None:
    with db.transaction() as session:
        session.add(Conflict(created_at=datetime(2026, 3, 2, 10, 0), origin="import retour-jeanne.xlsx",
                             entity="action", entity_key=str(action_id), action_id=action_id, field="bilan",
                             base='""', mine='"Texte de la base"', theirs='"Texte du classeur"'))


def build_year(path: Path) -> Database:
    """The year with the comité of 12/03/2026 frozen between the two halves."""
    from datetime import date

    from sdus_desktop.store.comite_snapshots import freeze

    db = Database.open(path)
    ids = first_half(db)
    freeze(db, USER, date(2026, 3, 12))
    second_half(db, ids)
    pending_conflict(db, ids["twelve"])
    return db
