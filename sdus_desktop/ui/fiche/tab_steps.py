"""« Étapes » tab: the steps table; central mode adds, reorders and removes steps."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QGuiApplication, QKeyEvent, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from sdus_desktop.core.period_lock import LOCK_SYMBOL, CellKey, Lock
from sdus_desktop.core.statuses import LATE_SYMBOL, StepStatus
from sdus_desktop.store.readmodel import Action
from sdus_desktop.ui.common import messages
from sdus_desktop.ui.common.delegates import CommitDelegate, DateDelegate, EnumDelegate
from sdus_desktop.ui.common.flow_layout import flow_row
from sdus_desktop.ui.common.undo import Editor
from sdus_desktop.ui.common.widgets import ColumnStretcher, setup_editable_table
from sdus_desktop.ui.fiche.steps_model import DATE_FIELDS, FIELDS, StepsModel

# Fixed widths, the width of their content (« 31/12/2024 », « ✕ Abandonnée »: a late état wraps on two lines);
# libellé and commentaire share what is left. All fit at 1366 px; at 1024×600 the calendrier column folds into the
# libellé (below) so that the État and the start of the Commentaire show; narrower still, the table scrolls.
WIDEST = {"number": "99", "calendrier": "Calendrier", "planned_start": "31/12/2024", "planned_end": "31/12/2024",
          "actual_start": "31/12/2024", "actual_end": "31/12/2024", "status": max((f"{s.symbol} {s.label}" for s in StepStatus), key=len)}
CELL_PADDING = 10   # the cell's margins and the grid line around the widest text
STRETCH_MINIMUMS = {"label": 100, "comment": 70}


class StepsTab(QWidget):
    def __init__(self, editor: Editor, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.editor = editor
        self.action: Action | None = None
        self.model = StepsModel(editor, self)
        self.table = QTableView()
        self.table.setModel(self.model)
        setup_editable_table(self.table, "Tableau des étapes de la fiche")
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        # …up to about six lines: a long libellé does not hide the other étapes (whole in its tooltip)
        self.table.verticalHeader().setMaximumSectionSize(6 * self.fontMetrics().lineSpacing() + 8)
        self.table.installEventFilter(self)
        self._text = CommitDelegate(self.table)
        self.table.setItemDelegate(self._text)
        self._dates = DateDelegate(self.table, lambda index: self.model.suggested_date(index.row(),
                                                                                   FIELDS[index.column()]))
        self._status = EnumDelegate(StepStatus, self.table)
        for name in ("planned_start", "planned_end", "actual_start", "actual_end"):
            self.table.setItemDelegateForColumn(FIELDS.index(name), self._dates)
        self.table.setItemDelegateForColumn(FIELDS.index("status"), self._status)
        metrics = self.table.fontMetrics()
        self.widths = {name: metrics.horizontalAdvance(text) + CELL_PADDING for name, text in WIDEST.items()}
        for name, width in self.widths.items():
            self.table.setColumnWidth(FIELDS.index(name), width)
        self.stretcher = ColumnStretcher(self.table, {FIELDS.index(name): minimum
                                                      for name, minimum in STRETCH_MINIMUMS.items()})
        self.setFocusProxy(self.table)  # Alt+3, or clicking the tab, puts the keyboard in the table

        legend = QLabel(f"Italique : date déduite du calendrier. {LATE_SYMBOL} : fin prévue dépassée. {LOCK_SYMBOL} : "
                        "arrêté par un comité validé. F2 ou frappe : modifier (15/03/2021, 15/3/21…) ; F4 : "
                        "calendrier ; Suppr : effacer.")
        legend.setToolTip("Dates prévues en italique : déduites du calendrier (saisissez une date pour la "
                          "remplacer). Une fin réelle saisie marque l'étape réalisée. Le libellé complet d'une "
                          f"étape s'affiche au survol. {LOCK_SYMBOL} : date ou état arrêté par un comité validé, "
                          "que seule l'équipe centrale peut corriger.")
        legend.setWordWrap(True)
        legend.setStyleSheet("color: #4a4a4a;")
        self.add_button = QPushButton("Ajouter une éta&pe…")
        self.up_button = QPushButton("Monter (Alt+↑)")
        self.down_button = QPushButton("Descendre (Alt+↓)")
        self.remove_button = QPushButton("Supprimer l'étape")
        for button, name in ((self.add_button, "Ajouter une étape"), (self.up_button, "Monter l'étape"),
                             (self.down_button, "Descendre l'étape"), (self.remove_button, "Supprimer l'étape")):
            button.setAccessibleName(name)
        self.up_button.setShortcut(QKeySequence("Alt+Up"))
        self.down_button.setShortcut(QKeySequence("Alt+Down"))
        self.add_button.clicked.connect(self.add_step)
        self.up_button.clicked.connect(lambda: self.move_selected(-1))
        self.down_button.clicked.connect(lambda: self.move_selected(+1))
        self.remove_button.clicked.connect(self.remove_selected)
        buttons = flow_row(self.add_button, self.up_button, self.down_button, self.remove_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table, 1)
        layout.addWidget(legend)
        layout.addWidget(buttons)

    def show_action(self, action: Action, today: date, grace_days: int, central: bool,
                    locks: dict[CellKey, Lock] | None = None) -> None:
        row = self.table.currentIndex().row()
        column = self.table.currentIndex().column()
        self.action = action
        self.model.set_steps(action.steps, today, grace_days, central, locks)
        for button in (self.add_button, self.up_button, self.down_button, self.remove_button):
            button.setVisible(central)
        if 0 <= row < self.model.rowCount():
            self.table.setCurrentIndex(self.model.index(row, max(column, 0)))
        self.fold_calendrier()

    def fold_calendrier(self) -> None:
        """In référent mode the calendrier prévu is read-only and the planned dates (italic) are deduced from it:
        when the table is too narrow for every column, it is shown inside the libellé cell instead of its own
        column, so that the État and the Commentaire stay in view (1024×600). Central mode, which edits it,
        keeps the column (and scrolls)."""
        column = FIELDS.index("calendrier")
        frame = 2 * self.table.frameWidth() + self.table.verticalScrollBar().sizeHint().width()
        needed = sum(self.widths.values()) + sum(STRETCH_MINIMUMS.values())
        fold = not self.model.central and self.table.width() - frame < needed
        if fold != self.table.isColumnHidden(column):
            self.table.setColumnHidden(column, fold)
            self.model.set_calendrier_in_label(fold)
            self.stretcher.fit()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """On a date cell (not being edited): Suppr clears it, Ctrl+V pastes a date into it (read like a
        typed one: refused with its place when it is not a date)."""
        if watched is self.table and event.type() == QEvent.Type.Resize:
            self.fold_calendrier()
        if watched is self.table and event.type() == QEvent.Type.KeyPress and isinstance(event, QKeyEvent):
            index = self.table.currentIndex()
            on_date = index.isValid() and FIELDS[index.column()] in DATE_FIELDS \
                and bool(self.model.flags(index) & Qt.ItemFlag.ItemIsEditable)
            if on_date and event.key() in (Qt.Key.Key_Delete, Qt.Key.Key_Backspace):
                self.model.setData(index, None)
                return True
            if on_date and event.matches(QKeySequence.StandardKey.Paste):
                text = QGuiApplication.clipboard().text().strip()
                if text:
                    self.model.setData(index, text)
                return True
        return super().eventFilter(watched, event)

    def selected_step(self) -> int | None:
        index = self.table.currentIndex()
        return self.model.steps[index.row()].id if index.isValid() else None

    def add_step(self) -> None:
        if self.action is None:
            return
        label = messages.ask_text(self, "Nouvelle étape", "Libellé de la nouvelle étape :")
        if label:
            action_id = self.action.id
            from sdus_desktop.ops import edits  # the write side loads with the first edit
            self.editor.run(lambda services: edits.add_step(services, action_id, label), "ajout d'une étape")

    def move_selected(self, delta: int) -> None:
        index = self.table.currentIndex()
        if not index.isValid():
            return
        step = self.model.steps[index.row()]
        target = step.number + delta
        if 1 <= target <= len(self.model.steps):
            from sdus_desktop.ops import edits  # the write side loads with the first edit
            self.editor.run(lambda services: edits.move_step(services, step.id, target), "déplacement d'une étape")
            self.table.setCurrentIndex(self.model.index(target - 1, index.column()))

    def remove_selected(self) -> None:
        index = self.table.currentIndex()
        if not index.isValid():
            return
        step = self.model.steps[index.row()]
        if messages.confirm(self, "Supprimer l'étape",
                            f"Supprimer l'étape {step.number} « {step.label} » ? (Ctrl+Z pour annuler)"):
            from sdus_desktop.ops import edits  # the write side loads with the first edit
            self.editor.run(lambda services: edits.remove_step(services, step.id), "suppression d'une étape")
