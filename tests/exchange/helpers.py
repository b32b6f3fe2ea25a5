"""Helpers for the exchange tests: export a workbook, edit a copy as a référent would, find rows."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from openpyxl import load_workbook

from sdus_desktop.exchange.workbook_export import ExportSummary, write_referent_workbook
from sdus_desktop.store.database import Database


def export(db: Database, folder: Path, name: str = "classeur.xlsx", **scope: Any) -> ExportSummary:
    return write_referent_workbook(db, folder / name, **scope)


def row_of(path: Path, sheet: str, ref: str) -> int:
    """Row number of the row whose "Réf." (column A) is `ref`."""
    workbook = load_workbook(path, read_only=True)
    try:
        for number, row in enumerate(workbook[sheet].iter_rows(min_col=1, max_col=1, values_only=True), start=1):
            if row[0] == ref:
                return number
    finally:
        workbook.close()
    raise AssertionError(f"{ref} absent de {sheet}")


def edit_copy(source: Path, target: Path, cells: dict[str, dict[str, Any]]) -> Path:
    """Save a copy of `source` with cells changed ({"Étapes": {"J3": "30/06/2021"}})."""
    workbook = load_workbook(source)
    for sheet, values in cells.items():
        for ref, value in values.items():
            workbook[sheet][ref] = value
    workbook.save(target)
    return target
