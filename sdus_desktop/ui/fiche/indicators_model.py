"""Grid of a fiche's indicators: one row per indicator, one column per period (values validated by kind)."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt

from sdus_desktop.core.indicators import IndicatorKind, format_value, parse_period
from sdus_desktop.core.period_lock import LOCK_SYMBOL, CellKey, Lock
from sdus_desktop.store.changes import value_key
from sdus_desktop.store.readmodel import Indicator
from sdus_desktop.ui.common.undo import Editor
from sdus_desktop.ui.fiche.steps_model import changed_cells, lock_tooltip, snapshot

ROOT = QModelIndex()  # the invisible root: default parent of rowCount/columnCount
FIXED = (("number", "N°"), ("label", "Indicateur"), ("kind", "Type"), ("target", "Cible"))
COMMENT_MARK = " ✎"
PERIOD_ROLE = Qt.ItemDataRole.UserRole + 30
INDICATOR_ID_ROLE = Qt.ItemDataRole.UserRole + 31
COMMENT_ROLE = Qt.ItemDataRole.UserRole + 32


class IndicatorGridModel(QAbstractTableModel):
    def __init__(self, editor: Editor, parent=None) -> None:
        super().__init__(parent)
        self.editor = editor
        self.indicators: list[Indicator] = []
        self.periods: list[str] = []
        self.central = False
        self.locks: dict[CellKey, Lock] = {}   # cells locked by validated comités (store.period_locks.locks_at)

    def set_indicators(self, indicators: list[Indicator], plan_years: list[int], extra: set[str],
                       central: bool, locks: dict[CellKey, Lock] | None = None) -> None:
        """Show these indicators. The same rows and periods again (a refresh after an edit) are updated in
        place, so the view keeps its current cell and the focus; other changes reset the model."""
        found = {value.period for indicator in indicators for value in indicator.values}
        periods = sorted({str(year) for year in plan_years} | found | extra)
        if ([i.id for i in indicators] == [i.id for i in self.indicators] and periods == self.periods
                and central == self.central):
            before = snapshot(self)
            self.indicators = list(indicators)
            self.locks = locks or {}
            changed_cells(self, before)
            return
        self.beginResetModel()
        self.indicators = list(indicators)
        self.locks = locks or {}
        self.central = central
        self.periods = periods
        self.endResetModel()

    def add_period(self, raw: str) -> str:
        """Add a column for a period ("2024", "2022-T3"); raises ValueError (French) when invalid."""
        period = parse_period(raw)
        if period not in self.periods:
            self.beginResetModel()
            self.periods = sorted({*self.periods, period})
            self.endResetModel()
        return period

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = ROOT) -> int:
        return 0 if parent.isValid() else len(self.indicators)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = ROOT) -> int:
        return 0 if parent.isValid() else len(FIXED) + len(self.periods)

    def period_of(self, column: int) -> str | None:
        return self.periods[column - len(FIXED)] if column >= len(FIXED) else None

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return FIXED[section][1] if section < len(FIXED) else self.period_of(section)
        return None

    def lock(self, index: QModelIndex | QPersistentModelIndex) -> Lock | None:
        """The validated comité that locked this value (core.period_lock), or None."""
        period = self.period_of(index.column()) if index.isValid() and self.locks else None
        if period is None:
            return None
        return self.locks.get(("value", value_key(self.indicators[index.row()].id, period), "value"))

    def flags(self, index: QModelIndex | QPersistentModelIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        base = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if not self.central and self.lock(index) is not None:
            return base   # refused anyway: no editor is opened (central mode corrects it, once confirmed)
        return base | Qt.ItemFlag.ItemIsEditable if self._editable(index) else base

    def _editable(self, index: QModelIndex | QPersistentModelIndex) -> bool:
        """Editable whatever the locks (a locked value's commentaire stays open)."""
        return index.column() >= len(FIXED) or (self.central and index.column() > 0)

    def stored(self, indicator: Indicator, period: str) -> tuple[str | None, str]:
        for value in indicator.values:
            if value.period == period:
                return value.value, value.comment
        return None, ""

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        indicator = self.indicators[index.row()]
        if role == INDICATOR_ID_ROLE:
            return indicator.id
        period = self.period_of(index.column())
        if period is None:
            field = FIXED[index.column()][0]
            if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole, Qt.ItemDataRole.AccessibleTextRole):
                return IndicatorKind(indicator.kind).label if field == "kind" else str(getattr(indicator, field))
            if role == Qt.ItemDataRole.EditRole:
                return IndicatorKind(indicator.kind).label if field == "kind" else getattr(indicator, field)
            return None
        value, comment = self.stored(indicator, period)
        shown = format_value(indicator.kind, value)
        lock = self.lock(index) if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole,
                                            Qt.ItemDataRole.ToolTipRole) else None
        if role == PERIOD_ROLE:
            return period
        if role == COMMENT_ROLE:
            return comment
        if role == Qt.ItemDataRole.DisplayRole:
            return (f"{LOCK_SYMBOL} " if lock else "") + shown + (COMMENT_MARK if comment else "")
        if role == Qt.ItemDataRole.AccessibleTextRole:
            locked = f", {lock.cell_note()}" if lock else ""
            return (f"{period} : {shown or 'non renseigné'}{locked}"
                    + (f", commentaire : {comment}" if comment else ""))
        if role == Qt.ItemDataRole.EditRole:
            return shown
        if role == Qt.ItemDataRole.ToolTipRole:
            kind = IndicatorKind(indicator.kind).label.lower()
            tip = f"{indicator.label} — {period} (type : {kind})"
            return lock_tooltip(lock, tip + (f"\nCommentaire : {comment}" if comment else ""), self.central)
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return int(Qt.AlignmentFlag.AlignCenter)
        return None

    def setData(self, index: QModelIndex | QPersistentModelIndex, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if role not in (Qt.ItemDataRole.EditRole, COMMENT_ROLE) or not index.isValid() or not (
                self._editable(index) if role == COMMENT_ROLE else self.flags(index) & Qt.ItemFlag.ItemIsEditable):
            return False
        indicator = self.indicators[index.row()]
        period = self.period_of(index.column())
        if period is None:
            field = FIXED[index.column()][0]
            if str(value) == str(self.data(index, Qt.ItemDataRole.EditRole)):
                return False
            return self.editor.set("indicator", indicator.id, field, value)
        field = "comment" if role == COMMENT_ROLE else "value"
        current = self.data(index, COMMENT_ROLE if field == "comment" else Qt.ItemDataRole.EditRole)
        if str(value or "").strip() == (current or ""):
            return False
        return self.editor.set("value", value_key(indicator.id, period), field, value)
