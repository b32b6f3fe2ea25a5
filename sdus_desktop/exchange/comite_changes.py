"""Rows of the "Évolutions" sheet: journal entries in the users' words."""

from __future__ import annotations

from contextlib import suppress
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from sdus_desktop.core.attribution import who_made
from sdus_desktop.core.field_values import format_field
from sdus_desktop.core.fields import STRUCTURE_FIELD, field_label
from sdus_desktop.exchange.normalize import canonical_db
from sdus_desktop.store.changes import decode, split_value_key
from sdus_desktop.store.models import Action, Indicator, JournalEntry, Plan, Step

_PLAN_ENTITIES = {"plan": "plan", "orientation": "orientation / thématique", "axe": "axe"}


def change_rows(session: Session, entries: list[JournalEntry]) -> list[list[Any]]:
    """[date, par, origine, plan, fiche, élément, champ, avant, après] for each journal entry."""
    actions = {a.id: a for a in session.scalars(select(Action))}
    plans = {p.id: p.code for p in session.scalars(select(Plan))}
    steps = {s.id: s.number for s in session.scalars(select(Step))}
    indicators = {i.id: (i.number, i.kind) for i in session.scalars(select(Indicator))}
    rows = []
    for entry in entries:
        action = actions.get(entry.action_id or -1)
        element, kind = _element(entry, steps, indicators)
        if entry.field == STRUCTURE_FIELD:
            what = "ajout" if entry.old is None else "suppression"
            before, after = ("—", element) if entry.old is None else (element, "—")
            rows.append([entry.at, who_made(entry.user, entry.author), entry.origin, plans.get(action.plan_id) if action else "",
                         action.number if action else None, element, what, before, after])
            continue
        rows.append([
            entry.at, who_made(entry.user, entry.author), entry.origin, plans.get(action.plan_id) if action else "",
            action.number if action else None, element, field_label(entry.entity, entry.field),
            _shown(entry, decode(entry.old), kind), _shown(entry, decode(entry.new), kind),
        ])
    return rows


def _element(entry: JournalEntry, steps: dict[int, int], indicators: dict[int, tuple[int, str]]) -> tuple[str, str | None]:
    if entry.entity == "action":
        return "fiche", None
    if entry.entity == "step":
        number = steps.get(int(entry.entity_key))
        return (f"étape {number}" if number else "étape (supprimée)"), None
    if entry.entity == "indicator":
        found = indicators.get(int(entry.entity_key))
        return (f"indicateur {found[0]}" if found else "indicateur (supprimé)"), None
    if entry.entity in _PLAN_ENTITIES:  # plan structure changed by a plan definition (avenant)
        return _PLAN_ENTITIES[entry.entity], None
    indicator_id, period = split_value_key(entry.entity_key)
    found = indicators.get(indicator_id)
    return (f"indicateur {found[0]} · {period}" if found else f"indicateur (supprimé) · {period}",
            found[1] if found else None)


def _shown(entry: JournalEntry, value: Any, kind: str | None) -> str:
    with suppress(ValueError, TypeError):  # cleans what a cell cannot hold; an odd old value is shown as it is
        value = canonical_db(entry.entity, entry.field, value)
    return format_field(entry.entity, entry.field, value, indicator_kind=kind)
