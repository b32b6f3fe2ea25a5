"""What the screens and dialogs may use of the main window: `MainWindowApi`, checked by mypy.

The feature modules (exchange, print, dashboard, common dialogs) receive the main window typed as
`MainWindowWidget` — a QMainWindow offering this Protocol — never `Any`: a dialog that reaches for something the
window does not offer fails `make lint` (mypy). MainWindow derives from MainWindowWidget, so mypy also checks
that it keeps the promise. (A Protocol alone cannot also be the QWidget that Qt wants as a dialog's parent.)
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import TYPE_CHECKING, Protocol

from PySide6.QtCore import SignalInstance
from PySide6.QtGui import QAction, QUndoStack
from PySide6.QtWidgets import QMainWindow, QMenu

if TYPE_CHECKING:
    from sdus_desktop.ops.changes import OpChanges
    from sdus_desktop.store.database import Database
    from sdus_desktop.store.services import Services
    from sdus_desktop.ui.common.settings import Settings
    from sdus_desktop.ui.common.undo import Editor
    from sdus_desktop.ui.fiche.fiche_view import FicheView
    from sdus_desktop.ui.navigation.catalogue import Catalogue
    from sdus_desktop.ui.navigation.navigation_panel import NavigationPanel


class MainWindowApi(Protocol):
    db: Database
    settings: Settings
    catalogue: Catalogue
    editor: Editor            # the one door for writes (ops), with undo
    undo_stack: QUndoStack
    menus: dict[str, QMenu]   # "fichier", "edition", "affichage", "outils", "aide"
    navigation: NavigationPanel
    fiche_view: FicheView
    today: Callable[[], date]
    # menu actions the feature modules install (declared on MainWindow too)
    export_workbook_action: QAction
    import_workbooks_action: QAction
    conflicts_action: QAction
    comite_workbook_action: QAction
    print_fiche_action: QAction
    print_printer_action: QAction
    print_dossier_action: QAction
    plans_action: QAction
    show_closed_action: QAction
    backups_action: QAction
    check_action: QAction
    undo_import_action: QAction
    campaign_action: QAction
    collection_action: QAction
    import_history_action: QAction
    snapshots_action: QAction

    @property
    def changed(self) -> SignalInstance:
        """Every operation's OpChanges once saved: connect views with ui.common.undo.follow_changes."""

    @property
    def services(self) -> Services: ...

    @property
    def user(self) -> str: ...

    def publish(self, changes: OpChanges) -> None: ...

    def show_status(self, text: str) -> None: ...

    def open_action(self, action_id: int, tab: str | None = None, row: int = -1) -> None: ...

    def current_action_id(self) -> int | None: ...

    def current_plan_code(self) -> str | None: ...

    def selected_action_ids(self) -> list[int]: ...


if TYPE_CHECKING:
    class MainWindowWidget(QMainWindow, MainWindowApi):
        """The main window as the dialogs see it (for type checking only)."""
else:
    MainWindowWidget = QMainWindow
