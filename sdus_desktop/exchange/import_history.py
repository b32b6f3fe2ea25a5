"""What earlier imports of the same export did with each cell: the merge base moves forward with them.

A référent often sends the same workbook twice (a later copy with more filled in). Merging the second copy
against the export-time value would re-apply what the first copy applied and the central team has corrected
since. So, per cell, the base is the last workbook value an earlier import of the same export applied
(journal origin "import <fichier> (export <id>)"), or showed as a conflict that was then decided either way
(the workbook value was seen: taken, or refused with "garder la base"); else the exported value.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import literal, select, union_all
from sqlalchemy.orm import Session

from sdus_desktop.exchange.normalize import canonical_db
from sdus_desktop.store.changes import decode
from sdus_desktop.store.models import Conflict, JournalEntry

CellKey = tuple[str, str, str]   # (entity, key, field), as in Edit and the journal


def import_origin(file_name: str, export_id: str) -> str:
    """The journal origin of an import: "import <fichier> (export <id>)"."""
    return f"import {file_name} (export {export_id})"


def seen_values(session: Session, export_id: str) -> dict[CellKey, Any]:
    """Per cell, the canonical workbook value last applied or decided by an import of `export_id` (one query)."""
    if not export_id:
        return {}
    pattern = import_origin("%", export_id)
    applied = select(
        JournalEntry.entity.label("entity"), JournalEntry.entity_key.label("key"), JournalEntry.field.label("field"),
        JournalEntry.new.label("value"), JournalEntry.at.label("at"), literal(0).label("source"),
        JournalEntry.id.label("id"),
    ).where(JournalEntry.origin.like(pattern))
    decided = select(
        Conflict.entity, Conflict.entity_key, Conflict.field, Conflict.theirs, Conflict.created_at, literal(1),
        Conflict.id,
    ).where(Conflict.origin.like(pattern), Conflict.resolution.is_not(None))
    query = union_all(applied, decided).order_by("at", "source", "id")
    return {(entity, key, field): canonical_db(entity, field, decode(value))
            for entity, key, field, value, *_ in session.execute(query)}
