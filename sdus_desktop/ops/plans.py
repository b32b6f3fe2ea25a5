"""Plan changes (central mode): a definition applied (new plan or avenant), a plan closed or reopened, the
following plan prepared, a fiche added or withdrawn, a new catalogue release applied or declined.

Each runs through exchange.plan_import: a verified backup before commit, one transaction, one journal row per
change; refused (errors in French, nothing written) otherwise. A plan change reads every view again
(OpChanges.plan)."""

from __future__ import annotations

from pathlib import Path

from sdus_desktop.exchange import plan_import
from sdus_desktop.exchange.plan_avenant import Reconciliation
from sdus_desktop.exchange.plan_import import PlanImportResult, apply_definition
from sdus_desktop.exchange.plan_lifecycle import definition_of, prepare_following, set_state
from sdus_desktop.exchange.plan_model import FicheDef, PlanDefinition
from sdus_desktop.exchange.plan_release import Release, apply_release, decline_release
from sdus_desktop.ops.changes import OpChanges, OpChangesWith
from sdus_desktop.store.changes import EditError
from sdus_desktop.store.services import Services

ORIGIN_ADD_FICHE = "saisie (ajout de fiche)"
ORIGIN_UNDO = "saisie (annulation)"


def _planned(outcome: Reconciliation, backup: Path | None) -> OpChangesWith[Reconciliation]:
    return OpChangesWith(value=outcome, plan=outcome.changed and not outcome.errors, backup=backup)


def _lifecycle(result: PlanImportResult) -> OpChangesWith[PlanImportResult]:
    return OpChangesWith(value=result, plan=result.applied, backup=result.backup)


def apply_plan_definition(services: Services, definition: PlanDefinition, origin: str, *,
                          allow_mass_archive: bool = False) -> OpChangesWith[Reconciliation]:
    """Create the plan or apply the avenant (BackupFailed when the copy cannot be verified); archiving more than
    half of the plan's fiches needs allow_mass_archive (the person confirmed it)."""
    return _planned(*apply_definition(services.db, definition, services.user, origin,
                                      allow_mass_archive=allow_mass_archive))


def import_plan_file(services: Services, path: Path, *, dry_run: bool = False,
                     allow_mass_archive: bool = False) -> OpChangesWith[PlanImportResult]:
    """Read, check and (unless dry_run) apply a definition workbook (.xlsx or .ods)."""
    return _lifecycle(plan_import.import_plan_file(services.db, path, services.user, dry_run=dry_run,
                                                   allow_mass_archive=allow_mass_archive))


def set_plan_state(services: Services, code: str, state: str) -> OpChangesWith[PlanImportResult]:
    """`state`: « clos » or « en cours » (core.plan_states.parse_state reads any spelling)."""
    return _lifecycle(set_state(services.db, code, state, services.user))


def prepare_following_plan(services: Services, code: str, new_code: str, start: int, end: int, *,
                           title: str | None = None, carry_unfinished: bool = False,
                           ) -> OpChangesWith[PlanImportResult]:
    return _lifecycle(prepare_following(services.db, code, new_code, start, end, services.user, title=title,
                                        carry_unfinished=carry_unfinished))


def add_fiche(services: Services, code: str, number: int, title: str, group: int, axe: int,
              ) -> OpChangesWith[Reconciliation]:
    """A new fiche in plan `code` (orientation/thématique `group`, `axe`)."""
    definition = _definition(services, code)
    definition.fiches.append(FicheDef(number, title, group, axe))
    return apply_plan_definition(services, definition, ORIGIN_ADD_FICHE)


def withdraw_fiche(services: Services, code: str, number: int, origin: str = ORIGIN_UNDO,
                   ) -> OpChangesWith[Reconciliation]:
    """Take a fiche out of its plan (archived, never deleted: its follow-up stays in the journal)."""
    definition = _definition(services, code)
    definition.fiches = [fiche for fiche in definition.fiches if fiche.number != number]
    return apply_plan_definition(services, definition, origin, allow_mass_archive=True)  # one fiche, named


def _definition(services: Services, code: str) -> PlanDefinition:
    definition = definition_of(services.db, code)
    if definition is None:
        raise EditError("", f"plan « {code} » introuvable")
    return definition


def apply_catalogue_release(services: Services, release: Release) -> OpChangesWith[Reconciliation]:
    """Apply a shipped catalogue version (a release without changes only records its version)."""
    return _planned(*apply_release(services.db, release, services.user))


def decline_catalogue_release(services: Services, release: Release) -> OpChanges:
    """« Ne plus proposer cette version » (a later version will be offered)."""
    decline_release(services.db, release)
    return OpChanges()


__all__ = ["add_fiche", "apply_catalogue_release", "apply_plan_definition", "decline_catalogue_release",
           "import_plan_file", "prepare_following_plan", "set_plan_state", "withdraw_fiche"]
