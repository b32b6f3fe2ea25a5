"""Bring a plan in the database to a definition: create it, or apply an avenant.

Matching (stable keys): orientations by number (else by identical title, then renumbered), axes by
(orientation, number) (else by title within the orientation), fiches by their key (the number they
had when exported; an empty key matches the fiche that has this number), étapes and indicators by
their key within their fiche (same fallback). Only structure and document texts change: statuses,
dates, values, bilans, référents and the journal are never touched. Whatever the definition no
longer lists is archived (flag), never deleted. Refusals (a key that matches nothing, a unit change
that would invalidate values already entered…) are collected with their place; the caller rolls
the transaction back when there is any.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from sdus_desktop.core import labels
from sdus_desktop.core.fields import STRUCTURE_FIELD
from sdus_desktop.core.indicators import parse_value
from sdus_desktop.core.plan_states import CLOS, state_label
from sdus_desktop.exchange import plan_layout as L
from sdus_desktop.exchange.plan_model import PlanDefinition
from sdus_desktop.store import plans
from sdus_desktop.store.models import Axe, Indicator, Orientation, Plan
from sdus_desktop.store.session import flush

if TYPE_CHECKING:
    from sdus_desktop.store.session import Session

ARCHIVE_FIELD = "archivage"
NUMBER_FIELD = "numéro"
PLACE_FIELD = "rattachement"
_PLAN_FIELDS = {"title": "intitulé", "period_start": "année de début", "period_end": "année de fin",
                "level1_label": "nom du premier niveau", "state": "état", "previous_code": "plan précédent"}


@dataclass
class JournalItem:
    """One journal row to write; the rows' ids are read when writing (new rows get theirs at flush)."""

    entity: str
    row: Any
    action: Any  # the fiche (Action) the change belongs to, or None for plan structure
    field: str
    old: Any
    new: Any

    @property
    def key(self) -> str:
        return str(self.row.id)

    @property
    def action_id(self) -> int | None:
        return None if self.action is None else self.action.id


@dataclass
class Reconciliation:
    created: bool = False
    lines: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    journal: list[JournalItem] = field(default_factory=list)

    @property
    def changed(self) -> bool:
        return bool(self.journal)

    fiches_before: int = 0  # fiches of the plan not archived before this change
    refused_mass_archive: bool = False  # applying was refused: it archives most fiches, not confirmed

    @property
    def action_ids(self) -> set[int]:
        return {item.action_id for item in self.journal if item.action_id is not None}

    def _counts(self, entity: str) -> dict[str, int]:
        rows: dict[str, set[int]] = {"added": set(), "changed": set(), "archived": set(), "restored": set()}
        for item in self.journal:
            if item.entity != entity:
                continue
            if item.field == STRUCTURE_FIELD and item.old is None:
                rows["added"].add(id(item.row))
            elif item.field == ARCHIVE_FIELD:
                rows["archived" if item.new == "archivé" else "restored"].add(id(item.row))
            else:
                rows["changed"].add(id(item.row))
        rows["changed"] -= rows["added"] | rows["archived"]
        return {kind: len(ids) for kind, ids in rows.items()}

    @property
    def archived_fiches(self) -> int:
        return self._counts("action")["archived"]

    @property
    def mass_archive(self) -> bool:
        """More than half of the plan's fiches (or all of them) archived: an emptied Fiches sheet?"""
        return self.archived_fiches > 0 and 2 * self.archived_fiches > self.fiches_before

    def warning(self) -> str:
        if not self.mass_archive:
            return ""
        share = ("toutes les fiches du plan" if self.archived_fiches >= self.fiches_before
                 else "plus de la moitié des fiches du plan")
        return (f"ATTENTION : cet avenant archive {self.archived_fiches} fiches sur {self.fiches_before}, {share}. "
                "La feuille « Fiches » a-t-elle été vidée par erreur ? Les fiches archivées gardent leur suivi mais "
                "quittent l'arborescence et le tableau de bord.")

    def summary_lines(self) -> list[str]:
        """« Fiches : 0 fiche ajoutée, 0 fiche modifiée, 74 fiches archivées sur 74 », then étapes, indicateurs."""
        out = []
        for entity, title, noun, feminine in (("action", "Fiches", "fiche", True), ("step", "Étapes", "étape", True),
                                              ("indicator", "Indicateurs", "indicateur", False)):
            counts = self._counts(entity)
            parts = [_count(counts["added"], noun, "ajouté", feminine), _count(counts["changed"], noun, "modifié",
                                                                                 feminine),
                     _count(counts["archived"], noun, "archivé", feminine)
                     + (f" sur {self.fiches_before}" if entity == "action" else "")]
            if counts["restored"]:
                parts.append(_count(counts["restored"], noun, "rétabli", feminine))
            out.append(f"{title} : {', '.join(parts)}")
        return out

    def preview_lines(self) -> list[str]:
        """What a person reads before applying: the warning, the counts, then each change."""
        if self.created:
            return list(self.lines)
        warning = self.warning()
        return ([warning] if warning else []) + self.summary_lines() + ["Détail :"] + self.lines


def _count(number: int, noun: str, participle: str, feminine: bool) -> str:
    plural = "s" if number > 1 else ""
    return f"{number} {noun}{plural} {participle}{'e' if feminine else ''}{plural}"


def reconcile(session: Session, definition: PlanDefinition, *, keep_unlisted: bool = False) -> Reconciliation:
    """Mutate the session so that the plan matches `definition`; the caller commits or rolls back.

    keep_unlisted (catalogue releases): orientations, axes and fiches the definition does not list are left as
    they are (the central team may have added some); étapes and indicators of listed fiches follow the rules."""
    return _Reconciler(session, definition, keep_unlisted).run()


class _Reconciler:
    def __init__(self, session: Session, definition: PlanDefinition, keep_unlisted: bool = False) -> None:
        self.s = session
        self.d = definition
        self.keep_unlisted = keep_unlisted
        self.r = Reconciliation()

    # -- journal -------------------------------------------------------------------------------
    def note(self, entity: str, row: Any, action: Any, name: str, old: Any, new: Any) -> None:
        self.r.journal.append(JournalItem(entity, row, action, name, old, new))

    def error(self, place: str, message: str) -> None:
        self.r.errors.append(f"{place} : {message}")

    def line(self, text: str) -> None:
        if not self.r.created:
            self.r.lines.append(text)

    def run(self) -> Reconciliation:
        info = self.d.plan
        self._check_previous()
        plan = plans.plan_by_code(self.s, info.code)
        if plan is None:
            plan = plans.add_row(self.s, Plan(
                code=info.code, title=info.title, period_start=info.period_start, period_end=info.period_end,
                level1_label=info.level1_label, catalogue_version="", state=info.state,
                previous_code=info.previous_code))
            self.r.created = True
            self.note("plan", plan, None, STRUCTURE_FIELD, None, {"code": plan.code, "label": plan.title})
        else:
            for name, label in _PLAN_FIELDS.items():
                old, new = getattr(plan, name), getattr(info, name)
                if old != new:
                    setattr(plan, name, new)
                    self.note("plan", plan, None, name, old, new)
                    shown = state_label(new) if name == "state" else new
                    self.line(f"Plan {plan.code} : {label} « {shown} »")
        self.plan = plan
        groups = self._groups()
        axes = self._axes(groups)
        self._fiches(axes)
        if self.r.created:
            self.r.lines = [f"Nouveau plan {plan.code} « {plan.title} » ({plan.period_start}-{plan.period_end}) : "
                            f"{len(self.d.groups)} {plan.level1_label.lower()}(s), {len(self.d.axes)} axe(s), "
                            f"{len(self.d.fiches)} fiche(s), {self.d.etape_count} étape(s), "
                            f"{sum(len(f.indicators) for f in self.d.fiches)} indicateur(s).",
                            self._state_line(plan)]
        return self.r

    def _state_line(self, plan: Plan) -> str:
        state = ("créé clos : il n'apparaîtra ni dans l'arborescence ni dans le tableau de bord (Affichage › "
                 "Afficher les plans clos)" if plan.state == CLOS else f"créé {state_label(plan.state)}")
        follows = f" ; il suit le plan {plan.previous_code}" if plan.previous_code else " ; pas de plan précédent"
        return f"État : {state}{follows}."

    def _check_previous(self) -> None:
        """« Plan précédent » must name a plan of the database (not the plan itself)."""
        previous, code = self.d.plan.previous_code, self.d.plan.code
        if not previous:
            return
        codes = [c for c in plans.plan_codes(self.s) if c != code]
        place = f"{L.SHEET_PLAN}!B{[name for name, _ in L.PLAN_ROWS].index('previous_code') + 2}"
        if previous == code:
            self.error(place, f"plan précédent « {previous} » : un plan ne peut pas se suivre lui-même")
        elif previous not in codes:
            known = ", ".join(codes) if codes else "aucun"
            self.error(place, f"plan précédent « {previous} » inconnu (plans : {known})")

    # -- orientations and axes ---------------------------------------------------------------
    def renumber(self, rows: list[tuple[Any, int]]) -> None:
        """Give rows their new numbers without tripping over unique constraints (swaps)."""
        moving = [(row, number) for row, number in rows if row.number != number]
        for index, (row, _) in enumerate(moving, start=1):
            row.number = -index
        if moving:
            flush(self.s)
        for row, number in moving:
            row.number = number

    def _match(self, existing: list[Any], wanted: list[tuple[int, str]]) -> dict[int, Any]:
        """number → row: same number first, else an unclaimed row with the same title."""
        by_number = {row.number: row for row in existing}
        matched: dict[int, Any] = {}
        for number, _ in wanted:
            if number in by_number:
                matched[number] = by_number[number]
        claimed = {id(row) for row in matched.values()}
        for number, title in wanted:
            if number not in matched or matched[number].title != title:
                twin = next((row for row in existing if id(row) not in claimed and row.title == title), None)
                if twin is not None and number not in matched:
                    matched[number] = twin
                    claimed.add(id(twin))
        return matched

    def _groups(self) -> dict[int, Orientation]:
        existing = plans.orientations_of(self.s, self.plan.id)
        matched = self._match(existing, [(g.number, g.title) for g in self.d.groups])
        level = self.plan.level1_label
        renumbers = []
        for g in self.d.groups:
            row = matched.get(g.number)
            if row is None:
                row = plans.add_row(self.s, Orientation(plan_id=self.plan.id, number=g.number, title=g.title))
                self.note("orientation", row, None, STRUCTURE_FIELD, None, {"number": g.number, "label": g.title})
                self.line(f"{labels.group_name(level, g.number)} ajoutée : « {g.title} »")
                matched[g.number] = row
                continue
            if row.number != g.number:
                self.note("orientation", row, None, NUMBER_FIELD, row.number, g.number)
                self.line(f"{labels.group_name(level, row.number)} renumérotée {g.number}")
                renumbers.append((row, g.number))
            self._set_structure("orientation", row, "title", g.title, labels.group_name(level, g.number))
            self.restore("orientation", row, None, labels.group_name(level, g.number))
        self.renumber(renumbers)
        for row in existing:
            if row not in matched.values() and not row.archived and not self.keep_unlisted:
                row.archived = True
                self.note("orientation", row, None, ARCHIVE_FIELD, "actif", "archivé")
                self.line(f"{labels.group_name(level, row.number)} archivée (retirée du plan) : « {row.title} »")
        return matched

    def _axes(self, groups: dict[int, Orientation]) -> dict[tuple[int, int], Axe]:
        result: dict[tuple[int, int], Axe] = {}
        level = self.plan.level1_label
        ids = [g.id for g in groups.values()]
        every = plans.axes_of(self.s, ids)
        for number, orientation in groups.items():
            existing = [a for a in every if a.orientation_id == orientation.id]
            wanted = [a for a in self.d.axes if a.group == number]
            matched = self._match(existing, [(a.number, a.title) for a in wanted])
            renumbers = []
            for a in wanted:
                name = labels.axe_reference(level, number, orientation.title, a.number)
                row = matched.get(a.number)
                if row is None:
                    row = plans.add_row(self.s, Axe(orientation_id=orientation.id, number=a.number, title=a.title))
                    self.note("axe", row, None, STRUCTURE_FIELD, None, {"number": a.number, "label": a.title})
                    self.line(f"{name} ajouté : « {a.title} »")
                else:
                    if row.number != a.number:
                        self.note("axe", row, None, NUMBER_FIELD, row.number, a.number)
                        self.line(f"{labels.axe_reference(level, number, orientation.title, row.number)} "
                                  f"renuméroté {a.number}")
                        renumbers.append((row, a.number))
                    self._set_structure("axe", row, "title", a.title, name)
                    self.restore("axe", row, None, name)
                result[(number, a.number)] = row
            self.renumber(renumbers)
            if not self.keep_unlisted:
                self._archive_unmatched("axe", [a for a in existing if a not in result.values()])
        return result

    def _set_structure(self, entity: str, row: Any, name: str, new: Any, where: str) -> None:
        if getattr(row, name) != new:
            self.note(entity, row, None, name, getattr(row, name), new)
            setattr(row, name, new)
            self.line(f"{where} : {'intitulé' if name == 'title' else name} modifié")

    def restore(self, entity: str, row: Any, action: Any, where: str) -> None:
        if row.archived:
            row.archived = False
            self.note(entity, row, action, ARCHIVE_FIELD, "archivé", "actif")
            self.line(f"{where} rétabli(e) (était archivé(e))")

    def _archive_unmatched(self, entity: str, rows: list[Any]) -> None:
        for row in rows:
            if not row.archived:
                row.archived = True
                self.note(entity, row, None, ARCHIVE_FIELD, "actif", "archivé")
                self.line(f"Axe {row.number} « {row.title} » archivé (retiré du plan)")

    # -- fiches -------------------------------------------------------------------------------
    def _fiches(self, axes: dict[tuple[int, int], Axe]) -> None:
        from sdus_desktop.exchange.plan_fiches import FicheReconciler

        FicheReconciler(self, axes).run()


def describe_kind_change(indicator: Indicator, new_kind: str, session: Session) -> str | None:
    """Why the unit of an indicator cannot change (values already entered would not fit), or None."""
    for value in plans.indicator_values(session, indicator.id):
        if value.value is None:
            continue
        try:
            parse_value(new_kind, value.value)
        except ValueError:
            return (f"l'indicateur a déjà des valeurs saisies ({value.period} : « {value.value} ») qui ne sont pas "
                    f"de type {new_kind} : changer son unité les rendrait invalides")
    return None

