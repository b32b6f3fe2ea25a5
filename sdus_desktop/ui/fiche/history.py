"""« Historique » tab: the change journal of the fiche, newest first."""

from __future__ import annotations

from datetime import date
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QLabel,
    QPlainTextEdit,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from sdus_desktop.core.attribution import who_made
from sdus_desktop.core.field_values import format_field
from sdus_desktop.core.fields import STRUCTURE_FIELD, field_label
from sdus_desktop.core.indicator_targets import format_target
from sdus_desktop.core.indicators import format_value
from sdus_desktop.core.statuses import ActionStatus, StepStatus
from sdus_desktop.core.validation import format_date
from sdus_desktop.store import readmodel
from sdus_desktop.store.changes import decode, split_value_key
from sdus_desktop.store.database import Database
from sdus_desktop.store.readmodel import Action, JournalEntry
from sdus_desktop.ui.common.widgets import ColumnStretcher, plain_tooltip

ROOT = QModelIndex()  # the invisible root: default parent of rowCount/columnCount
COLUMNS = ("Quand", "Qui", "Élément", "Champ", "Avant", "Après", "Origine")


def readable(entry: JournalEntry, raw: str | None, action: Action | None) -> str:
    """A journal value as the user typed/sees it: dates dd/mm/yyyy, status labels, lists joined."""
    value = decode(raw)
    if value is None or value == "":
        return "—"
    if entry.entity == "note":   # « 12/03/2026 · Marie Dupont : texte », « comité n° 3 »…
        return format_field("note", entry.field, value)
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
    if entry.entity == "target" and entry.field == "value" and action is not None:
        indicator_id, _ = split_value_key(entry.entity_key)
        kind = next((i.kind for i in action.indicators if i.id == indicator_id), "nombre")
        return format_target(kind, value)
    if entry.field == "avancement":
        return f"{value} %"
    return str(value)


def element(entry: JournalEntry, action: Action | None) -> str:
    if entry.entity == "action":
        return "fiche"
    if entry.entity == "note":
        return "note de suivi"
    if entry.entity == "step":
        number = next((s.number for s in action.steps if str(s.id) == entry.entity_key), None) if action else None
        return f"étape {number}" if number else "étape (supprimée)"
    indicator_key = entry.entity_key.split(":", 1)[0]
    number = next((i.number for i in action.indicators if str(i.id) == indicator_key), None) if action else None
    name = f"indicateur {number}" if number else "indicateur (supprimé)"
    if entry.entity == "value":
        return f"{name} · {entry.entity_key.split(':', 1)[1]}"
    if entry.entity == "target":
        return f"{name} · cible {entry.entity_key.split(':', 1)[1]}"
    return name


def _structure_text(entry: JournalEntry) -> str:
    if entry.entity != "note":
        return "création / suppression"
    return "note retirée" if entry.new is None else ("note ajoutée" if entry.old is None else "note modifiée")


class HistoryModel(QAbstractTableModel):
    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.rows: list[tuple[str, ...]] = []

    def set_entries(self, entries: list[JournalEntry], action: Action | None) -> None:
        self.beginResetModel()
        self.rows = [
            (
                entry.at.strftime("%d/%m/%Y %H:%M"), who_made(entry.user, entry.author), element(entry, action),
                _structure_text(entry) if entry.field == STRUCTURE_FIELD else field_label(entry.entity, entry.field),
                readable(entry, entry.old, action), readable(entry, entry.new, action), entry.origin,
            )
            for entry in entries
        ]
        self.endResetModel()

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = ROOT) -> int:
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = ROOT) -> int:
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return COLUMNS[section]
        return None

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        text = self.rows[index.row()][index.column()]
        if role == Qt.ItemDataRole.DisplayRole:
            return text if len(text) <= CELL_LIMIT else text[: CELL_LIMIT - 1].rstrip() + "… (suite en bas)"
        if role in (Qt.ItemDataRole.ToolTipRole, Qt.ItemDataRole.AccessibleTextRole):
            return plain_tooltip(text) if role == Qt.ItemDataRole.ToolTipRole else text
        return None


# Quand, Qui, Élément, Champ keep these widths; Avant, Après and Origine share the rest (never below their
# minimum: the table then scrolls). At 1024 px every column stays readable; long values wrap on a few lines
# and the selected row is shown whole below the table.
FIXED_WIDTHS = (0, 92, 86, 92)  # Quand: the width of a date (its time wraps below), from the font
STRETCH_MINIMUMS = {4: 80, 5: 80, 6: 84}
CELL_LIMIT = 160  # characters shown in a cell; the detail pane shows the whole value


class HistoryTab(QWidget):
    def __init__(self, db: Database, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.db = db
        self.model = HistoryModel(self)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setAccessibleName("Journal des modifications de la fiche")
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setWordWrap(True)
        self.table.verticalHeader().setVisible(False)
        self.table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        when_width = self.table.fontMetrics().horizontalAdvance("30/11/2026") + 16
        for column, width in enumerate(FIXED_WIDTHS):
            self.table.setColumnWidth(column, when_width if column == 0 else width)
        self.stretcher = ColumnStretcher(self.table, STRETCH_MINIMUMS)
        self.detail = QPlainTextEdit()
        self.detail.setReadOnly(True)
        self.detail.setAccessibleName("Détail de la modification sélectionnée")
        self.detail.setPlaceholderText("Sélectionnez une ligne pour lire les valeurs avant et après en entier.")
        self.detail.setMaximumHeight(140)
        self.table.selectionModel().currentRowChanged.connect(self._show_detail)
        self.empty = QLabel("Aucune modification enregistrée pour cette fiche.")
        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(self.table)
        splitter.addWidget(self.detail)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 1)
        splitter.setChildrenCollapsible(False)
        layout = QVBoxLayout(self)
        layout.addWidget(self.empty)
        layout.addWidget(splitter, 1)
        self.setFocusProxy(self.table)  # Alt+5, or clicking the tab, puts the keyboard in the journal

    def show_action(self, action: Action) -> None:
        entries = readmodel.journal_for_action(self.db.path, action.id)
        self.model.set_entries(entries, action)
        self.empty.setVisible(not entries)
        self.detail.clear()

    def _show_detail(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if not current.isValid():
            self.detail.clear()
            return
        row = self.model.rows[current.row()]
        when, who, what, field_name, old, new, origin = row
        self.detail.setPlainText(f"{when} · {who} · {what} · {field_name} · {origin}\n\nAvant :\n{old}\n\n"
                                 f"Après :\n{new}")
