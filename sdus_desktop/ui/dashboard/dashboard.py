"""Tableau de bord: status bars per orientation, late steps, stale fiches, missing indicator values."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QRectF, QSize, Qt, Signal
from PySide6.QtGui import QColor, QPainter, QPen
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QScrollArea,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from sdus_desktop.core.statuses import ActionStatus
from sdus_desktop.core.validation import format_date
from sdus_desktop.ui.common.widgets import plain_tooltip, readable_tabs, section_title
from sdus_desktop.ui.dashboard.dashboard_data import Dashboard, StatusRow, build_dashboard
from sdus_desktop.ui.navigation.catalogue import Catalogue, short_title

STATUS_COLOURS = {
    ActionStatus.NON_DEMARREE: QColor("#d5d9e0"),
    ActionStatus.EN_COURS: QColor("#6fa8dc"),
    ActionStatus.REALISEE: QColor("#57a05f"),
    ActionStatus.REPORTEE: QColor("#f0b455"),
    ActionStatus.ABANDONNEE: QColor("#8c8c8c"),
}
ACTION_ID_ROLE = Qt.ItemDataRole.UserRole + 40
ROW_IN_FICHE_ROLE = Qt.ItemDataRole.UserRole + 41


class StatusBars(QWidget):
    """Painted stacked bars: one per orientation, each segment labelled with its symbol and count."""

    LABEL_WIDTH = 280
    ROW_HEIGHT = 28

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.rows: list[StatusRow] = []
        self.setAccessibleName("Graphique des statuts par orientation")

    def set_rows(self, rows: list[StatusRow]) -> None:
        self.rows = rows
        lines = [f"{row.label} : {row.total} fiches, {row.percent_done} % réalisées ("
                 + ", ".join(f"{s.label} {row.counts[s]}" for s in ActionStatus if row.counts[s]) + ")"
                 for row in rows]
        self.setAccessibleDescription("\n".join(lines))
        self.setToolTip("\n".join(lines))
        self.setMinimumHeight(self.sizeHint().height())
        self.update()

    def sizeHint(self) -> QSize:
        return QSize(640, (len(self.rows) + 2) * self.ROW_HEIGHT + 8)

    def paintEvent(self, event) -> None:  # type: ignore[no-untyped-def]
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        metrics = painter.fontMetrics()
        label_width = min(self.LABEL_WIDTH, self.width() // 2)
        bar_left = label_width + 10
        bar_width = max(60, self.width() - bar_left - 130)
        for index, row in enumerate(self.rows):
            top = index * self.ROW_HEIGHT + 4
            font = painter.font()
            font.setBold(row.is_total)
            painter.setFont(font)
            painter.setPen(QColor("#1a1a1a"))
            painter.drawText(QRectF(0, top, label_width, self.ROW_HEIGHT - 6), Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft,
                             painter.fontMetrics().elidedText(row.label, Qt.TextElideMode.ElideRight, label_width))
            x = float(bar_left)
            for status in ActionStatus:
                count = row.counts[status]
                if not count or not row.total:
                    continue
                width = bar_width * count / row.total
                rect = QRectF(x, top, width, self.ROW_HEIGHT - 8)
                painter.fillRect(rect, STATUS_COLOURS[status])
                painter.setPen(QPen(QColor("white"), 1))
                painter.drawRect(rect)
                text = f"{status.symbol}{count}"
                if metrics.horizontalAdvance(text) + 4 < width:
                    painter.setPen(QColor("#111111"))
                    painter.drawText(rect, Qt.AlignmentFlag.AlignCenter, text)
                x += width
            painter.setPen(QColor("#1a1a1a"))
            painter.drawText(QRectF(bar_left + bar_width + 8, top, 130, self.ROW_HEIGHT - 8),
                             Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft, f"{row.percent_done} % réalisées")
        legend_top = len(self.rows) * self.ROW_HEIGHT + 4
        x = 0.0
        font = painter.font()
        font.setBold(False)
        painter.setFont(font)
        for status in ActionStatus:
            text = f"{status.symbol} {status.label}"
            if x > 0 and x + 18 + metrics.horizontalAdvance(text) > self.width():
                x, legend_top = 0.0, legend_top + self.ROW_HEIGHT
            painter.fillRect(QRectF(x, legend_top + 6, 14, 14), STATUS_COLOURS[status])
            painter.setPen(QColor("#1a1a1a"))
            painter.drawText(QRectF(x + 18, legend_top, 200, 26), Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft, text)
            x += 18 + metrics.horizontalAdvance(text) + 22
        painter.end()


def _table(accessible_name: str, headers: list[str], stretch: tuple[int, ...]) -> QTableWidget:
    table = QTableWidget(0, len(headers))
    table.setHorizontalHeaderLabels(headers)
    table.setAccessibleName(accessible_name)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    table.verticalHeader().setVisible(False)
    table.setTabKeyNavigation(False)
    table.setWordWrap(False)
    table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    for column in stretch:
        table.horizontalHeader().setSectionResizeMode(column, QHeaderView.ResizeMode.Stretch)
    return table


def _fill(table: QTableWidget, rows: list[tuple[int, list[str]]], rows_in_fiche: list[int] | None = None) -> None:
    """`rows_in_fiche`: for each row, the row to select in the fiche's tab (the late étape), or None."""
    table.setRowCount(len(rows))
    for row_index, (action_id, cells) in enumerate(rows):
        for column, text in enumerate(cells):
            item = QTableWidgetItem(text)
            item.setData(ACTION_ID_ROLE, action_id)
            if rows_in_fiche is not None:
                item.setData(ROW_IN_FICHE_ROLE, rows_in_fiche[row_index])
            item.setToolTip(plain_tooltip(text))
            table.setItem(row_index, column, item)


class DashboardPage(QWidget):
    open_action = Signal(int, str, int)  # the fiche, the tab that matters, the row to select there (-1: none)

    def __init__(self, catalogue: Catalogue, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.catalogue = catalogue
        self.data: Dashboard | None = None
        self.bars: dict[str, StatusBars] = {}
        self.bar_titles: dict[str, QLabel] = {}
        charts = QWidget()
        charts_layout = QVBoxLayout(charts)
        for plan in catalogue.open_plans:
            self.bar_titles[plan.code] = section_title(plan.code)
            self.bars[plan.code] = StatusBars()
            charts_layout.addWidget(self.bar_titles[plan.code])
            charts_layout.addWidget(self.bars[plan.code])
        charts_layout.addStretch(1)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(charts)
        scroll.setAccessibleName("Statuts des fiches par plan")

        self.late = _table("Étapes en retard", ["Plan", "Fiche", "Étape", "Fin prévue", "Retard"], (1, 2))
        self.stale = _table("Fiches non mises à jour", ["Plan", "Fiche", "Dernière mise à jour"], (1,))
        self.missing = _table("Valeurs d'indicateurs manquantes", ["Plan", "Fiche", "Indicateur", "Année"], (2,))
        self.lists = QTabWidget()
        self.lists.setAccessibleName("Listes de suivi")
        readable_tabs(self.lists)
        for table, title, tab in ((self.late, "Étapes en retard", "steps"),
                                  (self.stale, "Fiches non mises à jour", "suivi"),
                                  (self.missing, "Indicateurs non renseignés", "indicators")):
            self.lists.addTab(table, title)
            table.itemActivated.connect(lambda item, tab=tab: self._activated(item, tab))
            table.itemDoubleClicked.connect(lambda item, tab=tab: self._activated(item, tab))
        hint = QLabel("Double-clic ou Entrée sur une ligne : ouvrir la fiche sur l'onglet concerné.")
        hint.setStyleSheet("color: #4a4a4a;")
        title = section_title("Tableau de bord")
        layout = QVBoxLayout(self)
        layout.addWidget(title)
        body = QHBoxLayout()
        body.addWidget(scroll, 4)
        right = QVBoxLayout()
        right.addWidget(self.lists, 1)
        right.addWidget(hint)
        body.addLayout(right, 5)
        layout.addLayout(body, 1)

    def refresh(self, today: date, grace_days: int, stale_days: int) -> None:
        data = build_dashboard(self.catalogue, today, grace_days, stale_days)
        self.data = data
        for code, rows in data.rows.items():
            total = rows[-1]
            self.bar_titles[code].setText(
                f"{code} — {total.total} fiches, {total.percent_done} % réalisées")
            self.bars[code].set_rows(rows)
        _fill(self.late, [(s.action_id, [s.plan_code, f"{s.action_number} · {short_title(s.action_title, 45)}",
                                         f"{s.step_number} · {short_title(s.step_label, 45)}",
                                         format_date(s.planned_end), f"{s.days_late} j"]) for s in data.late],
              [s.step_number - 1 for s in data.late])
        _fill(self.stale, [(f.action_id, [f.plan_code, f"{f.number} · {short_title(f.title, 70)}",
                                          f.updated_at.strftime("%d/%m/%Y") if f.updated_at else "jamais"])
                           for f in data.stale])
        _fill(self.missing, [(m.action_id, [m.plan_code, str(m.action_number),
                                            f"{m.indicator_number} · {short_title(m.indicator_label, 70)}",
                                            m.period]) for m in data.missing])
        titles = (f"En retard ({len(data.late)})", f"Sans mise à jour ({len(data.stale)})",
                  f"Indicateurs ({len(data.missing)})")
        tips = ("Étapes dont la fin prévue est dépassée, les plus en retard d'abord",
                f"Fiches en cours de suivi sans modification depuis {stale_days} jours",
                "Indicateurs sans valeur pour l'année de référence ("
                + ", ".join(f"{code} : {year}" for code, year in data.reference_years.items()) + ")")
        for index, (text, tip) in enumerate(zip(titles, tips, strict=True)):
            self.lists.setTabText(index, text)
            self.lists.setTabToolTip(index, tip)

    def _activated(self, item: QTableWidgetItem, tab: str) -> None:
        action_id = item.data(ACTION_ID_ROLE)
        row = item.data(ROW_IN_FICHE_ROLE)
        if action_id is not None:
            self.open_action.emit(int(action_id), tab, -1 if row is None else int(row))


