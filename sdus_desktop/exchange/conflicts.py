"""The "Conflits à arbitrer" queue: cells changed both in a returned workbook and in the database."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from sdus_desktop.core.field_values import format_field
from sdus_desktop.core.fields import field_label
from sdus_desktop.exchange.import_apply import KEEP_MINE, TAKE_THEIRS
from sdus_desktop.exchange.normalize import canonical_db
from sdus_desktop.store.changes import ChangeSet, Edit, decode, split_value_key
from sdus_desktop.store.database import Database
from sdus_desktop.store.models import Action, Conflict, Indicator, IndicatorValue, Step
from sdus_desktop.store.queries import step_period
from sdus_desktop.store.services import Services


class ConflictError(ValueError):
    """A resolution that cannot be made (unknown or already decided conflict); French message."""


@dataclass(frozen=True)
class ConflictView:
    id: int
    created_at: datetime
    origin: str
    where: str            # "fiche 12 · étape 2 · fin réelle"
    base: str             # displayed values
    mine: str             # database value when the conflict was found
    theirs: str           # workbook value
    current: str          # database value now
    action_id: int | None

    def text(self) -> str:
        return (f"n° {self.id} · {self.where} : base de données {self.current} ; classeur {self.theirs} "
                f"(valeur à l'export : {self.base}) — {self.origin}")


def open_conflicts(db: Database) -> list[ConflictView]:
    with db.reading() as session:
        rows = session.scalars(select(Conflict).where(Conflict.resolved_at.is_(None)).order_by(Conflict.id))
        return [_view(session, row) for row in rows]


def resolve(db: Database, user: str, ids: Iterable[int], choice: str) -> ChangeSet:
    """Decide conflicts: KEEP_MINE leaves the database as is, TAKE_THEIRS writes the workbook's values.

    One transaction through Services (journal origin "arbitrage <origine de l'import>")."""
    if choice not in (KEEP_MINE, TAKE_THEIRS):
        raise ConflictError(f"choix inconnu « {choice} »")
    wanted = list(dict.fromkeys(int(i) for i in ids))
    with db.reading() as session:
        rows = {row.id: row for row in session.scalars(select(Conflict).where(Conflict.id.in_(wanted)))}
    missing = [str(i) for i in wanted if i not in rows]
    if missing:
        raise ConflictError(f"conflit(s) introuvable(s) : n° {', '.join(missing)} (voir « sdus conflits »)")
    done = [str(i) for i in wanted if rows[i].resolved_at is not None]
    if done:
        raise ConflictError(f"conflit(s) déjà arbitré(s) : n° {', '.join(done)}")
    edits = []
    if choice == TAKE_THEIRS:
        edits = [Edit(rows[i].entity, rows[i].entity_key, rows[i].field, decode(rows[i].theirs)) for i in wanted]
    origins = sorted({rows[i].origin for i in wanted})
    now = datetime.now().replace(microsecond=0)

    def mark(session: Session, _changes: ChangeSet) -> None:
        for conflict in session.scalars(select(Conflict).where(Conflict.id.in_(wanted))):
            conflict.resolved_at, conflict.resolution, conflict.resolved_by = now, choice, user

    return Services(db, user).apply(edits, origin=f"arbitrage {' ; '.join(origins)}", also=mark)


def _view(session: Session, row: Conflict) -> ConflictView:
    where, kind, current = _locate(session, row.entity, row.entity_key, row.field)

    def show(value: Any) -> str:
        return format_field(row.entity, row.field, value, indicator_kind=kind)
    return ConflictView(
        row.id, row.created_at, row.origin, f"{where} · {field_label(row.entity, row.field)}",
        show(decode(row.base)), show(decode(row.mine)), show(decode(row.theirs)), show(current), row.action_id,
    )


def _locate(session: Session, entity: str, key: str, field: str) -> tuple[str, str | None, Any]:
    """Where an element is, its indicator kind (values), and its canonical value now."""
    if entity == "action":
        action = session.get(Action, int(key))
        if action is None:
            return f"fiche (id {key}, supprimée)", None, None
        value = [p.name for p in action.referents] if field == "referents" else getattr(action, field)
        return f"{action.axe.orientation.plan.code} · fiche {action.number}", None, canonical_db(entity, field, value)
    if entity == "step":
        step = session.get(Step, int(key))
        if step is None:
            return f"étape (id {key}, supprimée)", None, None
        start, end = step_period(step)
        value = {"planned_start": start, "planned_end": end}.get(field, getattr(step, field))
        plan = step.action.axe.orientation.plan.code
        return f"{plan} · fiche {step.action.number} · étape {step.number}", None, canonical_db(entity, field, value)
    indicator_id, period = split_value_key(key)
    indicator = session.get(Indicator, indicator_id)
    if indicator is None:
        return f"indicateur (id {indicator_id}, supprimé) · {period}", None, None
    stored = session.scalar(select(IndicatorValue).where(IndicatorValue.indicator_id == indicator_id,
                                                         IndicatorValue.period == period))
    value = getattr(stored, field) if stored is not None else (None if field == "value" else "")
    plan = indicator.action.axe.orientation.plan.code
    where = f"{plan} · fiche {indicator.action.number} · indicateur {indicator.number} · {period}"
    return where, indicator.kind, canonical_db(entity, field, value)
