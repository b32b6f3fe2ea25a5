"""Stacked horizontal bar chart: fiches by status for each orientation / thématique (reportlab.graphics)."""

from __future__ import annotations

from typing import Any

from sdus_desktop.core.statuses import ACTION_STATUS_COLOURS, ActionStatus
from sdus_desktop.reports.fonts import FAMILY
from sdus_desktop.reports.styles import INK, colour


def status_chart(rows: list[tuple[str, dict[ActionStatus, int]]], width: float) -> Any:
    """One bar per row (label, counts by status), segments coloured by status, legend with symbols."""
    from reportlab.graphics.charts.barcharts import HorizontalBarChart
    from reportlab.graphics.charts.legends import Legend
    from reportlab.graphics.shapes import Drawing

    statuses = list(ActionStatus)
    bar_height = 16
    plot_height = max(bar_height * len(rows) * 1.5, 40)
    legend_height = 30
    height = plot_height + legend_height + 20
    drawing = Drawing(width, height)
    chart = HorizontalBarChart()
    chart.x = 90
    chart.y = legend_height + 14
    chart.width = width - chart.x - 10
    chart.height = plot_height
    chart.categoryAxis.style = "stacked"
    # reportlab draws the first category at the bottom: reverse so orientation 1 is on top.
    ordered = list(reversed(rows))
    chart.data = [[counts.get(status, 0) for _, counts in ordered] for status in statuses]
    chart.categoryAxis.categoryNames = [label for label, _ in ordered]
    chart.categoryAxis.labels.fontName = FAMILY
    chart.categoryAxis.labels.fontSize = 8
    chart.categoryAxis.labels.boxAnchor = "e"
    chart.categoryAxis.labels.dx = -4
    chart.valueAxis.labels.fontName = FAMILY
    chart.valueAxis.labels.fontSize = 7.5
    chart.valueAxis.valueMin = 0
    total_max = max((sum(counts.values()) for _, counts in rows), default=1)
    step = max(1, -(-max(total_max, 1) // 8))
    chart.valueAxis.valueStep = step
    chart.valueAxis.valueMax = step * -(-max(total_max, 1) // step)
    chart.valueAxis.visibleGrid = True
    chart.valueAxis.gridStrokeColor = colour("#dde5ea")
    chart.barWidth = bar_height
    chart.groupSpacing = bar_height / 2
    for index, status in enumerate(statuses):
        chart.bars[index].fillColor = colour(ACTION_STATUS_COLOURS[status])
        chart.bars[index].strokeColor = colour("#ffffff")
        chart.bars[index].strokeWidth = 0.5
    drawing.add(chart)
    legend = Legend()
    legend.x = chart.x
    legend.y = legend_height - 6
    legend.fontName = FAMILY
    legend.fontSize = 8
    legend.fillColor = colour(INK)
    legend.alignment = "right"
    legend.columnMaximum = 1
    legend.deltax = (width - chart.x) / len(statuses)
    legend.dxTextSpace = 4
    legend.colorNamePairs = [(colour(ACTION_STATUS_COLOURS[s]), f"{s.symbol} {s.label}") for s in statuses]
    drawing.add(legend)
    return drawing
