"""« Historique des imports »: every workbook imported (and every return refused) — date, file, author, who
imported it, its collection, changes applied, conflicts (still to decide) and state; filtered by typing.

Data: store.campaigns.import_history (import_record, import_refusal, conflict and campaign tables)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
)

from sdus_desktop.core.text import fold
from sdus_desktop.ui.common.screen_fit import resize_within_screen

if TYPE_CHECKING:
    from sdus_desktop.ui.common.window_protocol import MainWindowWidget

COLUMNS = ("Date", "Fichier", "Auteur", "Importé par", "Collecte", "Modif.", "Conflits", "En attente", "État")
TITLE = "Historique des imports"


def open_import_history(window: MainWindowWidget) -> ImportHistoryDialog:
    dialog = ImportHistoryDialog(window)
    dialog.open()
    return dialog


class ImportHistoryDialog(QDialog):
    def __init__(self, window: MainWindowWidget) -> None:
        from sdus_desktop.store import campaigns

        super().__init__(window)
        self.setWindowTitle(TITLE)
        self.setAccessibleName(TITLE)
        self.rows = campaigns.import_history(window.db)
        self.filter = QLineEdit()
        self.filter.setAccessibleName("Filtrer les imports (fichier, auteur, collecte, état)")
        self.filter.setPlaceholderText("fichier, personne, collecte…")
        self.filter.setClearButtonEnabled(True)
        filter_label = QLabel("&Filtrer :")
        filter_label.setBuddy(self.filter)
        self.count = QLabel()
        self.table = QTableWidget(0, len(COLUMNS))
        self.table.setHorizontalHeaderLabels(list(COLUMNS))
        self.table.setAccessibleName("Imports, du plus récent au plus ancien")
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setTabKeyNavigation(False)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.setWordWrap(False)
        for column, width in enumerate((122, 150, 105, 105, 120, 50, 58, 72)):
            self.table.setColumnWidth(column, width)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.button(QDialogButtonBox.StandardButton.Close).setText("Fermer")
        buttons.rejected.connect(self.reject)
        top = QHBoxLayout()
        top.addWidget(filter_label)
        top.addWidget(self.filter, 1)
        top.addWidget(self.count)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.table, 1)
        if not self.rows:
            empty = QLabel("Aucun classeur n'a encore été importé (Fichier › Importer des classeurs…).")
            empty.setWordWrap(True)
            layout.addWidget(empty)
        layout.addWidget(buttons)
        self.filter.textChanged.connect(self.show_rows)
        resize_within_screen(self, 980, 520)
        self.show_rows()
        self.filter.setFocus()

    def shown_rows(self) -> list[Any]:
        wanted = fold(self.filter.text())
        return [row for row in self.rows if not wanted or wanted in fold(" ".join(
            (row.file_name, row.author, row.user, row.campaign, row.state)))]

    def show_rows(self) -> None:
        rows = self.shown_rows()
        self.table.setRowCount(len(rows))
        for index, row in enumerate(rows):
            state = row.state + (f" — rapport : {row.report_path}" if row.report_path else "")
            values = (f"{row.at:%d/%m/%Y %H:%M}", row.file_name, row.author or "—", row.user or "—",
                      row.campaign or "—", str(row.applied), str(row.conflicts), str(row.conflicts_pending), state)
            for column, value in enumerate(values):
                cell = QTableWidgetItem(value)
                cell.setToolTip(value)
                if column in (5, 6, 7):
                    cell.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                self.table.setItem(index, column, cell)
        self.count.setText(f"{len(rows)} import(s) sur {len(self.rows)}")
