"""Fiches, étapes and indicators of an avenant (see plan_avenant for the matching rules)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from sdus_desktop.core import labels
from sdus_desktop.core.fields import STRUCTURE_FIELD, field_label
from sdus_desktop.core.lateness import effective_period
from sdus_desktop.core.validation import check_order
from sdus_desktop.exchange.plan_model import FICHE_LIST_FIELDS, FICHE_TEXT_FIELDS, FicheDef, default_label
from sdus_desktop.store import plans
from sdus_desktop.store.models import Action, Axe, Indicator, Step

if TYPE_CHECKING:
    from sdus_desktop.exchange.plan_avenant import _Reconciler

_STEP_FIELDS = ("label", "calendrier")
_INDICATOR_FIELDS = ("label", "kind", "target")


@dataclass(frozen=True)
class _Ref:
    """A row inserted in bulk: only its id is known (what the journal needs)."""

    id: int


def _shown(old: Any, new: Any, limit: int = 160) -> str:
    """« : a → b » when both values are short enough to read in a preview line."""
    before = " ; ".join(old) if isinstance(old, list) else str(old)
    after = " ; ".join(new) if isinstance(new, list) else str(new)
    if "\n" in before + after or len(before) + len(after) > limit:
        return ""
    return f" : « {before or '—'} » → « {after or '—'} »"


def at_column(place: str, letter: str) -> str:
    """« Fiches!B14 » → « Fiches!A14 »."""
    return re.sub(r"![A-Z]+(\d+)$", rf"!{letter}\1", place)


class FicheReconciler:
    def __init__(self, parent: _Reconciler, axes: dict[tuple[int, int], Axe]) -> None:
        self.p = parent
        self.s = parent.s
        self.plan = parent.plan
        self.axes = axes
        self.axe_place = {axe.id: key for key, axe in axes.items()}

    def run(self) -> None:
        from sdus_desktop.exchange.plan_avenant import ARCHIVE_FIELD, NUMBER_FIELD

        existing = plans.actions_of(self.s, self.plan.id)
        self.p.r.fiches_before = sum(1 for row in existing if not row.archived)
        fiches = self.p.d.fiches
        matched = self._match_fiches(existing, fiches)
        # When numbers or keys do not fit, the file is refused: fiches are neither renumbered nor created
        # (that could break the unique numbering), but the matched ones are still checked for other errors.
        refusing = bool(self.p.r.errors)
        self._load_children(existing)
        renumbers = []
        for fiche in fiches:
            row = matched.get(fiche.number)
            if row is not None and row.number != fiche.number and not refusing:
                self.p.note("action", row, row, NUMBER_FIELD, row.number, fiche.number)
                self.p.line(f"Fiche {row.number} renumérotée {fiche.number}")
                renumbers.append((row, fiche.number))
        self.p.renumber(renumbers)
        created: list[FicheDef] = []
        for fiche in fiches:
            row = matched.get(fiche.number)
            if row is None:
                if not refusing:
                    created.append(fiche)
            else:
                self._update(row, fiche)
        claimed = {id(row) for row in matched.values()}
        for row in existing:
            if id(row) not in claimed and not row.archived and not self.p.keep_unlisted:
                row.archived = True
                self.p.note("action", row, row, ARCHIVE_FIELD, "actif", "archivé")
                self.p.line(f"Fiche {row.number} archivée (retirée du plan, son suivi est conservé) : « {row.title} »")
        if created:
            for ref, fiche in zip(self._create(created), created, strict=True):
                self.p.note("action", ref, ref, STRUCTURE_FIELD, None, {"number": fiche.number, "label": fiche.title})
                self.p.line(f"Fiche {fiche.number} ajoutée : « {fiche.title} » ({len(fiche.etapes)} étape(s), "
                            f"{len(fiche.indicators)} indicateur(s))")

    # -- matching --------------------------------------------------------------------------
    def _match_fiches(self, existing: list[Action], fiches: list[FicheDef]) -> dict[int, Action]:
        by_number = {row.number: row for row in existing}
        matched: dict[int, Action] = {}
        claimed: set[int] = set()
        if not self.p.r.created:
            for fiche in fiches:
                if fiche.key is None:
                    continue
                row = by_number.get(fiche.key)
                if row is None:
                    self.p.error(at_column(fiche.place, "A"), f"clé {fiche.key} inconnue : aucune fiche {fiche.key} "
                                 f"dans le plan {self.plan.code} (laissez la clé vide pour une nouvelle fiche)")
                else:
                    matched[fiche.number] = row
                    claimed.add(row.id)
        for fiche in fiches:
            if fiche.number not in matched and fiche.key is None:
                row = by_number.get(fiche.number)
                if row is not None and row.id not in claimed:
                    matched[fiche.number] = row
                    claimed.add(row.id)
        for row in existing:
            if row.id not in claimed and any(f.number == row.number for f in fiches):
                fiche = next(f for f in fiches if f.number == row.number)
                self.p.error(fiche.place, f"le numéro {row.number} est celui de la fiche « {row.title} » que ce "
                             "classeur retire (elle sera archivée avec son numéro) : choisissez un autre numéro")
        return matched

    def _load_children(self, existing: list[Action]) -> None:
        steps, indicators = plans.children_of(self.s, self.plan.id)
        self.steps: dict[int, list[Step]] = {row.id: [] for row in existing}
        for step in steps:
            self.steps[step.action_id].append(step)
        self.indicators: dict[int, list[Indicator]] = {row.id: [] for row in existing}
        for indicator in indicators:
            self.indicators[indicator.action_id].append(indicator)

    # -- fiches ----------------------------------------------------------------------------
    def _create(self, fiches: list[FicheDef]) -> list[_Ref]:
        """New fiches with their étapes and indicators, inserted in bulk (a new plan has hundreds)."""
        rows = [{"plan_id": self.plan.id, "axe_id": self.axes[(f.group, f.axe)].id, "number": f.number,
                 "label": f.label or default_label(self.plan.code, f.number), "title": f.title,
                 **{name: f.text(name) for name, _ in FICHE_TEXT_FIELDS}} for f in fiches]
        steps = [[{"number": e.number, "label": e.label, "calendrier": e.calendrier} for e in f.etapes]
                 for f in fiches]
        indicators = [[{"number": i.number, "label": i.label, "kind": i.kind, "target": i.target}
                       for i in f.indicators] for f in fiches]
        ids = plans.insert_fiches(self.s, rows, steps, indicators)
        return [_Ref(action_id) for action_id in ids]

    def _update(self, row: Action, fiche: FicheDef) -> None:
        from sdus_desktop.exchange.plan_avenant import PLACE_FIELD

        name = f"Fiche {fiche.number}"
        self.p.restore("action", row, row, name)
        axe = self.axes[(fiche.group, fiche.axe)]
        if row.axe_id != axe.id:
            old = self.axe_place.get(row.axe_id)
            old_text = labels.axe_code(*old) if old else "?"
            self.p.note("action", row, row, PLACE_FIELD, old_text, labels.axe_code(fiche.group, fiche.axe))
            self.p.line(f"{name} déplacée vers "
                        f"{labels.axe_reference(self.plan.level1_label, fiche.group, '', fiche.axe)}")
            row.axe_id = axe.id
        label = fiche.label or row.label
        for attribute, new in (("title", fiche.title), ("label", label),
                               *((n, fiche.text(n)) for n, _ in FICHE_TEXT_FIELDS)):
            current: Any = getattr(row, attribute)
            if attribute in FICHE_LIST_FIELDS:
                current = list(current or [])
            if current != new:
                setattr(row, attribute, new)
                self.p.note("action", row, row, attribute, current, new)
                self.p.line(f"{name} : {field_label('action', attribute)} modifié(e){_shown(current, new)}")
        self._children(row, fiche, "step")
        self._children(row, fiche, "indicator")

    # -- étapes and indicators -------------------------------------------------------------
    def _children(self, row: Action, fiche: FicheDef, entity: str) -> None:
        from sdus_desktop.exchange.plan_avenant import ARCHIVE_FIELD, describe_kind_change

        is_step = entity == "step"
        existing: list[Any] = self.steps.get(row.id, []) if is_step else self.indicators.get(row.id, [])
        defs: list[Any] = fiche.etapes if is_step else fiche.indicators
        noun = "étape" if is_step else "indicateur"
        compared = _STEP_FIELDS if is_step else _INDICATOR_FIELDS
        matched: dict[int, Any] = {}
        claimed: set[int] = set()
        for item in defs:
            if item.key is not None:
                row_child = next((c for c in existing if c.number == item.key and id(c) not in claimed), None)
                if row_child is None:
                    self.p.error(at_column(item.place, "B"), f"clé {item.key} inconnue : la fiche {fiche.number} n'a "
                                 f"pas d'{noun} {item.key} (laissez la clé vide pour en ajouter un(e))")
                    continue
                matched[id(item)] = row_child
                claimed.add(id(row_child))
        # Without a key: the same label, else a label that grew sub-items (« X » → « X\n- y »), else the number.
        for same in (lambda c, i: c.label == i.label, lambda c, i: i.label.startswith(c.label + "\n"),
                     lambda c, i: c.number == i.number):
            for item in defs:
                if id(item) not in matched and item.key is None:
                    row_child = next((c for c in existing if id(c) not in claimed and same(c, item)), None)
                    if row_child is not None:
                        matched[id(item)] = row_child
                        claimed.add(id(row_child))
        for item in defs:
            where = f"Fiche {fiche.number} : {noun} {item.number}"
            child = matched.get(id(item))
            if child is None:
                child = (Step(action_id=row.id, number=item.number, label=item.label, calendrier=item.calendrier)
                         if is_step else Indicator(action_id=row.id, number=item.number, label=item.label,
                                                   kind=item.kind, target=item.target))
                plans.add_row(self.s, child)
                self.p.note(entity, child, row, STRUCTURE_FIELD, None, {"number": item.number, "label": item.label})
                self.p.line(f"{where} ajouté(e) : « {item.label} »")
                continue
            self.p.restore(entity, child, row, where)
            if child.number != item.number:
                self.p.note(entity, child, row, "number", child.number, item.number)
                self.p.line(f"Fiche {fiche.number} : {noun} {child.number} renuméroté(e) {item.number}")
                child.number = item.number
            for attribute in compared:
                new = getattr(item, attribute)
                if getattr(child, attribute) == new:
                    continue
                if attribute == "kind":
                    refusal = describe_kind_change(child, new, self.s)
                    if refusal:
                        self.p.error(at_column(item.place, "E"), refusal)
                        continue
                self.p.note(entity, child, row, attribute, getattr(child, attribute), new)
                self.p.line(f"{where} : {field_label(entity, attribute)} modifié(e)")
                setattr(child, attribute, new)
            if is_step:
                self._check_dates(child, item.place, fiche.number)
        for child in existing:
            if id(child) not in claimed and not child.archived:
                child.archived = True
                self.p.note(entity, child, row, ARCHIVE_FIELD, "actif", "archivé")
                self.p.line(f"Fiche {fiche.number} : {noun} {child.number} archivé(e) (retiré(e) du plan, son "
                            f"suivi est conservé) : « {child.label} »")

    def _check_dates(self, step: Step, place: str, fiche_number: int) -> None:
        try:
            start, end = effective_period(step.calendrier, step.planned_start, step.planned_end)
            check_order(start, end, "dates prévues")
        except ValueError as error:
            self.p.error(at_column(place, "E"), f"fiche {fiche_number}, étape {step.number} : {error} "
                         f"(calendrier « {step.calendrier} » et dates prévues saisies)")
