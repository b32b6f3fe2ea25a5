"""Three-way merge of one cell: the exported base, the database now (mine), the workbook (theirs).

Pure logic on canonical values (see normalize.py); nothing here reads or writes anything.
"""

from __future__ import annotations

from enum import StrEnum
from typing import Any


class Outcome(StrEnum):
    UNCHANGED = "unchanged"   # the workbook did not touch the cell
    APPLY = "apply"           # changed in the workbook only → write it
    ALREADY = "already"       # changed in the workbook to what the database already holds
    CONFLICT = "conflict"     # changed on both sides, differently → a person decides


def merge_cell(base: Any, mine: Any, theirs: Any) -> Outcome:
    """Decide one cell. A change made only in the database (theirs == base) keeps the database."""
    if theirs == base:
        return Outcome.UNCHANGED
    if mine == theirs:
        return Outcome.ALREADY
    if mine == base:
        return Outcome.APPLY
    return Outcome.CONFLICT
