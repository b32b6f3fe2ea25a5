"""Undo a whole import from the journal, in one action.

Every change an import wrote carries its import id in the journal. Undoing puts back, in one transaction
(after a verified backup), the value each cell had before the import — where the cell still holds what the
import wrote. A cell changed since (by hand, by another import, by an arbitration) is not overwritten: it goes
to « Conflits à arbitrer » (base = the imported value, database = the value now, classeur = the value before
the import), so a person decides. The conflicts the import had left open are closed (its workbook values are
withdrawn with it). The same file can be imported again afterwards.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sdus_desktop.store import conflicts_store, imports
from sdus_desktop.store.changes import ChangeSet, Edit, FieldChange, decode, encode
from sdus_desktop.store.database import Database
from sdus_desktop.store.models import ImportRecord
from sdus_desktop.store.period_locks import LockedError
from sdus_desktop.store.services import Services

WITHDRAWN = "annule"   # resolution of the conflicts an undone import had left open (not a decision)


class UndoImportError(ValueError):
    """The import cannot be undone (unknown, already undone); French message."""


@dataclass
class UndoImportResult:
    record_id: int
    file_name: str
    changeset: ChangeSet
    conflicts_queued: int
    backup: object = None

    def summary(self) -> str:
        queued = (f", {self.conflicts_queued} cellule(s) modifiée(s) depuis mise(s) en conflit à arbitrer"
                  if self.conflicts_queued else "")
        return f"import n° {self.record_id} (« {self.file_name} ») annulé : {len(self.changeset)} valeur(s) remise(s){queued}"


def list_imports(db: Database, limit: int = 50) -> list[ImportRecord]:
    """The latest imports, newest first."""
    with db.reading() as session:
        return imports.latest_imports(session, limit)


def describe_import(record: ImportRecord) -> str:
    author = f", rempli par {record.author}" if record.author else ""
    undone = f" — annulé le {record.undone_at:%d/%m/%Y à %H:%M}" if record.undone_at else ""
    return (f"n° {record.id} · {record.at:%d/%m/%Y %H:%M} · « {record.file_name} »{author}, importé par {record.user} "
            f"· {record.applied} modification(s){undone}")


def undo_import(db: Database, user: str, record_id: int) -> UndoImportResult:
    """Undo import n° record_id (see the module doc). Raises UndoImportError when it cannot be undone."""
    with db.reading() as session:
        record = imports.import_record(session, record_id)
        if record is None:
            raise UndoImportError(f"import n° {record_id} introuvable (voir « sdus import --historique »)")
        if record.undone_at is not None:
            raise UndoImportError(f"l'import n° {record_id} a déjà été annulé le {record.undone_at:%d/%m/%Y à %H:%M}")
    backup = db.backup("avant-annulation-import")
    services = Services(db, user)
    origin = f"annulation de l'import n° {record_id} ({record.file_name})"
    now = datetime.now().replace(microsecond=0)
    with db.transaction() as session:
        record = imports.import_record(session, record_id)
        assert record is not None
        if record.undone_at is not None:   # undone by someone else meanwhile
            raise UndoImportError(f"l'import n° {record_id} vient d'être annulé par ailleurs")
        entries = imports.journal_of_import(session, record_id)
        edits: list[Edit] = []
        queued = 0
        for entry in entries:
            change = FieldChange(entry.entity, entry.entity_key, entry.field, decode(entry.old), decode(entry.new),
                                 entry.action_id or 0)
            try:
                current, _where = services.current_value(session, change)
            except Exception:  # noqa: BLE001 - the element was deleted since: nothing to put back
                continue
            if encode(current) == entry.new:
                edits.append(Edit(entry.entity, entry.entity_key, entry.field, decode(entry.old)))
                continue
            conflicts_store.queue_conflict(session, created_at=now, origin=origin, entity=entry.entity,
                                           key=entry.entity_key, action_id=entry.action_id, field=entry.field,
                                           base=entry.new, mine=encode(current), theirs=entry.old)
            queued += 1
        try:
            changeset = services.apply_in(session, edits, origin)
        except LockedError as error:   # a comité validated since what this import wrote
            raise UndoImportError(
                f"l'import n° {record_id} ne peut plus être annulé : {error.where} — {error.lock.reason()} depuis. "
                "Corrigez cette valeur sur la fiche en mode « Équipe centrale » si elle est fausse.") from None
        conflicts_store.withdraw_open(session, record.at, imports.import_origin(record.file_name, record.export_id),
                                      WITHDRAWN, user, now)
        record.undone_at = now
    return UndoImportResult(record_id, record.file_name, changeset, queued, backup)
