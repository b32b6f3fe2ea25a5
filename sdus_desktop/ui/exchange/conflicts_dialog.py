"""The "Conflits à arbitrer" queue: for each cell changed in the database and in a workbook, keep the
database value, take the workbook's, type a third value, or (texts) keep both; open the fiche of a row."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
)

from sdus_desktop.core.period_lock import LOCK_SYMBOL
from sdus_desktop.ops.changes import OpChanges
from sdus_desktop.store.changes import EditError
from sdus_desktop.ui.common import messages
from sdus_desktop.ui.common.flow_layout import flow_row
from sdus_desktop.ui.common.screen_fit import resize_within_screen
from sdus_desktop.ui.common.undo import follow_changes
from sdus_desktop.ui.common.widgets import plain_tooltip

if TYPE_CHECKING:
    from sdus_desktop.ui.common.window_protocol import MainWindowWidget

if TYPE_CHECKING:
    from sdus_desktop.store.services import Services

HEADERS = ["N°", "Élément", "Base de données", "Classeur", "À l'export", "Origine"]


class ValueText(QPlainTextEdit):
    """A third value for a long text (bilan, commentaire, note) typed on several lines: Entrée starts a new
    line, Tab leaves the field (everything by keyboard), Ctrl+Entrée decides — as in the Notes tab."""

    def __init__(self) -> None:
        super().__init__()
        self.setTabChangesFocus(True)
        self.setAccessibleName("Autre valeur pour le conflit sélectionné (texte sur plusieurs lignes)")
        self.setPlaceholderText("Le texte à garder : Entrée va à la ligne, Ctrl+Entrée tranche le conflit.")
        self.setMaximumHeight(90)   # the list of conflicts keeps the room at 1024×600


class ConflictsDialog(QDialog):
    def __init__(self, window: MainWindowWidget) -> None:
        super().__init__(window)
        self.window_ = window
        self.setWindowTitle("Conflits à arbitrer")
        resize_within_screen(self, 1100, 500)
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
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
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
        self.both_button = QPushButton("Garder les &deux textes")
        self.both_button.setAccessibleName("Garder les deux textes : celui de la base, puis celui du classeur")
        self.open_button = QPushButton("&Ouvrir la fiche")
        self.open_button.setAccessibleName("Ouvrir la fiche du conflit sélectionné")
        # A third value, typed for the selected conflict and read by the field's own parser.
        self.value_edit = QLineEdit()
        self.value_edit.setAccessibleName("Autre valeur pour le conflit sélectionné")
        self.value_edit.setPlaceholderText("ex. 45 %, 15/03/2026, Réalisée…")
        self.value_text = ValueText()
        self.value_text.setVisible(False)
        self.value_label = QLabel("Autre &valeur :")
        self.value_label.setBuddy(self.value_edit)
        self.typed_button = QPushButton("&Saisir cette valeur")
        self.typed_button.setAccessibleName("Trancher le conflit sélectionné avec la valeur saisie")
        self.value_edit.returnPressed.connect(self.resolve_typed)
        for keys in ("Ctrl+Return", "Ctrl+Enter"):
            QShortcut(QKeySequence(keys), self.value_text, self.resolve_typed,
                      context=Qt.ShortcutContext.WidgetShortcut)
        self.typed_button.clicked.connect(self.resolve_typed)
        self.both_button.clicked.connect(self.resolve_both)
        self.open_button.clicked.connect(self.open_fiche)
        typed_row = QHBoxLayout()
        typed_row.addWidget(self.value_label, 0, Qt.AlignmentFlag.AlignTop)
        typed_row.addWidget(self.value_edit, 1)
        typed_row.addWidget(self.value_text, 1)
        typed_row.addWidget(self.typed_button, 0, Qt.AlignmentFlag.AlignTop)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        # The decisions wrap onto a second line rather than widen the dialog (1024×600 at 125 %).
        actions = flow_row(self.keep_button, self.take_button, self.both_button, self.open_button)
        for each in [*buttons.buttons(), self.keep_button, self.take_button, self.both_button, self.open_button,
                     self.typed_button]:
            if isinstance(each, QPushButton):
                each.setAutoDefault(False)   # Entrée in the value field decides with the typed value only
        buttons.rejected.connect(self.reject)
        button_row = QHBoxLayout()
        button_row.addWidget(actions, 1)
        button_row.addWidget(buttons, 0, Qt.AlignmentFlag.AlignBottom)
        self.keep_button.clicked.connect(lambda: self.resolve_selected("mine"))
        self.take_button.clicked.connect(lambda: self.resolve_selected("theirs"))
        layout = QVBoxLayout(self)
        intro = QLabel("Ces cellules ont été modifiées à la fois dans la base et dans un classeur renvoyé. "
                       f"Sélectionnez des lignes, puis choisissez la valeur à garder. {LOCK_SYMBOL} : cellule "
                       "verrouillée depuis par un comité validé (seule l'équipe centrale peut la changer).")
        intro.setWordWrap(True)  # never wider than a small screen
        layout.addWidget(intro)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.detail)
        layout.addWidget(self.empty)
        layout.addLayout(typed_row)
        layout.addLayout(button_row)
        self.conflicts: list[Any] = []
        self.reload()
        follow_changes(self, window.changed, self._changed)   # a decision here, an import or its undo elsewhere

    def _changed(self, changes: OpChanges) -> None:
        if changes.conflicts:
            self.reload()

    def reload(self) -> None:
        from sdus_desktop.exchange.conflicts import open_conflicts

        self.conflicts = open_conflicts(self.window_.db)
        self.table.setRowCount(len(self.conflicts))
        for row, conflict in enumerate(self.conflicts):
            source = conflict.origin.split(" (export ", 1)[0]  # the export id is in the detail pane
            where = f"{LOCK_SYMBOL} {conflict.where}\n({conflict.locked})" if conflict.locked else conflict.where
            texts = [str(conflict.id), where, conflict.current, conflict.theirs, conflict.base,
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
        for widget in (self.keep_button, self.take_button, self.typed_button, self.value_edit, self.value_text,
                       self.open_button):
            widget.setEnabled(bool(self.conflicts))

    def show_detail(self, row: int) -> None:
        current = self.conflicts[row] if 0 <= row < len(self.conflicts) else None
        self.both_button.setEnabled(bool(current and current.joinable))
        self.open_button.setEnabled(bool(current and current.action_id is not None))
        self._use_multiline(bool(current and current.multiline))
        if current is None:
            self.detail.setPlainText("")
            return
        conflict = current
        locked = ""
        if conflict.locked:
            how = ("en mode central, le changer est une correction, confirmée puis inscrite au journal"
                   if self.window_.settings.central_mode
                   else "prendre la valeur du classeur ou en saisir une autre est refusé (demandez à l'équipe "
                        "centrale)")
            locked = f"\n{LOCK_SYMBOL} {conflict.locked} depuis ce conflit : {how}."
        self.detail.setPlainText(
            f"{conflict.where}\nBase de données : {conflict.current}\nClasseur : {conflict.theirs}\n"
            f"À l'export : {conflict.base}\nOrigine : {conflict.origin}, le {conflict.created_at:%d/%m/%Y à %H:%M}"
            f"{locked}")

    def _use_multiline(self, multiline: bool) -> None:
        """A long text gets the multi-line editor, any other field the single line (Entrée decides)."""
        had_focus = self.value_input().hasFocus()
        self.value_text.setVisible(multiline)
        self.value_edit.setVisible(not multiline)
        self.value_label.setBuddy(self.value_input())
        if had_focus:
            self.value_input().setFocus()

    def value_input(self) -> QLineEdit | QPlainTextEdit:
        """The editor of a third value for the current conflict."""
        return self.value_text if not self.value_text.isHidden() else self.value_edit

    def typed_value(self) -> str:
        editor = self.value_input()
        return editor.toPlainText() if isinstance(editor, QPlainTextEdit) else editor.text()

    def select_rows(self, rows: list[int]) -> None:
        self.table.clearSelection()
        from PySide6.QtCore import QItemSelectionModel

        for row in rows:
            index = self.table.model().index(row, 0)
            self.table.selectionModel().select(index, QItemSelectionModel.SelectionFlag.Select | QItemSelectionModel.SelectionFlag.Rows)

    def resolve_selected(self, choice: str) -> int:
        from sdus_desktop.exchange.conflicts import ConflictError
        from sdus_desktop.ops.conflicts import decide

        rows = sorted({index.row() for index in self.table.selectionModel().selectedRows()})
        if not rows:
            messages.warn(self, self.windowTitle(), "Sélectionnez d'abord un ou plusieurs conflits dans la liste.")
            return 0
        ids = [self.conflicts[row].id for row in rows]
        done = self.window_.editor.perform(lambda services: decide(services, ids, choice), refused=self._refused,
                                           errors=(ConflictError, EditError))
        if done is None:
            return 0
        what = "valeur de la base gardée" if choice == "mine" else "valeur du classeur appliquée"
        self.window_.show_status(f"{len(ids)} conflit(s) arbitré(s) : {what}.")
        return len(ids)

    def _refused(self, error: Exception) -> None:
        messages.warn(self, self.windowTitle(), f"Arbitrage impossible : {error}")

    def _current(self) -> Any:
        row = self.table.currentRow()
        if not 0 <= row < len(self.conflicts):
            messages.warn(self, self.windowTitle(), "Sélectionnez d'abord un conflit dans la liste.")
            return None
        return self.conflicts[row]

    def resolve_typed(self) -> bool:
        """Decide the current conflict with the typed value; a refused value keeps the dialog as it was."""
        from sdus_desktop.ops.conflicts import decide_typed

        text = self.typed_value()
        return self._decide(lambda services, conflict_id: decide_typed(services, conflict_id, text),
                            "valeur saisie appliquée")

    def resolve_both(self) -> bool:
        from sdus_desktop.ops.conflicts import decide_both

        return self._decide(lambda services, conflict_id: decide_both(services, conflict_id), "les deux textes gardés")

    def _decide(self, decide: Callable[[Services, int], OpChanges], what: str) -> bool:
        from sdus_desktop.exchange.conflicts import ConflictError

        conflict = self._current()
        if conflict is None:
            return False

        def refused(error: Exception) -> None:
            self._refused(error)
            self.value_input().setFocus()

        done = self.window_.editor.perform(lambda services: decide(services, conflict.id), refused=refused,
                                           errors=(ConflictError, EditError))
        if done is None:
            return False
        self.window_.show_status(f"Conflit n° {conflict.id} arbitré : {what}.")
        self.value_edit.clear()
        self.value_text.clear()
        return True

    def open_fiche(self) -> None:
        """Show the selected conflict's fiche in the main window (the dialog closes so the fiche is in view)."""
        conflict = self._current()
        if conflict is None or conflict.action_id is None:
            return
        self.window_.open_action(conflict.action_id)
        self.accept()
