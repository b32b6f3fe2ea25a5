"""The "Conflits à arbitrer" queue: for each cell changed in the database and in a workbook, keep the
database value or take the workbook's."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
)

from sdus_desktop.ui import messages
from sdus_desktop.ui.widgets import plain_tooltip

HEADERS = ["N°", "Élément", "Base de données", "Classeur", "À l'export", "Origine"]


class ConflictsDialog(QDialog):
    def __init__(self, window: Any) -> None:
        super().__init__(window)
        self.window_ = window
        self.setWindowTitle("Conflits à arbitrer")
        self.resize(1100, 500)
        self.table = QTableWidget(0, len(HEADERS))
        self.table.setAccessibleName("Conflits à arbitrer")
        self.table.setHorizontalHeaderLabels(HEADERS)
        self.table.horizontalHeader().setSectionResizeMode(1, QHeaderView.Stretch)
        self.table.setSelectionBehavior(QAbstractItemView.SelectRows)
        self.table.setEditTriggers(QAbstractItemView.NoEditTriggers)
        self.empty = QLabel("Aucun conflit à arbitrer.")
        self.keep_button = QPushButton("&Garder la valeur de la base")
        self.keep_button.setAccessibleName("Garder la valeur de la base pour les conflits sélectionnés")
        self.take_button = QPushButton("&Prendre la valeur du classeur")
        self.take_button.setAccessibleName("Prendre la valeur du classeur pour les conflits sélectionnés")
        buttons = QDialogButtonBox(QDialogButtonBox.Close)
        buttons.addButton(self.keep_button, QDialogButtonBox.ActionRole)
        buttons.addButton(self.take_button, QDialogButtonBox.ActionRole)
        buttons.rejected.connect(self.reject)
        self.keep_button.clicked.connect(lambda: self.resolve_selected("mine"))
        self.take_button.clicked.connect(lambda: self.resolve_selected("theirs"))
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel("Ces cellules ont été modifiées à la fois dans la base et dans un classeur renvoyé. "
                                "Sélectionnez des lignes, puis choisissez la valeur à garder."))
        layout.addWidget(self.table, 1)
        layout.addWidget(self.empty)
        layout.addWidget(buttons)
        self.conflicts: list[Any] = []
        self.reload()

    def reload(self) -> None:
        from sdus_desktop.exchange.conflicts import open_conflicts

        self.conflicts = open_conflicts(self.window_.db)
        self.table.setRowCount(len(self.conflicts))
        for row, conflict in enumerate(self.conflicts):
            texts = [str(conflict.id), conflict.where, conflict.current, conflict.theirs, conflict.base,
                     f"{conflict.origin} — {conflict.created_at:%d/%m/%Y %H:%M}"]
            for column, text in enumerate(texts):
                item = QTableWidgetItem(text)
                item.setToolTip(plain_tooltip(text))
                self.table.setItem(row, column, item)
        self.empty.setVisible(not self.conflicts)
        for button in (self.keep_button, self.take_button):
            button.setEnabled(bool(self.conflicts))

    def select_rows(self, rows: list[int]) -> None:
        self.table.clearSelection()
        from PySide6.QtCore import QItemSelectionModel

        for row in rows:
            index = self.table.model().index(row, 0)
            self.table.selectionModel().select(index, QItemSelectionModel.Select | QItemSelectionModel.Rows)

    def resolve_selected(self, choice: str) -> int:
        from sdus_desktop.exchange.conflicts import ConflictError, resolve
        from sdus_desktop.store.services import EditError

        rows = sorted({index.row() for index in self.table.selectionModel().selectedRows()})
        if not rows:
            messages.warn(self, self.windowTitle(), "Sélectionnez d'abord un ou plusieurs conflits dans la liste.")
            return 0
        ids = [self.conflicts[row].id for row in rows]
        try:
            changes = resolve(self.window_.db, str(self.window_.settings.value("user_name")), ids, choice)
        except (ConflictError, EditError) as error:
            messages.warn(self, self.windowTitle(), f"Arbitrage impossible : {error}")
            return 0
        self.window_.notify_changed(changes)
        what = "valeur de la base gardée" if choice == "mine" else "valeur du classeur appliquée"
        self.window_.show_status(f"{len(ids)} conflit(s) arbitré(s) : {what}.")
        self.reload()
        return len(ids)
