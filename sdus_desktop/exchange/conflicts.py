"""The "Conflits à arbitrer" queue: cells changed both in a returned workbook and in the database."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime
from typing import TYPE_CHECKING, Any

from sdus_desktop.core import fields as f
from sdus_desktop.core.field_values import format_field
from sdus_desktop.core.fields import field_label
from sdus_desktop.core.limits import check_text_length
from sdus_desktop.core.period_lock import LOCK_SYMBOL, Lock
from sdus_desktop.exchange.import_apply import KEEP_MINE, TAKE_THEIRS
from sdus_desktop.exchange.normalize import canonical_db
from sdus_desktop.store import conflicts_store, imports
from sdus_desktop.store.changes import ChangeSet, Edit, decode
from sdus_desktop.store.database import Database
from sdus_desktop.store.models import Conflict
from sdus_desktop.store.period_locks import load_locks
from sdus_desktop.store.services import EditError, Services

if TYPE_CHECKING:
    from sdus_desktop.store.session import Session

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
    locked: str = ""   # « Verrouillé par le comité du JJ/MM/AAAA » when a validated comité locked the cell since
    multiline: bool = False   # a long text (bilan, commentaires, note): a third value is typed on several lines

    def text(self) -> str:
        locked = f" — {LOCK_SYMBOL} {self.locked} : seule l'équipe centrale peut la changer" if self.locked else ""
        return (f"n° {self.id} · {self.where} : base de données {self.current} ; classeur {self.theirs} "
                f"(valeur à l'export : {self.base}) — {self.origin}{locked}")


def open_conflicts(db: Database) -> list[ConflictView]:
    """The conflicts to decide, each saying whether its cell is locked since (core.period_lock): taking the
    workbook's value or typing one is then refused, or a correction in central mode (Services)."""
    with db.reading() as session:
        rows = conflicts_store.open_conflicts(session)
        locks = load_locks(session) if rows else {}
        return [_view(session, row, locks.get((row.entity, row.entity_key, row.field))) for row in rows]


def resolve(db: Database, user: str, ids: Iterable[int], choice: str, *, services: Services | None = None) -> ChangeSet:
    """Decide conflicts: KEEP_MINE leaves the database as is, TAKE_THEIRS writes the workbook's values.

    One transaction through Services (journal origin "arbitrage <origine de l'import>"); `services`: the caller's
    (inside its correcting_locks(), a cell locked since is corrected; otherwise LockedError)."""
    if choice not in (KEEP_MINE, TAKE_THEIRS):
        raise ConflictError(f"choix inconnu « {choice} »")
    wanted = list(dict.fromkeys(int(i) for i in ids))
    with db.reading() as session:
        rows = conflicts_store.conflicts_by_id(session, wanted)
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
        conflicts_store.mark_decided(session, wanted, choice, user, now)

    return (services or Services(db, user)).apply(edits, origin=f"arbitrage {' ; '.join(origins)}", also=mark)


def resolve_typed(db: Database, user: str, conflict_id: int, raw: str, *,
                  services: Services | None = None) -> ChangeSet:
    """Decide one conflict with a third value typed by the person, parsed by the field's own parser.

    A refused value raises EditError (French message with the place) and changes nothing."""
    row = _open_row(db, conflict_id)
    edit = Edit(row.entity, row.entity_key, row.field, raw)
    return _decide(services or Services(db, user), row, [edit], TYPED, f"{ORIGIN_TYPED} ({row.origin})")


def resolve_both(db: Database, user: str, conflict_id: int, today: date | None = None, *,
                 services: Services | None = None) -> ChangeSet:
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
    return _decide(services or Services(db, user), row, [edit], BOTH, f"{ORIGIN_BOTH} ({row.origin})")


def _open_row(db: Database, conflict_id: int) -> Conflict:
    with db.reading() as session:
        row = conflicts_store.detached_conflict(session, conflict_id)
    if row is None:
        raise ConflictError(f"conflit introuvable : n° {conflict_id} (voir « sdus conflits »)")
    if row.resolved_at is not None:
        raise ConflictError(f"conflit déjà arbitré : n° {conflict_id}")
    return row


def _decide(services: Services, row: Conflict, edits: list[Edit], choice: str, origin: str) -> ChangeSet:
    now = datetime.now().replace(microsecond=0)

    def mark(session: Session, _changes: ChangeSet) -> None:
        if not conflicts_store.mark_decided(session, [row.id], choice, services.user, now, only_open=True):
            raise ConflictError(f"conflit déjà arbitré : n° {row.id}")

    return services.apply(edits, origin=origin, also=mark)


def _is_text(entity: str, field: str) -> bool:
    spec = f.spec(entity, field)
    return spec is not None and spec.kind == f.TEXT and spec.editable


def _is_long_text(entity: str, field: str) -> bool:
    """A free text kind (core.fields.TEXT) is typed on several lines; lists, dates, numbers and statuses on one."""
    spec = f.spec(entity, field)
    return spec is not None and spec.kind == f.TEXT


def _author(session: Session, origin: str) -> str:
    """Who filled the workbook a conflict came from (its import record), else the file named in the origin."""
    author = imports.author_of_origin(session, origin)
    if author is not None:
        return author
    return origin.removeprefix("import ").split(" (export ", 1)[0] or "référent inconnu"


def _view(session: Session, row: Conflict, lock: Lock | None = None) -> ConflictView:
    where, kind, current = _locate(session, row.entity, row.entity_key, row.field)

    def show(value: Any) -> str:
        return format_field(row.entity, row.field, value, indicator_kind=kind)
    return ConflictView(
        row.id, row.created_at, row.origin, f"{where} · {field_label(row.entity, row.field)}",
        show(decode(row.base)), show(decode(row.mine)), show(decode(row.theirs)), show(current), row.action_id,
        _is_text(row.entity, row.field), lock.cell_tooltip() if lock is not None else "",
        _is_long_text(row.entity, row.field),
    )


def _locate(session: Session, entity: str, key: str, field: str) -> tuple[str, str | None, Any]:
    """Where an element is, its indicator kind (values), and its canonical value now."""
    where, kind, value = conflicts_store.locate(session, entity, key, field)
    # a note's value is already in its journal form (store.note_ops.current)
    return where, kind, value if entity == "note" else canonical_db(entity, field, value)
