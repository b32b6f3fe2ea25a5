"""The main window: navigation on the left, the fiche (or the tableau de bord) on the right, menus, undo.

Start-up reads through the plain-SQL read model; the write side (store.services, SQLAlchemy) is
imported shortly after the window is shown (WARM_UP_DELAY_MS) or on the first write, whichever comes
first. The Tableau de bord is built the first time it is shown.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from functools import partial
from typing import TYPE_CHECKING

from PySide6.QtCore import QByteArray, QSize, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QCloseEvent, QGuiApplication, QKeySequence, QShowEvent, QUndoStack
from PySide6.QtWidgets import QSplitter, QStackedWidget, QWidget

from sdus_desktop import APP_NAME, __version__
from sdus_desktop.ops.changes import OpChanges
from sdus_desktop.store.changes import ChangeSet
from sdus_desktop.store.database import Database
from sdus_desktop.ui.common import backups_dialog, messages
from sdus_desktop.ui.common.actions import make_action
from sdus_desktop.ui.common.settings import Settings
from sdus_desktop.ui.common.undo import Editor
from sdus_desktop.ui.common.widgets import plain_label
from sdus_desktop.ui.common.window_protocol import MainWindowWidget
from sdus_desktop.ui.exchange import campaign_dialog, exchange_actions, plans_dialog
from sdus_desktop.ui.fiche.fiche_view import FicheView
from sdus_desktop.ui.navigation.catalogue import Catalogue
from sdus_desktop.ui.navigation.navigation import NavigationModel
from sdus_desktop.ui.navigation.navigation_panel import NavigationPanel
from sdus_desktop.ui.print import print_actions

if TYPE_CHECKING:
    from sdus_desktop.store.services import Services
    from sdus_desktop.ui.dashboard.dashboard import DashboardPage

MENU_TITLES = {"fichier": "&Fichier", "edition": "É&dition", "affichage": "&Affichage", "outils": "&Outils",
               "aide": "A&ide"}
DEFAULT_SIZE = QSize(1366, 740)
WARM_UP_DELAY_MS = 400  # after the first show: load the write side while the user looks at the window


class MainWindow(MainWindowWidget):
    changed = Signal(object)
    """Every operation's OpChanges (ops.changes), once saved: the views refresh from it (the tree, the fiche
    and its history, the tableau de bord here; the conflicts, collection, import history and comités dialogs
    connect to it while open). Emitted by publish(), which the editor (ui.common.undo) calls."""

    def __init__(self, db: Database, settings: Settings, today: Callable[[], date] = date.today) -> None:
        super().__init__()
        self.db = db
        self.settings = settings
        self.today = today
        self._user = str(settings.value("user_name"))
        self._services: Services | None = None
        self._warm_up_scheduled = False
        self.undo_stack = QUndoStack(self)
        self.editor = Editor(lambda: self.services, self.undo_stack, self, self,
                             central=lambda: self.settings.central_mode)
        self.catalogue = Catalogue(db)
        self.setWindowTitle(APP_NAME)
        self.setAccessibleName(APP_NAME)

        self.navigation_model = NavigationModel(self.catalogue, today(), self._grace_days(), self)
        self.navigation = NavigationPanel(self.navigation_model, self.catalogue)
        self.fiche_view = FicheView(db, self.catalogue, self.editor)
        self._dashboard: DashboardPage | None = None
        self._dashboard_dirty = True
        self.pages = QStackedWidget()
        self.pages.addWidget(self.fiche_view)
        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.addWidget(self.navigation)
        self.splitter.addWidget(self.pages)
        self.splitter.setStretchFactor(0, 2)
        self.splitter.setStretchFactor(1, 3)
        self.splitter.setSizes([500, 866])
        self.splitter.setChildrenCollapsible(False)
        self.setCentralWidget(self.splitter)

        self.mode_label = plain_label()
        self.mode_label.setAccessibleName("Mode et utilisateur")
        self.statusBar().addPermanentWidget(self.mode_label)
        self.menus = {key: self.menuBar().addMenu(title) for key, title in MENU_TITLES.items()}
        self._build_actions()
        self.apply_settings()
        self.navigation.action_selected.connect(self.open_action)
        self.changed.connect(self._show_changes)
        self._restore_geometry()
        self.show_status("Prêt. Les modifications sont enregistrées au fur et à mesure.")
        exchange_actions.install(self)
        print_actions.install(self)
        backups_dialog.install(self)
        plans_dialog.install(self)
        campaign_dialog.install(self)
        self.menus["fichier"].addSeparator()
        self.quit_action = self._action("fichier", "&Quitter", self.close, QKeySequence("Ctrl+Q"))  # always last

    # -- lazily built parts ---------------------------------------------------------------------
    @property
    def services(self) -> Services:
        """The write side; importing it loads SQLAlchemy, so it is made on first use (or by the warm-up)."""
        if self._services is None:
            from sdus_desktop.store.services import Services

            self._services = Services(self.db, self._user)
        return self._services

    @property
    def dashboard(self) -> DashboardPage:
        """The Tableau de bord page, built the first time it is needed."""
        if self._dashboard is None:
            from sdus_desktop.ui.dashboard.dashboard import DashboardPage

            self._dashboard = DashboardPage(self.catalogue)
            self._dashboard.open_action.connect(self.open_action)
            # Shown with the tree hidden (the whole width): its minimum must not widen the fiche's side
            # of the window (a stacked widget is as wide as its widest page).
            self._dashboard.setMinimumSize(1, 1)
            self.pages.addWidget(self._dashboard)
        return self._dashboard

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if not self._warm_up_scheduled:
            self.fit_to_screen()  # again, now that the frame (title bar, borders) is known
            self._warm_up_scheduled = True
            QTimer.singleShot(WARM_UP_DELAY_MS, self.warm_up)

    def warm_up(self) -> None:
        """Load the write side (SQLAlchemy, models, engine) so that the first edit is immediate."""
        _ = self.services, self.db.engine

    # -- the contract shared with the exchange and printing features --------------------------
    def current_action_id(self) -> int | None:
        return self.fiche_view.action_id

    def current_plan_code(self) -> str | None:
        action_id = self.current_action_id()
        if action_id is not None:
            return self.catalogue.plan_of[action_id].code
        return self.navigation.plan.currentData() or None

    def selected_action_ids(self) -> list[int]:
        return self.navigation.visible_action_ids()

    @property
    def user(self) -> str:
        """Who is at work (Paramètres), as written in the journal."""
        return self._user

    def publish(self, changes: OpChanges) -> None:
        """An operation was saved (through the editor): tell every view (the `changed` signal)."""
        self.changed.emit(changes)

    def notify_changed(self, changeset: ChangeSet, undoable: bool = False) -> None:
        """A ChangeSet written outside an operation: through the editor's door (undo recorded if asked)."""
        self.editor.done(OpChanges.of(changeset, undoable=undoable), "modification importée")

    def show_status(self, text: str) -> None:
        self.statusBar().showMessage(text, 8000)

    # -- views ----------------------------------------------------------------------------------
    def open_action(self, action_id: int, tab: str | None = None, row: int = -1) -> None:
        """Show this fiche (on `tab`: "document", "suivi", "steps", "indicators", "history" when given, with
        its `row` selected, e.g. the late étape); the tree highlights it, or nothing when its filters hide it
        (never another fiche)."""
        self.show_fiche()
        if self.fiche_view.action_id != action_id:
            self.fiche_view.show_action(action_id)
        self.navigation.select_action(action_id)
        if tab is not None:
            widget = getattr(self.fiche_view, tab)
            self._show_tab(widget)
            table = getattr(widget, "table", None)
            if row >= 0 and table is not None and row < table.model().rowCount():
                table.setCurrentIndex(table.model().index(row, 1))

    def _show_changes(self, changes: OpChanges) -> None:
        if changes.plan:
            self.reload_structure()
        else:
            self.refresh_views(changes.changeset)

    def refresh_views(self, changeset: ChangeSet, reload_all: bool = False) -> None:
        ids = changeset.action_ids
        if reload_all:
            self.catalogue.reload(self.catalogue.actions.keys())
            ids = set(self.catalogue.actions)
        else:
            self.catalogue.reload(ids)
        self.navigation_model.refresh_actions(ids)
        current = self.fiche_view.action_id
        if current is not None and (current in ids or not changeset):
            self.fiche_view.show_action(current)
        self._dashboard_dirty = True
        if self._dashboard is not None and self.pages.currentWidget() is self._dashboard:
            self.show_dashboard()
        if changeset:
            count = len(changeset)
            self.show_status(f"Enregistré : {count} modification{'s' if count > 1 else ''}.")

    def reload_structure(self) -> None:
        """After a plan change (new plan, avenant, closing, catalogue release) or a restored backup
        (OpChanges.plan): everything is read again."""
        self.catalogue.load()
        self.navigation_model.rebuild()
        self.navigation.reload_choices(self.catalogue)
        self.navigation.apply_filters()
        if self._dashboard is not None:
            showing = self.pages.currentWidget() is self._dashboard
            self.pages.removeWidget(self._dashboard)
            self._dashboard.deleteLater()
            self._dashboard = None
            self._dashboard_dirty = True
            if showing:
                self.show_dashboard()
        current = self.fiche_view.action_id
        self.fiche_view.show_action(current if current in self.catalogue.actions else None)

    def show_reverted(self, changeset: ChangeSet, verb: str, text: str) -> None:
        """After Annuler / Rétablir: show the fiche concerned (it may not be the one on screen) and say it."""
        ids = [action_id for action_id in changeset.action_ids if action_id in self.catalogue.actions]
        where = ""
        if ids:
            target = self.fiche_view.action_id if self.fiche_view.action_id in ids else min(ids)
            if self.pages.currentWidget() is not self.fiche_view or self.fiche_view.action_id != target:
                self.open_action(target)
            where = f" (fiche {self.catalogue.actions[target].number})"
        self.show_status(f"{verb} : {text}{where}.")

    def show_dashboard(self) -> None:
        self.fiche_view.commit_pending()
        if self._dashboard_dirty:
            self.dashboard.refresh(self.today(), self._grace_days(), int(self.settings.value("stale_days")))
            self._dashboard_dirty = False
        self.pages.setCurrentWidget(self.dashboard)
        self.navigation.hide()
        self.show_dashboard_action.setChecked(True)

    def show_fiche(self) -> None:
        self.navigation.show()
        self.pages.setCurrentWidget(self.fiche_view)
        self.show_fiche_action.setChecked(True)

    def apply_settings(self) -> None:
        self._user = str(self.settings.value("user_name"))
        if self._services is not None:
            self._services.user = self._user
        central = self.settings.central_mode
        self.navigation.set_referent_name(str(self.settings.value("referent_name")), self._user)
        self.navigation_model.set_lateness(self.today(), self._grace_days())
        self.fiche_view.configure(self.today(), self._grace_days(), central)
        self.fiche_view.show_action(self.fiche_view.action_id)
        self._dashboard_dirty = True
        mode = "équipe centrale" if central else "référent"
        self.mode_label.setText(f"Mode {mode} · {self._user}")

    def open_settings(self) -> None:
        from sdus_desktop.ui.common.dialogs import SettingsDialog

        self.fiche_view.commit_pending()
        dialog = SettingsDialog(self.settings, self)
        if dialog.exec():
            self.apply_settings()
            self.show_status("Paramètres enregistrés.")

    def _grace_days(self) -> int:
        return int(self.settings.value("lateness_grace_days"))

    # -- menus --------------------------------------------------------------------------------
    def _action(self, menu: str, text: str, slot: Callable[[], object],
                shortcut: QKeySequence | QKeySequence.StandardKey | str | None = None,
                accessible: str | None = None) -> QAction:
        action = make_action(self, text, slot, shortcut, accessible)
        self.menus[menu].addAction(action)
        return action

    def _build_actions(self) -> None:
        self.undo_action = self.undo_stack.createUndoAction(self, "&Annuler")
        self.undo_action.setShortcut(QKeySequence("Ctrl+Z"))
        self.redo_action = self.undo_stack.createRedoAction(self, "&Rétablir")
        self.redo_action.setShortcuts([QKeySequence("Ctrl+Shift+Z"), QKeySequence("Ctrl+Y")])
        self.menus["edition"].addAction(self.undo_action)
        self.menus["edition"].addAction(self.redo_action)
        self.menus["edition"].addSeparator()
        self._action("edition", "Rec&hercher une fiche", self._focus_search, QKeySequence("Ctrl+F"))

        self.show_fiche_action = self._action("affichage", "&Fiche sélectionnée", self.show_fiche, "Ctrl+1")
        self.show_dashboard_action = self._action("affichage", "&Tableau de bord", self.show_dashboard, "Ctrl+2")
        self.timeline_action = self._action("affichage", "Ca&lendrier des étapes…", self._timeline, "Ctrl+3")
        for action in (self.show_fiche_action, self.show_dashboard_action):
            action.setCheckable(True)
        self.show_fiche_action.setChecked(True)
        self.menus["affichage"].addSeparator()
        for index, widget in enumerate((self.fiche_view.document, self.fiche_view.suivi, self.fiche_view.steps,
                                        self.fiche_view.indicators, self.fiche_view.history, self.fiche_view.notes)):
            title = self.fiche_view.tabs.tabText(index).replace("&", "")
            self._action("affichage", f"Onglet {title}", partial(self._show_tab, widget), f"Alt+{index + 1}")
        self.menus["affichage"].addSeparator()
        self._action("affichage", "Arborescence : tout &déplier", self.navigation.tree.expandAll)
        self._action("affichage", "Arborescence : tout &replier", lambda: self.navigation.tree.expandToDepth(0))
        self.menus["affichage"].addAction(self.navigation.referent_column_action)

        self._action("outils", "&Paramètres…", self.open_settings, "Ctrl+,")
        self._action("aide", "&Premiers pas", self._guide, QKeySequence.StandardKey.HelpContents)
        self._action("aide", "À pr&opos de SDUS Desktop", self._about)
        self._action("aide", "&Raccourcis clavier", self._shortcuts_help)

    def _timeline(self) -> None:
        from sdus_desktop.ui.dashboard.timeline_view import (
            open_timeline,  # Gantt of the étapes (ui/dashboard/timeline_view.py)
        )

        open_timeline(self)

    def _show_tab(self, widget: QWidget) -> None:
        self.show_fiche()
        self.fiche_view.tabs.setCurrentWidget(widget)
        widget.setFocus()

    def _focus_search(self) -> None:
        self.navigation.search.setFocus()
        self.navigation.search.selectAll()

    def _guide(self) -> None:
        from sdus_desktop.ui.common.help_dialog import HelpDialog

        HelpDialog(self).exec()

    def _about(self) -> None:
        messages.information(self, "À propos de SDUS Desktop",
                             f"{APP_NAME} {__version__}\n\nSuivi du Schéma Départemental Unique des Solidarités "
                             "(SDUS) et du Schéma Départemental des Services aux Familles (SDSF) de la Lozère.\n\n"
                             f"Base de données : {self.db.path}")

    def _shortcuts_help(self) -> None:
        lines = []
        for key in MENU_TITLES:
            for action in self.menus[key].actions():
                if action.shortcut().toString():
                    shortcut = action.shortcut().toString(QKeySequence.SequenceFormat.NativeText)
                    lines.append(f"{shortcut} : {action.text().replace('&', '')}")
        messages.information(self, "Raccourcis clavier", "\n".join(lines))

    # -- geometry -----------------------------------------------------------------------------
    def _restore_geometry(self) -> None:
        stored = self.settings.qsettings
        geometry = stored.value("fenetre/geometrie")
        if not (isinstance(geometry, QByteArray | bytes) and self.restoreGeometry(QByteArray(geometry))):
            self.resize(DEFAULT_SIZE)
        splitter = stored.value("fenetre/separateur")
        if isinstance(splitter, QByteArray | bytes):
            self.splitter.restoreState(QByteArray(splitter))
        self.fit_to_screen()

    def fit_to_screen(self) -> None:
        """Keep the window inside the available area of its screen (a geometry saved on a larger screen,
        or the default size on a 1024×600 laptop, never opens partly off screen)."""
        screen = self.screen() or QGuiApplication.primaryScreen()
        if screen is None:
            return
        area = screen.availableGeometry()
        frame = self.frameGeometry()
        extra_w, extra_h = frame.width() - self.width(), frame.height() - self.height()
        width = min(self.width(), area.width() - extra_w)
        height = min(self.height(), area.height() - extra_h)
        if (width, height) != (self.width(), self.height()):
            self.resize(width, height)
        x = min(max(frame.x(), area.left()), area.right() + 1 - width - extra_w)
        y = min(max(frame.y(), area.top()), area.bottom() + 1 - height - extra_h)
        self.move(x, y)

    def closeEvent(self, event: QCloseEvent) -> None:
        self.fiche_view.commit_pending()
        stored = self.settings.qsettings
        stored.setValue("fenetre/geometrie", self.saveGeometry())
        stored.setValue("fenetre/separateur", self.splitter.saveState())
        stored.sync()
        super().closeEvent(event)
