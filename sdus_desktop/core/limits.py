"""Sizes the application refuses beyond, with the French reason (pure)."""

from __future__ import annotations

from typing import Any

# An Excel (and LibreOffice) cell holds at most 32 767 characters: a longer text could never travel in a
# référent workbook, so it is refused where it is typed or imported, with its place.
MAX_CELL_TEXT = 32_767
LIST_JOINER = " ; "   # how a list (référents) is written in one cell
# A fiche's title: the same bound whether typed in central mode or read from a plan definition workbook.
MAX_TITLE = 1_000


def check_text_length(value: Any) -> None:
    """Raise ValueError (French) when a text, or a list written in one cell, is too long for a spreadsheet cell."""
    if isinstance(value, list):
        value = LIST_JOINER.join(str(item) for item in value)
    if isinstance(value, str) and len(value) > MAX_CELL_TEXT:
        raise ValueError(f"texte trop long ({len(value):,} caractères ; {MAX_CELL_TEXT:,} au plus, la taille d'une "
                         "cellule Excel) : raccourcissez-le, par exemple en renvoyant le détail vers un document"
                         .replace(",", "\u202f"))


def check_title(value: Any) -> None:
    """Raise ValueError (French) when a fiche title is longer than a plan definition accepts (an empty title
    is refused by the field's parser already)."""
    text = value if isinstance(value, str) else ""
    if len(text) > MAX_TITLE:
        raise ValueError(f"intitulé trop long ({len(text)} caractères ; {MAX_TITLE} au plus) : raccourcissez-le, "
                         "le détail a sa place dans la problématique ou les objectifs")
