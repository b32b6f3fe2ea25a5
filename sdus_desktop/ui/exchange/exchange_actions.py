"""Fichier menu entries of the Excel exchange: export for référents, import, conflicts, comité workbook.

Dialogs (and openpyxl behind them) are imported when an entry is used, never at start-up.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtGui import QAction
from PySide6.QtWidgets import QFileDialog

from sdus_desktop.ui.common.actions import make_action

if TYPE_CHECKING:
    from sdus_desktop.ui.common.window_protocol import MainWindowWidget


def install(window: MainWindowWidget) -> None:
    """Add the exchange actions to window.menus["fichier"]; called once by MainWindow.__init__ (which then
    adds « Quitter » last). Mnemonics are unique in the menu (I: Imprimer, m: Importer, p: imprimante)."""
    menu = window.menus["fichier"]

    def add(text: str, slot: Callable[[], object], shortcut: str | None, accessible: str) -> QAction:
        action = make_action(window, text, slot, shortcut, accessible)
        menu.addAction(action)
        return action

    menu.addSeparator()
    window.export_workbook_action = add(
        "&Exporter un classeur pour les référents…", lambda: open_export_dialog(window), "Ctrl+E",
        "Exporter un classeur Excel à faire remplir par les référents")
    window.import_workbooks_action = add(
        "I&mporter des classeurs…", lambda: choose_and_import(window), "Ctrl+I",
        "Importer des classeurs Excel remplis par les référents")
    window.conflicts_action = add(
        "Conflits à &arbitrer…", lambda: open_conflicts_dialog(window), None,
        "Arbitrer les cellules modifiées à la fois dans la base et dans un classeur")
    window.comite_workbook_action = add(
        "&Classeur du comité de suivi…", lambda: open_comite_dialog(window), None,
        "Produire le classeur Excel du comité de suivi")
    window.snapshots_action = add(  # figer l'état pour un comité, comparer deux comités (ui/snapshots_dialog)
        "Comités &figés…", lambda: _snapshots(window), None,
        "Figer l'état pour un comité de suivi et comparer deux comités")
    menu.addSeparator()


def _snapshots(window: MainWindowWidget) -> Any:
    from sdus_desktop.ui.dashboard.snapshots_dialog import open_snapshots_dialog

    return open_snapshots_dialog(window)


def open_export_dialog(window: MainWindowWidget) -> Any:
    from sdus_desktop.ui.exchange.export_workbook_dialog import ExportWorkbookDialog

    dialog = ExportWorkbookDialog(window)
    dialog.exec()
    return dialog


def open_comite_dialog(window: MainWindowWidget) -> Any:
    from sdus_desktop.ui.exchange.export_workbook_dialog import ComiteWorkbookDialog

    dialog = ComiteWorkbookDialog(window)
    dialog.exec()
    return dialog


def choose_files(window: MainWindowWidget) -> list[Path]:
    """Ask for the workbooks to import (tests replace this)."""
    names, _filter = QFileDialog.getOpenFileNames(
        window, "Importer des classeurs", str(window.settings.value("import_folder")),
        "Classeurs Excel (*.xlsx);;Tous les fichiers (*)")
    return [Path(name) for name in names]


def choose_and_import(window: MainWindowWidget) -> Any:
    files = choose_files(window)
    if not files:
        return None
    window.settings.set_value("import_folder", str(files[0].parent))
    from sdus_desktop.core.progress import Cancelled
    from sdus_desktop.ui.exchange.import_dialog import ImportDialog

    try:
        dialog = ImportDialog(window, files)   # the preview runs in a worker thread (« Annuler »)
    except Cancelled:
        window.show_status("Import annulé : les classeurs n'ont pas été lus, rien n'a été modifié.")
        return None
    dialog.exec()
    return dialog


def open_conflicts_dialog(window: MainWindowWidget) -> Any:
    from sdus_desktop.ui.exchange.conflicts_dialog import ConflictsDialog

    dialog = ConflictsDialog(window)
    dialog.exec()
    return dialog
