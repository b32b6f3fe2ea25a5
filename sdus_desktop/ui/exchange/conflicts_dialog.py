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
    QPlainTextEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
)

from sdus_desktop.ui.common import messages
from sdus_desktop.ui.common.widgets import plain_tooltip

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
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Stretch)  # the values to compare share the width
        for column in (0, len(HEADERS) - 1):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        self.table.setWordWrap(True)
        self.table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.verticalHeader().setVisible(False)
        self.table.setSelectionBehavior(QAbstractItemView.SelectRows)
        self.table.setEditTriggers(QAbstractItemView.NoEditTriggers)
        # Both values in full for the selected row (long bilans do not fit a cell; tooltips need a mouse).
        self.detail = QPlainTextEdit()
        self.detail.setReadOnly(True)
        self.detail.setAccessibleName("Détail du conflit sélectionné")
        self.detail.setMaximumHeight(140)
        self.table.currentCellChanged.connect(lambda row, *_: self.show_detail(row))
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
        layout.addWidget(self.detail)
        layout.addWidget(self.empty)
        layout.addWidget(buttons)
        self.conflicts: list[Any] = []
        self.reload()

    def reload(self) -> None:
        from sdus_desktop.exchange.conflicts import open_conflicts

        self.conflicts = open_conflicts(self.window_.db)
        self.table.setRowCount(len(self.conflicts))
        for row, conflict in enumerate(self.conflicts):
            source = conflict.origin.split(" (export ", 1)[0]  # the export id is in the detail pane
            texts = [str(conflict.id), conflict.where, conflict.current, conflict.theirs, conflict.base,
                     f"{source}\n{conflict.created_at:%d/%m/%Y %H:%M}"]
            for column, text in enumerate(texts):
                item = QTableWidgetItem(text)
                item.setToolTip(plain_tooltip(text))
                self.table.setItem(row, column, item)
        self.empty.setVisible(not self.conflicts)
        self.detail.setVisible(bool(self.conflicts))
        if self.conflicts:
            self.table.setCurrentCell(0, 1)
        self.show_detail(self.table.currentRow())
        for button in (self.keep_button, self.take_button):
            button.setEnabled(bool(self.conflicts))

    def show_detail(self, row: int) -> None:
        if not 0 <= row < len(self.conflicts):
            self.detail.setPlainText("")
            return
        conflict = self.conflicts[row]
        self.detail.setPlainText(
            f"{conflict.where}\nBase de données : {conflict.current}\nClasseur : {conflict.theirs}\n"
            f"À l'export : {conflict.base}\nOrigine : {conflict.origin}, le {conflict.created_at:%d/%m/%Y à %H:%M}")

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
