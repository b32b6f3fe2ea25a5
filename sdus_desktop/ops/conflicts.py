"""Decisions on « Conflits à arbitrer »: keep the database value, take the workbook's, type a third value,
or keep both texts. One transaction each, journaled « arbitrage … », through the caller's Services (a cell a
validated comité locked since is refused with LockedError, or corrected inside its correcting_locks()); ConflictError
or EditError (French) when the decision cannot be made, with nothing changed. A decision is final: it is not on the undo stack (the
journal keeps it; the cell can be edited again)."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from sdus_desktop.exchange.conflicts import resolve, resolve_both, resolve_typed
from sdus_desktop.exchange.import_apply import KEEP_MINE, TAKE_THEIRS
from sdus_desktop.ops.changes import OpChanges
from sdus_desktop.store.changes import ChangeSet
from sdus_desktop.store.services import Services

__all__ = ["KEEP_MINE", "TAKE_THEIRS", "decide", "decide_both", "decide_typed"]


def _decided(changeset: ChangeSet) -> OpChanges:
    return OpChanges(changeset=changeset, conflicts=True, campaign=True)


def decide(services: Services, conflict_ids: Iterable[int], choice: str) -> OpChanges:
    """KEEP_MINE (« Garder la base ») or TAKE_THEIRS (« Prendre le classeur ») for these conflicts."""
    return _decided(resolve(services.db, services.user, conflict_ids, choice, services=services))


def decide_typed(services: Services, conflict_id: int, raw: str) -> OpChanges:
    """A third value, read by the field's own parser (a refused value raises EditError)."""
    return _decided(resolve_typed(services.db, services.user, conflict_id, raw, services=services))


def decide_both(services: Services, conflict_id: int, today: date | None = None) -> OpChanges:
    """For a text: the database's text, then a dated line and the workbook's text."""
    return _decided(resolve_both(services.db, services.user, conflict_id, today,
                                         services=services))
