"""Read a returned référent workbook into plain rows (read-only; the file is never modified).

Structural problems (not ours, newer format, damaged hidden sheet, missing columns) raise
WorkbookRefused; cell-level problems are left to the import planner, which reports them all.
"""

from __future__ import annotations

import json
import re
import warnings
from dataclasses import dataclass, field
from datetime import datetime
from decimal import Decimal
from pathlib import Path
from typing import Any, TypeGuard

from sdus_desktop.core.oserrors import describe_os_error
from sdus_desktop.exchange import workbook_layout as L
from sdus_desktop.exchange.safety import WorkbookRefused
from sdus_desktop.exchange.workbook_scope import Scope

_QUOTED = re.compile(r'"[^"]*"|\\.')


@dataclass(frozen=True)
class CellIn:
    value: Any
    place: str
    formula: bool = False
    error: bool = False


@dataclass
class SheetRow:
    sheet: str
    row: int
    ref: str
    cells: dict[str, CellIn] = field(default_factory=dict)   # by column header

    def text(self, header: str) -> str:
        cell = self.cells.get(header)
        if cell is None or cell.value is None:
            return ""
        value = cell.value
        if isinstance(value, float) and value.is_integer():
            value = int(value)
        return str(value).strip()


@dataclass
class WorkbookContent:
    path: Path
    meta: dict[str, str]
    scope: Scope
    bases: dict[str, dict[str, Any]]
    rows: list[SheetRow]
    filled_by: str = ""   # the name typed on « Lisez-moi » by whoever filled the workbook
    notes: list[SheetRow] = field(default_factory=list)   # « Notes de suivi » rows (format 2; see import_notes)

    @property
    def export_id(self) -> str:
        return self.meta["export_id"]


def read_workbook(path: Path) -> WorkbookContent:
    from openpyxl import load_workbook

    path = Path(path)
    name = path.name
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # "Data Validation extension is not supported" (Excel x14)
            workbook = load_workbook(path, read_only=True, data_only=False, keep_links=False)
    except OSError as error:  # no rights, locked by another program
        raise WorkbookRefused(describe_os_error(error, path, writing=False) + ".") from None
    except Exception as error:  # noqa: BLE001 - any parser failure means an unreadable workbook
        raise WorkbookRefused(f"« {name} » : classeur illisible ({type(error).__name__}). Ré-enregistrez-le au "
                              "format .xlsx depuis Excel ou LibreOffice.") from None
    try:
        if L.SHEET_HIDDEN not in workbook.sheetnames:
            raise WorkbookRefused(
                f"« {name} » n'a pas été produit par SDUS Desktop (feuille cachée « {L.SHEET_HIDDEN} » absente) : "
                "exportez un classeur depuis SDUS Desktop et faites-le remplir.")
        meta, bases = _read_hidden(workbook[L.SHEET_HIDDEN], name)
        filled_by = _filled_by(workbook[L.SHEET_README]) if L.SHEET_README in workbook.sheetnames else ""
        rows: list[SheetRow] = []
        for sheet_name, columns in L.SHEET_COLUMNS.items():
            if sheet_name not in workbook.sheetnames:
                raise WorkbookRefused(f"« {name} » : la feuille « {sheet_name} » a été supprimée ou renommée ; "
                                      "rétablissez-la ou exportez un nouveau classeur.")
            rows.extend(_read_sheet(workbook[sheet_name], sheet_name, columns, workbook.epoch, name))
        notes: list[SheetRow] = []
        if int(meta["version"]) >= L.NOTES_SINCE_VERSION:
            if L.SHEET_NOTES not in workbook.sheetnames:
                raise WorkbookRefused(f"« {name} » : la feuille « {L.SHEET_NOTES} » a été supprimée ou renommée ; "
                                      "rétablissez-la ou exportez un nouveau classeur.")
            notes = _read_sheet(workbook[L.SHEET_NOTES], L.SHEET_NOTES, L.NOTE_COLUMNS, workbook.epoch, name)
    finally:
        workbook.close()
    try:
        scope = Scope.from_json(json.loads(meta["scope"]))
    except (ValueError, KeyError, TypeError):
        raise _damaged(name, "périmètre illisible") from None
    return WorkbookContent(path, meta, scope, bases, rows, filled_by, notes)


def _filled_by(sheet: Any) -> str:
    """The name typed beside « Rempli par (votre nom) : » on « Lisez-moi » ("" when absent)."""
    for row in sheet.iter_rows(max_col=2, values_only=True):
        if row and row[0] == L.FILLED_BY_LABEL:
            value = row[1] if len(row) > 1 else None
            return "" if value is None else " ".join(str(value).split())[:200]
    return ""


def _damaged(name: str, detail: str) -> WorkbookRefused:
    return WorkbookRefused(
        f"« {name} » : la feuille cachée « {L.SHEET_HIDDEN} » est endommagée ({detail}). Elle ne doit pas être "
        "modifiée ; exportez un nouveau classeur et reportez-y les saisies.")


def _read_hidden(sheet: Any, name: str) -> tuple[dict[str, str], dict[str, dict[str, Any]]]:
    meta: dict[str, str] = {}
    rows = sheet.iter_rows(values_only=True)
    for expected, row in zip(L.META_KEYS, rows, strict=False):
        key = row[0] if row else None
        value = row[1] if row and len(row) > 1 else None
        if key != expected:
            if expected == "format":
                raise WorkbookRefused(f"« {name} » n'est pas un classeur de suivi SDUS Desktop (format inconnu).")
            raise _damaged(name, f"« {expected} » manquant")
        if isinstance(value, float) and value.is_integer():
            value = int(value)
        meta[key] = "" if value is None else str(value)
    if meta.get("format") != L.FORMAT:
        raise WorkbookRefused(f"« {name} » n'est pas un classeur de suivi SDUS Desktop (format « {meta.get('format')} »).")
    try:
        version = int(meta.get("version", ""))
    except ValueError:
        raise _damaged(name, "version illisible") from None
    if version > L.VERSION:
        raise WorkbookRefused(
            f"« {name} » a été produit par une version plus récente de SDUS Desktop (format {version}, celle-ci lit "
            f"le format {L.VERSION}) : mettez à jour l'application avant de l'importer.")
    if version < 1:
        raise WorkbookRefused(f"« {name} » : version de format inconnue ({version}).")
    next(rows, None)  # warning line
    next(rows, None)  # header
    pairs: list[tuple[str, str]] = []
    bases: dict[str, dict[str, Any]] = {}
    for row in rows:
        if not row or row[0] is None:
            continue
        ref, parts = str(row[0]), [part for part in row[1:] if part is not None]
        if not parts or not all(isinstance(part, str) for part in parts):
            raise _damaged(name, f"ligne {ref} sans valeurs d'origine")
        base = "".join(parts)
        pairs.append((ref, base))
        try:
            bases[ref] = json.loads(base)
        except ValueError:
            raise _damaged(name, f"ligne {ref} illisible") from None
    if str(len(pairs)) != meta.get("rows") or L.checksum(meta, pairs) != meta.get("checksum"):
        raise _damaged(name, "contenu modifié")
    return meta, bases


def _read_sheet(sheet: Any, sheet_name: str, columns: tuple[L.Column, ...], epoch: datetime,
                name: str) -> list[SheetRow]:
    from openpyxl.utils.datetime import from_excel

    rows_iter = sheet.iter_rows()
    header_row = next(rows_iter, ())
    positions = {str(cell.value).strip(): index for index, cell in enumerate(header_row) if cell.value is not None}
    missing = [column.header for column in columns if column.header not in positions]
    if missing:
        raise WorkbookRefused(f"« {name} », feuille « {sheet_name} » : colonne(s) {', '.join(missing)} introuvable(s) "
                              "(en-têtes modifiés ?). Exportez un nouveau classeur.")
    result: list[SheetRow] = []
    for position, row in enumerate(rows_iter, start=2):
        row_number = next((cell.row for cell in row if getattr(cell, "row", None)), position)
        if all(cell.value is None or (isinstance(cell.value, str) and not cell.value.strip()) for cell in row):
            continue
        cells: dict[str, CellIn] = {}
        for column in columns:
            index = positions[column.header]
            cell = row[index] if index < len(row) else None
            value = getattr(cell, "value", None)
            data_type = getattr(cell, "data_type", "n")
            if column.kind == L.DATE and isinstance(value, int | float) and not isinstance(value, bool):
                value = from_excel(value, epoch) if 1 <= value < 2958466 else value
            if column.kind in (L.PERCENT, L.VALUE) and _is_number(value) and _is_percent(cell):
                value = shown_percent(value)
            cells[column.header] = CellIn(value, L.place(sheet_name, index + 1, row_number),
                                          formula=data_type == "f", error=data_type == "e")
        ref_cell = cells[columns[0].header]
        ref = "" if ref_cell.value is None else str(ref_cell.value).strip()
        result.append(SheetRow(sheet_name, row_number, ref, cells))
    return result


def _is_number(value: Any) -> TypeGuard[int | float]:
    return isinstance(value, int | float) and not isinstance(value, bool)


def shown_percent(value: int | float) -> str:
    """What a number shown with a percent format shows, as the person reads it: Excel stores 45 % as 0.45,
    read back as « 45 % » (0.075 → « 7,5 % »), computed exactly (Decimal of the stored text, never a float
    product). Then checked as if typed so: the field's own rule accepts or refuses it with that text."""
    number = (Decimal(str(value)) * 100).normalize()
    text = format(number, "f").replace(".", ",")
    return f"{'0' if text == '-0' else text} %"


def _is_percent(cell: Any) -> bool:
    """A number shown with a real percent format (Excel stores 45 % as 0.45)."""
    number_format = getattr(cell, "number_format", "") or ""
    return "%" in _QUOTED.sub("", number_format)
