"""The comité workbook's indicators: « Indicateurs » (values per year, target, « % de la cible ») and
« Graphiques des indicateurs » (one chart per indicator with a numeric target: bars per year, the target as a
dashed line), four charts to an A4 page, page breaks between rows of charts so that none is ever split."""

from __future__ import annotations

from typing import Any

from openpyxl import Workbook
from openpyxl.chart import BarChart, LineChart, Reference
from openpyxl.worksheet.pagebreak import Break

from sdus_desktop.core import numbers
from sdus_desktop.core.indicator_targets import (
    IndicatorSeries,
    charted_series,
    series,
    values_by_year,
    yearly_targets,
)
from sdus_desktop.core.indicators import IndicatorKind, format_value
from sdus_desktop.exchange import comite_style as style

CHART_DATA = "Données des indicateurs"
CHARTS = "Graphiques des indicateurs"
CHART_COLUMNS, CHART_ROWS = 8, 18        # each chart: 8 columns of 10 characters, 18 rows of 15 pt
PER_ROW, ROWS_PER_PAGE = 2, 2
BAR_COLOUR, TARGET_COLOUR = "1D5B79", "C0392B"


def indicators_sheet(workbook: Workbook, plans: list[Any]) -> tuple[int, int]:
    """One row per indicator: values per year, the plan's wording of the target, the targets set per year (a
    column per year that has one somewhere) and « % de la cible » of the latest year against that year's target."""
    sheet = workbook.create_sheet("Indicateurs")
    indicators = [i for plan in plans for o in plan.orientations for axe in o.axes for a in axe.actions
                  for i in a.indicators]
    years = sorted({year for plan in plans for year in range(plan.period_start, plan.period_end + 1)}
                   | {int(v.period[:4]) for i in indicators for v in i.values})
    target_years = sorted({t.year for i in indicators for t in getattr(i, "targets", ()) if t.value is not None})
    headers = ["Plan", "Fiche", "N°", "Indicateur", "Type", "Cible", *[str(y) for y in years],
               *[f"Cible {y}" for y in target_years], "% de la cible"]
    style.widths(sheet, [7, 7, 5, 50, 12, 20, *[10] * len(years), *[10] * len(target_years), 11])
    style.header(sheet, 1, headers)
    row = 2
    for plan in plans:
        for orientation in plan.orientations:
            for axe in orientation.axes:
                for action in axe.actions:
                    for indicator in action.indicators:
                        kind = IndicatorKind(indicator.kind)
                        by_year = values_by_year(indicator.values)
                        cells = [_cell(kind, by_year[y]) if y in by_year else None for y in years]
                        set_for = dict(yearly_targets(indicator))
                        goals = [_number(set_for[y]) if y in set_for else None for y in target_years]
                        one = series(plan.code, action.number, indicator)
                        share = one.percent_of_target if one else None
                        style.row(sheet, row, [plan.code, action.number, indicator.number, indicator.label,
                                               kind.label, indicator.target, *cells, *goals,
                                               round(share, 1) if share is not None else None])
                        row += 1
    style.table(sheet, 1, len(headers), row - 1)
    return len(headers), row - 1


def _number(value: float) -> float | int:
    return int(value) if float(value).is_integer() else value


def _cell(kind: IndicatorKind, canonical: str | None) -> Any:
    if kind in (IndicatorKind.NOMBRE, IndicatorKind.POURCENTAGE):
        number = numbers.spreadsheet_number(canonical) if canonical is not None else None
        if number is not None:
            return number
    return format_value(kind, canonical)


def charts_sheet(workbook: Workbook, plans: list[Any]) -> tuple[int, int]:
    """One chart per indicator with a numeric target and a value; the data on a hidden sheet."""
    sheet = workbook.create_sheet(CHARTS)
    found = charted_series(plans)
    sheet["A1"] = ("Indicateurs par rapport à leur cible (barres : valeur de l'année ; tirets rouges : cible de "
                   "l'année)")
    sheet["A1"].font = style.TITLE_FONT
    style.widths(sheet, [10] * (CHART_COLUMNS * PER_ROW))
    if not found:
        sheet["A3"] = ("Aucun indicateur chiffré n'a à la fois une cible chiffrée et une valeur saisie : saisissez "
                       "la cible (un nombre) dans l'onglet Indicateurs de la fiche.")
        return CHART_COLUMNS * PER_ROW, 3
    data = workbook.create_sheet(CHART_DATA)
    data.sheet_state = "hidden"
    data_row = 1
    for index, one in enumerate(found):
        data_row = _chart(sheet, data, data_row, index, one)
    chart_rows = -(-len(found) // PER_ROW)
    for band in range(ROWS_PER_PAGE, chart_rows, ROWS_PER_PAGE):  # never a chart across two pages
        sheet.row_breaks.append(Break(id=2 + band * CHART_ROWS))
    return CHART_COLUMNS * PER_ROW, 2 + chart_rows * CHART_ROWS


def _chart(sheet: Any, data: Any, first: int, index: int, one: IndicatorSeries) -> int:
    from openpyxl.chart.shapes import GraphicalProperties

    data.cell(first, 1, "Année")
    data.cell(first, 2, "Valeur")
    data.cell(first, 3, "Cible de l'année")
    values = one.value_of
    for offset, year in enumerate(one.years, start=1):
        data.cell(first + offset, 1, str(year))
        data.cell(first + offset, 2, values.get(year))
        data.cell(first + offset, 3, one.target_for(year))
    last = first + len(one.years)
    bars = BarChart()
    share = (f" — {one.percent_of_target:.0f} % de la cible en {one.last[0]}"
             if one.last and one.percent_of_target is not None else "")
    bars.title = f"{one.plan} {one.fiche} · {one.number}. {_clip(one.label, 60)}{share}"
    bars.add_data(Reference(data, min_col=2, min_row=first, max_row=last), titles_from_data=True)
    bars.set_categories(Reference(data, min_col=1, min_row=first + 1, max_row=last))
    bars.series[0].graphicalProperties = GraphicalProperties(solidFill=BAR_COLOUR)
    target = LineChart()
    target.add_data(Reference(data, min_col=3, min_row=first, max_row=last), titles_from_data=True)
    line = target.series[0].graphicalProperties.line
    line.solidFill, line.dashStyle, line.width = TARGET_COLOUR, "dash", 28575
    target.series[0].smooth = False  # straight segments from one year's target to the next (LibreOffice smooths)
    target.series[0].marker.symbol = "square"  # not colour alone: dashes and square marks
    target.series[0].marker.graphicalProperties = GraphicalProperties(solidFill=TARGET_COLOUR)
    bars += target
    bars.legend.position = "b"
    bars.y_axis.scaling.min = 0
    bars.width, bars.height = 2 * CHART_COLUMNS * 0.95, CHART_ROWS * 0.5
    column = 1 + (index % PER_ROW) * CHART_COLUMNS
    row = 3 + (index // PER_ROW) * CHART_ROWS
    sheet.add_chart(bars, f"{_letter(column)}{row}")
    return last + 2


def _letter(column: int) -> str:
    from openpyxl.utils import get_column_letter

    return get_column_letter(column)


def _clip(text: str, limit: int) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= limit else flat[: limit - 1].rstrip() + "…"


ROLLUPS = "Indicateurs agrégés"


def rollup_sheet(workbook: Workbook, plans: list[Any]) -> tuple[int, int]:
    """« Indicateurs agrégés »: per axe (then orientation) and year, the sum of the values and of the targets of
    the indicators that count the same thing (core.indicator_rollup) — one row per year, numbers as numbers."""
    from sdus_desktop.core.indicator_rollup import rollups

    sheet = workbook.create_sheet(ROLLUPS)
    sheet["A1"] = "Indicateurs agrégés par axe (type nombre, même libellé ; les pourcentages ne s'additionnent pas)"
    sheet["A1"].font = style.TITLE_FONT
    headers = ["Plan", "Périmètre", "Indicateur", "Fiches", "Année", "Total", "Renseignés", "Cible",
               "Avec cible", "% de la cible"]
    style.widths(sheet, [7, 26, 40, 30, 8, 10, 11, 10, 11, 11])
    found = rollups(plans)
    if not found:
        sheet["A3"] = ("Aucun indicateur à additionner : il faut au moins deux indicateurs de type nombre au même "
                       "libellé dans un axe ou une orientation.")
        return len(headers), 3
    style.header(sheet, 3, headers)
    row = 4
    for one in found:
        for total in one.years:
            share = total.percent_of_target
            style.row(sheet, row, [
                one.plan, one.scope, one.label, one.members_text(), total.year,
                _number(total.value) if total.value is not None else None, f"{total.reported} sur {total.members}",
                _number(total.target) if total.target is not None else None, f"{total.targeted} sur {total.members}",
                round(share, 1) if share is not None else None])
            row += 1
    style.table(sheet, 3, len(headers), row - 1)
    return len(headers), row - 1
