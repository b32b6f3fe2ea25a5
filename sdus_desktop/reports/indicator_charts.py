"""Indicator charts of the PDFs: a small chart per numeric indicator (bars: the value of each year; dashed red
steps with square marks: the target of each year — set per year, else the plan's wording when it is a number),
the latest « % de la cible » in its subtitle and the chart said in words beneath (colour is never the only sign).
Each chart is one drawing, two to a row: never split across pages. Used by the comité dossier (« Indicateurs par
rapport à leur cible ») and by the printed fiche (after its table of indicators)."""

from __future__ import annotations

from collections.abc import Collection
from typing import Any

from sdus_desktop.core.indicator_targets import IndicatorSeries, charted_series, format_target, series
from sdus_desktop.reports.fonts import BOLD, FAMILY
from sdus_desktop.reports.styles import ACCENT, INK, colour, esc, markup, para, styles

CHART_MM = (86, 58)
TARGET_RED = "#c0392b"


def indicator_section(plans: list[Any], action_ids: Collection[int]) -> list[Any]:
    st = styles()
    found = charted_series(plans, action_ids)
    if not found:
        return [para("Aucun indicateur chiffré de ces fiches n'a à la fois une cible chiffrée et une valeur saisie.",
                     st.body)]
    return [para(f"{len(found)} indicateur(s) chiffré(s) avec une cible : barres = valeur de chaque année, tirets "
                 f"rouges à marques carrées = cible de l'année ; le pourcentage est celui de la dernière année "
                 f"saisie.", st.body), chart_grid(found)]


def fiche_charts(plan_code: str, action: Any) -> list[Any]:
    """The printed fiche's charts: every numeric indicator with a value or a target (nothing when none)."""
    found = [one for one in (series(plan_code, action.number, i) for i in action.indicators)
             if one is not None and (one.points or one.has_target)]
    if not found:
        return []
    return [para("Barres : valeur de l'année ; tirets rouges à marques carrées : cible de l'année.", styles().small),
            chart_grid(found)]


def chart_grid(found: list[IndicatorSeries]) -> Any:
    """Charts two to a row, each with its text alternative beneath."""
    from reportlab.platypus import Table, TableStyle

    st = styles()
    cells = [[indicator_chart(one), markup(esc(one.text()), st.small)] for one in found]
    rows = []
    for i in range(0, len(cells), 2):
        pair = cells[i:i + 2] + ([["", ""]] if len(cells[i:i + 2]) == 1 else [])
        rows.append([pair[0][0], pair[1][0]])
        rows.append([pair[0][1], pair[1][1]])
    table = Table(rows, hAlign="LEFT", colWidths=[(CHART_MM[0] + 3) * 2.8346] * 2)
    table.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "TOP"), ("LEFTPADDING", (0, 0), (-1, -1), 0),
                               ("RIGHTPADDING", (0, 0), (-1, -1), 8), ("BOTTOMPADDING", (0, 0), (-1, -1), 4),
                               *(("NOSPLIT", (0, r), (-1, r + 1)) for r in range(0, len(rows), 2))]))
    return table


def indicator_chart(one: IndicatorSeries) -> Any:
    from reportlab.graphics.charts.barcharts import VerticalBarChart
    from reportlab.graphics.shapes import Drawing, Line, Rect, String
    from reportlab.lib.units import mm
    from reportlab.pdfbase.pdfmetrics import stringWidth

    width, height = CHART_MM[0] * mm, CHART_MM[1] * mm
    drawing = Drawing(width, height)
    title = f"{one.plan} {one.fiche} · {one.number}. {' '.join(one.label.split())}"
    while stringWidth(title, BOLD, 7.5) > width - 4 and len(title) > 10:
        title = title[:-2].rstrip() + "…" if not title.endswith("…") else title[:-2].rstrip() + "…"
    drawing.add(String(2, height - 9, title, fontName=BOLD, fontSize=7.5, fillColor=colour(ACCENT)))
    share, last = one.percent_of_target, one.last
    if share is not None and last:
        subtitle = (f"{share:.0f} % de la cible en {last[0]} ({one.value_label(last[0])} pour "
                    f"{format_target(one.kind, one.last_target)})")
    elif one.has_target:
        subtitle = "cible : " + (", ".join(f"{y} : {format_target(one.kind, t)}" for y, t in one.yearly)
                                 or one.target_text)
    else:
        subtitle = "pas de cible chiffrée"
    while stringWidth(subtitle, FAMILY, 7) > width - 4 and len(subtitle) > 10:
        subtitle = subtitle[:-2].rstrip() + "…"
    drawing.add(String(2, height - 19, subtitle, fontName=FAMILY, fontSize=7, fillColor=colour(INK)))
    years = one.years
    values = one.value_of
    chart = VerticalBarChart()
    chart.x, chart.y, chart.width, chart.height = 28, 16, width - 36, height - 46
    chart.data = [[values.get(year, 0) for year in years] or [0]]
    chart.categoryAxis.categoryNames = [str(year) for year in years] or [""]
    chart.categoryAxis.labels.fontName = FAMILY
    chart.categoryAxis.labels.fontSize = 7
    chart.valueAxis.labels.fontName = FAMILY
    chart.valueAxis.labels.fontSize = 7
    targets = dict(one.target_points)
    top = max([*values.values(), *targets.values(), 0]) * 1.15 or 1
    chart.valueAxis.valueMin, chart.valueAxis.valueMax = 0, top
    chart.bars[0].fillColor = colour(ACCENT)
    chart.bars[0].strokeColor = None
    chart.barLabelFormat = lambda value: ""
    drawing.add(chart)
    band = chart.width / max(len(years), 1)
    red = colour(TARGET_RED)
    previous: float | None = None
    for index, year in enumerate(years):
        left = chart.x + index * band
        if year in values:  # the value written in (or over) its bar: read without colours
            y = chart.y + chart.height * values[year] / top
            inside = y - chart.y > 12
            drawing.add(String(left + band / 2, y - 8 if inside else y + 2, _number(values[year]), fontName=BOLD,
                               fontSize=6.5, fillColor=colour("#ffffff" if inside else INK), textAnchor="middle"))
        goal = targets.get(year)
        if goal is None:
            previous = None
            continue
        y = chart.y + chart.height * goal / top
        drawing.add(Line(left, y, left + band, y, strokeColor=red, strokeWidth=1.2, strokeDashArray=[4, 2]))
        if previous is not None and previous != y:
            drawing.add(Line(left, previous, left, y, strokeColor=red, strokeWidth=1.2, strokeDashArray=[4, 2]))
        drawing.add(Rect(left + band / 2 - 1.8, y - 1.8, 3.6, 3.6, fillColor=red, strokeColor=None))
        previous = y
    if targets:
        last_year = max(targets)
        y = chart.y + chart.height * targets[last_year] / top
        drawing.add(String(chart.x + chart.width - 2, min(y + 3, chart.y + chart.height + 4),
                           f"cible {format_target(one.kind, targets[last_year])}", fontName=FAMILY, fontSize=6.5,
                           fillColor=red, textAnchor="end"))
    return drawing


def _number(value: float) -> str:
    return (f"{value:.0f}" if float(value).is_integer() else f"{value:.1f}".replace(".", ","))


ROLLUP_TITLE = "Indicateurs agrégés par axe"


def rollup_section(plans: list[Any], action_ids: Collection[int]) -> list[Any]:
    """« Indicateurs agrégés par axe »: values and targets per year added up where ≥ 2 indicators count the same
    thing (core.indicator_rollup), one row per axe or orientation, the years in words."""
    from sdus_desktop.core.indicator_rollup import rollups
    from sdus_desktop.reports.fiche_flowables import grid_table

    st = styles()
    found = rollups(plans, action_ids)
    if not found:
        return [para("Aucun indicateur à additionner : il faut au moins deux indicateurs de type nombre au même "
                     "libellé dans un axe ou une orientation (les pourcentages ne s'additionnent pas).", st.body)]
    rows: list[list[Any]] = [[para(h, st.cell_head) for h in ("Périmètre", "Indicateur et fiches",
                                                               "Par année : total (indicateurs renseignés) ; cible")]]
    for one in found:
        years = "<br/>".join(f"<b>{total.year}</b> : {esc(one.year_text(total))}" for total in one.years)
        rows.append([para(f"{one.plan} · {one.scope}", st.cell_bold),
                     markup(f"{esc(one.label)}<br/><font size=7.5>{esc(one.members_text())}</font>", st.cell),
                     markup(years, st.cell)])
    return [para(f"{len(found)} agrégat(s) : mêmes indicateurs (type nombre, même libellé) additionnés par axe, puis "
                 f"par orientation quand elle en réunit davantage ; « % de la cible » seulement quand tous les "
                 f"indicateurs ont une valeur et une cible pour l'année.", st.body),
            grid_table(rows, [38, 70, 70], [], True, split_rows=False)]   # an aggregate is read whole
