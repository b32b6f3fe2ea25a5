"""Batch consolidation: many returned workbooks in one run, one backup, one summary."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from sdus_desktop.exchange.import_apply import (
    BackupFailed,
    ImportResult,
    backup_before_import,
    import_workbook,
)
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
            shown = preview.errors[:ERRORS_SHOWN_PER_FILE]
            lines.extend(f"    - {error}" for error in shown)
            if len(preview.errors) > len(shown):
                lines.append(f"    … et {len(preview.errors) - len(shown)} autre(s) erreur(s) : voir le rapport")
            if result.report is not None:
                lines.append(f"    rapport d'erreurs : {result.report}")
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
    progress: Callable[[int, int, Path], None] | None = None,
) -> BatchResult:
    """Import each workbook in turn (each in its own transaction). A refused file does not stop the others;
    a cell changed differently by two workbooks becomes a conflict for the second one."""
    files = [Path(path) for path in paths]
    batch = BatchResult()
    if not dry_run and files:
        try:
            batch.backup = backup_before_import(db, "avant-import-lot")
        except BackupFailed as error:  # every file refused, none opened: nothing is written without a backup
            batch.results = [ImportResult(ImportPreview(path, "", refused=str(error)), ChangeSet()) for path in files]
            return batch
    for index, path in enumerate(files, start=1):
        if progress is not None:
            progress(index, len(files), path)
        batch.results.append(import_workbook(db, path, user, dry_run=dry_run, expected_plan=expected_plan,
                                             backup=False))
    return batch
