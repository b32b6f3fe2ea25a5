"""How a plan's levels are named, the same way in every view and output.

Axes are numbered within their level-1 group, as the schémas print them (SDUS « ORIENTATION 2 …
AXE 1 », SDSF « Petite enfance … Axe 1 »). « Axe 1 » alone is only shown under its group (tree,
breadcrumb, fiche heading, bookmarks under the group's bookmark); anywhere else (a workbook column,
a list mixing groups) an axe is referred to with its group, so that it is never ambiguous:
« Orientation 2 · Axe 1 ». Groups whose level is a thématique are named by their title, as the
SDSF prints them (its thématiques carry no number): « Petite enfance · Axe 1 ».
"""

from __future__ import annotations

from sdus_desktop.core.text import fold

# Levels whose groups the documents name by title rather than by number.
_NAMED_LEVELS = frozenset({"thematique"})


def groups_named_by_title(level1_label: str) -> bool:
    return fold(level1_label) in _NAMED_LEVELS


def group_name(level1_label: str, number: int) -> str:
    """« Orientation 2 », « Thématique 1 »."""
    return f"{level1_label} {number}"


def group_heading(level1_label: str, number: int, title: str, separator: str = " · ") -> str:
    """« Orientation 2 · Adapter l'offre… »."""
    return f"{group_name(level1_label, number)}{separator}{title}"


def axe_name(number: int) -> str:
    """« Axe 1 »: the axe's number within its group (shown under the group only)."""
    return f"Axe {number}"


def axe_reference(level1_label: str, group_number: int, group_title: str, axe_number: int) -> str:
    """An axe referred to on its own: « Orientation 2 · Axe 1 », « Petite enfance · Axe 1 »."""
    group = group_title if groups_named_by_title(level1_label) and group_title else group_name(
        level1_label, group_number)
    return f"{group} · {axe_name(axe_number)}"


def axe_code(group_number: int, axe_number: int) -> str:
    """Short sortable code « 2.1 » (group number, axe number within it)."""
    return f"{group_number}.{axe_number}"
