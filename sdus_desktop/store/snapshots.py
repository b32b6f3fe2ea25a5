"""Snapshots of steps and indicators (with their values), so that removals can be undone exactly."""

from __future__ import annotations

from datetime import date
from typing import Any

from sqlalchemy.orm import Session

from sdus_desktop.store.models import Indicator, IndicatorTarget, IndicatorValue, Step

_STEP_COLUMNS = ("id", "action_id", "number", "label", "calendrier", "status", "comment")
_STEP_DATES = ("planned_start", "planned_end", "actual_start", "actual_end")


def of_step(step: Step) -> dict[str, Any]:
    data: dict[str, Any] = {name: getattr(step, name) for name in _STEP_COLUMNS}
    for name in _STEP_DATES:
        value = getattr(step, name)
        data[name] = value.isoformat() if value else None
    return data


def of_indicator(indicator: Indicator) -> dict[str, Any]:
    return {
        "id": indicator.id, "action_id": indicator.action_id, "number": indicator.number,
        "label": indicator.label, "kind": indicator.kind, "target": indicator.target,
        "values": [{"period": v.period, "value": v.value, "comment": v.comment} for v in indicator.values],
        "targets": [{"year": t.year, "value": t.value, "note": t.note} for t in indicator.targets],
    }


def delete(session: Session, entity: str, row_id: int) -> None:
    row: Step | Indicator | None = session.get(Step, row_id) if entity == "step" else session.get(Indicator, row_id)
    if row is None:
        return
    siblings: list[Any] = row.action.steps if entity == "step" else row.action.indicators
    number = row.number
    siblings.remove(row)
    session.flush()
    for other in siblings:
        if other.number > number:
            other.number -= 1


def restore(session: Session, entity: str, snapshot: dict[str, Any]) -> None:
    """Re-create a removed row with its id (when still free) and position."""
    model: Any = Step if entity == "step" else Indicator
    row_id = snapshot["id"] if session.get(model, snapshot["id"]) is None else None
    siblings: list[Any] = session.query(model).filter(model.action_id == snapshot["action_id"]).all()
    for other in siblings:
        if other.number >= snapshot["number"]:
            other.number += 1
    if entity == "step":
        fields = {name: snapshot[name] for name in _STEP_COLUMNS if name != "id"}
        fields.update({name: date.fromisoformat(snapshot[name]) if snapshot[name] else None for name in _STEP_DATES})
        session.add(Step(id=row_id, **fields))
        return
    indicator = Indicator(
        id=row_id, action_id=snapshot["action_id"], number=snapshot["number"], label=snapshot["label"],
        kind=snapshot["kind"], target=snapshot["target"],
    )
    indicator.values = [IndicatorValue(**value) for value in snapshot["values"]]
    indicator.targets = [IndicatorTarget(**target) for target in snapshot.get("targets", [])]
    session.add(indicator)
