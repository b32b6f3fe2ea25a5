"""Apply a plan definition to the database: preview (nothing written), or verified backup + one
transaction + journal (origin « plan <fichier> »). Any error → nothing applied."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from sdus_desktop.exchange.plan_avenant import Reconciliation, reconcile
from sdus_desktop.exchange.plan_model import PlanDefinition
from sdus_desktop.store.database import Database

if TYPE_CHECKING:
    from sdus_desktop.store.session import Session


class _Rollback(Exception):
    pass


class BackupFailed(Exception):
    """The backup taken before a plan change could not be verified: nothing was changed."""


@dataclass
class PlanImportResult:
    file_name: str
    errors: list[str] = field(default_factory=list)
    lines: list[str] = field(default_factory=list)
    plan_code: str = ""
    created: bool = False
    changed: bool = False
    applied: bool = False
    backup: Path | None = None
    warning: str = ""  # an avenant archiving most fiches (see Reconciliation.mass_archive)
    needs_confirmation: bool = False  # refused for that reason: apply again with allow_mass_archive

    @property
    def ok(self) -> bool:
        return not self.errors

    def report_lines(self) -> list[str]:
        if self.needs_confirmation:
            return ([f"« {self.file_name} » refusé sans confirmation explicite, rien n'a été modifié :"]
                    + [f"  {line}" for line in self.lines])
        if self.errors:
            head = [f"« {self.file_name} » refusé : {len(self.errors)} erreur(s), rien n'a été modifié."]
            return head + [f"  {error}" for error in self.errors]
        if not self.changed:
            return [f"« {self.file_name} » : le plan {self.plan_code} est déjà conforme, aucun changement."]
        verb = "Création" if self.created else "Avenant"
        return [f"{verb} du plan {self.plan_code} d'après « {self.file_name} » :"] + [f"  {line}" for line in self.lines]


def origin_for(file_name: str) -> str:
    return f"plan {file_name}"


def preview_definition(db: Database, definition: PlanDefinition, *, keep_unlisted: bool = False) -> Reconciliation:
    """What applying `definition` would change (computed in a transaction that is rolled back)."""
    from sdus_desktop.store.session import IntegrityError, flush

    holder: list[Reconciliation] = []
    try:
        with db.transaction() as session:
            holder.append(reconcile(session, definition, keep_unlisted=keep_unlisted))
            if not holder[0].errors:
                flush(session)
            raise _Rollback
    except _Rollback:
        pass
    except IntegrityError as error:  # a case the checks above missed: refused, never half-applied
        refused = holder[0] if holder else Reconciliation()
        refused.errors.append(f"définition incohérente avec la base ({error.orig}) : rien n'a été modifié")
        return refused
    return holder[0]


def verified_backup(db: Database, reason: str) -> Path:
    """The verified copy of store.backup (temporary name, quick_check, rename), then checked to hold the same
    plans; BackupFailed (French, says where and what to do) when it cannot be made: nothing is changed then."""
    from sdus_desktop.exchange.import_apply import BackupFailed as CopyFailed
    from sdus_desktop.exchange.import_apply import backup_before_import
    from sdus_desktop.store.plans import Unreadable, plan_count

    nothing = "rien n'a été modifié"
    try:
        copy = backup_before_import(db, reason, before="avant le changement de plan", nothing=nothing)
    except CopyFailed as error:
        raise BackupFailed(str(error)) from None
    try:
        plans, expected = plan_count(copy), plan_count(db.path)
    except (OSError, Unreadable) as error:
        raise BackupFailed(f"la sauvegarde avant changement de plan « {copy} » ne se relit pas ({error}) : "
                           f"{nothing}.") from None
    if plans != expected:
        raise BackupFailed(f"la sauvegarde avant changement de plan « {copy} » ne contient pas les mêmes plans que "
                           f"la base : {nothing}.")
    return copy


def apply_definition(db: Database, definition: PlanDefinition, user: str, origin: str,
                     *, before_commit: Callable[[Session, Reconciliation], None] | None = None,
                     backup_reason: str = "avant-plan", keep_unlisted: bool = False,
                     allow_mass_archive: bool = False) -> tuple[Reconciliation, Path | None]:
    """One transaction: reconcile; on errors or no change roll back; else take a verified backup (of the
    committed state, before this transaction commits), journal and commit. Returns the outcome and backup.
    A change archiving more than half of the plan's fiches is refused (refused_mass_archive, an error) unless
    allow_mass_archive: the person confirmed it.
    A backup that cannot be made or verified refuses the change (an error of the outcome, nothing written)."""
    from sdus_desktop.store.session import IntegrityError, flush

    holder: list[Reconciliation] = []
    backup: list[Path] = []
    try:
        with db.transaction() as session:
            result = reconcile(session, definition, keep_unlisted=keep_unlisted)
            holder.append(result)
            if result.errors or not result.changed:
                raise _Rollback
            if result.mass_archive and not allow_mass_archive:
                result.refused_mass_archive = True
                result.errors.append(f"{result.warning()} Refusé sans confirmation explicite : rien n'a été modifié")
                raise _Rollback
            backup.append(verified_backup(db, backup_reason))
            flush(session)
            record(session, result, user, origin)
            if before_commit is not None:
                before_commit(session, result)
    except _Rollback:
        pass
    except BackupFailed as error:  # no verified backup, no plan change: every caller shows the refusal
        refused = holder[0] if holder else Reconciliation()
        refused.errors.append(str(error).rstrip("."))
        return refused, None
    except IntegrityError as error:  # a case the checks missed: refused, never half-applied
        refused = holder[0] if holder else Reconciliation()
        refused.errors.append(f"définition incohérente avec la base ({error.orig}) : rien n'a été modifié")
        return refused, None
    return holder[0], (backup[0] if backup else None)


def record(session: Session, result: Reconciliation, user: str, origin: str) -> None:
    from sdus_desktop.store.changes import encode
    from sdus_desktop.store.plans import insert_journal

    now = datetime.now().replace(microsecond=0)
    rows = [{"at": now, "user": user, "origin": origin, "entity": item.entity, "entity_key": item.key,
             "action_id": item.action_id, "field": item.field, "old": encode(item.old), "new": encode(item.new)}
            for item in result.journal]
    insert_journal(session, rows)


def import_plan_file(db: Database, path: Path, user: str, *, dry_run: bool = False,
                     allow_mass_archive: bool = False) -> PlanImportResult:
    """Read, check and (unless dry_run) apply a definition workbook (an avenant archiving most fiches only with
    allow_mass_archive: needs_confirmation otherwise)."""
    from sdus_desktop.exchange.plan_read import read_definition

    path = Path(path)
    read = read_definition(path)
    result = PlanImportResult(path.name, errors=list(read.errors))
    if not read.ok or read.definition is None:
        return result
    definition = read.definition
    result.plan_code = definition.plan.code
    if dry_run:
        outcome = preview_definition(db, definition)
        backup = None
    else:
        outcome, backup = apply_definition(db, definition, user, origin_for(path.name),
                                           allow_mass_archive=allow_mass_archive)
    result.needs_confirmation = outcome.refused_mass_archive
    result.errors = list(outcome.errors)
    result.lines = outcome.preview_lines()
    result.warning = outcome.warning()
    result.created = outcome.created
    result.changed = outcome.changed
    result.applied = not dry_run and not outcome.errors and outcome.changed
    result.backup = backup if result.applied else None
    return result
