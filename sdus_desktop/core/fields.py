"""The editable fields of each entity, with their French labels (journal, previews, messages)."""

from __future__ import annotations

ACTION_SUIVI_FIELDS = {
    "status": "statut",
    "avancement": "avancement",
    "bilan": "bilan / commentaire",
    "referents": "référent(s)",
}
ACTION_DOCUMENT_FIELDS = {
    "title": "intitulé",
    "pilotage": "pilotage",
    "participation_citoyens": "participation des citoyens",
    "partenaires": "partenaires",
    "public": "public",
    "problematique": "rappel de la problématique",
    "vigilance": "points de vigilance",
    "objectifs": "objectifs",
    "methodologie": "méthodologie",
    "modalites_suivi": "modalités de suivi",
    "incidence_financiere": "incidence financière",
    "sous_actions": "sous-actions",
    "resultat_attendu": "objectif / résultat attendu",
    "calendrier": "calendrier",
    "acteurs": "acteurs",
}
LIST_FIELDS = {"pilotage", "partenaires", "objectifs", "sous_actions", "acteurs", "referents"}

STEP_FIELDS = {
    "label": "libellé",
    "calendrier": "calendrier prévu",
    "planned_start": "début prévu",
    "planned_end": "fin prévue",
    "actual_start": "début réel",
    "actual_end": "fin réelle",
    "status": "état",
    "comment": "commentaire",
    "number": "ordre",
}
STEP_DATE_FIELDS = {"planned_start", "planned_end", "actual_start", "actual_end"}

INDICATOR_FIELDS = {"label": "libellé", "kind": "type", "target": "cible"}
VALUE_FIELDS = {"value": "valeur", "comment": "commentaire"}

STRUCTURE_FIELD = "(structure)"

ENTITY_FIELDS: dict[str, dict[str, str]] = {
    "action": {**ACTION_SUIVI_FIELDS, **ACTION_DOCUMENT_FIELDS},
    "step": STEP_FIELDS,
    "indicator": INDICATOR_FIELDS,
    "value": VALUE_FIELDS,
}


def field_label(entity: str, field: str) -> str:
    if field == STRUCTURE_FIELD:
        return {"step": "étape", "indicator": "indicateur"}.get(entity, entity)
    return ENTITY_FIELDS.get(entity, {}).get(field, field)
