"""The state of the suivi as the comité compares it: per fiche its statut, avancement, bilan, étapes and
indicator values — plain JSON-ready dicts (core.comite_compare compares two of them).

`capture` reads loaded plans (ORM or plain read model); `state_at` rebuilds the state at a past moment by
undoing, newest first, the journal entries written since (the fallback when no comité was frozen).
"""

from __future__ import annotations

from collections.abc import Sequence
from contextlib import closing
from datetime import date, datetime
from pathlib import Path
from typing import Any

from sdus_desktop.core.fields import STRUCTURE_FIELD
from sdus_desktop.store.changes import decode, split_value_key
from sdus_desktop.store.engine import PARAM, connect

STATE_FORMAT = 1
_STEP_FIELDS = ("label", "status", "calendrier", "planned_start", "planned_end", "actual_start", "actual_end")
_ACTION_FIELDS = ("title", "status", "avancement", "bilan")


def _iso(value: date | None) -> str | None:
    return value.isoformat() if value else None


def capture(plans: Sequence[Any], on: date, plan_code: str | None = None) -> dict[str, Any]:
    """The state of every fiche of `plans` (one plan when plan_code is given), as of the date `on`."""
    fiches: list[dict[str, Any]] = []
    for plan in plans:
        if plan_code and plan.code != plan_code:
            continue
        for orientation in plan.orientations:
            for axe in orientation.axes:
                for action in axe.actions:
                    fiches.append({
                        "id": action.id, "plan": plan.code, "number": action.number, "title": action.title,
                        "axe": f"{orientation.number}.{axe.number}", "status": action.status,
                        "avancement": action.avancement, "bilan": action.bilan,
                        "steps": [{"id": s.id, "number": s.number, "label": s.label, "status": s.status,
                                   "calendrier": s.calendrier, "planned_start": _iso(s.planned_start),
                                   "planned_end": _iso(s.planned_end), "actual_start": _iso(s.actual_start),
                                   "actual_end": _iso(s.actual_end)}
                                  for s in action.steps],
                        "indicators": [{"id": i.id, "number": i.number, "label": i.label, "kind": i.kind,
                                        "target": i.target, "values": {v.period: v.value for v in i.values},
                                        "targets": {str(t.year): t.value for t in i.targets
                                                    if t.value is not None}}
                                       for i in action.indicators],
                    })
    return {"format": STATE_FORMAT, "date": on.isoformat(), "plan_code": plan_code, "fiches": fiches}


def current_state(db_path: Path, on: date, plan_code: str | None = None) -> dict[str, Any]:
    """The state now, read with plain SQL (store.engine.connect; fast: no ORM objects), with each fiche's notes de suivi."""
    from sdus_desktop.store.readmodel import load_plans, notes_for_actions

    state = capture(load_plans(db_path), on, plan_code)
    notes = notes_for_actions(db_path, None)
    for fiche in state["fiches"]:
        fiche["notes"] = [_note(note.id, note.note_date.isoformat(), note.author, note.text)
                          for note in notes.get(fiche["id"], [])]
    return state


def _note(note_id: int, note_date: str, author: str, text: str) -> dict[str, Any]:
    return {"id": note_id, "note_date": note_date, "author": author, "text": text}


def state_at(db_path: Path, when: datetime, plan_code: str | None = None) -> dict[str, Any]:
    """The state as it was at `when`: the current state with every later journal entry undone."""
    state = current_state(db_path, when.date(), plan_code)
    with closing(connect(db_path)) as connection:
        rows = connection.execute(
            f"SELECT entity, entity_key, action_id, field, old FROM journal WHERE at >= {PARAM} "
            "ORDER BY at DESC, id DESC", (when.isoformat(sep=" "),)).fetchall()
    by_action = {fiche["id"]: fiche for fiche in state["fiches"]}
    for entity, key, action_id, field, old in rows:
        fiche = by_action.get(action_id)
        if fiche is not None:
            _undo(fiche, entity, key, field, decode(old))
    for fiche in state["fiches"]:
        fiche["steps"].sort(key=lambda step: step["number"])
        fiche["indicators"].sort(key=lambda indicator: indicator["number"])
    return state


def _undo(fiche: dict[str, Any], entity: str, key: str, field: str, old: Any) -> None:
    """Put back the value a journal entry replaced (fields the comparison does not read are skipped)."""
    if entity == "action":
        if field in _ACTION_FIELDS:
            fiche[field] = old if old is not None else ("" if field != "avancement" else 0)
        return
    if entity == "step":
        steps: list[dict[str, Any]] = fiche["steps"]
        if field == STRUCTURE_FIELD:
            _unstructure(steps, int(key), old, lambda o: {
                "id": o["id"], "number": o["number"], "label": o["label"], "status": o["status"],
                **{name: o.get(name) for name in _STEP_FIELDS[2:]}})
            return
        for step in steps:
            if step["id"] == int(key) and (field in _STEP_FIELDS or field == "number"):
                step[field] = old if old is not None or field not in ("label", "calendrier") else ""
        return
    if entity == "indicator":
        indicators: list[dict[str, Any]] = fiche["indicators"]
        if field == STRUCTURE_FIELD:
            _unstructure(indicators, int(key), old, lambda o: {
                "id": o["id"], "number": o["number"], "label": o["label"], "kind": o["kind"], "target": o["target"],
                "values": {v["period"]: v["value"] for v in o.get("values", [])},
                "targets": {str(t["year"]): t["value"] for t in o.get("targets", []) if t["value"] is not None}})
            return
        for indicator in indicators:
            if indicator["id"] == int(key) and field in ("label", "kind", "target", "number"):
                indicator[field] = old if old is not None else ""
        return
    if entity == "note":
        _undo_note(fiche.setdefault("notes", []), int(key), field, old)
        return
    if entity == "target" and field == "value":
        indicator_id, year = split_value_key(key)  # "<indicator id>:<year>", the same shape
        for indicator in fiche["indicators"]:
            if indicator["id"] == indicator_id:
                targets = indicator.setdefault("targets", {})
                if old is None:
                    targets.pop(year, None)
                else:
                    targets[year] = float(old)
        return
    if entity == "value" and field == "value":
        indicator_id, period = split_value_key(key)
        for indicator in fiche["indicators"]:
            if indicator["id"] == indicator_id:
                if old is None:
                    indicator["values"].pop(period, None)
                else:
                    indicator["values"][period] = str(old)


def _undo_note(notes: list[dict[str, Any]], note_id: int, field: str, old: Any) -> None:
    """A note written since is gone; one withdrawn since is back; a corrected one reads as it was."""
    if field == STRUCTURE_FIELD:
        notes[:] = [note for note in notes if note["id"] != note_id]
        if isinstance(old, dict):
            notes.append(_note(note_id, str(old["note_date"]), str(old.get("author", "")), str(old["text"])))
        return
    for note in notes:
        if note["id"] == note_id and field in ("note_date", "text"):
            note[field] = old if old is not None else ""


def _unstructure(rows: list[dict[str, Any]], row_id: int, old: Any, rebuild: Any) -> None:
    """Undo an addition (the row goes, the later rows move up) or a removal (the row comes back at its place,
    the later rows move down): the services renumber siblings without a journal line of their own."""
    gone = [row for row in rows if row["id"] == row_id]
    rows[:] = [row for row in rows if row["id"] != row_id]
    for row in gone:
        for other in rows:
            if other["number"] > row["number"]:
                other["number"] -= 1
    if isinstance(old, dict):  # removed since: it existed then
        for other in rows:
            if other["number"] >= old["number"]:
                other["number"] += 1
        rows.append(rebuild(old))
