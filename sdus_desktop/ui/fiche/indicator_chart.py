"""The chart of one indicator in the fiche: a bar per year (the value, written on it) and the target of each year as
dashed red steps with square marks; the title says the latest « % de la cible ». Colour is never the only sign
(dashes, marks, written values, legend), and the chart is also said in words: its accessible description and the
text beneath it (IndicatorChart.text_alternative) are core.indicator_targets.IndicatorSeries.text()."""

from __future__ import annotations

import math

from PySide6.QtCore import QPointF, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFont, QPainter, QPaintEvent, QPen
from PySide6.QtWidgets import QLabel, QSizePolicy, QVBoxLayout, QWidget

from sdus_desktop.core.indicator_targets import IndicatorSeries
from sdus_desktop.core.indicators import IndicatorKind

BAR = QColor("#1d5b79")
TARGET = QColor("#c0392b")
INK = QColor("#1f2a30")
GRID = QColor("#d5dde2")


class ChartCanvas(QWidget):
    """Paints the series (or a sentence when there is nothing to draw)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.one: IndicatorSeries | None = None
        self.empty = "Sélectionnez un indicateur pour voir son graphique."
        self.setMinimumSize(240, 140)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setFocusPolicy(Qt.FocusPolicy.TabFocus)  # reachable by Tab: screen readers read its description

    def sizeHint(self) -> QSize:
        return QSize(420, 200)

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: ARG002 - Qt's signature
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.fillRect(self.rect(), QColor("#ffffff"))
        if self.hasFocus():
            painter.setPen(QPen(BAR, 2))
            painter.drawRect(self.rect().adjusted(1, 1, -1, -1))
        one = self.one
        if one is None or not one.years:
            painter.setPen(INK)
            painter.drawText(self.rect().adjusted(8, 8, -8, -8), Qt.AlignmentFlag.AlignCenter | Qt.TextFlag.TextWordWrap, self.empty)
            return
        self._paint(painter, one)

    def _paint(self, painter: QPainter, one: IndicatorSeries) -> None:
        metrics = painter.fontMetrics()
        line = metrics.height()
        left, right, top, bottom = metrics.horizontalAdvance("00000") + 10, 10, line + 8, line + 6
        area = QRectF(left, top, max(self.width() - left - right, 40), max(self.height() - top - bottom, 40))
        years, values = one.years, one.value_of
        targets = dict(one.target_points)
        step = nice_step(max([*values.values(), *targets.values(), 0]) * 1.1 / 4)
        highest = step * 4

        def y_of(number: float) -> float:
            return area.bottom() - area.height() * number / highest

        painter.setPen(QPen(GRID, 1))
        for tick in range(5):  # four grid lines with round numbers
            number = step * tick
            y = y_of(number)
            painter.drawLine(QPointF(area.left(), y), QPointF(area.right(), y))
            painter.setPen(INK)
            painter.drawText(QRectF(0, y - line / 2, left - 6, line), Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter,
                             _short(number))
            painter.setPen(QPen(GRID, 1))
        band = area.width() / len(years)
        bold = QFont(painter.font())
        bold.setBold(True)
        previous: float | None = None
        for index, year in enumerate(years):
            x = area.left() + index * band
            painter.setPen(INK)
            painter.drawText(QRectF(x, area.bottom() + 3, band, line), Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop, str(year))
            if year in values:
                y = y_of(values[year])
                bar = QRectF(x + band * 0.2, y, band * 0.6, area.bottom() - y)
                painter.fillRect(bar, BAR)
                painter.setFont(bold)
                inside = bar.height() > line + 4
                painter.setPen(QColor("#ffffff") if inside else INK)
                label = QRectF(bar.left() - 10, y + 2 if inside else y - line - 1, bar.width() + 20, line)
                painter.drawText(label, Qt.AlignmentFlag.AlignCenter, one.value_label(year))
                painter.setFont(self.font())
            goal = targets.get(year)
            if goal is None:
                previous = None
                continue
            y = y_of(goal)
            pen = QPen(TARGET, 2, Qt.PenStyle.DashLine)
            painter.setPen(pen)
            painter.drawLine(QPointF(x, y), QPointF(x + band, y))
            if previous is not None and previous != y:
                painter.drawLine(QPointF(x, previous), QPointF(x, y))
            painter.fillRect(QRectF(x + band / 2 - 3, y - 3, 6, 6), TARGET)
            previous = y
        painter.setPen(INK)
        painter.drawLine(QPointF(area.left(), area.bottom()), QPointF(area.right(), area.bottom()))
        legend = "▮ valeur   ▪- - cible de l'année" if targets else "▮ valeur (pas de cible)"
        painter.drawText(QRectF(left, 2, area.width(), line), Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter, legend)


class IndicatorChart(QWidget):
    """The canvas, its title and its text alternative, for one indicator at a time."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.title = QLabel()
        self.title.setWordWrap(True)
        self.title.setStyleSheet("font-weight: bold;")
        self.canvas = ChartCanvas()
        self.text_alternative = QLabel()
        self.text_alternative.setWordWrap(True)
        self.text_alternative.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse | Qt.TextInteractionFlag.TextSelectableByKeyboard)
        self.text_alternative.setAccessibleName("Graphique en texte")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.title)
        layout.addWidget(self.canvas, 1)
        layout.addWidget(self.text_alternative)
        self.show_series(None)

    def show_series(self, one: IndicatorSeries | None, label: str = "", kind: str = "") -> None:
        """Draw `one`; None with the indicator's label and kind says why there is no chart."""
        self.canvas.one = one
        if one is None:
            why = (f"Pas de graphique : l'indicateur « {label} » est de type {IndicatorKind(kind).label}."
                   if label else "Sélectionnez un indicateur pour voir son graphique.")
            self.canvas.empty = why
            self.title.setText("Graphique de l'indicateur")
            self.text_alternative.setText("")
            described = why
        else:
            share = one.percent_of_target
            head = f"Indicateur {one.number} : {' '.join(one.label.split())}"
            if share is not None and one.last:
                head += f" — {share:.0f} % de la cible en {one.last[0]}"
            self.title.setText(head)
            self.text_alternative.setText(one.text())
            described = f"{head}. {one.text()}"
        self.canvas.setAccessibleName(f"Graphique : {self.title.text()}")
        self.canvas.setAccessibleDescription(described)
        self.canvas.update()


def nice_step(raw: float) -> float:
    """The smallest of 1, 2, 2.5, 5 × 10^n at least `raw` (round numbers on the axis); 1 for nothing to draw."""
    if raw <= 0:
        return 1.0
    power = 10 ** math.floor(math.log10(raw))
    return next(m * power for m in (1, 2, 2.5, 5, 10) if m * power >= raw)


def _short(number: float) -> str:
    return f"{number:.0f}" if number >= 10 or float(number).is_integer() else f"{number:.1f}".replace(".", ",")
