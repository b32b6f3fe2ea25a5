"""The "Conflits à arbitrer" queue: cells changed both in a returned workbook and in the database."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from sdus_desktop.core import fields as f
from sdus_desktop.core.field_values import format_field
from sdus_desktop.core.fields import field_label
from sdus_desktop.core.limits import check_text_length
from sdus_desktop.exchange.import_apply import KEEP_MINE, TAKE_THEIRS
from sdus_desktop.exchange.normalize import canonical_db
from sdus_desktop.store.changes import ChangeSet, Edit, decode, split_value_key
from sdus_desktop.store.database import Database
from sdus_desktop.store.models import Action, Conflict, ImportRecord, Indicator, IndicatorValue, Note, Step
from sdus_desktop.store.queries import step_period
from sdus_desktop.store.services import EditError, Services

TYPED = "typed"   # resolution: a third value typed by the person
BOTH = "both"     # resolution: both texts kept (database's, then the workbook's)
ORIGIN_TYPED = "arbitrage : valeur saisie"
ORIGIN_BOTH = "arbitrage : les deux textes"


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
    joinable: bool = False   # a free text: « garder les deux » is offered

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


def resolve_typed(db: Database, user: str, conflict_id: int, raw: str) -> ChangeSet:
    """Decide one conflict with a third value typed by the person, parsed by the field's own parser.

    A refused value raises EditError (French message with the place) and changes nothing."""
    row = _open_row(db, conflict_id)
    edit = Edit(row.entity, row.entity_key, row.field, raw)
    return _decide(db, user, row, [edit], TYPED, f"{ORIGIN_TYPED} ({row.origin})")


def resolve_both(db: Database, user: str, conflict_id: int, today: date | None = None) -> ChangeSet:
    """Decide one conflict on a text field by keeping both texts: the database's, a blank line, a dated line
    « — repris du classeur de <auteur> », then the workbook's. Refused (nothing changed) beyond a cell's size."""
    row = _open_row(db, conflict_id)
    if not _is_text(row.entity, row.field):
        raise ConflictError(f"conflit n° {conflict_id} : « garder les deux » ne vaut que pour un texte, "
                            f"pas pour le champ « {field_label(row.entity, row.field)} »")
    with db.reading() as session:
        where, _kind, current = _locate(session, row.entity, row.entity_key, row.field)
        author = _author(session, row.origin)
    theirs = decode(row.theirs)
    mine, other = str(current or "").rstrip(), str(theirs or "").strip()
    line = f"— repris du classeur de {author}, le {(today or date.today()):%d/%m/%Y}"
    joined = "\n\n".join(part for part in (mine, f"{line}\n{other}" if other else "") if part)
    try:
        check_text_length(joined)
    except ValueError as error:
        raise EditError(f"{where} · {field_label(row.entity, row.field)}",
                        f"les deux textes réunis sont trop longs : {error}") from None
    edit = Edit(row.entity, row.entity_key, row.field, joined)
    return _decide(db, user, row, [edit], BOTH, f"{ORIGIN_BOTH} ({row.origin})")


def _open_row(db: Database, conflict_id: int) -> Conflict:
    with db.reading() as session:
        row = session.get(Conflict, int(conflict_id))
        if row is not None:
            session.expunge(row)
    if row is None:
        raise ConflictError(f"conflit introuvable : n° {conflict_id} (voir « sdus conflits »)")
    if row.resolved_at is not None:
        raise ConflictError(f"conflit déjà arbitré : n° {conflict_id}")
    return row


def _decide(db: Database, user: str, row: Conflict, edits: list[Edit], choice: str, origin: str) -> ChangeSet:
    now = datetime.now().replace(microsecond=0)

    def mark(session: Session, _changes: ChangeSet) -> None:
        conflict = session.get(Conflict, row.id)
        if conflict is None or conflict.resolved_at is not None:
            raise ConflictError(f"conflit déjà arbitré : n° {row.id}")
        conflict.resolved_at, conflict.resolution, conflict.resolved_by = now, choice, user

    return Services(db, user).apply(edits, origin=origin, also=mark)


def _is_text(entity: str, field: str) -> bool:
    spec = f.spec(entity, field)
    return spec is not None and spec.kind == f.TEXT and spec.editable


def _author(session: Session, origin: str) -> str:
    """Who filled the workbook a conflict came from (its import record), else the file named in the origin."""
    from sdus_desktop.exchange.import_history import import_origin

    for record in session.scalars(select(ImportRecord).where(ImportRecord.author != "")
                                  .order_by(ImportRecord.id.desc())):
        if import_origin(record.file_name, record.export_id) == origin:
            return record.author
    return origin.removeprefix("import ").split(" (export ", 1)[0] or "référent inconnu"


def _view(session: Session, row: Conflict) -> ConflictView:
    where, kind, current = _locate(session, row.entity, row.entity_key, row.field)

    def show(value: Any) -> str:
        return format_field(row.entity, row.field, value, indicator_kind=kind)
    return ConflictView(
        row.id, row.created_at, row.origin, f"{where} · {field_label(row.entity, row.field)}",
        show(decode(row.base)), show(decode(row.mine)), show(decode(row.theirs)), show(current), row.action_id,
        _is_text(row.entity, row.field),
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
    if entity == "note":   # a note an undone import added, corrected since (store.note_ops)
        from sdus_desktop.store import note_ops

        note = session.get(Note, int(key))
        if note is None:
            return f"note (id {key}, supprimée)", None, None
        where = f"{note.action.axe.orientation.plan.code} · fiche {note.action.number} · note du " \
                f"{note.note_date:%d/%m/%Y}"
        return where, None, note_ops.current(session, key, field)
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
