"""What earlier imports of the same export did with each cell.

A référent often sends the same workbook twice (a later copy with more filled in). The merge base of every
copy stays what the workbook carried when exported (its hidden sheet); but a cell whose workbook value is one
an earlier import of the same export already applied (journal origin "import <fichier> (export <id>)") or
showed as a conflict that was then decided either way is not an edit any more: the copy re-sent is a no-op
there, and what the central team corrected since stays.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import literal, or_, select, union_all
from sqlalchemy.orm import Session

from sdus_desktop.exchange.normalize import canonical_db
from sdus_desktop.store.changes import decode
from sdus_desktop.store.models import Conflict, ImportRecord, JournalEntry

CellKey = tuple[str, str, str]   # (entity, key, field), as in Edit and the journal


def import_origin(file_name: str, export_id: str) -> str:
    """The journal origin of an import: "import <fichier> (export <id>)"."""
    return f"import {file_name} (export {export_id})"


def seen_values(session: Session, export_id: str) -> dict[CellKey, list[Any]]:
    """Per cell, the canonical workbook values applied or decided by imports of `export_id` (one query)."""
    if not export_id:
        return {}
    pattern = import_origin("%", export_id)
    undone = select(ImportRecord.id).where(ImportRecord.undone_at.is_not(None))   # withdrawn imports are not seen
    applied = select(
        JournalEntry.entity.label("entity"), JournalEntry.entity_key.label("key"), JournalEntry.field.label("field"),
        JournalEntry.new.label("value"), JournalEntry.at.label("at"), literal(0).label("source"),
        JournalEntry.id.label("id"),
    ).where(JournalEntry.origin.like(pattern),
            or_(JournalEntry.import_id.is_(None), JournalEntry.import_id.not_in(undone)))
    decided = select(
        Conflict.entity, Conflict.entity_key, Conflict.field, Conflict.theirs, Conflict.created_at, literal(1),
        Conflict.id,
    ).where(Conflict.origin.like(pattern), Conflict.resolution.in_(("mine", "theirs", "typed", "both")))
    query = union_all(applied, decided).order_by("at", "source", "id")
    seen: dict[CellKey, list[Any]] = {}
    for entity, key, field, value, *_ in session.execute(query):
        seen.setdefault((entity, key, field), []).append(canonical_db(entity, field, decode(value)))
    return seen
