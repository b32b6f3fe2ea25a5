"""A plan definition: structure and document texts of a plan, without any follow-up data.

The same definition is read from a definition workbook (plan_read), written to one (plan_workbook),
built from a database plan (from_database) or from the shipped catalogue (from_catalogue), and
compared with the database to make an avenant (plan_diff). Entities are matched by stable keys: the
plan code, the fiche number, the étape and indicator numbers within their fiche. A fiche, étape or
indicator row carries a « clé » (its number when it was exported) so that a renumbering is a change
of number, not a removal plus an addition.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from sdus_desktop.core.plan_states import EN_COURS, PLAN_STATES

# Document fields of a fiche, in workbook order, with their column titles (title and label apart).
FICHE_TEXT_FIELDS: tuple[tuple[str, str], ...] = (
    ("pilotage", "Pilotes"),
    ("partenaires", "Partenaires"),
    ("participation_citoyens", "Participation des citoyens"),
    ("public", "Public"),
    ("problematique", "Rappel de la problématique"),
    ("vigilance", "Points de vigilance"),
    ("objectifs", "Objectifs"),
    ("methodologie", "Méthodologie"),
    ("modalites_suivi", "Modalités de suivi"),
    ("incidence_financiere", "Incidence financière"),
    ("sous_actions", "Sous-actions"),
    ("resultat_attendu", "Résultat attendu"),
    ("calendrier", "Calendrier"),
    ("acteurs", "Acteurs"),
)
FICHE_LIST_FIELDS = frozenset({"pilotage", "partenaires", "objectifs", "sous_actions", "acteurs"})

__all__ = ["PLAN_STATES"]  # re-exported: the vocabulary is declared in core.plan_states


@dataclass
class PlanInfo:
    code: str
    title: str
    period_start: int
    period_end: int
    level1_label: str = "Orientation"
    state: str = EN_COURS
    previous_code: str = ""


@dataclass
class GroupDef:
    number: int
    title: str
    place: str = ""


@dataclass
class AxeDef:
    group: int
    number: int
    title: str
    place: str = ""


@dataclass
class EtapeDef:
    number: int
    label: str
    calendrier: str = ""
    key: int | None = None
    place: str = ""


@dataclass
class IndicatorDef:
    number: int
    label: str
    kind: str = "texte"
    target: str = ""
    key: int | None = None
    place: str = ""


@dataclass
class FicheDef:
    number: int
    title: str
    group: int
    axe: int
    label: str = ""
    texts: dict[str, Any] = field(default_factory=dict)  # FICHE_TEXT_FIELDS → str or list[str]
    etapes: list[EtapeDef] = field(default_factory=list)
    indicators: list[IndicatorDef] = field(default_factory=list)
    key: int | None = None
    place: str = ""

    def text(self, name: str) -> Any:
        return self.texts.get(name, [] if name in FICHE_LIST_FIELDS else "")


@dataclass
class PlanDefinition:
    plan: PlanInfo
    groups: list[GroupDef] = field(default_factory=list)
    axes: list[AxeDef] = field(default_factory=list)
    fiches: list[FicheDef] = field(default_factory=list)

    @property
    def etape_count(self) -> int:
        return sum(len(f.etapes) for f in self.fiches)


def default_label(plan_code: str, fiche_number: int) -> str:
    return f"Action N°{fiche_number}"


def from_database(plan: Any) -> PlanDefinition:
    """The definition of a plan as stored (ORM or read-model objects; archived entities left out)."""
    info = PlanInfo(plan.code, plan.title, plan.period_start, plan.period_end, plan.level1_label,
                    getattr(plan, "state", EN_COURS) or EN_COURS, getattr(plan, "previous_code", "") or "")
    definition = PlanDefinition(info)
    for orientation in plan.orientations:
        definition.groups.append(GroupDef(orientation.number, orientation.title))
        for axe in orientation.axes:
            definition.axes.append(AxeDef(orientation.number, axe.number, axe.title))
            for action in axe.actions:
                fiche = FicheDef(
                    action.number, action.title, orientation.number, axe.number, action.label,
                    {name: (list(getattr(action, name)) if name in FICHE_LIST_FIELDS else getattr(action, name))
                     for name, _ in FICHE_TEXT_FIELDS},
                    key=action.number,
                )
                fiche.etapes = [EtapeDef(s.number, s.label, s.calendrier, key=s.number) for s in action.steps]
                fiche.indicators = [IndicatorDef(i.number, i.label, i.kind, i.target, key=i.number)
                                    for i in action.indicators]
                definition.fiches.append(fiche)
    definition.fiches.sort(key=lambda f: f.number)
    return definition


def from_catalogue(catalogue: dict[str, Any]) -> PlanDefinition:
    """The definition of a shipped catalogue (db/seed/*.json): fiche keys are the catalogue numbers."""
    info = catalogue["plan"]
    definition = PlanDefinition(PlanInfo(info["code"], info["title"], info["period_start"], info["period_end"],
                                         info["level1_label"]))
    for o in catalogue["orientations"]:
        definition.groups.append(GroupDef(o["number"], o["title"]))
        for a in o["axes"]:
            definition.axes.append(AxeDef(o["number"], a["number"], a["title"]))
            for item in a["actions"]:
                fiche = FicheDef(item["number"], item["title"], o["number"], a["number"], item.get("label", ""),
                                 {name: item.get(name) or ([] if name in FICHE_LIST_FIELDS else "")
                                  for name, _ in FICHE_TEXT_FIELDS}, key=item["number"])
                # étapes and indicators without keys: matched by label first (a release may split or join them)
                fiche.etapes = [EtapeDef(s["number"], s["label"], s.get("calendrier", ""))
                                for s in item.get("etapes", [])]
                fiche.indicators = [IndicatorDef(n, i["label"], i.get("kind", "texte"), i.get("target", ""))
                                    for n, i in enumerate(item.get("indicateurs", []), start=1)]
                definition.fiches.append(fiche)
    definition.fiches.sort(key=lambda f: f.number)
    return definition
