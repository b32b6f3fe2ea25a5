"""Import one workbook: backup, then the batch path with one file (exchange.import_batch)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from sdus_desktop.core.oserrors import describe_os_error
from sdus_desktop.exchange.import_batch import KEEP_MINE, TAKE_THEIRS, FileOutcome, apply_batch, prepare_batch
from sdus_desktop.exchange.import_preview import ImportPreview
from sdus_desktop.store.changes import ChangeSet
from sdus_desktop.store.database import Database
from sdus_desktop.store.engine import DriverError
from sdus_desktop.store.locations import backups_dir

__all__ = ["KEEP_MINE", "TAKE_THEIRS", "BackupFailed", "ImportResult", "refused_result", "import_workbook", "apply_preview"]


class BackupFailed(Exception):
    """The backup taken before an import could not be written; nothing was imported (French message)."""


def backup_before_import(db: Database, reason: str, *, before: str = "avant l'import",
                         nothing: str = "rien n'a été importé") -> Path:
    """db.backup(reason) — the verified copy of store.backup —, or BackupFailed saying where and what to do: an
    import (or a plan change: `before`, `nothing`) never runs without its backup."""
    from sdus_desktop.store.backup import BackupError

    if db.read_only is not None:
        raise BackupFailed(f"base ouverte en lecture seule ({db.read_only}) : {nothing}.")
    try:
        return db.backup(reason)
    except BackupError as error:
        raise BackupFailed(f"{error} {nothing[0].upper()}{nothing[1:]}.") from None
    except (OSError, DriverError) as error:
        folder = backups_dir(db.path)
        from sdus_desktop.store.errors import describe_database_error

        detail = (describe_os_error(error, folder) if isinstance(error, OSError)
                  else f"impossible d'écrire la copie dans « {folder} »"
                       + (f" : {known}" if (known := describe_database_error(error)) else ""))
        raise BackupFailed(f"sauvegarde de la base {before} impossible ({detail}) : {nothing}. "
                           "Libérez de la place ou vérifiez vos droits sur ce dossier, puis recommencez.") from None


@dataclass
class ImportResult:
    preview: ImportPreview
    changeset: ChangeSet
    conflicts_queued: int = 0
    backup: Path | None = None
    report: Path | None = None
    report_failure: str = ""   # why the error report could not be written beside the workbook (French)

    @property
    def applied(self) -> int:
        return len(self.changeset)

    @property
    def refused(self) -> bool:
        return not self.preview.ok

    def summary(self) -> str:
        if self.refused or self.preview.already_imported_at is not None:
            return self.preview.summary()
        queued = f", {self.conflicts_queued} conflit(s) à arbitrer" if self.conflicts_queued else ""
        return f"{self.applied} modification(s) appliquée(s){queued}"


def report_path(workbook: Path) -> Path:
    return workbook.with_name(workbook.name + ".erreurs.txt")


REPORTED_SUFFIXES = (".xlsx", ".xlsm")


def write_error_report(preview: ImportPreview, db: Database | None = None) -> Path | None:
    """Write "<fichier>.erreurs.txt" next to the workbook when it is refused; None if not written."""
    return refused_result(preview, db).report


def refused_result(preview: ImportPreview, db: Database | None = None) -> ImportResult:
    """The result of a refused workbook, its error report written beside it: only beside an existing workbook
    (never for a missing path, nor beside « /etc/passwd »). When the folder refuses it (read-only share, USB
    stick, rights), `report_failure` says so and the callers show the errors themselves.
    With `db` (not a dry run) the refusal is also noted for the collection follow-up (store.campaigns)."""
    target: Path | None = None
    failure = ""
    path = preview.path
    if path.suffix.lower() in REPORTED_SUFFIXES and path.is_file():
        try:
            report_path(path).write_text("\n".join(preview.report_lines()) + "\n", encoding="utf-8")
            target = report_path(path)
        except OSError as error:
            failure = f"rapport d'erreurs non écrit à côté du classeur ({describe_os_error(error, report_path(path))})"
    if db is not None:
        from sdus_desktop.store.campaigns import record_refusal
        reason = preview.refused or f"{len(preview.errors)} cellule(s) à corriger, dont : {preview.errors[0]}"
        record_refusal(db, preview.file_name, preview.export_id, reason, str(target or ""))
    return ImportResult(preview, ChangeSet(), report=target, report_failure=failure)


def import_workbook(
    db: Database, path: Path, user: str, *, dry_run: bool = False,
    decisions: Mapping[tuple[str, str, str], str] | None = None, expected_plan: str | None = None,
    backup: bool = True,
) -> ImportResult:
    """Preview `path` and, unless dry_run or refused, apply it. Never raises for a bad file."""
    preview = prepare_batch(db, [path], expected_plan)[0]
    if not preview.ok:
        return refused_result(preview, None if dry_run else db)
    if dry_run or preview.already_imported_at is not None:
        return ImportResult(preview, ChangeSet())
    return apply_preview(db, preview, user, decisions or {}, backup=backup)


def apply_preview(
    db: Database, preview: ImportPreview, user: str, decisions: Mapping[tuple[str, str, str], str],
    *, backup: bool = True,
) -> ImportResult:
    """Write a preview (re-planned inside the write transaction): its changes, the conflicts decided
    "theirs", and the queue for the others."""
    assert preview.ok and preview.already_imported_at is None
    try:
        backup_path = backup_before_import(db, "avant-import") if backup else None
    except BackupFailed as error:
        preview.refused = str(error)
        return ImportResult(preview, ChangeSet())
    outcome = apply_batch(db, [preview], user, [decisions])[0]
    return result_of(outcome, backup_path)


def result_of(outcome: FileOutcome, backup: Path | None = None) -> ImportResult:
    report = write_error_report(outcome.preview) if not outcome.preview.ok else None
    return ImportResult(outcome.preview, outcome.changeset, outcome.conflicts_queued, backup, report)
