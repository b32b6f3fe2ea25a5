"""Write a plan definition workbook: empty (template) or filled from a plan (export)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation

from sdus_desktop.core.atomic import write_atomically
from sdus_desktop.core.indicators import IndicatorKind
from sdus_desktop.core.plan_states import CHOICES_TEXT, EN_COURS, state_label
from sdus_desktop.exchange import plan_layout as L
from sdus_desktop.exchange.normalize import FORMULA_PREFIXES, clean_text
from sdus_desktop.exchange.plan_model import (
    FICHE_LIST_FIELDS,
    FICHE_TEXT_FIELDS,
    PlanDefinition,
    PlanInfo,
)

_HEADER_FONT = Font(bold=True, color="FFFFFF")
_HEADER_FILL = PatternFill("solid", fgColor="1F4E79")
_KEY_FILL = PatternFill("solid", fgColor="EDEDED")
_WRAP = Alignment(wrap_text=True, vertical="top")
_EMPTY_ROWS = 200  # validations reach this far below the last row in an empty or exported workbook


def kind_text(kind: str) -> str:
    return {IndicatorKind.OUI_NON.value: "oui/non"}.get(kind, kind)


def write_definition(definition: PlanDefinition | None, out: Path) -> Path:
    """Write `definition` (None: an empty template) to `out` atomically; returns `out`."""
    workbook = Workbook()
    _readme(workbook.active)
    _plan_sheet(workbook.create_sheet(L.SHEET_PLAN), definition.plan if definition else None)
    groups = [(g.number, g.title) for g in definition.groups] if definition else []
    _table(workbook.create_sheet(L.SHEET_GROUPS), L.GROUP_COLUMNS, groups, [8, 90], integer_columns=(1,))
    axes = [(a.group, a.number, a.title) for a in definition.axes] if definition else []
    _table(workbook.create_sheet(L.SHEET_AXES), L.AXE_COLUMNS, axes, [14, 10, 90], integer_columns=(1, 2))
    fiches, etapes, indicators = [], [], []
    for fiche in definition.fiches if definition else []:
        texts = ["\n".join(fiche.text(name)) if name in FICHE_LIST_FIELDS else fiche.text(name)
                 for name, _ in FICHE_TEXT_FIELDS]
        fiches.append((fiche.key, fiche.number, fiche.label, fiche.group, fiche.axe, fiche.title, *texts))
        etapes += [(fiche.number, e.key, e.number, e.label, e.calendrier) for e in fiche.etapes]
        indicators += [(fiche.number, i.key, i.number, i.label, kind_text(i.kind), i.target) for i in fiche.indicators]
    fiche_sheet = workbook.create_sheet(L.SHEET_FICHES)
    _table(fiche_sheet, L.FICHE_COLUMNS, fiches, [7, 7, 14, 10, 8, 50, *([40] * len(FICHE_TEXT_FIELDS))],
           integer_columns=(2, 4, 5), key_column=1)
    _table(workbook.create_sheet(L.SHEET_ETAPES), L.ETAPE_COLUMNS, etapes, [9, 7, 7, 70, 24],
           integer_columns=(1, 3), key_column=2)
    indicator_sheet = workbook.create_sheet(L.SHEET_INDICATORS)
    _table(indicator_sheet, L.INDICATOR_COLUMNS, indicators, [9, 7, 7, 70, 14, 20],
           integer_columns=(1, 3), key_column=2)
    _list_validation(indicator_sheet, L.KIND_CHOICES, "E", len(indicators), "Unité",
                     "Choisissez nombre, pourcentage, oui/non ou texte.")
    write_atomically(out, workbook.save)
    return out


class DefinitionTooLong(ValueError):
    """A text does not fit in a spreadsheet cell: the definition cannot be written without cutting it."""


def _set(sheet: Any, row: int, column: int, value: Any) -> Any:
    cell = sheet.cell(row=row, column=column)
    if isinstance(value, str):
        text = clean_text(value)
        if len(text) > L.MAX_TEXT:  # openpyxl would silently cut it
            raise DefinitionTooLong(f"{sheet.title}!{cell.coordinate} : texte de {len(text)} caractères, plus long "
                                    f"qu'une cellule ({L.MAX_TEXT}) : raccourcissez-le dans l'application avant "
                                    "d'exporter")
        cell.value = text
        cell.data_type = "s"  # never a formula, whatever the text starts with
        cell.quotePrefix = text.startswith(FORMULA_PREFIXES)
    else:
        cell.value = value
    return cell


def _header(sheet: Any, row: int, titles: tuple[str, ...] | list[str]) -> None:
    for column, title in enumerate(titles, start=1):
        cell = _set(sheet, row, column, title)
        cell.font, cell.fill, cell.alignment = _HEADER_FONT, _HEADER_FILL, _WRAP


def _readme(sheet: Any) -> None:
    sheet.title = L.SHEET_README
    sheet.column_dimensions["A"].width = 120
    for row, line in enumerate(L.README_LINES, start=1):
        cell = _set(sheet, row, 1, line)
        cell.alignment = _WRAP
        sheet.row_dimensions[row].height = 15 * max(1, -(-len(line) // 105))  # wrapped lines stay readable
        if row == 1 or line in ("Feuilles",):
            cell.font = Font(bold=True, size=14 if row == 1 else 11)
    _set(sheet, 1, 8, L.FORMAT_MARK)
    sheet.column_dimensions["H"].hidden = True


def _plan_sheet(sheet: Any, info: PlanInfo | None) -> None:
    _header(sheet, 1, ["Champ", "Valeur"])
    sheet.column_dimensions["A"].width = 28
    sheet.column_dimensions["B"].width = 90
    for row, (name, label) in enumerate(L.PLAN_ROWS, start=2):
        _set(sheet, row, 1, label).font = Font(bold=True)
        value: Any = getattr(info, name) if info else ""
        if name == "state":
            value = state_label(value if info else EN_COURS)
        elif name == "level1_label" and not info:
            value = "Orientation"
        _set(sheet, row, 2, value).alignment = _WRAP
    states = DataValidation(type="list", formula1='"' + ",".join(L.STATE_CHOICES) + '"', allow_blank=False)
    states.error, states.errorTitle = f"Choisissez {CHOICES_TEXT}.", "État"
    states.add("B7")
    years = DataValidation(type="whole", operator="between", formula1="2000", formula2="2100")
    years.error, years.errorTitle = "Une année entre 2000 et 2100.", "Année"
    years.add("B4:B5")
    level = DataValidation(type="list", formula1='"' + ",".join(L.LEVEL1_CHOICES) + '"', allow_blank=False)
    level.showErrorMessage = False  # a suggestion: another name may be typed
    level.add("B6")
    for validation in (states, years, level):
        sheet.add_data_validation(validation)


def _table(sheet: Any, columns: tuple[str, ...], rows: list[tuple[Any, ...]], widths: list[int],
           integer_columns: tuple[int, ...] = (), key_column: int | None = None) -> None:
    _header(sheet, 1, columns)
    sheet.freeze_panes = "A2"
    for index, width in enumerate(widths, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = width
    for row_index, row in enumerate(rows, start=2):
        for column, value in enumerate(row, start=1):
            cell = _set(sheet, row_index, column, value)
            if isinstance(value, str) and "\n" in value:
                cell.alignment = _WRAP
            if column == key_column:
                cell.fill = _KEY_FILL
    last = len(rows) + 1 + _EMPTY_ROWS
    for column in integer_columns:
        letter = get_column_letter(column)
        validation = DataValidation(type="whole", operator="greaterThanOrEqual", formula1="1", allow_blank=True)
        validation.error, validation.errorTitle = "Un numéro entier à partir de 1.", columns[column - 1]
        validation.add(f"{letter}2:{letter}{last}")
        sheet.add_data_validation(validation)
    sheet.auto_filter.ref = f"A1:{get_column_letter(len(columns))}{max(len(rows) + 1, 2)}"


def _list_validation(sheet: Any, choices: tuple[str, ...], letter: str, count: int, title: str, error: str) -> None:
    validation = DataValidation(type="list", formula1='"' + ",".join(choices) + '"', allow_blank=True)
    validation.error, validation.errorTitle = error, title
    validation.add(f"{letter}2:{letter}{count + 1 + _EMPTY_ROWS}")
    sheet.add_data_validation(validation)
