"""Write a référent workbook: Lisez-moi, Fiches, Étapes, Indicateurs, plus the hidden sheets.

openpyxl is imported here only (lazily by callers). The file is written to a temporary name and
renamed (core.atomic), so a failure never leaves half a workbook behind.
"""

from __future__ import annotations

import contextlib
import json
import os
import uuid
from copy import copy
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Any

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Alignment, Border, Font, PatternFill, Protection, Side
from openpyxl.workbook.defined_name import DefinedName
from openpyxl.workbook.protection import WorkbookProtection
from openpyxl.worksheet.datavalidation import DataValidation

from sdus_desktop.core import numbers
from sdus_desktop.core.atomic import write_atomically
from sdus_desktop.core.indicator_targets import target_cell_text
from sdus_desktop.core.indicators import IndicatorKind, format_value
from sdus_desktop.core.progress import Progress, check
from sdus_desktop.core.statuses import ActionStatus, StepStatus
from sdus_desktop.exchange import workbook_layout as L
from sdus_desktop.exchange.normalize import FORMULA_PREFIXES, LIST_SEPARATOR, clean_text
from sdus_desktop.exchange.workbook_notes import write_notes_sheet
from sdus_desktop.exchange.workbook_readme import readme_lines
from sdus_desktop.exchange.workbook_scope import (
    Scope,
    action_base,
    action_references,
    select_actions,
    step_base,
    step_references,
    value_bases,
    value_ref,
    value_references,
)
from sdus_desktop.store import readmodel
from sdus_desktop.store.database import Database

DATE_FORMAT = "DD/MM/YYYY"
EXCEL_2000_01_01 = 36526
EXCEL_2100_12_31 = 73415


@dataclass(frozen=True)
class ExportSummary:
    path: Path
    export_id: str
    scope: Scope
    actions: int
    steps: int
    values: int


class _Styles:
    def __init__(self) -> None:
        thin = Side(style="thin", color="B7B7B7")
        self.border = Border(left=thin, right=thin, top=thin, bottom=thin)
        self.header_font = Font(bold=True, color="FFFFFF")
        self.header_fill = PatternFill("solid", fgColor="1F4E79")
        self.locked_fill = PatternFill("solid", fgColor="EDEDED")
        self.editable_fill = PatternFill("solid", fgColor="FFF2CC")
        self.wrap = Alignment(wrap_text=True, vertical="top")
        self.top = Alignment(vertical="top")
        self.locked = Protection(locked=True)
        self.unlocked = Protection(locked=False)


class _Writer:
    def __init__(self, workbook: Workbook) -> None:
        self.workbook = workbook
        self.styles = _Styles()
        self._style_cache: dict[tuple[bool, bool, bool, str | None], Any] = {}

    def cell(self, sheet: Any, value: Any, column: L.Column | None = None, *, editable: bool | None = None,
             number_format: str | None = None) -> WriteOnlyCell:
        cell = WriteOnlyCell(sheet, value=value)
        literal = isinstance(value, str) and value.startswith(FORMULA_PREFIXES)
        if isinstance(value, str):
            cell.data_type = "s"  # never a formula, whatever the text starts with
        if column is None:
            if literal:
                cell.quotePrefix = True
            return cell
        is_editable = column.editable if editable is None else editable
        key = (is_editable, column.wrap, literal, number_format)
        style = self._style_cache.get(key)
        if style is None:  # styles are registered once per combination, then copied (openpyxl is slow here)
            cell.fill = self.styles.editable_fill if is_editable else self.styles.locked_fill
            cell.protection = self.styles.unlocked if is_editable else self.styles.locked
            cell.alignment = self.styles.wrap if column.wrap else self.styles.top
            cell.border = self.styles.border
            cell.quotePrefix = literal
            if number_format:
                cell.number_format = number_format
            self._style_cache[key] = copy(cell._style)
        else:
            cell._style = style  # shared, never mutated: openpyxl only reads it when saving
        return cell

    @staticmethod
    def append(sheet: Any, row_index: int, cells: list[WriteOnlyCell], columns: tuple[L.Column, ...]) -> None:
        """Append a row with a height that shows its wrapped texts (spreadsheets do not compute it)."""
        lines = 1
        for cell, column in zip(cells, columns, strict=True):
            if column.wrap and isinstance(cell.value, str) and cell.value:
                lines = max(lines, L.wrapped_lines(cell.value, column.width))
        if lines > 1:
            sheet.row_dimensions[row_index].height = min(409, 15 * lines)
        sheet.append(cells)

    def header(self, sheet: Any, columns: tuple[L.Column, ...]) -> None:
        row = []
        for column in columns:
            cell = WriteOnlyCell(sheet, value=column.header)
            cell.font, cell.fill = self.styles.header_font, self.styles.header_fill
            cell.alignment = Alignment(wrap_text=True, vertical="center")
            cell.border = self.styles.border
            row.append(cell)
        sheet.row_dimensions[1].height = 30
        sheet.append(row)


def write_referent_workbook(
    db: Database, out: Path, plan_code: str | None = None, referent: str | None = None,
    fiches: list[int] | None = None, user: str = "", action_ids: list[int] | None = None,
    progress: Progress | None = None,
) -> ExportSummary:
    """Export the scope to `out` (.xlsx). Raises ScopeError when nothing matches. `progress` is told before each
    fiche (total: the fiches, + 1 for the save); a cancel raises Cancelled before the save: no file written."""
    # The plain-sqlite3 read model: same attributes as the ORM, a fraction of the loading time.
    plans = [plan for plan in readmodel.load_plans(db.path) if plan_code is None or plan.code == plan_code.upper()]
    scope, chosen = select_actions(plans, referent, fiches, action_ids)
    export_id = uuid.uuid4().hex
    workbook = Workbook(write_only=True)
    writer = _Writer(workbook)
    bases: list[tuple[str, str]] = []
    try:
        counts = _write_sheets(writer, chosen, bases, progress)
        write_notes_sheet(writer, chosen, bases, db.path, _prepare)   # « Notes de suivi » (format 2)
        check(progress, len(chosen), len(chosen) + 1)
    except BaseException:
        _discard(workbook)
        raise
    meta = {
        "format": L.FORMAT, "version": L.VERSION, "export_id": export_id, "database_id": db.database_id,
        "scope": json.dumps(scope.to_json(), ensure_ascii=False),
        "exported_at": datetime.now().isoformat(timespec="seconds"), "exported_by": user, "rows": len(bases),
    }
    _write_readme(writer, scope, meta, counts)
    _write_lists(writer)
    _write_hidden(writer, meta, bases)
    workbook.security = WorkbookProtection(lockStructure=True)   # sheets cannot be added, removed or renamed
    _save(workbook, Path(out))
    return ExportSummary(Path(out), export_id, scope, *counts)


def _write_sheets(writer: _Writer, chosen: list, bases: list[tuple[str, str]],
                  progress: Progress | None) -> tuple[int, int, int]:
    wb = writer.workbook
    actions_sheet = wb.create_sheet(L.SHEET_ACTIONS)
    steps_sheet = wb.create_sheet(L.SHEET_STEPS)
    values_sheet = wb.create_sheet(L.SHEET_VALUES)
    for sheet, columns, title in ((actions_sheet, L.ACTION_COLUMNS, "Fiches actions"),
                                  (steps_sheet, L.STEP_COLUMNS, "Étapes"),
                                  (values_sheet, L.VALUE_COLUMNS, "Indicateurs")):
        _prepare(sheet, columns, title)  # a write-only sheet takes its settings before its first row
        writer.header(sheet, columns)
    cols_a, cols_s, cols_v = L.ACTION_COLUMNS, L.STEP_COLUMNS, L.VALUE_COLUMNS
    n_steps = n_values = 0
    numeric_rows: list[int] = []
    yes_no_rows: list[int] = []
    for action_row, (plan, action) in enumerate(chosen, start=2):
        check(progress, action_row - 2, len(chosen) + 1)
        base = action_base(action)
        ref = L.row_ref("action", str(action.id))
        bases.append((ref, _dump({**base, L.SHOWN: [plan.code, action.number], L.REFS: action_references(action)})))
        writer.append(actions_sheet, action_row, [
            writer.cell(actions_sheet, ref, cols_a[0]), writer.cell(actions_sheet, plan.code, cols_a[1]),
            writer.cell(actions_sheet, action.number, cols_a[2]),
            writer.cell(actions_sheet, clean_text(action.title), cols_a[3]),
            writer.cell(actions_sheet, ActionStatus(action.status).label, cols_a[4]),
            writer.cell(actions_sheet, base["avancement"], cols_a[5], number_format="0"),
            writer.cell(actions_sheet, LIST_SEPARATOR.join(base["referents"]), cols_a[6]),
            writer.cell(actions_sheet, base["bilan"], cols_a[7]),
        ], cols_a)
        for step in action.steps:
            base = step_base(step)
            ref = L.row_ref("step", str(step.id))
            bases.append((ref, _dump({**base, L.SHOWN: [plan.code, action.number, step.number],
                                      L.REFS: step_references(step)})))
            dates = [writer.cell(steps_sheet, _date(base[name]), column, number_format=DATE_FORMAT)
                     for name, column in zip(("planned_start", "planned_end", "actual_start", "actual_end"),
                                             cols_s[6:10], strict=True)]
            writer.append(steps_sheet, n_steps + 2, [
                writer.cell(steps_sheet, ref, cols_s[0]), writer.cell(steps_sheet, plan.code, cols_s[1]),
                writer.cell(steps_sheet, action.number, cols_s[2]), writer.cell(steps_sheet, step.number, cols_s[3]),
                writer.cell(steps_sheet, clean_text(step.label), cols_s[4]),
                writer.cell(steps_sheet, clean_text(step.calendrier), cols_s[5]), *dates,
                writer.cell(steps_sheet, StepStatus(step.status).label, cols_s[10]),
                writer.cell(steps_sheet, base["comment"], cols_s[11]),
            ], cols_s)
            n_steps += 1
        for indicator in action.indicators:
            kind = IndicatorKind(indicator.kind)
            for period, base in value_bases(plan, indicator):
                ref = value_ref(indicator.id, period)
                bases.append((ref, _dump({**base, L.SHOWN: [plan.code, action.number, indicator.number, period],
                                          L.REFS: value_references(indicator, period)})))
                row_number = n_values + 2
                if kind in (IndicatorKind.NOMBRE, IndicatorKind.POURCENTAGE):
                    numeric_rows.append(row_number)
                elif kind is IndicatorKind.OUI_NON:
                    yes_no_rows.append(row_number)
                writer.append(values_sheet, row_number, [
                    writer.cell(values_sheet, ref, cols_v[0]), writer.cell(values_sheet, plan.code, cols_v[1]),
                    writer.cell(values_sheet, action.number, cols_v[2]),
                    writer.cell(values_sheet, indicator.number, cols_v[3]),
                    writer.cell(values_sheet, clean_text(indicator.label), cols_v[4]),
                    writer.cell(values_sheet, kind.label, cols_v[5]), writer.cell(values_sheet, period, cols_v[6]),
                    writer.cell(values_sheet, clean_text(target_cell_text(indicator, period)), cols_v[7]),
                    writer.cell(values_sheet, _value_cell(kind, base["value"]), cols_v[8]),
                    writer.cell(values_sheet, base["comment"], cols_v[9]),
                ], cols_v)
                n_values += 1
    _free_value_rows(writer, values_sheet, n_values + 2)
    for sheet, columns, rows in ((actions_sheet, cols_a, len(chosen)), (steps_sheet, cols_s, n_steps),
                                 (values_sheet, cols_v, n_values + L.FREE_VALUE_ROWS)):
        sheet.auto_filter.ref = f"A1:{L.column_letter(len(columns))}{max(rows + 1, 2)}"
    _validations(actions_sheet, steps_sheet, values_sheet, len(chosen), n_steps, numeric_rows, yes_no_rows)
    return len(chosen), n_steps, n_values


def _free_value_rows(writer: _Writer, sheet: Any, first_row: int) -> None:
    for _ in range(L.FREE_VALUE_ROWS):
        sheet.append([writer.cell(sheet, None, column, editable=column.header in L.NEW_VALUE_ROW_HEADERS)
                      for column in L.VALUE_COLUMNS])


def _prepare(sheet: Any, columns: tuple[L.Column, ...], title: str) -> None:
    for index, column in enumerate(columns, start=1):
        dimension = sheet.column_dimensions[L.column_letter(index)]
        dimension.width = column.width
        if column.kind == L.ID:
            dimension.hidden = True
    sheet.freeze_panes = "C2"
    _print_setup(sheet, f"SDUS Desktop — classeur référent — {title}")
    protection = sheet.protection
    protection.sheet = True
    protection.autoFilter = protection.sort = False
    protection.formatColumns = protection.formatRows = protection.formatCells = False
    protection.insertRows = False


def _print_setup(sheet: Any, title: str) -> None:
    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.paperSize = 9  # A4
    sheet.page_setup.fitToWidth = 1
    sheet.page_setup.fitToHeight = 0
    sheet.sheet_properties.pageSetUpPr.fitToPage = True
    sheet.print_title_rows = "1:1"
    sheet.print_options.gridLines = False
    sheet.oddHeader.center.text = title
    sheet.oddFooter.left.text = "&D"
    sheet.oddFooter.right.text = "Page &P / &N"


def _validations(actions: Any, steps: Any, values: Any, n_actions: int, n_steps: int,
                 numeric_rows: list[int], yes_no_rows: list[int]) -> None:
    def add(sheet: Any, validation: DataValidation, ranges: list[str]) -> None:
        if ranges:
            validation.sqref = " ".join(ranges)
            sheet.data_validations.append(validation)

    last_a, last_s = n_actions + 1, n_steps + 1
    add(actions, _list_validation(L.NAME_ACTION_STATUSES, "Choisissez un statut dans la liste."), [f"E2:E{last_a}"])
    add(actions, DataValidation(
        type="whole", operator="between", formula1="0", formula2="100", allow_blank=True, showErrorMessage=True,
        errorTitle="Avancement", error="Saisissez un nombre entier entre 0 et 100.",
    ), [f"F2:F{last_a}"])
    add(steps, DataValidation(
        type="date", operator="between", formula1=str(EXCEL_2000_01_01), formula2=str(EXCEL_2100_12_31),
        allow_blank=True, showErrorMessage=True, errorStyle="warning", errorTitle="Date",
        error="Saisissez une date jj/mm/aaaa entre 2000 et 2100.",
    ), [f"G2:J{last_s}"])
    add(steps, _list_validation(L.NAME_STEP_STATUSES, "Choisissez un état dans la liste."), [f"K2:K{last_s}"])
    add(values, DataValidation(
        type="decimal", operator="between", formula1="-1000000000", formula2="1000000000", allow_blank=True,
        showErrorMessage=True, errorStyle="warning", errorTitle="Valeur",
        error="Cet indicateur attend un nombre (exemple : 12 ou 12,5).",
    ), [f"I{row}" for row in numeric_rows])
    add(values, DataValidation(
        type="list", formula1='"Oui,Non"', allow_blank=True, showErrorMessage=True, errorStyle="warning",
        errorTitle="Valeur", error="Cet indicateur attend Oui ou Non.",
    ), [f"I{row}" for row in yes_no_rows])


def _list_validation(name: str, message: str) -> DataValidation:
    return DataValidation(type="list", formula1=name, allow_blank=True, showErrorMessage=True,
                          errorTitle="Valeur non prévue", error=message)


def _write_readme(writer: _Writer, scope: Scope, meta: dict[str, Any], counts: tuple[int, int, int]) -> None:
    sheet = writer.workbook.create_sheet(L.SHEET_README, 0)
    sheet.column_dimensions["A"].width = 100
    _print_setup(sheet, "SDUS Desktop — classeur référent — mode d'emploi")
    sheet.page_setup.orientation = "portrait"
    sheet.print_title_rows = None
    title_font, bold = Font(bold=True, size=14, color="1F4E79"), Font(bold=True)
    for index, (text, style) in enumerate(readme_lines(scope.describe(), meta, counts), start=1):
        cell = writer.cell(sheet, text)
        cell.alignment = Alignment(wrap_text=True, vertical="top")
        if style == "title":
            cell.font = title_font
        elif style == "heading":
            cell.font = bold
        writer.append(sheet, index, [cell], (L.Column("", L.TEXT, width=100, wrap=True),))
    sheet.column_dimensions["B"].width = 36
    label = writer.cell(sheet, L.FILLED_BY_LABEL)
    label.font = bold
    name = writer.cell(sheet, scope.referent or "", L.Column("", L.TEXT, "author", width=36))
    sheet.append([])
    sheet.append([label, name])   # the name is written to the journal as the author of the imported changes


def _write_lists(writer: _Writer) -> None:
    sheet = writer.workbook.create_sheet(L.SHEET_LISTS)
    sheet.sheet_state = "hidden"
    actions = [status.label for status in ActionStatus]
    steps = [status.label for status in StepStatus]
    for index in range(max(len(actions), len(steps))):
        sheet.append([actions[index] if index < len(actions) else None,
                      steps[index] if index < len(steps) else None])
    names = writer.workbook.defined_names
    names[L.NAME_ACTION_STATUSES] = DefinedName(
        L.NAME_ACTION_STATUSES, attr_text=f"{L.SHEET_LISTS}!$A$1:$A${len(actions)}")
    names[L.NAME_STEP_STATUSES] = DefinedName(
        L.NAME_STEP_STATUSES, attr_text=f"{L.SHEET_LISTS}!$B$1:$B${len(steps)}")


def _write_hidden(writer: _Writer, meta: dict[str, Any], bases: list[tuple[str, str]]) -> None:
    sheet = writer.workbook.create_sheet(L.SHEET_HIDDEN)
    sheet.sheet_state = "hidden"
    sheet.protection.sheet = True
    meta = {**meta, "checksum": L.checksum(meta, bases)}
    for key in L.META_KEYS:
        sheet.append([key, writer.cell(sheet, str(meta[key]))])
    sheet.append([writer.cell(sheet, "Ne pas modifier cette feuille : elle sert à réimporter le classeur.")])
    sheet.append(["ref", "base"])
    for ref, base in bases:   # a long base (a long bilan) spans several cells: one holds 32 767 characters
        chunks = [base[start:start + L.BASE_CHUNK] for start in range(0, len(base), L.BASE_CHUNK)] or [""]
        sheet.append([ref, *(writer.cell(sheet, chunk) for chunk in chunks)])


def _value_cell(kind: IndicatorKind, canonical: str | None) -> Any:
    if canonical is None:
        return None
    if kind in (IndicatorKind.NOMBRE, IndicatorKind.POURCENTAGE):
        number = numbers.spreadsheet_number(canonical)
        if number is not None:
            return number
    return format_value(kind, canonical)  # as text: more digits than a cell keeps, or a legacy "Infinity"


def _date(iso: str | None) -> date | None:
    return date.fromisoformat(iso) if iso else None


def _dump(base: dict[str, Any]) -> str:
    return json.dumps(base, ensure_ascii=False, sort_keys=True, separators=(",", ":"))


TEMP_PREFIX = ".sdus-classeur-"


def _save(workbook: Workbook, out: Path) -> None:
    _remove_abandoned_temporaries(out.parent)
    write_atomically(out, workbook.save, prefix=f"{TEMP_PREFIX}{os.getpid()}-", on_failure=lambda: _discard(workbook))


def _remove_abandoned_temporaries(folder: Path) -> None:
    """Temporary files of an export that was killed (its process is gone): removed at the next export there."""
    from sdus_desktop.store.lock import process_alive

    with contextlib.suppress(OSError):
        for leftover in folder.glob(f"{TEMP_PREFIX}*"):
            pid = leftover.name[len(TEMP_PREFIX):].split("-", 1)[0]
            if not pid.isdigit() or not process_alive(int(pid)):
                with contextlib.suppress(OSError):
                    leftover.unlink()


def _discard(workbook: Workbook) -> None:
    """Close the row streams of a write-only workbook that will not be saved and remove their temporary files
    (left open, they print "Exception ignored in: <generator object WriteOnlyWorksheet._write_rows…>")."""
    for sheet in workbook.worksheets:
        rows, writer = getattr(sheet, "_rows", None), getattr(sheet, "_writer", None)
        with contextlib.suppress(Exception):
            if rows is not None:
                rows.close()
        with contextlib.suppress(Exception):
            if writer is not None:
                writer.close()
                writer.cleanup()
