"""The cells locked by validated comités (rule: core.period_lock), read inside the caller's transaction.

A frozen state never changes (a trigger refuses updates), so the cells it locks are computed once per snapshot
and kept (keyed by database file, snapshot id and the moment it was taken: a restored older base cannot reuse
another base's entry); only which snapshots are validated is read each time. SQLAlchemy is imported where used:
the views import LockedError without it.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sdus_desktop.core.period_lock import CellKey, Lock, locked_cells, merge_locks
from sdus_desktop.store.changes import EditError

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from sdus_desktop.store.database import Database

_CACHE: dict[tuple[str, int, str], dict[CellKey, Lock]] = {}


class LockedError(EditError):
    """An edit of a value a validated comité locked. In central mode it may be made as a correction."""

    def __init__(self, where: str, lock: Lock, central: bool = False) -> None:
        super().__init__(where, f"{lock.reason()} : {lock.what_to_do(central)}")
        self.lock = lock


def _validated(session: Session) -> list[Any]:
    from sqlalchemy import select

    from sdus_desktop.store.models import ComiteSnapshot, ComiteValidation

    return list(session.execute(
        select(ComiteSnapshot.id, ComiteSnapshot.comite_date, ComiteSnapshot.taken_at)
        .join(ComiteValidation, ComiteValidation.snapshot_id == ComiteSnapshot.id)
        .where(ComiteValidation.withdrawn_at.is_(None)).distinct()).all())


def validated_comites(session: Session) -> list[tuple[date, int]]:
    """(date, snapshot id) of every comité validated now: what closes the period of notes (core.note_lock)."""
    return [(comite_date, snapshot_id) for snapshot_id, comite_date, _taken in _validated(session)]


def load_locks(session: Session) -> dict[CellKey, Lock]:
    """Every cell locked now (validations withdrawn are ignored), with the latest comité that locks it."""
    from sqlalchemy import select

    from sdus_desktop.store.models import ComiteSnapshot

    rows = _validated(session)
    if not rows:
        return {}
    path = str(session.connection().engine.url.database or "")
    per_comite = []
    for snapshot_id, comite_date, taken_at in rows:
        key = (path, snapshot_id, str(taken_at))
        if key not in _CACHE:
            payload = session.scalar(select(ComiteSnapshot.payload).where(ComiteSnapshot.id == snapshot_id))
            _CACHE[key] = _locks_of(payload, comite_date, snapshot_id)
        per_comite.append(_CACHE[key])
    return merge_locks(per_comite)


def load_locks_for(db: Database) -> dict[CellKey, Lock]:
    """load_locks in a read transaction of its own (benches, checks)."""
    with db.reading() as session:
        return load_locks(session)


def locks_at(db_path: Path) -> dict[CellKey, Lock]:
    """load_locks read with plain DB-API SQL (store.engine.connect, no SQLAlchemy): what the views show locked."""
    from contextlib import closing

    from sdus_desktop.store.engine import connect

    with closing(connect(db_path)) as connection:
        rows = connection.execute(
            "SELECT DISTINCT s.id, s.comite_date, s.taken_at FROM comite_snapshot s JOIN comite_validation v "
            "ON v.snapshot_id = s.id WHERE v.withdrawn_at IS NULL").fetchall()
        per_comite = []
        for snapshot_id, comite_date, taken_at in rows:
            key = (f"dbapi:{db_path}", int(snapshot_id), str(taken_at))
            if key not in _CACHE:
                [(payload,)] = connection.execute("SELECT payload FROM comite_snapshot WHERE id = ?",
                                                  (snapshot_id,)).fetchall()
                day = comite_date if isinstance(comite_date, date) else date.fromisoformat(str(comite_date)[:10])
                _CACHE[key] = _locks_of(payload, day, int(snapshot_id))
            per_comite.append(_CACHE[key])
    return merge_locks(per_comite) if per_comite else {}


def _locks_of(payload: bytes | None, comite_date: date, snapshot_id: int) -> dict[CellKey, Lock]:
    from sdus_desktop.store.comite_snapshots import decode_state

    state: dict[str, Any] = decode_state(payload) if payload else {}
    return locked_cells(state, comite_date, snapshot_id)


def forget(path: Path | str | None = None) -> None:
    """Drop the computed locks (tests; a base replaced in place)."""
    for key in [k for k in _CACHE if path is None or k[0] in (str(path), f"dbapi:{path}")]:
        del _CACHE[key]
