"""Batch consolidation: many returned workbooks in one run, one backup, one summary."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from sdus_desktop.exchange.import_apply import (
    BackupFailed,
    ImportResult,
    backup_before_import,
    refused_result,
    result_of,
)
from sdus_desktop.exchange.import_batch import apply_batch, prepare_batch
from sdus_desktop.exchange.import_preview import ImportPreview
from sdus_desktop.store.changes import ChangeSet
from sdus_desktop.store.database import Database

ERRORS_SHOWN_PER_FILE = 5  # the batch summary stays readable; the full list is in each report

@dataclass
class BatchResult:
    results: list[ImportResult] = field(default_factory=list)
    backup: Path | None = None

    @property
    def applied(self) -> int:
        return sum(result.applied for result in self.results)

    @property
    def conflicts(self) -> int:
        return sum(result.conflicts_queued for result in self.results)

    @property
    def refused(self) -> list[ImportResult]:
        return [result for result in self.results if result.refused]

    def summary_lines(self, dry_run: bool = False) -> list[str]:
        """One line per workbook (its first errors under it), then the totals."""
        lines = []
        for result in self.results:
            preview = result.preview
            if dry_run and preview.ok and preview.already_imported_at is None:
                text = f"à appliquer : {preview.summary()}"
            else:
                text = result.summary()
            lines.append(f"{preview.file_name} : {text}")
            # no report beside the workbook (read-only folder): every error is shown here instead
            shown = preview.errors if result.report_failure else preview.errors[:ERRORS_SHOWN_PER_FILE]
            if result.report_failure:
                lines.append(f"    {result.report_failure} : toutes les erreurs suivent")
            lines.extend(f"    - {error}" for error in shown)
            if len(preview.errors) > len(shown):
                lines.append(f"    … et {len(preview.errors) - len(shown)} autre(s) erreur(s) : voir le rapport")
            if result.report is not None:
                lines.append(f"    rapport d'erreurs : {result.report}")
            if not preview.refused:   # remarks never block; each says where and what to do
                lines.extend(f"    remarque : {notice}" for notice in preview.notices)
        verb = "à appliquer" if dry_run else "appliquée(s)"
        changes = sum(len(r.preview.changes) for r in self.results if r.preview.ok) if dry_run else self.applied
        conflicts = sum(len(r.preview.conflicts) for r in self.results if r.preview.ok) if dry_run else self.conflicts
        lines.append(f"Total : {len(self.results)} classeur(s), {changes} modification(s) {verb}, "
                     f"{conflicts} conflit(s), {len(self.refused)} refusé(s).")
        if self.backup is not None:
            lines.append(f"Sauvegarde avant import : {self.backup}")
        return lines


def import_many(
    db: Database, paths: Iterable[Path], user: str, *, dry_run: bool = False, expected_plan: str | None = None,
) -> BatchResult:
    """Import the workbooks together (exchange.import_batch): the dry run shows exactly what applying does,
    whatever the order of the files. A refused file does not stop the others."""
    files = [Path(path) for path in paths]
    batch = BatchResult()
    previews = prepare_batch(db, files, expected_plan)
    importable = [p for p in previews if p.ok and p.already_imported_at is None]
    if not dry_run and importable:
        try:
            batch.backup = backup_before_import(db, "avant-import-lot" if len(files) > 1 else "avant-import")
        except BackupFailed as error:  # nothing is written without a backup
            batch.results = [ImportResult(ImportPreview(p.path, p.sha256, refused=str(error)), ChangeSet())
                             for p in previews]
            return batch
        outcomes = iter(apply_batch(db, previews, user))
        wanted = {id(p) for p in importable}
        batch.results = [result_of(next(outcomes)) if id(p) in wanted else _unapplied(p, db) for p in previews]
    else:
        batch.results = [_unapplied(p, None if dry_run else db) for p in previews]
    return batch


def _unapplied(preview: ImportPreview, db: Database | None) -> ImportResult:
    return refused_result(preview, db) if not preview.ok else ImportResult(preview, ChangeSet())
