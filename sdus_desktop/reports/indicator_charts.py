"""The dossier's « Indicateurs par rapport à leur cible »: a small chart per indicator with a numeric target and a
value (bars: the value of each year; dashed red line: the target), the latest « % de la cible » in its title.
Each chart is one drawing, two to a row: never split across pages."""

from __future__ import annotations

from collections.abc import Collection
from typing import Any

from sdus_desktop.core.indicator_targets import IndicatorSeries, charted_series
from sdus_desktop.reports.fonts import BOLD, FAMILY
from sdus_desktop.reports.styles import ACCENT, INK, colour, para, styles

CHART_MM = (86, 58)
TARGET_RED = "#c0392b"


def indicator_section(plans: list[Any], action_ids: Collection[int]) -> list[Any]:
    from reportlab.platypus import Table, TableStyle

    st = styles()
    found = charted_series(plans, action_ids)
    if not found:
        return [para("Aucun indicateur chiffré de ces fiches n'a à la fois une cible chiffrée et une valeur saisie.",
                     st.body)]
    drawings = [indicator_chart(one) for one in found]
    rows = [drawings[i:i + 2] + ([""] if len(drawings[i:i + 2]) == 1 else []) for i in range(0, len(drawings), 2)]
    table = Table(rows, hAlign="LEFT")
    table.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "TOP"), ("LEFTPADDING", (0, 0), (-1, -1), 0),
                               ("BOTTOMPADDING", (0, 0), (-1, -1), 6)]))
    return [para(f"{len(found)} indicateur(s) chiffré(s) avec une cible : barres = valeur de chaque année, tirets "
                 f"rouges = cible ; le pourcentage est celui de la dernière année saisie.", st.body), table]


def indicator_chart(one: IndicatorSeries) -> Any:
    from reportlab.graphics.charts.barcharts import VerticalBarChart
    from reportlab.graphics.shapes import Drawing, Line, String
    from reportlab.lib.units import mm
    from reportlab.pdfbase.pdfmetrics import stringWidth

    width, height = CHART_MM[0] * mm, CHART_MM[1] * mm
    drawing = Drawing(width, height)
    title = f"{one.plan} {one.fiche} · {one.number}. {' '.join(one.label.split())}"
    while stringWidth(title, BOLD, 7.5) > width - 4 and len(title) > 10:
        title = title[:-2].rstrip() + "…" if not title.endswith("…") else title[:-2].rstrip() + "…"
    drawing.add(String(2, height - 9, title, fontName=BOLD, fontSize=7.5, fillColor=colour(ACCENT)))
    share = one.percent_of_target
    last = one.last
    subtitle = (f"{share:.0f} % de la cible ({_number(last[1])} en {last[0]} pour une cible de {one.target_text})"
                if share is not None and last else f"cible : {one.target_text}")
    drawing.add(String(2, height - 19, subtitle, fontName=FAMILY, fontSize=7, fillColor=colour(INK)))
    chart = VerticalBarChart()
    chart.x, chart.y, chart.width, chart.height = 28, 16, width - 36, height - 46
    chart.data = [[value for _, value in one.points]]
    chart.categoryAxis.categoryNames = [str(year) for year, _ in one.points]
    chart.categoryAxis.labels.fontName = FAMILY
    chart.categoryAxis.labels.fontSize = 7
    chart.valueAxis.labels.fontName = FAMILY
    chart.valueAxis.labels.fontSize = 7
    top = max([value for _, value in one.points] + [one.target or 0]) * 1.15 or 1
    chart.valueAxis.valueMin, chart.valueAxis.valueMax = 0, top
    chart.bars[0].fillColor = colour(ACCENT)
    chart.bars[0].strokeColor = None
    chart.barLabelFormat = _number
    chart.barLabels.fontName = FAMILY
    chart.barLabels.fontSize = 6.5
    chart.barLabels.nudge = 6
    drawing.add(chart)
    if one.target:
        y = chart.y + chart.height * one.target / top
        drawing.add(Line(chart.x, y, chart.x + chart.width, y, strokeColor=colour(TARGET_RED), strokeWidth=1.2,
                         strokeDashArray=[4, 2]))
        drawing.add(String(chart.x + chart.width - 2, y + 2, f"cible {one.target_text}", fontName=FAMILY,
                           fontSize=6.5, fillColor=colour(TARGET_RED), textAnchor="end"))
    return drawing


def _number(value: float) -> str:
    return (f"{value:.0f}" if float(value).is_integer() else f"{value:.1f}".replace(".", ","))
