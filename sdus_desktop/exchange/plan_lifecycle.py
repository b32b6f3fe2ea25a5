"""Plan lifecycle: export a plan's definition, close or reopen it, prepare the plan that follows it."""

from __future__ import annotations

import copy
import re

from sdus_desktop.core.plan_states import EN_COURS, parse_state, state_label, unknown_state
from sdus_desktop.core.statuses import ActionStatus
from sdus_desktop.exchange.plan_import import PlanImportResult, apply_definition
from sdus_desktop.exchange.plan_model import PlanDefinition, from_database
from sdus_desktop.store.database import Database

_CODE_RE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_-]{0,15}$")


def definition_of(db: Database, code: str) -> PlanDefinition | None:
    from sdus_desktop.store.queries import load_plans

    with db.reading() as session:
        plans = load_plans(session, code)
        return from_database(plans[0]) if plans else None


def set_state(db: Database, code: str, state: str, user: str) -> PlanImportResult:
    """Close (« clos ») or reopen (« en cours », any spelling parse_state reads) a plan, journaled like any plan change."""
    result = PlanImportResult(f"état du plan {code}", plan_code=code.upper())
    definition = definition_of(db, code)
    if definition is None:
        result.errors.append(f"plan « {code} » introuvable")
        return result
    parsed = parse_state(state)
    if parsed is None:
        result.errors.append(unknown_state(state))
        return result
    definition.plan.state = parsed
    outcome, _ = apply_definition(db, definition, user, f"plan état {state_label(parsed)}", backup_reason="avant-plan")
    result.errors, result.lines, result.changed = list(outcome.errors), list(outcome.lines), outcome.changed
    result.applied = outcome.changed and not outcome.errors
    return result


def following_definition(previous: PlanDefinition, new_code: str, start: int, end: int, title: str | None = None,
                         carry_unfinished: bool = False, statuses: dict[int, str] | None = None) -> PlanDefinition:
    """The structure of `previous` (orientations and axes) as the start of its successor; with
    carry_unfinished, its fiches not réalisées nor abandonnées come along (texts, étapes, indicators, never
    their follow-up). Keys are cleared: everything is new in the new plan."""
    definition = copy.deepcopy(previous)
    info = definition.plan
    info.code, info.period_start, info.period_end = new_code.upper(), start, end
    info.title = title or previous.plan.title
    info.state, info.previous_code = EN_COURS, previous.plan.code
    statuses = statuses or {}
    definition.fiches = [f for f in definition.fiches if carry_unfinished
                         and not ActionStatus(statuses.get(f.number, "non_demarree")).closed]
    for fiche in definition.fiches:
        fiche.key = None
        for etape in fiche.etapes:
            etape.key = None
        for indicator in fiche.indicators:
            indicator.key = None
    return definition


def prepare_following(db: Database, code: str, new_code: str, start: int, end: int, user: str, *,
                      title: str | None = None, carry_unfinished: bool = False) -> PlanImportResult:
    """« Préparer le plan suivant »: a new plan with the structure of `code` (and, if asked, its unfinished
    fiches), linked to it."""
    from sdus_desktop.store.queries import load_plans

    result = PlanImportResult(f"plan suivant de {code}", plan_code=new_code.upper())
    if not _CODE_RE.match(new_code):
        result.errors.append(f"code « {new_code} » invalide (lettres, chiffres, « - » ou « _ », 16 caractères au plus)")
    if not (2000 <= start <= end <= 2100):
        result.errors.append(f"période {start}-{end} invalide (années entre 2000 et 2100, début avant fin)")
    with db.reading() as session:
        plans = load_plans(session, code)
        exists = bool(load_plans(session, new_code))
        previous = from_database(plans[0]) if plans else None
        statuses = {a.number: a.status for o in plans[0].orientations for x in o.axes for a in x.actions} if plans else {}
    if previous is None:
        result.errors.append(f"plan « {code} » introuvable")
    if exists:
        result.errors.append(f"un plan « {new_code.upper()} » existe déjà : choisissez un autre code")
    if result.errors or previous is None:
        return result
    definition = following_definition(previous, new_code, start, end, title, carry_unfinished, statuses)
    outcome, backup = apply_definition(db, definition, user, f"plan suivant de {previous.plan.code}")
    result.errors, result.lines = list(outcome.errors), list(outcome.lines)
    result.created, result.changed = outcome.created, outcome.changed
    result.applied = outcome.changed and not outcome.errors
    result.backup = backup
    if result.applied:
        carried = f"{len(definition.fiches)} fiche(s) non terminée(s) reprise(s)" if carry_unfinished else \
            "structure seule (orientations et axes)"
        result.lines.append(f"Lié au plan précédent {previous.plan.code} : {carried} ; le suivi repart de zéro.")
    return result
