"""Importing référent workbooks and undoing imports.

`prepare_imports` reads and simulates a batch (nothing written: the preview); `apply_imports` writes the
importable ones after a verified backup, in one transaction (a savepoint per file), with the person's decisions
on conflicts; `import_files` does both (the CLI's consolidation); `undo_imports` puts back what imports wrote.
Refused workbooks get their error report (and, for a campaign's workbook, a refusal on its follow-up)."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from sdus_desktop.core.progress import Progress, check
from sdus_desktop.exchange.consolidate import BatchResult, import_many
from sdus_desktop.exchange.import_apply import (
    ImportResult,
    backup_before_import,
    refused_result,
    result_of,
)
from sdus_desktop.exchange.import_batch import apply_batch, prepare_batch
from sdus_desktop.exchange.import_preview import ImportPreview
from sdus_desktop.exchange.import_undo import UndoImportError, UndoImportResult, list_imports, undo_import
from sdus_desktop.ops.changes import OpChanges, OpChangesWith
from sdus_desktop.store.changes import ChangeSet
from sdus_desktop.store.database import Database
from sdus_desktop.store.services import Services

Decisions = Mapping[tuple[str, str, str], str]


@dataclass
class AppliedBatch:
    """What « Appliquer » did: one result per importable workbook, then the refused ones (with their report)."""

    applied: list[ImportResult] = field(default_factory=list)
    refused: list[ImportResult] = field(default_factory=list)
    backup: Path | None = None

    @property
    def count(self) -> int:
        return sum(result.applied for result in self.applied)

    @property
    def conflicts_queued(self) -> int:
        return sum(result.conflicts_queued for result in self.applied)


def prepare_imports(db: Database, paths: Sequence[Path], expected_plan: str | None = None,
                    progress: Progress | None = None) -> list[ImportPreview]:
    """The whole batch read and simulated (nothing written); Cancelled when progress() says stop."""
    return prepare_batch(db, paths, expected_plan, progress=progress)


def apply_imports(services: Services, previews: Sequence[ImportPreview],
                  decisions: Sequence[Decisions] | None = None, progress: Progress | None = None,
                  ) -> OpChangesWith[AppliedBatch]:
    """Write the importable previews (verified backup first; BackupFailed refuses with nothing written;
    Cancelled rolls the write back). Undone in one step by undo_imports(import_ids)."""
    db = services.db
    batch = AppliedBatch()
    changes = OpChanges()
    if any(p.ok and p.already_imported_at is None for p in previews):
        check(progress, 0, 1)
        batch.backup = backup_before_import(db, "avant-import")
        for outcome in apply_batch(db, previews, services.user, decisions, progress=progress):
            batch.applied.append(result_of(outcome))
            ids = (outcome.record_id,) if outcome.record_id is not None else ()
            changes = changes.merged(OpChanges(changeset=outcome.changeset, imports=bool(ids), import_ids=ids,
                                               conflicts=outcome.conflicts_queued > 0, campaign=bool(ids)))
    for preview in previews:
        if not preview.ok:
            batch.refused.append(refused_result(preview, db))
    return OpChangesWith(value=batch, changeset=changes.changeset, imports=changes.imports,
                         conflicts=changes.conflicts, campaign=changes.campaign or bool(batch.refused),
                         import_ids=changes.import_ids, undoable=bool(changes.changeset), backup=batch.backup)


def import_files(services: Services, paths: Iterable[Path], *, dry_run: bool = False,
                 expected_plan: str | None = None) -> OpChangesWith[BatchResult]:
    """Read, check and apply many workbooks together (one backup, one summary); with dry_run nothing is written."""
    batch = import_many(services.db, paths, services.user, dry_run=dry_run, expected_plan=expected_plan)
    changeset = ChangeSet()
    for result in batch.results:
        changeset.extend(result.changeset)
    written = not dry_run and (bool(changeset) or batch.conflicts > 0)
    return OpChangesWith(value=batch, changeset=changeset, imports=written, conflicts=batch.conflicts > 0,
                         campaign=not dry_run, backup=batch.backup)


def undo_imports(services: Services, record_ids: Iterable[int]) -> OpChangesWith[list[UndoImportResult]]:
    """Undo imports (each after a verified backup): every cell still holding what the import wrote gets its
    value back; a cell changed since goes to « Conflits à arbitrer ». UndoImportError when one cannot be."""
    ids = list(dict.fromkeys(record_ids))
    if len(ids) > 1:   # a batch: refused as a whole before anything is undone when one of them cannot be
        known = {record.id: record for record in list_imports(services.db, limit=max(50, 2 * len(ids)))}
        for record_id in ids:
            record = known.get(record_id)
            if record is None:
                raise UndoImportError(f"import n° {record_id} introuvable (voir « Historique des imports »)")
            if record.undone_at is not None:
                raise UndoImportError(f"l'import n° {record_id} a déjà été annulé le {record.undone_at:%d/%m/%Y à %H:%M}")
    results = [undo_import(services.db, services.user, record_id) for record_id in ids]
    changeset = ChangeSet()
    for result in results:
        changeset.extend(result.changeset)
    backup = results[0].backup if results else None
    return OpChangesWith(value=results, changeset=changeset, imports=bool(results), conflicts=bool(results),
                         campaign=bool(results), backup=backup if isinstance(backup, Path) else None)
