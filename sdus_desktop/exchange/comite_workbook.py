"""The comité de suivi workbook: Synthèse (with a chart), Fiches, Étapes en retard, Indicateurs, Évolutions.

Values only (no formulas), printable: landscape A4, fit to width, title rows, headers with plan and date.
"""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path
from typing import Any

from openpyxl import Workbook
from openpyxl.chart import BarChart, Reference
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter

from sdus_desktop.core import labels
from sdus_desktop.core.atomic import write_atomically
from sdus_desktop.core.indicators import IndicatorKind, format_value, numeric_value
from sdus_desktop.core.statuses import ActionStatus
from sdus_desktop.exchange.comite_changes import change_rows
from sdus_desktop.exchange.normalize import FORMULA_PREFIXES, LIST_SEPARATOR, clean_text
from sdus_desktop.exchange.workbook_layout import wrapped_lines
from sdus_desktop.store.database import Database
from sdus_desktop.store.models import Plan
from sdus_desktop.store.queries import iter_actions, journal_since, late_steps, load_plans, status_counts

_HEADER_FONT = Font(bold=True, color="FFFFFF")
_HEADER_FILL = PatternFill("solid", fgColor="1F4E79")
_GROUP_FILL = PatternFill("solid", fgColor="DDEBF7")
_WRAP = Alignment(wrap_text=True, vertical="top")


def write_comite_workbook(
    db: Database, out: Path, plan_code: str | None = None, since: datetime | None = None,
    today: date | None = None, grace_days: int = 0,
) -> Path:
    """Write the comité workbook to `out` (atomically). `since`: start of "Évolutions" (the last comité)."""
    today = today or date.today()
    with db.reading() as session:
        plans = load_plans(session, plan_code)
        journal = journal_since(session, since or datetime(2000, 1, 1))
        changes = change_rows(session, journal)
    title = " et ".join(plan.code for plan in plans) or "—"
    stamp = f"au {today:%d/%m/%Y}"
    workbook = Workbook()
    workbook.remove(workbook.active)
    _synthese(workbook, plans, today, grace_days, f"{title} — comité de suivi {stamp}")
    _fiches(workbook, plans, today, grace_days)
    _late(workbook, plans, today, grace_days)
    _indicators(workbook, plans)
    since_text = f"depuis le {since:%d/%m/%Y}" if since else "depuis le début du suivi"
    _evolutions(workbook, changes, since_text)
    workbook.move_sheet("Données du graphique", offset=len(workbook.sheetnames))
    for sheet in workbook.worksheets:
        _print_setup(sheet, f"{title} — Comité de suivi — {sheet.title}", stamp)
    out = Path(out)
    write_atomically(out, workbook.save, prefix=".sdus-comite-")
    return out


def _synthese(workbook: Workbook, plans: list[Plan], today: date, grace: int, title: str) -> None:
    sheet = workbook.create_sheet("Synthèse")
    sheet["A1"] = f"Synthèse {title}"
    sheet["A1"].font = Font(bold=True, size=14, color="1F4E79")
    statuses = list(ActionStatus)
    headers = ["Plan", "Niveau", "Intitulé", "Fiches", *[s.label for s in statuses], "% réalisées",
               "Étapes en retard"]
    _widths(sheet, [7, 14, 60, 8, 11, 9, 9, 9, 11, 11, 10])
    _header(sheet, 3, headers)
    late_by_action: dict[int, int] = {}
    for late in late_steps(plans, today, grace):
        late_by_action[late.action_id] = late_by_action.get(late.action_id, 0) + 1
    row = 4
    chart_rows: list[int] = []
    for plan in plans:
        for orientation in plan.orientations:
            groups = [(labels.group_name(plan.level1_label, orientation.number), orientation.title,
                       [a for axe in orientation.axes for a in axe.actions], True)]
            groups += [(labels.axe_reference(plan.level1_label, orientation.number, orientation.title, axe.number),
                        axe.title, list(axe.actions), False) for axe in orientation.axes]
            for level, text, actions, is_orientation in groups:
                counts = status_counts(actions)
                done = counts[ActionStatus.REALISEE]
                values = [plan.code, level, text, len(actions), *[counts[s] for s in statuses],
                          round(100 * done / len(actions), 1) if actions else 0.0,
                          sum(late_by_action.get(a.id, 0) for a in actions)]
                _row(sheet, row, values)
                if is_orientation:
                    chart_rows.append(row)
                    for column in range(1, len(headers) + 1):
                        sheet.cell(row, column).fill = _GROUP_FILL
                        sheet.cell(row, column).font = Font(bold=True)
                else:
                    sheet.cell(row, 3).alignment = Alignment(wrap_text=True, vertical="top", indent=2)
                row += 1
    sheet.freeze_panes = "D4"
    sheet.print_title_rows = "3:3"
    if chart_rows:
        _chart(workbook, sheet, chart_rows, len(statuses), row + 2)


def _chart(workbook: Workbook, synthese: Any, rows: list[int], n_statuses: int, anchor_row: int) -> None:
    """Stacked bars of fiches by status per orientation (its data copied to a compact block)."""
    data = workbook.create_sheet("Données du graphique")
    data.append(["Orientation", *[synthese.cell(3, 5 + i).value for i in range(n_statuses)]])
    for row in rows:
        label = f"{synthese.cell(row, 1).value} {synthese.cell(row, 2).value}"
        data.append([label, *[synthese.cell(row, 5 + i).value for i in range(n_statuses)]])
    chart = BarChart()
    chart.type, chart.grouping, chart.overlap = "bar", "stacked", 100
    chart.title = "Fiches par statut"
    chart.y_axis.title = "Fiches"
    chart.add_data(Reference(data, min_col=2, max_col=1 + n_statuses, min_row=1, max_row=len(rows) + 1),
                   titles_from_data=True)
    chart.set_categories(Reference(data, min_col=1, min_row=2, max_row=len(rows) + 1))
    chart.height, chart.width = max(7.5, 0.9 * len(rows) + 3), 24
    synthese.add_chart(chart, f"C{anchor_row}")
    _widths(data, [28, 12, 12, 12, 12, 12])


def _fiches(workbook: Workbook, plans: list[Plan], today: date, grace: int) -> None:
    from sdus_desktop.store.queries import step_is_late

    sheet = workbook.create_sheet("Fiches")
    headers = ["Plan", "N°", "Intitulé", "Axe", "Statut", "Avancement (%)", "Pilotes", "Référent(s)",
               "Dernière mise à jour", "Par", "Étapes en retard", "Bilan / commentaire"]
    _widths(sheet, [7, 6, 50, 36, 15, 12, 30, 24, 14, 18, 10, 45])
    _header(sheet, 1, headers)
    row = 2
    for plan in plans:
        for orientation in plan.orientations:
            for axe in orientation.axes:
                for action in axe.actions:
                    status = ActionStatus(action.status)
                    late = sum(step_is_late(step, today, grace) for step in action.steps)
                    _row(sheet, row, [
                        plan.code, action.number, action.title, labels.axe_reference(plan.level1_label, orientation.number, orientation.title, axe.number)
                        + f" : {axe.title}",
                        f"{status.symbol} {status.label}", action.avancement,
                        LIST_SEPARATOR.join(action.pilotage or action.acteurs),
                        LIST_SEPARATOR.join(p.name for p in action.referents),
                        action.updated_at.date() if action.updated_at else None, action.updated_by, late,
                        action.bilan,
                    ])
                    row += 1
    _table(sheet, len(headers), row - 1)


def _late(workbook: Workbook, plans: list[Plan], today: date, grace: int) -> None:
    sheet = workbook.create_sheet("Étapes en retard")
    headers = ["Plan", "Fiche", "Intitulé de la fiche", "Étape", "Libellé", "Fin prévue", "Jours de retard"]
    _widths(sheet, [7, 7, 45, 7, 60, 12, 10])
    _header(sheet, 1, headers)
    rows = late_steps(plans, today, grace)
    for row, late in enumerate(rows, start=2):
        _row(sheet, row, [late.plan_code, late.action_number, late.action_title, late.step_number,
                          late.step_label, late.planned_end, late.days_late])
    _table(sheet, len(headers), len(rows) + 1)


def _indicators(workbook: Workbook, plans: list[Plan]) -> None:
    sheet = workbook.create_sheet("Indicateurs")
    years = sorted({year for plan in plans for year in range(plan.period_start, plan.period_end + 1)}
                   | {int(v.period[:4]) for a in iter_actions(plans) for i in a.indicators for v in i.values})
    headers = ["Plan", "Fiche", "N°", "Indicateur", "Type", "Cible", *[str(y) for y in years]]
    _widths(sheet, [7, 7, 5, 50, 12, 20, *[10] * len(years)])
    _header(sheet, 1, headers)
    row = 2
    for plan in plans:
        for action in iter_actions([plan]):
            for indicator in action.indicators:
                kind = IndicatorKind(indicator.kind)
                by_year: dict[int, Any] = {}
                for value in indicator.values:  # a year's value, else its latest quarter
                    year = int(value.period[:4])
                    if value.period == str(year) or year not in by_year or by_year[year][0] != str(year):
                        by_year[year] = (value.period, value.value)
                cells = [_indicator_cell(kind, by_year[y][1]) if y in by_year else None for y in years]
                _row(sheet, row, [plan.code, action.number, indicator.number, indicator.label, kind.label,
                                  indicator.target, *cells])
                row += 1
    _table(sheet, len(headers), row - 1)


def _indicator_cell(kind: IndicatorKind, canonical: str | None) -> Any:
    if kind in (IndicatorKind.NOMBRE, IndicatorKind.POURCENTAGE):
        number = numeric_value(canonical)
        if number is not None:
            return int(number) if number.is_integer() else number
    return format_value(kind, canonical)


def _evolutions(workbook: Workbook, changes: list[list[Any]], since_text: str) -> None:
    sheet = workbook.create_sheet("Évolutions")
    sheet["A1"] = f"Évolutions {since_text} ({len(changes)} modification(s))"
    sheet["A1"].font = Font(bold=True, size=13, color="1F4E79")
    headers = ["Date", "Par", "Origine", "Plan", "Fiche", "Élément", "Champ", "Avant", "Après"]
    _widths(sheet, [16, 18, 30, 7, 7, 22, 20, 30, 30])
    _header(sheet, 3, headers)
    for row, values in enumerate(changes, start=4):
        _row(sheet, row, values)
        sheet.cell(row, 1).number_format = "DD/MM/YYYY HH:MM"
    sheet.freeze_panes = "A4"
    sheet.print_title_rows = "3:3"
    if changes:
        sheet.auto_filter.ref = f"A3:{get_column_letter(len(headers))}{len(changes) + 3}"


def _header(sheet: Any, row: int, headers: list[str]) -> None:
    for column, text in enumerate(headers, start=1):
        cell = sheet.cell(row, column, text)
        cell.font, cell.fill = _HEADER_FONT, _HEADER_FILL
        cell.alignment = Alignment(wrap_text=True, vertical="center")
    sheet.row_dimensions[row].height = 30


def _row(sheet: Any, row: int, values: list[Any]) -> None:
    """Write values (texts never as formulas) with a row height that shows wrapped texts."""
    lines = 1
    for column, value in enumerate(values, start=1):
        if isinstance(value, str) and value:
            width = sheet.column_dimensions[get_column_letter(column)].width or 10
            lines = max(lines, wrapped_lines(clean_text(value), width))
    if lines > 1:
        sheet.row_dimensions[row].height = min(409, 15 * lines)
    for column, value in enumerate(values, start=1):
        if isinstance(value, str):
            value = clean_text(value)
        cell = sheet.cell(row, column, value)
        if isinstance(value, str):
            cell.data_type = "s"
            cell.quotePrefix = value.startswith(FORMULA_PREFIXES)
            cell.alignment = _WRAP
        elif isinstance(value, date):
            cell.number_format = "DD/MM/YYYY"


def _table(sheet: Any, columns: int, last_row: int) -> None:
    sheet.freeze_panes = "A2"
    sheet.print_title_rows = "1:1"
    sheet.auto_filter.ref = f"A1:{get_column_letter(columns)}{max(last_row, 2)}"


def _widths(sheet: Any, widths: list[float]) -> None:
    for index, width in enumerate(widths, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = width


def _print_setup(sheet: Any, title: str, stamp: str) -> None:
    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.paperSize = 9
    sheet.page_setup.fitToWidth = 1
    sheet.page_setup.fitToHeight = 0
    sheet.sheet_properties.pageSetUpPr.fitToPage = True
    sheet.oddHeader.left.text = title
    sheet.oddHeader.right.text = stamp
    sheet.oddFooter.right.text = "Page &P / &N"

