"""Sizes the application refuses beyond, with the French reason (pure)."""

from __future__ import annotations

from typing import Any

# An Excel (and LibreOffice) cell holds at most 32 767 characters: a longer text could never travel in a
# référent workbook, so it is refused where it is typed or imported, with its place.
MAX_CELL_TEXT = 32_767
LIST_JOINER = " ; "   # how a list (référents) is written in one cell


def check_text_length(value: Any) -> None:
    """Raise ValueError (French) when a text, or a list written in one cell, is too long for a spreadsheet cell."""
    if isinstance(value, list):
        value = LIST_JOINER.join(str(item) for item in value)
    if isinstance(value, str) and len(value) > MAX_CELL_TEXT:
        raise ValueError(f"texte trop long ({len(value):,} caractères ; {MAX_CELL_TEXT:,} au plus, la taille d'une "
                         "cellule Excel) : raccourcissez-le, par exemple en renvoyant le détail vers un document"
                         .replace(",", "\u202f"))
