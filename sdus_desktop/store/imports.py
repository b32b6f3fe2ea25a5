"""Import records and what earlier imports did, for the workbook import (exchange/import_*)."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import literal, or_, select, union_all
from sqlalchemy.orm import Session

from sdus_desktop.store.changes import decode
from sdus_desktop.store.models import Conflict, ImportRecord, JournalEntry

DECIDED = ("mine", "theirs", "typed", "both")   # conflict resolutions that are a decision (not a withdrawal)


def import_origin(file_name: str, export_id: str) -> str:
    """The journal origin of an import: "import <fichier> (export <id>)"."""
    return f"import {file_name} (export {export_id})"


def seen_cells(session: Session, export_id: str) -> list[tuple[str, str, str, Any]]:
    """(entity, key, field, decoded value) the imports of `export_id` applied (journal) or saw decided
    (conflicts), oldest first; imports undone since are left out. One query."""
    if not export_id:
        return []
    pattern = import_origin("%", export_id)
    undone = select(ImportRecord.id).where(ImportRecord.undone_at.is_not(None))
    applied = select(
        JournalEntry.entity.label("entity"), JournalEntry.entity_key.label("key"), JournalEntry.field.label("field"),
        JournalEntry.new.label("value"), JournalEntry.at.label("at"), literal(0).label("source"),
        JournalEntry.id.label("id"),
    ).where(JournalEntry.origin.like(pattern),
            or_(JournalEntry.import_id.is_(None), JournalEntry.import_id.not_in(undone)))
    decided = select(
        Conflict.entity, Conflict.entity_key, Conflict.field, Conflict.theirs, Conflict.created_at, literal(1),
        Conflict.id,
    ).where(Conflict.origin.like(pattern), Conflict.resolution.in_(DECIDED))
    query = union_all(applied, decided).order_by("at", "source", "id")
    return [(entity, key, field, decode(value)) for entity, key, field, value, *_ in session.execute(query)]


def imported_at(session: Session, sha256: str) -> datetime | None:
    """When a file with these bytes was imported (and not undone), or None."""
    record = session.scalar(select(ImportRecord).where(ImportRecord.file_sha256 == sha256,
                                                       ImportRecord.undone_at.is_(None)).limit(1))
    return None if record is None else record.at


def latest_imports(session: Session, limit: int = 50) -> list[ImportRecord]:
    """The latest import records, newest first."""
    return list(session.scalars(select(ImportRecord).order_by(ImportRecord.id.desc()).limit(limit)))


def import_record(session: Session, record_id: int) -> ImportRecord | None:
    return session.get(ImportRecord, record_id)


def add_import_record(session: Session, *, at: datetime, user: str, file_name: str, sha256: str, export_id: str,
                      author: str) -> ImportRecord:
    """A new import record (0 applied, 0 conflicts until the caller sets them), flushed: its id is known."""
    record = ImportRecord(at=at, user=user, file_name=file_name, file_sha256=sha256, export_id=export_id,
                          applied=0, conflicts=0, author=author)
    session.add(record)
    session.flush()
    return record


def journal_of_import(session: Session, record_id: int) -> list[JournalEntry]:
    """The journal rows an import wrote, newest first (the order to put them back in)."""
    return list(session.scalars(select(JournalEntry).where(JournalEntry.import_id == record_id)
                                .order_by(JournalEntry.id.desc())))


def author_of_origin(session: Session, origin: str) -> str | None:
    """Who filled the workbook imported under journal origin `origin` (latest such import), or None."""
    for record in session.scalars(select(ImportRecord).where(ImportRecord.author != "")
                                  .order_by(ImportRecord.id.desc())):
        if import_origin(record.file_name, record.export_id) == origin:
            return record.author
    return None
