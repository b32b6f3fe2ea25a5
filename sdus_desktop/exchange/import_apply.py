"""Apply an import: backup, one Services call (one transaction, journaled), conflicts queued, import recorded."""

from __future__ import annotations

import sqlite3
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from sqlalchemy.orm import Session

from sdus_desktop.core.oserrors import describe_os_error
from sdus_desktop.exchange.import_plan import prepare_import
from sdus_desktop.exchange.import_preview import ImportPreview
from sdus_desktop.store.changes import ChangeSet, encode
from sdus_desktop.store.database import Database
from sdus_desktop.store.locations import backups_dir
from sdus_desktop.store.models import Conflict, ImportRecord
from sdus_desktop.store.services import EditError, Services

KEEP_MINE = "mine"       # keep the database value
TAKE_THEIRS = "theirs"   # take the workbook value


class BackupFailed(Exception):
    """The backup taken before an import could not be written; nothing was imported (French message)."""


def backup_before_import(db: Database, reason: str) -> Path:
    """db.backup(reason), or BackupFailed saying where and what to do: an import never runs without its backup."""
    try:
        return db.backup(reason)
    except (OSError, sqlite3.Error) as error:
        folder = backups_dir(db.path)
        detail = (describe_os_error(error, folder) if isinstance(error, OSError)
                  else f"impossible d'écrire la copie dans « {folder} »")
        raise BackupFailed(f"sauvegarde de la base avant l'import impossible ({detail}) : rien n'a été importé. "
                           "Libérez de la place ou vérifiez vos droits sur ce dossier, puis recommencez.") from None


@dataclass
class ImportResult:
    preview: ImportPreview
    changeset: ChangeSet
    conflicts_queued: int = 0
    backup: Path | None = None
    report: Path | None = None

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


def write_error_report(preview: ImportPreview) -> Path | None:
    """Write "<fichier>.erreurs.txt" next to the workbook when it is refused; None if that is impossible."""
    target = report_path(preview.path)
    try:
        target.write_text("\n".join(preview.report_lines()) + "\n", encoding="utf-8")
    except OSError:
        return None
    return target


def import_workbook(
    db: Database, path: Path, user: str, *, dry_run: bool = False,
    decisions: Mapping[tuple[str, str, str], str] | None = None, expected_plan: str | None = None,
    backup: bool = True,
) -> ImportResult:
    """Preview `path` and, unless dry_run or refused, apply it. Never raises for a bad file."""
    preview = prepare_import(db, path, expected_plan)
    if not preview.ok:
        return ImportResult(preview, ChangeSet(), report=write_error_report(preview))
    if dry_run or preview.already_imported_at is not None:
        return ImportResult(preview, ChangeSet())
    return apply_preview(db, preview, user, decisions or {}, backup=backup)


def apply_preview(
    db: Database, preview: ImportPreview, user: str, decisions: Mapping[tuple[str, str, str], str],
    *, backup: bool = True,
) -> ImportResult:
    """Write a (fresh) preview: its changes, the conflicts decided "theirs", and the queue for the others."""
    assert preview.ok and preview.already_imported_at is None
    edits = [change.edit() for change in preview.changes]
    edits += [c.change.edit() for c in preview.conflicts if decisions.get(c.decision_key) == TAKE_THEIRS]
    open_conflicts = [c for c in preview.conflicts if decisions.get(c.decision_key) not in (KEEP_MINE, TAKE_THEIRS)]
    try:
        backup_path = backup_before_import(db, "avant-import") if backup else None
    except BackupFailed as error:
        preview.refused = str(error)
        return ImportResult(preview, ChangeSet())
    now = datetime.now().replace(microsecond=0)

    def record(session: Session, changes: ChangeSet) -> None:
        session.add(ImportRecord(at=now, user=user, file_name=preview.file_name, file_sha256=preview.sha256,
                                 export_id=preview.export_id, applied=len(changes),
                                 conflicts=len(open_conflicts)))
        for conflict in preview.conflicts:
            choice = decisions.get(conflict.decision_key)
            decided = choice in (KEEP_MINE, TAKE_THEIRS)
            change = conflict.change
            session.add(Conflict(
                created_at=now, origin=preview.origin, entity=change.entity, entity_key=change.key,
                action_id=conflict.action_id, field=change.field, base=encode(conflict.base),
                mine=encode(change.old), theirs=encode(change.new),
                resolved_at=now if decided else None, resolution=choice if decided else None,
                resolved_by=user if decided else None,
            ))

    try:
        changeset = Services(db, user).apply(edits, origin=preview.origin, also=record)
    except EditError as error:
        preview.errors.append(f"{error} (rien n'a été importé)")
        return ImportResult(preview, ChangeSet(), backup=backup_path, report=write_error_report(preview))
    return ImportResult(preview, changeset, conflicts_queued=len(open_conflicts), backup=backup_path)
