"""Every field a user reads or edits, declared once: label, kind, who may edit it, where it appears.

Coercion (store.coercion), canonical forms and previews (exchange.normalize), the JSON export
(exchange.json_export), journal and preview formatting (core.field_values.format_field) derive from these
declarations; tests/test_fields.py fails when a declared field is missing from an output it claims
(workbook column, printed fiche, JSON key, search text). See docs/architecture.md, « Ajouter un champ ».
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

# Kinds: how a value is parsed from what people type and shown back to them (core.field_values).
TEXT = "text"
LIST = "list"                    # ["A", "B"]; typed one per line or "A ; B"
ACTION_STATUS = "action_status"  # ActionStatus value, typed as its label
STEP_STATUS = "step_status"      # StepStatus value, typed as its label
PERCENT = "percent"              # whole number 0–100
DATE = "date"                    # datetime.date, typed dd/mm/yyyy
INDICATOR_KIND = "indicator_kind"
INDICATOR_VALUE = "indicator_value"  # canonical text; its parsing depends on the indicator's kind
TARGET_VALUE = "target_value"    # a number in the indicator's unit (nombre; pourcentage 0–100), None when cleared
POSITION = "position"            # order within the parent (changed by moving, never typed)
COMITE = "comite"                # a frozen comité (comite_snapshot id) a note refers to, or None

# Who may edit a field.
REFERENT = "referent"  # anyone (référent mode and central mode)
CENTRAL = "central"    # central mode only (the fiche's document, structure of étapes and indicateurs)
NEVER = "never"        # derived or structural: no edit call may set it

BOTH_PLANS = ("SDUS", "SDSF")


@dataclass(frozen=True)
class Field:
    entity: str                # "action", "step", "indicator", "value", "target"
    name: str                  # attribute of the ORM and read-model rows, key of edits and journal rows
    label: str                 # French, lower case: journal, previews, messages
    kind: str
    edit: str = REFERENT
    required: bool = False     # an empty value is refused
    workbook: bool = False     # an editable column of the référent workbook (exchange.workbook_layout)
    pdf: bool = False          # printed on the fiche (reports.fiche_flowables)
    json: bool = True          # a key of the JSON export, under the field's name (exchange.json_export)
    search: bool = False       # part of the navigation search text (core.search.fiche_texts)
    header: str = ""           # workbook column header when it is not the label (exchange.workbook_layout)
    plans: tuple[str, ...] = BOTH_PLANS  # the plans whose fiches show it

    @property
    def editable(self) -> bool:
        return self.edit != NEVER


def _action(name: str, label: str, kind: str = TEXT, **options: Any) -> Field:
    return Field("action", name, label, kind, **options)


_DOCUMENT: dict[str, Any] = {"edit": CENTRAL, "pdf": True}
_SDUS: dict[str, Any] = {**_DOCUMENT, "plans": ("SDUS",)}
_SDSF: dict[str, Any] = {**_DOCUMENT, "plans": ("SDSF",)}

FIELDS: tuple[Field, ...] = (
    # Fiche: suivi (what référents report).
    _action("status", "statut", ACTION_STATUS, workbook=True, pdf=True),
    _action("avancement", "avancement", PERCENT, workbook=True, pdf=True),
    _action("bilan", "bilan / commentaire", workbook=True, pdf=True, search=True, header="Commentaire / bilan"),
    _action("referents", "référent(s)", LIST, workbook=True, pdf=True, search=True),
    # Fiche: the document as published in the schéma (central mode).
    _action("title", "intitulé", required=True, search=True, **_DOCUMENT),
    _action("pilotage", "pilotage", LIST, search=True, **_SDUS),
    _action("participation_citoyens", "participation des citoyens", search=True, **_SDUS),
    _action("partenaires", "partenaires", LIST, search=True, **_SDUS),
    _action("public", "public", search=True, **_SDUS),
    _action("problematique", "rappel de la problématique", search=True, **_SDUS),
    _action("vigilance", "points de vigilance", search=True, **_SDUS),
    _action("objectifs", "objectifs", LIST, search=True, **_SDUS),
    _action("methodologie", "méthodologie", search=True, **_SDUS),
    _action("modalites_suivi", "modalités de suivi", search=True, **_SDUS),
    _action("incidence_financiere", "incidence financière", search=True, **_SDUS),
    _action("sous_actions", "sous-actions", LIST, search=True, **_SDSF),
    _action("resultat_attendu", "objectif / résultat attendu", search=True, **_SDSF),
    _action("calendrier", "calendrier", search=True, **_SDSF),
    _action("acteurs", "acteurs", LIST, search=True, **_SDSF),
    # Étapes of the modalités de mise en œuvre.
    Field("step", "number", "ordre", POSITION, edit=NEVER, pdf=True),
    Field("step", "label", "libellé", TEXT, edit=CENTRAL, required=True, pdf=True, search=True),
    Field("step", "calendrier", "calendrier prévu", TEXT, edit=CENTRAL, pdf=True, search=True),
    Field("step", "planned_start", "début prévu", DATE, workbook=True),
    Field("step", "planned_end", "fin prévue", DATE, workbook=True),
    Field("step", "actual_start", "début réel", DATE, workbook=True, pdf=True),
    Field("step", "actual_end", "fin réelle", DATE, workbook=True, pdf=True),
    Field("step", "status", "état", STEP_STATUS, workbook=True, pdf=True),
    Field("step", "comment", "commentaire", TEXT, workbook=True, pdf=True, search=True),
    # Indicateurs and their values per period.
    Field("indicator", "label", "libellé", TEXT, edit=CENTRAL, required=True, pdf=True, search=True),
    Field("indicator", "kind", "type", INDICATOR_KIND, edit=CENTRAL),
    Field("indicator", "target", "cible", TEXT, edit=CENTRAL, pdf=True, search=True),
    Field("value", "value", "valeur", INDICATOR_VALUE, workbook=True, pdf=True),
    Field("value", "comment", "commentaire", TEXT, workbook=True),
    # Notes de suivi (core.notes): dated, signed, never overwritten by a workbook (the bilan stays the summary).
    # They travel in their own sheet of the référent workbook (exchange.workbook_notes), not as editable columns.
    Field("note", "note_date", "date de la note", DATE, required=True, pdf=True),
    Field("note", "author", "auteur de la note", TEXT, edit=NEVER, pdf=True),
    Field("note", "text", "note de suivi", TEXT, required=True, pdf=True),
    Field("note", "comite_snapshot_id", "comité de la note", COMITE, pdf=True),
    # Targets per year, set by the central team (shown read-only in référent workbooks).
    Field("target", "value", "cible de l'année", TARGET_VALUE, edit=CENTRAL, pdf=True),
    Field("target", "note", "note sur la cible", TEXT, edit=CENTRAL),
)

STRUCTURE_FIELD = "(structure)"  # journal rows of added / removed étapes and indicateurs
ENTITIES = ("action", "step", "indicator", "value", "note", "target")
BY_ENTITY: dict[str, dict[str, Field]] = {
    entity: {f.name: f for f in FIELDS if f.entity == entity} for entity in ENTITIES
}


def spec(entity: str, name: str) -> Field | None:
    return BY_ENTITY.get(entity, {}).get(name)


def fields_of(entity: str, *, where: str | None = None, kind: str | None = None) -> tuple[Field, ...]:
    """The entity's fields in declaration order; `where` keeps those with that flag set (workbook, pdf…)."""
    return tuple(f for f in BY_ENTITY.get(entity, {}).values()
                 if (where is None or getattr(f, where)) and (kind is None or f.kind == kind))


# Who is assigned to a fiche: editable by référents, but not something they report.
ASSIGNMENT_FIELDS = {("action", "referents")}


def counts_as_update(entity: str, field: str) -> bool:
    """Whether a change is a « mise à jour » of its fiche (moves updated_at / updated_by): what référents
    report (statut, avancement, bilan, étapes, valeurs) — never the document, the structure or the assignment."""
    if entity == "note":   # a note de suivi written, corrected or withdrawn is reporting on the fiche
        return True
    found = spec(entity, field)
    return found is not None and found.edit == REFERENT and (entity, field) not in ASSIGNMENT_FIELDS


def field_label(entity: str, field: str) -> str:
    if field == STRUCTURE_FIELD:
        return {"step": "étape", "indicator": "indicateur", "note": "note de suivi"}.get(entity, entity)
    found = spec(entity, field)
    return found.label if found else field


def _labels(entity: str, fields: tuple[Field, ...] | None = None) -> dict[str, str]:
    return {f.name: f.label for f in (fields if fields is not None else fields_of(entity))}


# Views of the registry kept for the modules that read them by these names.
ACTION_SUIVI_FIELDS = _labels("action", tuple(f for f in fields_of("action") if f.edit == REFERENT))
ACTION_DOCUMENT_FIELDS = _labels("action", tuple(f for f in fields_of("action") if f.edit == CENTRAL))
LIST_FIELDS = {f.name for f in FIELDS if f.kind == LIST}
STEP_FIELDS = _labels("step")
STEP_DATE_FIELDS = {f.name for f in fields_of("step", kind=DATE)}
INDICATOR_FIELDS = _labels("indicator")
VALUE_FIELDS = _labels("value")
ENTITY_FIELDS: dict[str, dict[str, str]] = {entity: _labels(entity) for entity in ENTITIES}
