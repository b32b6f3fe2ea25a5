"""Helpers for plan definition tests: fill or edit a definition workbook as a person would in Excel."""

from __future__ import annotations

import hashlib
import sqlite3
from contextlib import closing
from pathlib import Path
from typing import Any

from openpyxl import load_workbook

from sdus_desktop.exchange import plan_layout as L

CALENDRIERS = ["2024", "Fin 2024", "1er semestre 2025", "2025/2026", "2e semestre 2025", "Début 2026",
               "2026 et suivantes", "À compter de 2025", "Septembre 2024", "2024-2027"]


def sha(path: Path) -> str:
    return hashlib.sha256(Path(path).read_bytes()).hexdigest()


def fill_template(template: Path, out: Path, *, code: str = "PDI", fiches: int = 10) -> Path:
    """A new plan typed into the empty template: 3 orientations, 2 axes each, `fiches` fiches."""
    workbook = load_workbook(template)
    plan = workbook[L.SHEET_PLAN]
    for row, value in zip(range(2, 9), [code, "Programme départemental d'insertion", 2024, 2027, "Orientation",
                                        "en cours", ""], strict=True):
        plan.cell(row=row, column=2, value=value)
    groups = workbook[L.SHEET_GROUPS]
    for n, title in enumerate(["Accompagner vers l'emploi", "Lever les freins périphériques", "Piloter"], start=1):
        groups.append([n, title])
    axes = workbook[L.SHEET_AXES]
    for group in (1, 2, 3):
        for number in (1, 2):
            axes.append([group, number, f"Axe {number} de l'orientation {group} : « agir »"])
    sheet, etapes, indicators = workbook[L.SHEET_FICHES], workbook[L.SHEET_ETAPES], workbook[L.SHEET_INDICATORS]
    for n in range(1, fiches + 1):
        group, axe = (n - 1) % 3 + 1, (n - 1) % 2 + 1
        texts = [f"Conseil départemental\nPôle emploi {n}", "CAF\nMSA", "oui", "Allocataires du RSA",
                 f"Problématique de la fiche {n} : « accès » & <suivi>.", "", f"Objectif {n}.1\nObjectif {n}.2",
                 "- réunir\n- évaluer", "Comité de suivi", "", "", "", "", ""]
        sheet.append([None, n, f"Fiche n°{n}", group, axe, f"Action {n} : favoriser l'insertion", *texts])
        for e in (1, 2, 3):
            etapes.append([n, None, e, f"Étape {e} de la fiche {n}", CALENDRIERS[(n + e) % len(CALENDRIERS)]])
        indicators.append([n, None, 1, f"Nombre de bénéficiaires (fiche {n})", "nombre", "100"])
        indicators.append([n, None, 2, "Charte signée", "oui/non", ""])
    workbook.save(out)
    return out


def edit(path: Path, out: Path, changes: dict[str, dict[str, Any]], delete_rows: dict[str, list[int]] | None = None,
         append: dict[str, list[list[Any]]] | None = None) -> Path:
    """Copy of a definition workbook with cells changed ({sheet: {"C14": value}}), rows deleted, rows appended."""
    workbook = load_workbook(path)
    for sheet, cells in changes.items():
        for ref, value in cells.items():
            workbook[sheet][ref] = value
    for sheet, rows in (delete_rows or {}).items():
        for row in sorted(rows, reverse=True):
            workbook[sheet].delete_rows(row)
    for sheet, rows in (append or {}).items():
        for row in rows:
            workbook[sheet].append(row)
    workbook.save(out)
    return out


def find_row(path: Path, sheet: str, **where: Any) -> int:
    """Row number of the first row whose columns (by header title) match `where`."""
    workbook = load_workbook(path, read_only=True)
    rows = list(workbook[sheet].iter_rows(values_only=True))
    header = list(rows[0])
    for index, row in enumerate(rows[1:], start=2):
        if all(row[header.index(column)] == value for column, value in where.items()):
            return index
    raise AssertionError(f"no row {where} in {sheet}")


def follow_up_snapshot(db_path: Path) -> dict[str, list[tuple[Any, ...]]]:
    """Every follow-up datum in the database: statuses, dates, values, bilans, référents, journal."""
    queries = {
        "action": "SELECT id, status, avancement, bilan, updated_at, updated_by FROM action ORDER BY id",
        "step": "SELECT id, planned_start, planned_end, actual_start, actual_end, status, comment FROM step ORDER BY id",
        "value": "SELECT id, indicator_id, period, value, comment FROM indicator_value ORDER BY id",
        "referent": "SELECT action_id, person_id FROM action_referent ORDER BY 1, 2",
        "journal": "SELECT id, at, user, origin, entity, entity_key, field, old, new FROM journal ORDER BY id",
    }
    with closing(sqlite3.connect(db_path)) as connection:
        return {name: connection.execute(sql).fetchall() for name, sql in queries.items()}


def without_fiches(path: Path, out: Path) -> Path:
    """Copy of a definition workbook with every data row of Fiches, Étapes and Indicateurs deleted."""
    workbook = load_workbook(path, read_only=True)
    rows = {sheet: list(range(2, (workbook[sheet].max_row or 1) + 1))
            for sheet in (L.SHEET_FICHES, L.SHEET_ETAPES, L.SHEET_INDICATORS)}
    workbook.close()
    return edit(path, out, {}, delete_rows=rows)
