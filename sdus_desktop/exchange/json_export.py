"""Open-data JSON dump of everything (format "sdus-export", version 1; see docs/export-json.md)."""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import date, datetime
from pathlib import Path
from typing import Any

from sdus_desktop.core.atomic import write_atomically
from sdus_desktop.core.fields import DATE, fields_of
from sdus_desktop.core.statuses import ActionStatus, StepStatus
from sdus_desktop.store.database import Database
from sdus_desktop.store.models import Action, Indicator, Note, Plan, Step
from sdus_desktop.store.queries import load_plans, notes_by_action, step_period

FORMAT = "sdus-export"
VERSION = 1


def export_data(db: Database, plan_code: str | None = None, today: date | None = None) -> dict[str, Any]:
    with db.reading() as session:
        plans = load_plans(session, plan_code)
        notes = notes_by_action(session)
        return {
            "format": FORMAT,
            "version": VERSION,
            "exported_at": datetime.now().isoformat(timespec="seconds"),
            "database_id": db.database_id,
            "plans": [_plan(plan, notes) for plan in plans],
        }


def write_json_export(db: Database, out: Path, plan_code: str | None = None) -> dict[str, Any]:
    """Write the dump atomically (temporary file then rename): a failure leaves no half-written file."""
    data = export_data(db, plan_code)

    def render(temporary: str) -> None:
        with open(temporary, "w", encoding="utf-8") as stream:
            json.dump(data, stream, ensure_ascii=False, indent=2)
            stream.write("\n")

    write_atomically(Path(out), render, prefix=".sdus-export-")
    return data


def _plan(plan: Plan, notes: dict[int, list[Note]]) -> dict[str, Any]:
    return {
        "code": plan.code, "title": plan.title, "period_start": plan.period_start, "period_end": plan.period_end,
        "level1_label": plan.level1_label, "catalogue_version": plan.catalogue_version,
        "orientations": [
            {
                "number": o.number, "title": o.title,
                "axes": [
                    {"number": axe.number, "title": axe.title, "actions": [_action(a, notes) for a in axe.actions]}
                    for axe in o.axes
                ],
            }
            for o in plan.orientations
        ],
    }


# Values not read straight from the row's attribute of the same name.
_READERS: dict[tuple[str, str], Callable[[Any], Any]] = {
    ("action", "referents"): lambda action: [person.name for person in action.referents],
    ("step", "planned_start"): lambda step: step_period(step)[0],  # the override, else from the calendrier
    ("step", "planned_end"): lambda step: step_period(step)[1],
    ("indicator", "target"): lambda indicator: indicator.target or None,  # version 1 writes no cible as null
}


def _declared(entity: str, row: Any) -> dict[str, Any]:
    """Every field core.fields declares for the JSON export, under its name (dates in ISO 8601)."""
    data: dict[str, Any] = {}
    for spec in fields_of(entity, where="json"):
        reader = _READERS.get((entity, spec.name))
        value = reader(row) if reader else getattr(row, spec.name)
        data[spec.name] = _iso(value) if spec.kind == DATE else value
    return data


def _action(action: Action, notes: dict[int, list[Note]]) -> dict[str, Any]:
    return {
        "number": action.number, "label": action.label, **_declared("action", action),
        "status_label": ActionStatus(action.status).label,
        "updated_at": action.updated_at.isoformat() if action.updated_at else None,
        "updated_by": action.updated_by or None,
        "steps": [_step(step) for step in action.steps],
        "indicators": [_indicator(indicator) for indicator in action.indicators],
        "notes": [_declared("note", note) for note in notes.get(action.id, [])],   # notes de suivi, newest first
    }


def _step(step: Step) -> dict[str, Any]:
    return {**_declared("step", step), "status_label": StepStatus(step.status).label}


def _indicator(indicator: Indicator) -> dict[str, Any]:
    return {
        "number": indicator.number, **_declared("indicator", indicator),
        "values": [{"period": v.period, **_declared("value", v)} for v in indicator.values],
        "targets": [{"year": t.year, **_declared("target", t)} for t in indicator.targets],
    }


def _iso(value: date | None) -> str | None:
    return value.isoformat() if value else None
