"""People's names (référents): the one rule for a name typed anywhere.

A list of people is written with « ; » (the fiche's Référent(s) field, the workbook column « Référent(s) », the
journal) and people often type « , » between two names: so a person's name can contain neither. A name with a
comma is refused, never split: « Dupont, Marie » may be one person written surname first or two people, and
only the person typing knows (the message shows both ways to write it). A name already recorded in a database
made before this rule is still accepted as it is (store.services), and `sdus check` reports it.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

NAME_SEPARATOR = ";"                 # between two names, in a field and in a workbook cell
NAME_LIST_JOIN = f" {NAME_SEPARATOR} "
FORBIDDEN = {",": "une virgule", ";": "un point-virgule", "\n": "un retour à la ligne"}

_LIST_SPLIT = re.compile(rf"[{NAME_SEPARATOR}\n]")


def split_names(text: str) -> list[str]:
    """The names of a typed list (« Paul Roux ; Claire Martin », or one per line), trimmed, blanks dropped.
    Only « ; » and line breaks separate names: a comma stays inside its name (and check_name refuses it)."""
    return [part.strip() for part in _LIST_SPLIT.split(text) if part.strip()]


def join_names(names: Iterable[str]) -> str:
    return NAME_LIST_JOIN.join(names)


def name_problem(name: str) -> str | None:
    """Why `name` cannot be a person's name (French, with what to type instead), or None when it can."""
    text = str(name).strip()
    if not text:
        return "nom vide : tapez le nom de la personne (ex. « Marie Dupont »)"
    for char, what in FORBIDDEN.items():
        if char in text:
            parts = [part.strip() for part in text.split(char)]
            shown = " ⏎ ".join(text.splitlines())
            if char == "," and len(parts) == 2 and all(parts):
                return (f"le nom « {shown} » contient {what} : écrivez « {parts[1]} {parts[0]} » "
                        f"(ou, s'il s'agit de deux personnes, « {parts[0]} ; {parts[1]} » dans la liste des "
                        "référents)")
            return (f"le nom « {shown} » contient {what} : un nom désigne une seule personne ; pour plusieurs "
                    "personnes, désignez-les une à une ou séparez-les par « ; » dans la liste des référents")
    return None


def check_name(name: str) -> str:
    """`name` trimmed; ValueError (French) when it cannot be a person's name."""
    problem = name_problem(name)
    if problem is not None:
        raise ValueError(problem)
    return str(name).strip()
