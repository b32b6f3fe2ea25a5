"""Statuses of actions and steps: codes stored in the database, French labels, symbols.

Symbols accompany colours everywhere so that colour is never the only signal (RGAA).
"""

from __future__ import annotations

from enum import StrEnum
from typing import TypeVar

from sdus_desktop.core.text import fold

_S = TypeVar("_S", bound=StrEnum)


class ActionStatus(StrEnum):
    NON_DEMARREE = "non_demarree"
    EN_COURS = "en_cours"
    REALISEE = "realisee"
    REPORTEE = "reportee"
    ABANDONNEE = "abandonnee"

    @property
    def label(self) -> str:
        return _ACTION_LABELS[self]

    @property
    def symbol(self) -> str:
        return _ACTION_SYMBOLS[self]

    @property
    def closed(self) -> bool:
        return self in (ActionStatus.REALISEE, ActionStatus.ABANDONNEE)

    @classmethod
    def from_label(cls, text: str) -> ActionStatus:
        return _from_label(cls, text, _ACTION_LABELS)


class StepStatus(StrEnum):
    A_FAIRE = "a_faire"
    EN_COURS = "en_cours"
    REALISEE = "realisee"
    ABANDONNEE = "abandonnee"

    @property
    def label(self) -> str:
        return _STEP_LABELS[self]

    @property
    def symbol(self) -> str:
        return _STEP_SYMBOLS[self]

    @property
    def closed(self) -> bool:
        return self in (StepStatus.REALISEE, StepStatus.ABANDONNEE)

    @classmethod
    def from_label(cls, text: str) -> StepStatus:
        return _from_label(cls, text, _STEP_LABELS)


_ACTION_LABELS = {
    ActionStatus.NON_DEMARREE: "Non démarrée",
    ActionStatus.EN_COURS: "En cours",
    ActionStatus.REALISEE: "Réalisée",
    ActionStatus.REPORTEE: "Reportée",
    ActionStatus.ABANDONNEE: "Abandonnée",
}
_ACTION_SYMBOLS = {
    ActionStatus.NON_DEMARREE: "○",
    ActionStatus.EN_COURS: "◐",
    ActionStatus.REALISEE: "●",
    ActionStatus.REPORTEE: "↻",
    ActionStatus.ABANDONNEE: "✕",
}
_STEP_LABELS = {
    StepStatus.A_FAIRE: "À faire",
    StepStatus.EN_COURS: "En cours",
    StepStatus.REALISEE: "Réalisée",
    StepStatus.ABANDONNEE: "Abandonnée",
}
_STEP_SYMBOLS = {
    StepStatus.A_FAIRE: "○",
    StepStatus.EN_COURS: "◐",
    StepStatus.REALISEE: "●",
    StepStatus.ABANDONNEE: "✕",
}

LATE_SYMBOL = "⚠"
LATE_LABEL = "En retard"


def _from_label(cls: type[_S], text: str, labels: dict[_S, str]) -> _S:
    """Accept a code or a French label, whatever the case and accents."""
    wanted = fold(text).replace(" ", "_").replace("-", "_")
    for member, label in labels.items():
        if wanted in (fold(member.value), fold(label).replace(" ", "_").replace("-", "_")):
            return member
    choices = ", ".join(f"« {label} »" for label in labels.values())
    raise ValueError(f"statut inconnu « {text} » (valeurs possibles : {choices})")

# The application's status colours (the dashboard's), shared by the comité workbook and the PDF charts.
# Light to dark, none red: red stays the signal of lateness, always with LATE_SYMBOL beside it.
ACTION_STATUS_COLOURS = {
    ActionStatus.NON_DEMARREE: "#d5d9e0",
    ActionStatus.EN_COURS: "#6fa8dc",
    ActionStatus.REALISEE: "#57a05f",
    ActionStatus.REPORTEE: "#f0b455",
    ActionStatus.ABANDONNEE: "#8c8c8c",
}
