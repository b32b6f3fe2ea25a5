"""What earlier imports of the same export did with each cell.

A référent often sends the same workbook twice (a later copy with more filled in). The merge base of every
copy stays what the workbook carried when exported (its hidden sheet); but a cell whose workbook value is one
an earlier import of the same export already applied (journal origin "import <fichier> (export <id>)") or
showed as a conflict that was then decided either way is not an edit any more: the copy re-sent is a no-op
there, and what the central team corrected since stays.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from sdus_desktop.exchange.normalize import canonical_db
from sdus_desktop.store import imports
from sdus_desktop.store.imports import import_origin

if TYPE_CHECKING:
    from sdus_desktop.store.session import Session

__all__ = ["CellKey", "import_origin", "seen_values"]

CellKey = tuple[str, str, str]   # (entity, key, field), as in Edit and the journal


def seen_values(session: Session, export_id: str) -> dict[CellKey, list[Any]]:
    """Per cell, the canonical workbook values applied or decided by imports of `export_id` (one query)."""
    seen: dict[CellKey, list[Any]] = {}
    for entity, key, field, value in imports.seen_cells(session, export_id):
        seen.setdefault((entity, key, field), []).append(canonical_db(entity, field, value))
    return seen
