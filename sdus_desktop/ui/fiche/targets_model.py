"""« Cibles par année » of a fiche: one row per indicator, one column per year; a cell is the target set for that
year (typed in central mode; read-only for référents), else the plan's wording when it is a plain number (shown
in grey, « d'après le libellé »). Oui/non and texte indicators have no yearly target (their cells say why)."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor, QFont

from sdus_desktop.core.indicator_targets import NUMERIC_KINDS, IndicatorSeries, series
from sdus_desktop.core.indicators import IndicatorKind
from sdus_desktop.store.changes import target_key
from sdus_desktop.store.readmodel import Indicator
from sdus_desktop.ui.common.undo import Editor
from sdus_desktop.ui.fiche.steps_model import changed_cells, snapshot

ROOT = QModelIndex()
FIXED = ("N°", "Indicateur")
FROM_WORDING = QColor("#5f6b73")
YEAR_ROLE = Qt.ItemDataRole.UserRole + 40


class TargetGridModel(QAbstractTableModel):
    def __init__(self, editor: Editor, parent=None) -> None:  # type: ignore[no-untyped-def]
        super().__init__(parent)
        self.editor = editor
        self.indicators: list[Indicator] = []
        self.series: list[IndicatorSeries | None] = []
        self.years: list[int] = []
        self.central = False
        self.plan_code = ""
        self.fiche = 0

    def set_indicators(self, plan_code: str, fiche: int, indicators: list[Indicator], plan_years: list[int],
                       central: bool) -> None:
        """Show these indicators; the same rows and years again are updated in place (focus and cell kept)."""
        years = sorted(set(plan_years) | {t.year for i in indicators for t in i.targets}
                       | {int(v.period[:4]) for i in indicators for v in i.values})
        same = ([i.id for i in indicators] == [i.id for i in self.indicators] and years == self.years
                and central == self.central)
        before = snapshot(self) if same else []
        if not same:
            self.beginResetModel()
        self.plan_code, self.fiche = plan_code, fiche
        self.indicators = list(indicators)
        self.series = [series(plan_code, fiche, indicator) for indicator in indicators]
        self.years, self.central = years, central
        if same:
            changed_cells(self, before)
        else:
            self.endResetModel()

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = ROOT) -> int:
        return 0 if parent.isValid() else len(self.indicators)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = ROOT) -> int:
        return 0 if parent.isValid() else len(FIXED) + len(self.years)

    def year_of(self, column: int) -> int | None:
        return self.years[column - len(FIXED)] if column >= len(FIXED) else None

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return FIXED[section] if section < len(FIXED) else f"Cible {self.year_of(section)}"
        return None

    def flags(self, index: QModelIndex | QPersistentModelIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        base = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        numeric = self.indicators[index.row()].kind in NUMERIC_KINDS
        if self.central and numeric and index.column() >= len(FIXED):
            return base | Qt.ItemFlag.ItemIsEditable
        return base

    def set_for(self, indicator: Indicator, year: int) -> float | None:
        return next((t.value for t in indicator.targets if t.year == year), None)

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        indicator = self.indicators[index.row()]
        year = self.year_of(index.column())
        if year is None:
            shown = str(indicator.number) if index.column() == 0 else indicator.label
            return shown if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole, Qt.ItemDataRole.AccessibleTextRole) else None
        if role == YEAR_ROLE:
            return year
        one = self.series[index.row()]
        if one is None:  # oui/non, texte
            kind = IndicatorKind(indicator.kind).label
            if role == Qt.ItemDataRole.DisplayRole:
                return "—"
            if role in (Qt.ItemDataRole.ToolTipRole, Qt.ItemDataRole.AccessibleTextRole):
                return f"Pas de cible chiffrée par année pour un indicateur de type {kind}"
            return None
        own = self.set_for(indicator, year)
        goal = one.target_for(year)
        shown = one.target_label(year)
        if role == Qt.ItemDataRole.DisplayRole:
            return shown if own is not None or goal is None else f"({shown})"
        if role == Qt.ItemDataRole.EditRole:
            return shown if own is not None else ""
        if role in (Qt.ItemDataRole.ToolTipRole, Qt.ItemDataRole.AccessibleTextRole):
            if goal is None:
                text = f"Cible {year} : aucune"
            elif own is None:
                text = f"Cible {year} : {shown}, d'après le libellé de la cible « {indicator.target} »"
            else:
                text = f"Cible {year} : {shown}"
            share = one.percent_of_target_in(year)
            return text + (f" ; valeur {year} : {share:.0f} % de la cible" if share is not None else "")
        if role == Qt.ItemDataRole.ForegroundRole and own is None:
            return QBrush(FROM_WORDING)
        if role == Qt.ItemDataRole.FontRole and own is None and goal is not None:
            font = QFont()
            font.setItalic(True)  # not colour alone: italics and brackets say « d'après le libellé »
            return font
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return int(Qt.AlignmentFlag.AlignCenter)
        return None

    def setData(self, index: QModelIndex | QPersistentModelIndex, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if role != Qt.ItemDataRole.EditRole or not (self.flags(index) & Qt.ItemFlag.ItemIsEditable):
            return False
        year = self.year_of(index.column())
        if year is None or str(value or "").strip() == (self.data(index, Qt.ItemDataRole.EditRole) or ""):
            return False
        indicator = self.indicators[index.row()]
        return self.editor.set("target", target_key(indicator.id, year), "value", value)
