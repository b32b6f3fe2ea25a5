"""Load the shipped catalogue (db/seed/*.json) into an empty database."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from sqlalchemy.orm import Session

from sdus_desktop.core.fields import LIST_FIELDS
from sdus_desktop.core.indicators import IndicatorKind
from sdus_desktop.store.locations import seed_dir
from sdus_desktop.store.models import Action, Axe, Indicator, Meta, Orientation, Plan, Step

CATALOGUE_FILES = ("sdus.json", "sdsf.json")
_DOCUMENT_FIELDS = (
    "pilotage", "participation_citoyens", "partenaires", "public", "problematique", "vigilance", "objectifs",
    "methodologie", "modalites_suivi", "incidence_financiere", "sous_actions", "resultat_attendu",
    "calendrier", "acteurs",
)


def load_catalogue(path: Path) -> dict[str, Any]:
    data = json.loads(path.read_text(encoding="utf-8"))
    if data.get("format") != "sdus-catalogue" or data.get("version") != 1:
        raise ValueError(f"{path.name} : catalogue de format inconnu")
    return data


def seed_all(session: Session, folder: Path | None = None) -> list[Plan]:
    folder = folder or seed_dir()
    return [seed_plan(session, load_catalogue(folder / name)) for name in CATALOGUE_FILES]


def seed_plan(session: Session, catalogue: dict[str, Any]) -> Plan:
    info = catalogue["plan"]
    plan = Plan(
        code=info["code"], title=info["title"], period_start=info["period_start"], period_end=info["period_end"],
        level1_label=info["level1_label"], catalogue_version=catalogue["catalogue_version"],
    )
    session.add(plan)
    session.flush()
    for o in catalogue["orientations"]:
        orientation = Orientation(number=o["number"], title=o["title"])
        plan.orientations.append(orientation)
        for a in o["axes"]:
            axe = Axe(number=a["number"], title=a["title"])
            orientation.axes.append(axe)
            for item in a["actions"]:
                axe.actions.append(_action(plan, item))
    session.merge(Meta(key=f"catalogue_version:{plan.code}", value=catalogue["catalogue_version"]))
    session.flush()
    return plan


def _action(plan: Plan, item: dict[str, Any]) -> Action:
    action = Action(
        plan_id=plan.id, number=item["number"], label=item.get("label", ""), title=item["title"],
        **{name: item.get(name) or ([] if name in LIST_FIELDS else "") for name in _DOCUMENT_FIELDS},
    )
    action.steps = [
        Step(number=s["number"], label=s["label"], calendrier=s.get("calendrier", "")) for s in item.get("etapes", [])
    ]
    action.indicators = [
        Indicator(number=n, label=i["label"], kind=IndicatorKind(i.get("kind", "texte")).value, target=i.get("target", ""))
        for n, i in enumerate(item.get("indicateurs", []), start=1)
    ]
    return action
