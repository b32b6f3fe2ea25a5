"""« Sauvegardes » (Fichier menu): the verified copies of the base — date, reason, size, state — and
« Restaurer… » after confirmation (the current state is backed up first); « Vérifier la base » on demand."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
)

from sdus_desktop.store.engine import DriverError
from sdus_desktop.ui.common import messages
from sdus_desktop.ui.common.actions import make_action
from sdus_desktop.ui.common.screen_fit import resize_within_screen

if TYPE_CHECKING:
    from sdus_desktop.ui.common.window_protocol import MainWindowWidget


def install(window: MainWindowWidget) -> None:
    """Add « Annuler un import… », « Sauvegardes… » and « Vérifier la base » to the Fichier menu."""
    menu = window.menus["fichier"]
    window.backups_action = make_action(window, "Sau&vegardes…", lambda: open_backups_dialog(window), None,
                                        "Voir les sauvegardes de la base et en restaurer une")
    window.check_action = make_action(window, "Vérifier la &base", lambda: check_database(window),
                                      None, "Vérifier que la base de données n'est pas endommagée")
    window.undo_import_action = make_action(window, "Annuler un imp&ort…", lambda: _undo_an_import(window), None,
                                            "Annuler en une fois un import de classeur")
    menu.addAction(window.undo_import_action)
    menu.addAction(window.backups_action)
    menu.addAction(window.check_action)


def _undo_an_import(window: MainWindowWidget) -> Any:
    from sdus_desktop.ui.exchange.undo_import import undo_an_import

    return undo_an_import(window)


def open_backups_dialog(window: MainWindowWidget) -> BackupsDialog:
    dialog = BackupsDialog(window)
    dialog.exec()
    return dialog


def check_database(window: MainWindowWidget) -> str | None:
    """PRAGMA integrity_check; says the result in French. Returns the damage found, or None."""
    from sdus_desktop.store.backup import quick_check

    damage = quick_check(window.db.path, full=True)
    if damage is None:
        messages.information(window, "Vérification de la base", f"La base « {window.db.path} » est intacte.")
    else:
        messages.error(window, "Vérification de la base",
                       f"La base est endommagée ({damage}). Ne la modifiez plus : ouvrez « Fichier › Sauvegardes… » "
                       "et restaurez la dernière sauvegarde vérifiée.")
    return damage


class BackupsDialog(QDialog):
    def __init__(self, window: MainWindowWidget) -> None:
        super().__init__(window)
        from sdus_desktop.store.locations import backups_dir

        self.window_ = window
        self.setWindowTitle("Sauvegardes de la base")
        resize_within_screen(self, 760, 420)
        self.table = QTableWidget(0, 4)
        self.table.setAccessibleName("Sauvegardes : date, motif, taille, état")
        self.table.setHorizontalHeaderLabels(["Date", "Motif", "Taille", "État"])
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.restore_button = buttons.addButton("&Restaurer…", QDialogButtonBox.ButtonRole.ActionRole)
        self.restore_button.setAccessibleName("Restaurer la sauvegarde choisie")
        self.backup_button = buttons.addButton("&Sauvegarder maintenant", QDialogButtonBox.ButtonRole.ActionRole)
        self.backup_button.setAccessibleName("Faire une sauvegarde maintenant")
        self.restore_button.clicked.connect(self.restore_selected)
        self.backup_button.clicked.connect(self.backup_now)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        intro = QLabel(f"Copies vérifiées de la base, dans « {backups_dir(window.db.path)} ». Restaurer remplace la "
                       "base par la copie choisie ; l'état actuel est d'abord sauvegardé.")
        intro.setWordWrap(True)
        layout.addWidget(intro)
        layout.addWidget(self.table, 1)
        layout.addWidget(buttons)
        self.refresh()

    def refresh(self) -> None:
        from sdus_desktop.store.backup import list_backups

        self.backups = list_backups(self.window_.db.path)
        self.table.setRowCount(len(self.backups))
        for row, info in enumerate(self.backups):
            verified = info.verified()
            texts = [f"{info.made_at:%d/%m/%Y %H:%M:%S}", info.reason_text, f"{info.size / 1e6:.1f} Mo",
                     "vérifiée" if verified else "illisible (ne pas restaurer)"]
            for column, text in enumerate(texts):
                self.table.setItem(row, column, QTableWidgetItem(text))
        if self.backups:
            self.table.selectRow(0)
        self.restore_button.setEnabled(bool(self.backups) and self.window_.db.read_only is None)

    def backup_now(self) -> None:
        from sdus_desktop.store.backup import BackupError

        try:
            path = self.window_.db.backup("manuelle")
        except (BackupError, OSError, DriverError) as error:
            messages.error(self, self.windowTitle(), f"Sauvegarde impossible : {error}")
            return
        self.refresh()
        self.window_.show_status(f"Sauvegarde faite : {path.name}")

    def restore_selected(self) -> bool:
        from sdus_desktop.ops.changes import OpChanges
        from sdus_desktop.store.backup import BackupError, restore_backup

        rows = self.table.selectionModel().selectedRows()
        if not rows or self.window_.db.read_only is not None:
            return False
        info = self.backups[rows[0].row()]
        if not messages.confirm(self, "Restaurer une sauvegarde",
                                f"Remplacer la base par la sauvegarde du {info.made_at:%d/%m/%Y à %H:%M} "
                                f"({info.reason_text}) ?\n\nL'état actuel est d'abord sauvegardé : vous pourrez y "
                                "revenir depuis cette même liste."):
            return False
        try:
            restore_backup(self.window_.db.path, info.path)
        except (BackupError, OSError, DriverError) as error:
            messages.error(self, self.windowTitle(), f"Restauration impossible : {error}. La base n'a pas été modifiée.")
            return False
        self.window_.undo_stack.clear()   # the edits it holds belong to the state just replaced
        self.window_.publish(OpChanges.everything())
        self.window_.show_status(f"Sauvegarde du {info.made_at:%d/%m/%Y à %H:%M} restaurée.")
        self.refresh()
        return True
