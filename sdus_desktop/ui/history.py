"""« Historique » tab: the change journal of the fiche, newest first."""

from __future__ import annotations

from datetime import date
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QLabel, QTableView, QVBoxLayout, QWidget

from sdus_desktop.core.attribution import who_made
from sdus_desktop.core.fields import STRUCTURE_FIELD, field_label
from sdus_desktop.core.indicators import format_value
from sdus_desktop.core.statuses import ActionStatus, StepStatus
from sdus_desktop.core.validation import format_date
from sdus_desktop.store import readmodel
from sdus_desktop.store.changes import decode, split_value_key
from sdus_desktop.store.database import Database
from sdus_desktop.store.readmodel import Action, JournalEntry

ROOT = QModelIndex()  # the invisible root: default parent of rowCount/columnCount
COLUMNS = ("Quand", "Qui", "Élément", "Champ", "Avant", "Après", "Origine")


def readable(entry: JournalEntry, raw: str | None, action: Action | None) -> str:
    """A journal value as the user typed/sees it: dates dd/mm/yyyy, status labels, lists joined."""
    value = decode(raw)
    if value is None or value == "":
        return "—"
    if entry.field == STRUCTURE_FIELD and isinstance(value, dict):
        return str(value.get("label", "")) or "—"
    if entry.field == "status":
        try:
            status = ActionStatus(value) if entry.entity == "action" else StepStatus(value)
            return f"{status.symbol} {status.label}"
        except ValueError:
            return str(value)
    if isinstance(value, list):
        return " ; ".join(str(item) for item in value) or "—"
    if isinstance(value, str) and len(value) == 10 and value[4] == "-" and value[7] == "-":
        try:
            return format_date(date.fromisoformat(value))
        except ValueError:
            return value
    if entry.entity == "value" and entry.field == "value" and action is not None:
        indicator_id, _ = split_value_key(entry.entity_key)
        kind = next((i.kind for i in action.indicators if i.id == indicator_id), "texte")
        return format_value(kind, str(value))
    if entry.field == "avancement":
        return f"{value} %"
    return str(value)


def element(entry: JournalEntry, action: Action | None) -> str:
    if entry.entity == "action":
        return "fiche"
    if entry.entity == "step":
        number = next((s.number for s in action.steps if str(s.id) == entry.entity_key), None) if action else None
        return f"étape {number}" if number else "étape (supprimée)"
    indicator_key = entry.entity_key.split(":", 1)[0]
    number = next((i.number for i in action.indicators if str(i.id) == indicator_key), None) if action else None
    name = f"indicateur {number}" if number else "indicateur (supprimé)"
    if entry.entity == "value":
        return f"{name} · {entry.entity_key.split(':', 1)[1]}"
    return name


class HistoryModel(QAbstractTableModel):
    def __init__(self, parent=None) -> None:  # type: ignore[no-untyped-def]
        super().__init__(parent)
        self.rows: list[tuple[str, ...]] = []

    def set_entries(self, entries: list[JournalEntry], action: Action | None) -> None:
        self.beginResetModel()
        self.rows = [
            (
                entry.at.strftime("%d/%m/%Y %H:%M"), who_made(entry.user, entry.author), element(entry, action),
                "création / suppression" if entry.field == STRUCTURE_FIELD else field_label(entry.entity, entry.field),
                readable(entry, entry.old, action), readable(entry, entry.new, action), entry.origin,
            )
            for entry in entries
        ]
        self.endResetModel()

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = ROOT) -> int:
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = ROOT) -> int:
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.DisplayRole) -> Any:
        if role == Qt.DisplayRole and orientation == Qt.Horizontal:
            return COLUMNS[section]
        return None

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.DisplayRole) -> Any:
        if not index.isValid():
            return None
        if role in (Qt.DisplayRole, Qt.ToolTipRole, Qt.AccessibleTextRole):
            return self.rows[index.row()][index.column()]
        return None


class HistoryTab(QWidget):
    def __init__(self, db: Database, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.db = db
        self.model = HistoryModel(self)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setAccessibleName("Journal des modifications de la fiche")
        self.table.setSelectionBehavior(QAbstractItemView.SelectRows)
        self.table.setEditTriggers(QAbstractItemView.NoEditTriggers)
        self.table.setWordWrap(True)
        self.table.verticalHeader().setVisible(False)
        header = self.table.horizontalHeader()
        for column, width in enumerate((115, 110, 120, 120, 150, 150)):
            self.table.setColumnWidth(column, width)
        header.setStretchLastSection(True)
        header.setSectionResizeMode(QHeaderView.Interactive)
        self.empty = QLabel("Aucune modification enregistrée pour cette fiche.")
        layout = QVBoxLayout(self)
        layout.addWidget(self.empty)
        layout.addWidget(self.table, 1)
        self.setFocusProxy(self.table)  # Alt+5, or clicking the tab, puts the keyboard in the journal

    def show_action(self, action: Action) -> None:
        entries = readmodel.journal_for_action(self.db.path, action.id)
        self.model.set_entries(entries, action)
        self.empty.setVisible(not entries)
