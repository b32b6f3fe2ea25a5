"""Targets per year (table indicator_target, migration 0009) written through Services: entity "target",
key "<indicator id>:<year>", fields "value" (a number in the indicator's unit) and "note".

A row exists while it holds a number or a note: emptying both removes it. Central mode sets targets; they are
not a « mise à jour » of the fiche (core.fields: edit=CENTRAL)."""

from __future__ import annotations

from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from sdus_desktop.core.indicator_targets import parse_year
from sdus_desktop.core.limits import check_text_length
from sdus_desktop.store.changes import Edit, EditError, FieldChange, target_key
from sdus_desktop.store.coercion import coerce
from sdus_desktop.store.models import Indicator, IndicatorTarget

__all__ = ["apply_target", "current_target", "split_target_key", "target_key"]


def split_target_key(key: str) -> tuple[int, str]:
    indicator_id, year = key.split(":", 1)
    return int(indicator_id), year


def _indicator(session: Session, indicator_id: int) -> Indicator:
    indicator = session.get(Indicator, indicator_id)
    if indicator is None:
        raise EditError("", f"indicateur n° {indicator_id} introuvable (supprimé entre-temps ?)")
    return indicator


def _where(indicator: Indicator, year: object, field: str | None = None) -> str:
    parts = [f"fiche {indicator.action.number}", f"indicateur {indicator.number}", f"cible {year}"]
    if field == "note":
        parts.append("note")
    return " · ".join(parts)


def _row(session: Session, indicator_id: int, year: int) -> IndicatorTarget | None:
    return session.scalar(select(IndicatorTarget).where(
        IndicatorTarget.indicator_id == indicator_id, IndicatorTarget.year == year))


def apply_target(session: Session, edit: Edit) -> FieldChange | None:
    """Set (or clear, with an empty value) one year's target or its note; EditError says where."""
    indicator_id, raw_year = split_target_key(edit.key)
    indicator = _indicator(session, indicator_id)
    try:
        year = parse_year(raw_year)
        if edit.field == "value":
            new: Any = coerce("target", "value", edit.value, indicator.kind)
        elif edit.field == "note":
            new = coerce("target", "note", edit.value)
            check_text_length(new)
        else:
            raise ValueError(f"champ inconnu « {edit.field} »")
    except ValueError as error:
        raise EditError(_where(indicator, raw_year, edit.field), str(error)) from None
    row = _row(session, indicator_id, year)
    old = getattr(row, edit.field) if row is not None else (None if edit.field == "value" else "")
    if old == new:
        return None
    if row is None:
        row = IndicatorTarget(indicator_id=indicator_id, year=year, value=None, note="")
        session.add(row)
    setattr(row, edit.field, new)
    if row.value is None and not row.note:
        if row in indicator.targets:
            indicator.targets.remove(row)
        session.delete(row)
    session.flush()
    return FieldChange("target", target_key(indicator_id, year), edit.field, old, new, indicator.action_id)


def current_target(session: Session, key: str, field: str) -> tuple[Any, str]:
    """The value a target field holds now, and where it is (undo checks nobody changed it since)."""
    indicator_id, raw_year = split_target_key(key)
    indicator = _indicator(session, indicator_id)
    row = _row(session, indicator_id, int(raw_year))
    empty = None if field == "value" else ""
    return (getattr(row, field) if row is not None else empty), _where(indicator, raw_year, field)
